import type { IConstruct } from 'constructs';
import type { ParsedRoute } from '../http/private/route-table';

/**
 * An object that keeps the route table of an HTTP API. HTTP APIs of this library, created
 * or imported, are route registries; references from elsewhere are not.
 */
export interface IRouteRegistry {
  /** Records a route; refuses duplicate keys and conflicting path variables. */
  _registerRoute(routeKey: string, route: IConstruct): ParsedRoute;
  /** The construct of the route with this key that this app knows of. */
  _findRoute(routeKey: string): IConstruct | undefined;
  /** Every route this app knows of, in the order they were added. */
  _routes(): ParsedRoute[];
  /** Counts a stage of the API, for its quota. */
  _noteStage(): void;
  /** Records a stage's name; refuses a name another stage of the API has. */
  _registerStageName(stageName: string, stage: IConstruct): void;
  /** Counts an authorizer of the API, for its quota. */
  _noteAuthorizer(): void;
}

/** The route registry of an API, when it keeps one. */
export function routeRegistryOf(api: object): IRouteRegistry | undefined {
  const candidate = api as Partial<IRouteRegistry>;
  return typeof candidate._registerRoute === 'function' ? candidate as IRouteRegistry : undefined;
}
