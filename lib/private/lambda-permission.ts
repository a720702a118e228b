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
