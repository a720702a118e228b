import type { IConstruct } from 'constructs';
import { ArnFormat, Names, Stack } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IApi } from '../../common/api';

/**
 * Allows an API to invoke a function through any of its routes and stages, with one
 * `AWS::Lambda::Permission` per function, API and stack however many routes and
 * integrations use the function. The source ARN `{apiId}/*` also matches `$default` routes
 * and WebSocket route keys.
 *
 * The permission lives in the stack of the route that needed it first: under the API when
 * the API is in that stack, else at the stack's root. Its construct id names the function
 * (and the API at a stack's root), so adding routes never changes it.
 */
export function grantApiInvoke(handler: IFunction, api: IApi, routeScope: IConstruct): void {
  const stack = Stack.of(routeScope);
  const host: IConstruct = Stack.of(api) === stack ? api : stack;
  // Most calls find the permission already there: answer them before hashing construct paths.
  const granted = grantedBy(host);
  const grantKey = host === api ? handler : `${handler.node.addr}/${api.node.addr}`;
  if (granted.has(grantKey)) return;
  granted.add(grantKey);
  const id = host === api
    ? `InvokePermission-${Names.nodeUniqueId(handler.node)}`
    : `InvokePermission-${Names.nodeUniqueId(handler.node)}-${Names.nodeUniqueId(api.node)}`;
  if (host.node.tryFindChild(id)) return;
  handler.addPermission(id, {
    scope: host,
    principal: new ServicePrincipal('apigateway.amazonaws.com'),
    sourceArn: stack.formatArn({
      service: 'execute-api',
      resource: api.apiId,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      resourceName: '*',
    }),
  });
}

/** The functions (or function and API pairs, at a stack's root) already granted under a host. */
const grants = new WeakMap<IConstruct, Set<unknown>>();

function grantedBy(host: IConstruct): Set<unknown> {
  let granted = grants.get(host);
  if (!granted) {
    granted = new Set();
    grants.set(host, granted);
  }
  return granted;
}
