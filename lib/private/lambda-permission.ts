import type { IConstruct } from 'constructs';
import { Names, Stack } from 'aws-cdk-lib';
import type { IApiRef } from 'aws-cdk-lib/aws-apigatewayv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { apiRegistryOf } from './api-registry';
import { executeApiSourceArn } from './arns';

/**
 * Lets API Gateway invoke a function from the `execute-api` resources `sourceArn` names: an
 * `AWS::Lambda::Permission` with the construct id `id` under `scope`.
 */
export function allowInvokeFrom(handler: IFunction, id: string, scope: IConstruct, sourceArn: string): void {
  handler.addPermission(id, {
    scope,
    principal: new ServicePrincipal('apigateway.amazonaws.com'),
    sourceArn,
  });
}

/** The permission of a Lambda integration on one route: its construct id and source ARN. */
export interface RoutePermission {
  /** The construct id, under the route: aws-cdk-lib's `${integrationId}-Permission`. */
  readonly id: string;
  /** The part of the source ARN after `{apiId}/`, e.g. `*\/*\/books` (HTTP) or `*sendmessage` (WebSocket). */
  readonly resourceName: string;
}

/**
 * Lets an API invoke the function of a Lambda integration that a route binds, with the
 * permissions the integration's `scopePermissionToRoute` and the API's templates choose:
 *
 * - one per route (`permission`), when `scopePermissionToRoute` is true, or unset under
 *   aws-cdk-lib's templates (aws-cdk-lib's default);
 * - aws-cdk-lib's API-scoped permission, when `scopePermissionToRoute` is false under
 *   aws-cdk-lib's templates (HTTP only: aws-cdk-lib's WebSocket integration has no such prop);
 * - else one per function and API (`grantApiInvoke`).
 */
export function grantRouteInvoke(handler: IFunction, api: IApiRef, routeScope: IConstruct,
  scopePermissionToRoute: boolean | undefined, permission: RoutePermission, hasApiScoped: boolean): void {
  const awsCdkLib = apiRegistryOf(api).awsCdkLibTemplates;
  if (scopePermissionToRoute ?? awsCdkLib) {
    allowInvokeFrom(handler, permission.id, routeScope, executeApiSourceArn(routeScope, api.apiRef.apiId, permission.resourceName));
  } else if (awsCdkLib && hasApiScoped) {
    grantApiScopedInvoke(handler, api, routeScope);
  } else {
    grantApiInvoke(handler, api, routeScope);
  }
}

/**
 * Allows an API to invoke a function through any of its routes and stages, with one
 * `AWS::Lambda::Permission` per function, API and stack however many routes and
 * integrations use the function. The source ARN `{apiId}/*` also matches `$default` routes
 * and WebSocket route keys.
 *
 * The permission lives in the stack of the route that needed it first: under the API when
 * the API is in that stack, else at the stack's root. Its construct id names the function
 * (and the API at a stack's root), so adding routes never changes it. The API's registry
 * remembers which functions it may already invoke from which stacks.
 */
export function grantApiInvoke(handler: IFunction, api: IApiRef, routeScope: IConstruct): void {
  const stack = Stack.of(routeScope);
  // Most calls find the permission already there: answer them before hashing construct paths.
  if (!apiRegistryOf(api).claimInvokeGrant(stack, handler)) return;
  const host: IConstruct = Stack.of(api) === stack ? api : stack;
  const id = host === api
    ? `InvokePermission-${Names.nodeUniqueId(handler.node)}`
    : `InvokePermission-${Names.nodeUniqueId(handler.node)}-${Names.nodeUniqueId(api.node)}`;
  if (host.node.tryFindChild(id)) return;
  allowInvokeFrom(handler, id, host, executeApiSourceArn(stack, api.apiRef.apiId, '*'));
}

/**
 * aws-cdk-lib's permission for `scopePermissionToRoute: false`, kept under aws-cdk-lib's
 * templates: one per function, API and stack, under the first route that binds the function
 * there, with aws-cdk-lib's construct id `ApiPermission.ApiScoped.{function}.{api}`. Its source
 * ARN is `{apiId}/*`, where aws-cdk-lib writes `{apiId}/*\/*\/*`, which leaves out the
 * `$default` route (`{apiId}/{stage}/$default`): a fix the migration guide lists.
 */
function grantApiScopedInvoke(handler: IFunction, api: IApiRef, routeScope: IConstruct): void {
  const stack = Stack.of(routeScope);
  if (!apiRegistryOf(api).claimInvokeGrant(stack, handler, 'aws-cdk-lib')) return;
  const id = `ApiPermission.ApiScoped.${Names.nodeUniqueId(handler.node)}.${Names.nodeUniqueId(api.node)}`;
  allowInvokeFrom(handler, id, routeScope, executeApiSourceArn(routeScope, api.apiRef.apiId, '*'));
}
