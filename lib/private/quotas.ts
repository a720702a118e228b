import type { IConstruct } from 'constructs';
import { Annotations, CfnResource, Stack } from 'aws-cdk-lib';
import { routeRegistryOf } from './route-registry';

/** API Gateway quotas for HTTP APIs that AWS raises on request: past them, a warning. */
export const HTTP_ROUTES_PER_API = 300;
export const STAGES_PER_API = 10;
export const AUTHORIZERS_PER_API = 10;

/**
 * API Gateway quotas for WebSocket APIs, all raisable: routes and stages in Service Quotas,
 * Lambda authorizers and integrations through the AWS Support Center.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 */
export const WEBSOCKET_ROUTES_PER_API = 300;
export const WEBSOCKET_STAGES_PER_API = 10;
export const WEBSOCKET_AUTHORIZERS_PER_API = 10;
export const WEBSOCKET_INTEGRATIONS_PER_API = 300;

/** Where AWS raises a quota. */
export enum QuotaIncrease {
  /** In the Service Quotas console. */
  SERVICE_QUOTAS = 'request an increase in Service Quotas',
  /** Only through a case with AWS Support. */
  SUPPORT = 'request an increase from the AWS Support Center',
}

/**
 * Warns once, when a count first passes a raisable quota, naming the quota and where to raise it.
 * The warning's id is `cdk-apigatewayv2:{what, camel-cased}Quota`, e.g. `lambdaAuthorizersQuota`.
 */
export function warnPastQuota(scope: IConstruct, what: string, count: number, quota: number,
  increase: QuotaIncrease = QuotaIncrease.SERVICE_QUOTAS): void {
  if (count !== quota + 1) return;
  const id = what.split(/\s+/).map((word, i) => i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1)).join('');
  Annotations.of(scope).addWarningV2(`cdk-apigatewayv2:${id}Quota`,
    `this API has more than ${quota} ${what}, API Gateway's default quota: ${increase} `
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
 * When a stack holds more resources than CloudFormation allows (500 unless the
 * `@aws-cdk/core:stackResourceLimit` context changes it, 0 turning the check off), says which
 * top-level constructs contributed how many, once per stack. CDK itself would only count
 * resource types. A nested stack is a stack of its own to CloudFormation, with its own limit.
 */
function stackResourceProblems(stack: Stack, move: string): string[] {
  // The same setting CDK's own check reads.
  const context = stack.node.tryGetContext('@aws-cdk/core:stackResourceLimit');
  const limit = context !== undefined ? parseInt(String(context), 10) : 500;
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
