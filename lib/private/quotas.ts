import type { IConstruct } from 'constructs';
import { Annotations, CfnResource, Stack } from 'aws-cdk-lib';
import type { Quota } from './limits';
import { LIMITS, howToRaise } from './limits';
import { routeRegistryOf } from './route-registry';

/**
 * Warns once, when a count first passes a raisable quota, naming the quota and where to raise it.
 * The warning's id is `cdk-apigatewayv2:{counted, camel-cased}Quota`, e.g. `lambdaAuthorizersQuota`.
 */
export function warnPastQuota(scope: IConstruct, count: number, quota: Quota): void {
  if (count !== quota.value + 1) return;
  const id = quota.counted.split(/\s+/).map((word, i) => i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1)).join('');
  Annotations.of(scope).addWarningV2(`cdk-apigatewayv2:${id}Quota`,
    `this API has more than ${quota.value} ${quota.counted}, API Gateway's default quota: ${howToRaise(quota)} `
    + 'before deploying, or the deploy fails');
}

/** How to move routes of an HTTP API into another stack. */
export const HTTP_ROUTE_MOVE = 'with addRoutes({ scope })';
/** How to move routes of a WebSocket API into another stack. */
export const WEBSOCKET_ROUTE_MOVE = 'by creating them there with new WebSocketRoute(scope, id, { webSocketApi, routeKey, integration })';

/** How many constructs the breakdown names before it sums up the rest. */
const LISTED_OWNERS = 8;

/** Stacks whose resource count was already explained in an error, to explain it once. */
const explained = new WeakSet<Stack>();
/** Stacks that already carry a resource-limit validation. */
const watched = new WeakSet<Stack>();

/**
 * Checks, at synth time, the stack of `scope` against CloudFormation's resource limit, with
 * the breakdown of `resourceLimitProblems`. Each stack gets one validation however many routes
 * call this, so the check costs one pass over the stack's resources.
 */
export function watchResourceLimit(scope: IConstruct, move: string): void {
  const stack = Stack.of(scope);
  if (watched.has(stack)) return;
  watched.add(stack);
  stack.node.addValidation({ validate: () => stackResourceProblems(stack, move) });
}

/**
 * The resource-limit problems of the HTTP API `scope`: those of its own stack and of every
 * stack that holds its routes (routes added with `addRoutes({ scope })` or created elsewhere).
 */
export function resourceLimitProblems(scope: IConstruct): string[] {
  const stacks = new Set<Stack>([Stack.of(scope)]);
  const registry = routeRegistryOf(scope);
  for (const route of registry?._routes() ?? []) {
    const construct = registry?._findRoute(route.key);
    if (construct) stacks.add(Stack.of(construct));
  }
  return [...stacks].flatMap(stack => stackResourceProblems(stack, HTTP_ROUTE_MOVE));
}

/**
 * When a stack holds more resources than CloudFormation allows (`LIMITS.stackResources` unless the
 * `@aws-cdk/core:stackResourceLimit` context changes it, 0 turning the check off), says which
 * top-level constructs contributed how many, once per stack. CDK itself would only count
 * resource types. A nested stack is a stack of its own to CloudFormation, with its own limit.
 */
function stackResourceProblems(stack: Stack, move: string): string[] {
  // The same setting CDK's own check reads.
  const context = stack.node.tryGetContext('@aws-cdk/core:stackResourceLimit');
  const limit = context !== undefined ? parseInt(String(context), 10) : LIMITS.stackResources.value;
  if (limit === 0 || explained.has(stack)) return [];
  const resources = stack.node.findAll().filter(c => c instanceof CfnResource && Stack.of(c) === stack) as CfnResource[];
  if (resources.length <= limit) return [];
  explained.add(stack);

  const depth = stack.node.scopes.length;
  const byOwner = new Map<string, Map<string, number>>();
  for (const resource of resources) {
    const owner = resource.node.scopes[depth]?.node.id ?? resource.node.id;
    const types = byOwner.get(owner) ?? new Map<string, number>();
    types.set(resource.cfnResourceType, (types.get(resource.cfnResourceType) ?? 0) + 1);
    byOwner.set(owner, types);
  }
  const total = (types: Map<string, number>) => [...types.values()].reduce((a, b) => a + b, 0);
  const describe = (types: Map<string, number>) =>
    `${total(types)} (${[...types.entries()].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${n} ${type}`).join(', ')})`;
  const owners = [...byOwner.entries()].sort((a, b) => total(b[1]) - total(a[1]));
  const lines = owners.slice(0, LISTED_OWNERS).map(([owner, types]) => `'${owner}' ${describe(types)}`);
  // Routes created straight under a stack are top-level constructs each: sum them up.
  const rest = owners.slice(LISTED_OWNERS);
  if (rest.length > 0) {
    const merged = new Map<string, number>();
    for (const [, types] of rest) {
      for (const [type, n] of types) merged.set(type, (merged.get(type) ?? 0) + n);
    }
    lines.push(`${rest.length} other constructs ${describe(merged)}`);
  }

  if (stack.nested) {
    return [`nested stack '${stack.node.path}' holds ${resources.length} CloudFormation resources, over the limit of ${limit}, `
      + `which CloudFormation applies to each nested stack on its own: ${lines.join('; ')}. `
      + `Move routes to another NestedStack ${move}, or reuse integration objects so that routes share integrations`];
  }
  return [`stack '${stack.stackName}' holds ${resources.length} CloudFormation resources, over the limit of ${limit}: `
    + `${lines.join('; ')}. Move routes to another stack or a NestedStack ${move}, `
    + 'or reuse integration objects so that routes share integrations'];
}
