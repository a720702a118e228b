import type { IConstruct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import { refuse, shown } from '../../private/error';

/**
 * The route table of a WebSocket API: the keys of the routes this app created on it, and the
 * counts of its stages, authorizers and integrations, for their quotas. WebSocket APIs of this
 * library, created or imported, keep one; other references do not.
 */
export interface IWebSocketRouteRegistry {
  /** Records a route; refuses a key the API already has. */
  _registerWebSocketRoute(routeKey: string, route: IConstruct): void;
  /** Refuses a key the API already has. */
  _assertRouteKeyFree(routeKey: string, scope: IConstruct): void;
  /** The route with this key that this app created, if any. */
  _findWebSocketRoute(routeKey: string): IConstruct | undefined;
  /** Counts a stage of the API, for its quota. */
  _noteStage(): void;
  /** Counts a Lambda authorizer of the API, for its quota. */
  _noteAuthorizer(): void;
  /** Counts an integration of the API, for its quota. */
  _noteIntegration(): void;
}

/** The route registry of a WebSocket API, when it keeps one. */
export function webSocketRouteRegistryOf(api: object): IWebSocketRouteRegistry | undefined {
  const candidate = api as Partial<IWebSocketRouteRegistry>;
  return typeof candidate._registerWebSocketRoute === 'function' ? candidate as IWebSocketRouteRegistry : undefined;
}

/** Refuses an empty route key; a token is taken as it is. */
export function validateRouteKey(routeKey: string, scope: IConstruct): void {
  if (typeof routeKey !== 'string' || (!Token.isUnresolved(routeKey) && routeKey.length === 0)) {
    refuse(`invalid \`routeKey\` ${shown(routeKey)}: a WebSocket route key is a non-empty string such as '$connect', '$disconnect', '$default' or 'sendmessage'`, scope);
  }
}

/**
 * Integration ids that break the route that creates the integration: CDK leaves `Default` out
 * of logical ids (the integration would take the route's logical id), and `Resource` is the
 * route's own CloudFormation resource.
 */
export const RESERVED_INTEGRATION_IDS = ['Default', 'Resource'];
