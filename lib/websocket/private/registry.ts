import type { IConstruct } from 'constructs';
import { WebSocketRouteKeys } from './routes';
import type { ApiProtocol, ApiRegistry } from '../../private/api-registry';
import { apiRegistryOf } from '../../private/api-registry';
import { WEBSOCKET_API_QUOTAS } from '../../private/limits';

/** What WebSocket APIs bring to their registries: their quotas and their route keys. */
const WEBSOCKET_PROTOCOL: ApiProtocol<string> = {
  name: 'WebSocket',
  quotas: WEBSOCKET_API_QUOTAS,
  hasDefaultStage: false,
  routeMove: 'by creating them there with new WebSocketRoute(scope, id, { webSocketApi, routeKey, integration })',
  newRouteChecker: api => new WebSocketRouteKeys(api),
};

/** The registry of a WebSocket API: created, imported, or a reference from aws-cdk-lib. */
export function webSocketRegistryOf(api: IConstruct): ApiRegistry {
  return apiRegistryOf(api, WEBSOCKET_PROTOCOL);
}
