import type { IConstruct } from 'constructs';
import type { Stack } from 'aws-cdk-lib';
import { Token } from 'aws-cdk-lib';

/**
 * The API Gateway account logging roles (`ApiGatewayAccountLoggingRole`) created in each app,
 * in creation order: stages look here to tell whether logging has a role to write with.
 */
const rolesByApp = new WeakMap<IConstruct, IConstruct[]>();

/** The logging roles created in the app of `scope`; the array is live, to record new ones. */
export function accountLoggingRolesOf(scope: IConstruct): IConstruct[] {
  const root = scope.node.root;
  let roles = rolesByApp.get(root);
  if (!roles) {
    roles = [];
    rolesByApp.set(root, roles);
  }
  return roles;
}

/**
 * Whether two stacks may deploy to the same account and Region: an account or Region that
 * is unknown at synth time (an environment-agnostic stack) may be any.
 */
export function sameEnvironment(a: Stack, b: Stack): boolean {
  const same = (x: string, y: string) => Token.isUnresolved(x) || Token.isUnresolved(y) || x === y;
  return same(a.account, b.account) && same(a.region, b.region);
}
