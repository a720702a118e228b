import type { IConstruct } from 'constructs';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { problemOf } from './error';
import { LIMITS } from './limits';

/*
 * CloudFormation's limit on the resources of one stack, checked per stack: a stack may hold the
 * routes of several APIs, and an API's routes may be spread over several stacks.
 */

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
 * The resource-limit problems of the stacks that hold an API and its routes (routes added with
 * `addRoutes({ scope })` or created elsewhere), for a validation of the API itself.
 */
export function resourceLimitProblems(stacks: Stack[], move: string): string[] {
  return stacks.flatMap(stack => stackResourceProblems(stack, move));
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
    return [problemOf('stackResources', `nested stack '${stack.node.path}' holds ${resources.length} CloudFormation resources, over the limit of ${limit}, `
      + `which CloudFormation applies to each nested stack on its own: ${lines.join('; ')}. `
      + `Move routes to another NestedStack ${move}, or reuse integration objects so that routes share integrations`)];
  }
  return [problemOf('stackResources', `stack '${stack.stackName}' holds ${resources.length} CloudFormation resources, over the limit of ${limit}: `
    + `${lines.join('; ')}. Move routes to another stack or a NestedStack ${move}, `
    + 'or reuse integration objects so that routes share integrations')];
}
