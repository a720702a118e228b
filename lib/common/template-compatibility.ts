/**
 * Which templates an API synthesizes where this library's differ from aws-cdk-lib's.
 *
 * Set it for a whole app with the context key `cdk-apigatewayv2:templateCompatibility` (in
 * `cdk.json`: `"context": { "cdk-apigatewayv2:templateCompatibility": "aws-cdk-lib" }`), or for
 * one API with the `templateCompatibility` prop of `HttpApi` and `WebSocketApi`, which wins over
 * the context. Under `AWS_CDK_LIB`, code that deploys with aws-cdk-lib 2.276 keeps its
 * templates after its imports move to this library, so `cdk diff` shows only the fixes the
 * migration guide lists: moving a deployed app replaces nothing. The checks stay on: input
 * that would fail at deploy time is still refused, and the warnings still appear.
 *
 * @see https://github.com/cdk-apigatewayv2/cdk-apigatewayv2/blob/main/docs/migrating-from-aws-cdk-lib.md
 */
export enum TemplateCompatibility {
  /**
   * aws-cdk-lib 2.276's templates: one Lambda permission per route (as aws-cdk-lib's
   * `scopePermissionToRoute` default), and one integration resource per integration object.
   * An integration's own `scopePermissionToRoute` and the API's `shareIntegrations` still win.
   */
  AWS_CDK_LIB = 'aws-cdk-lib',

  /**
   * This library's templates (the default): one Lambda permission per function and API, and
   * integration objects that configure the same backend call share one integration resource.
   */
  CDK_APIGATEWAYV2 = 'cdk-apigatewayv2',
}
