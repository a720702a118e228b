import type { IConstruct } from 'constructs';

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
