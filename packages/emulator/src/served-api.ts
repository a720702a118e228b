import type { ApiModel, FunctionModel, RouteModel } from './assembly/model';
import { functionArnOfUri, functionByArn } from './assembly/model';

/** A served API and the URL of each of its stages. */
export interface EmulatedApi {
  /** The API's `Name`. */
  readonly name: string;
  /** The API id the emulator gave it (`requestContext.apiId`). */
  readonly id: string;
  /** The construct path, e.g. `MyStack/MyApi`. */
  readonly path: string;
  readonly protocol: 'HTTP' | 'WEBSOCKET';
  /**
   * Stage name to URL: `$default` at the root, named stages under `/<name>`; `ws://` URLs for
   * WebSocket APIs.
   */
  readonly stages: Record<string, string>;
  /**
   * For WebSocket APIs, stage name to the @connections API's base URL (a stage's `callbackUrl`):
   * `POST <url>/@connections/<connectionId>` sends to a client.
   */
  readonly callbackUrls?: Record<string, string>;
  /** The routes, with what serves them. */
  readonly routes: readonly EmulatedRoute[];
}

/** A served route. */
export interface EmulatedRoute {
  /** The route key, e.g. `GET /books/{id}`. */
  readonly key: string;
  /** What answers it, e.g. `Lambda Stack/Handler`, `HTTP_PROXY https://...`, `SQS-SendMessage`. */
  readonly integration: string;
  /** Its authorization, e.g. `NONE`, `JWT CustomerJwt (scopes books:write)`. */
  readonly authorization: string;
  /** The issuer of its JWT authorizer, as `mintToken({ issuer })` takes it. */
  readonly jwtIssuer?: string;
}

/**
 * How the emulator serves an API: the URL of each stage (`ws://` for WebSocket APIs, whose
 * callback URLs are the `http://` base of the @connections API) from its listener's URL, and its
 * routes.
 */
export function describeApi(api: ApiModel, listenerUrl: string, functions: Map<string, FunctionModel>): EmulatedApi {
  const stageUrl = (prefix: string, stage: string) => (stage === '$default' ? prefix : `${prefix}/${stage}`);
  const base = api.protocol === 'WEBSOCKET' ? listenerUrl.replace(/^http/, 'ws') : listenerUrl;
  const stages = Object.fromEntries(api.stages.map(stage => [stage.name, stageUrl(base, stage.name)]));
  const routes = api.routes.map(r => describeRoute(r, functions, api.protocol));
  const described = { name: api.name, id: api.id, path: api.path, protocol: api.protocol, stages, routes };
  if (api.protocol === 'HTTP') return described;
  return { ...described, callbackUrls: Object.fromEntries(api.stages.map(stage => [stage.name, stageUrl(listenerUrl, stage.name)])) };
}

function describeRoute(route: RouteModel, functions: Map<string, FunctionModel>, protocol: ApiModel['protocol']): EmulatedRoute {
  const integration = route.integration;
  let target = route.integrationProblem ?? '-';
  if (integration?.subtype) target = `${integration.subtype} (recorded)`;
  else if (integration?.type === 'AWS_PROXY') {
    const fn = functionByArn(functions, functionArnOfUri(integration.uri ?? ''));
    target = `Lambda ${fn ? `${fn.path} (${fn.runtime})` : integration.uri}`;
  } else if (integration) target = `${integration.type} ${integration.uri ?? ''}`.trim();
  if (protocol === 'WEBSOCKET') {
    if (integration && integration.type !== 'AWS_PROXY') target += ' (not emulated)';
    if (route.routeResponses.length > 0) target += ', two-way';
  }
  const scopes = route.authorizationScopes.length > 0 ? ` (scopes ${route.authorizationScopes.join(' ')})` : '';
  const authorization = route.authorizer ? `${route.authorizationType} ${route.authorizer.name}${scopes}` : route.authorizationType;
  return { key: route.key, integration: target, authorization, jwtIssuer: route.authorizer?.jwt?.issuer };
}

/** What a WebSocket API has that the emulator does not emulate, route by route. */
export function webSocketWarnings(api: ApiModel): string[] {
  const warnings: string[] = [];
  const where = (route: RouteModel) => `route '${route.key}' of WEBSOCKET API ${api.name} (${route.path})`;
  const answers = (route: RouteModel) => (route.key === '$connect' ? 'handshakes are refused (500)' : 'its messages get the error frame');
  for (const route of api.routes) {
    const integration = route.integration;
    if (!integration) {
      warnings.push(`${where(route)}: ${route.integrationProblem}; ${answers(route)}`);
    } else if (integration.type === 'HTTP_PROXY') {
      warnings.push(`${where(route)}: HTTP_PROXY integrations of WebSocket APIs are not emulated; ${answers(route)}`);
    } else if (integration.type !== 'AWS_PROXY' || integration.subtype) {
      warnings.push(`${where(route)}: its ${integration.type} integration needs request templates or integration responses (VTL), which the emulator does not evaluate; ${answers(route)}`);
    }
    if (route.apiKeyRequired) warnings.push(`${where(route)}: API keys are not checked`);
  }
  return warnings;
}
