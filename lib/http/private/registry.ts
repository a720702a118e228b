import type { IConstruct } from 'constructs';
import type { ParsedRoute } from './route-table';
import { RouteTable } from './route-table';
import type { ApiProtocol, ApiRegistry } from '../../private/api-registry';
import { apiRegistryOf } from '../../private/api-registry';
import { HTTP_API_QUOTAS } from '../../private/limits';

/** What HTTP APIs bring to their registries: their quotas and their route table. */
const HTTP_PROTOCOL: ApiProtocol<ParsedRoute> = {
  name: 'HTTP',
  quotas: HTTP_API_QUOTAS,
  hasDefaultStage: true,
  routeMove: 'with addRoutes({ scope })',
  newRouteChecker: () => new RouteTable(),
};

/** The registry of an HTTP API: created, imported, or a reference from aws-cdk-lib. */
export function httpRegistryOf(api: IConstruct): ApiRegistry {
  return apiRegistryOf(api, HTTP_PROTOCOL);
}
