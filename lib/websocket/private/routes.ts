import type { IConstruct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import type { RouteChecker } from '../../private/api-registry';
import { refuse, shown } from '../../private/error';

/** Refuses an empty route key; a token is taken as it is. */
export function validateRouteKey(routeKey: string, scope: IConstruct): void {
  if (typeof routeKey !== 'string' || (!Token.isUnresolved(routeKey) && routeKey.length === 0)) {
    refuse('webSocketRouteKey', `invalid \`routeKey\` ${shown(routeKey)}: a WebSocket route key is a non-empty string such as '$connect', '$disconnect', '$default' or 'sendmessage'`, scope);
  }
}

/**
 * The route checker of WebSocket APIs in their registries: a key is any non-empty string, and
 * only identical keys clash.
 */
export class WebSocketRouteKeys implements RouteChecker<string> {
  constructor(private readonly api: IConstruct) {}

  public add(key: string, scope: IConstruct): string {
    validateRouteKey(key, scope);
    return key;
  }

  public refuseDuplicate(key: string, scope: IConstruct, existing: IConstruct): never {
    return refuse('duplicateRoute', `duplicate \`routeKey\` ${shown(key)}: the WebSocket API ${this.api.node.path} already has this route (${existing.node.path}), `
      + 'and API Gateway allows one route per key; remove one of them or give it another key', scope);
  }
}

/**
 * Integration ids that break the route that creates the integration: CDK leaves `Default` out
 * of logical ids (the integration would take the route's logical id), and `Resource` is the
 * route's own CloudFormation resource.
 */
export const RESERVED_INTEGRATION_IDS = ['Default', 'Resource'];
