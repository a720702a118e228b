import type { IHttpApi, IHttpApiRef } from './api-base';
import { refuse } from '../private/error';

/**
 * Turns a reference to an HTTP API into the full `IHttpApi`, refusing references that are
 * not HTTP APIs of this library's shape.
 */
export function toIHttpApi(x: IHttpApiRef): IHttpApi {
  const api = x as Partial<IHttpApi>;
  const wanted: (keyof IHttpApi)[] = ['apiId', 'apiEndpoint', 'arnForExecuteApi', 'metricClientError'];
  const missing = wanted.filter(member => !(member in api));
  if (missing.length > 0) {
    refuse('incompleteReference', `\`httpApi\` ${x.node.path} is a reference without ${missing.join(', ')}: pass an HttpApi, or import one with HttpApi.fromHttpApiAttributes()`, x);
  }
  return api as IHttpApi;
}
