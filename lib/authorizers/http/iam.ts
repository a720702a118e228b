import type { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from '../../http/authorizer';
import { HttpAuthorizerType } from '../../http/authorizer';
import type { OpenApiSchemeOptions, OpenApiSecurityScheme } from '../../http/private/openapi/render';
import { openApiRenderers } from '../../http/private/openapi/renderers';

/**
 * Authorizes HTTP API routes with IAM: callers sign requests with Signature Version 4, and
 * their policies must allow `execute-api:Invoke` on the route (see `HttpRoute.grantInvoke`).
 *
 * Creates no resource, so one object may serve any number of routes and APIs.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.HttpApi;
 *
 * const routes = api.addRoutes({
 *   path: '/books',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpUrlIntegration('Books', 'https://books.example.com'),
 *   authorizer: new authorizers.HttpIamAuthorizer(),
 * });
 *
 * const reader = new iam.Role(this, 'Reader', {
 *   assumedBy: new iam.AccountRootPrincipal(),
 * });
 * routes[0].grantInvoke(reader); // the route GET /books
 */
export class HttpIamAuthorizer implements IHttpRouteAuthorizer {
  /** The authorization type of the routes this authorizer protects: `AWS_IAM`. */
  public readonly authorizationType = HttpAuthorizerType.IAM;

  public bind(_options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    return { authorizationType: this.authorizationType };
  }

  /**
   * IAM authorization as the security scheme of an OpenAPI document, named `AWS_IAM`.
   * @internal
   */
  public _renderOpenApiScheme(_options: OpenApiSchemeOptions): OpenApiSecurityScheme {
    const { IAM_SCHEME_NAME, iamScheme } = openApiRenderers();
    return { name: IAM_SCHEME_NAME, authorizationType: 'AWS_IAM', scheme: iamScheme() };
  }
}
