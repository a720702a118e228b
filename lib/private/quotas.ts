import type { IConstruct } from 'constructs';
import { Annotations, CfnResource, Stack } from 'aws-cdk-lib';

/** API Gateway quotas for HTTP APIs that AWS raises on request: past them, a warning. */
export const HTTP_ROUTES_PER_API = 300;
export const STAGES_PER_API = 10;
export const AUTHORIZERS_PER_API = 10;

/**
 * Warns once, when a count first passes a raisable quota, naming the quota and where to raise it.
 */
export function warnPastQuota(scope: IConstruct, what: string, count: number, quota: number): void {
  if (count !== quota + 1) return;
  Annotations.of(scope).addWarningV2(`cdk-apigatewayv2:${what.replace(/\s+/g, '')}Quota`,
    `this API has more than ${quota} ${what}, API Gateway's default quota: request an increase in Service Quotas `
    + 'before deploying, or the deploy fails');
}

const explained = new WeakSet<Stack>();

/**
 * When the stack of `scope` holds more resources than CloudFormation allows (500 unless the `@aws-cdk/core:stackResourceLimit` context changes it), says which top-level
 * constructs contributed how many, once per stack. CDK itself would only count resource types.
 */
export function resourceLimitProblems(scope: IConstruct): string[] {
  const stack = Stack.of(scope);
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
  const owners = [...byOwner.entries()].sort((a, b) => total(b[1]) - total(a[1]));
  const lines = owners.map(([owner, types]) => {
    const detail = [...types.entries()].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${n} ${type}`).join(', ');
    return `'${owner}' ${total(types)} (${detail})`;
  });
  return [`stack '${stack.stackName}' holds ${resources.length} CloudFormation resources, over the limit of ${limit}: `
    + `${lines.join('; ')}. Move routes to another stack or a NestedStack with addRoutes({ scope }), `
    + 'or reuse integration objects so that routes share integrations'];
}
