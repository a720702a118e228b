import type { IncomingMessage, ServerResponse } from 'http';
import type { ApiModel, FunctionModel, IntegrationModel, RouteModel, StageModel } from '../assembly/model';
import { fillStageVariables, functionArnOfUri, functionByArn } from '../assembly/model';
import type { GatewayContext } from '../context';
import type { Trace } from '../log';
import { gatewayId } from '../ids';
import { contextVariables, RouteAuthorizers } from './authorizers';
import { isPreflight, preflightResponse, withCors } from './cors';
import { v1Event, v2Event } from './events';
import type { AuthorizerOutcome, EventInput } from './events';
import { forward } from './http-proxy';
import { mapRequest, mapResponse } from './parameter-mapping';
import type { MappedRequest } from './parameter-mapping';
import { gatewayRequest, readBody } from './request';
import type { GatewayRequest } from './request';
import { GatewayErrors, InvalidResponseError, parseV1Response, parseV2Response } from './responses';
import type { GatewayResponse } from './responses';
import { RouteTable } from './routing';
import type { RouteMatch } from './routing';
import { evaluate } from './selection';
import type { SelectionSources } from './selection';
import { REQUIRED_PARAMETERS, serviceResponse } from './service-integrations';

/** HTTP APIs' payload limit [doc: quotas, 10 MB]. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** Lambda's synchronous invocation payload limit (6 MB), for events and results. */
export const MAX_LAMBDA_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * Serves one HTTP API: stage selection, route selection, CORS, authorization, the integration
 * (Lambda proxy, HTTP proxy, AWS service), parameter mapping, and API Gateway's error responses.
 */
export class HttpApiHandler {
  private readonly table: RouteTable;
  private readonly authorizers: RouteAuthorizers;
  private readonly namedStages: Map<string, StageModel>;
  private readonly defaultStage?: StageModel;
  /** The function of each Lambda integration whose URI has no stage variables, found once. */
  private readonly lambdaTargets = new Map<IntegrationModel, FunctionModel | undefined>();

  constructor(readonly api: ApiModel, private readonly ctx: GatewayContext) {
    this.table = new RouteTable(api.routes);
    this.authorizers = new RouteAuthorizers(ctx);
    this.namedStages = new Map(api.stages.filter(s => s.name !== '$default').map(s => [s.name, s]));
    this.defaultStage = api.stages.find(s => s.name === '$default');
  }

  /** Handles a request from the API's listener. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const time = this.ctx.clock();
    const requestId = gatewayId();
    readBody(req, MAX_REQUEST_BYTES, (body, tooLarge) => {
      const request = gatewayRequest(req, body, requestId, time);
      const trace: Trace = {};
      const answer = tooLarge
        ? Promise.resolve(this.fail(trace, GatewayErrors.payloadTooLarge(), `the body is larger than ${MAX_REQUEST_BYTES} bytes`))
        : this.serve(request, trace).catch(error => this.fail(trace, GatewayErrors.internal(), `emulator error: ${(error as Error).stack ?? error}`));
      void answer.then(response => {
        this.send(res, request, response);
        this.ctx.record({
          protocol: 'HTTP',
          time,
          requestId,
          api: this.api.name,
          stage: trace.stage,
          method: request.method,
          path: request.path,
          routeKey: trace.routeKey,
          integration: trace.integration,
          authorizer: trace.authorizer,
          status: response.status,
          durationMs: performance.now() - started,
          error: trace.error,
        });
      });
    });
    req.on('error', () => res.destroy());
  }

  private fail(trace: Trace, response: GatewayResponse, why: string): GatewayResponse {
    trace.error = why;
    return response;
  }

  private async serve(request: GatewayRequest, trace: Trace): Promise<GatewayResponse> {
    if (this.api.disableExecuteApiEndpoint) {
      return this.fail(trace, GatewayErrors.forbidden(), 'the API\'s execute-api endpoint is disabled (`DisableExecuteApiEndpoint`)');
    }
    const selected = this.selectStage(request.path);
    if (!selected) return this.fail(trace, GatewayErrors.notFound(), 'no stage matches the path, and the API has no $default stage');
    const { stage, stagePath } = selected;
    trace.stage = stage.name;

    const cors = this.api.cors;
    const preflight = cors !== undefined && isPreflight(request);
    if (preflight && this.ctx.corsPreflight === 'gateway') return preflightResponse(cors, request);
    const match = this.table.match(request.method, stagePath);
    if (!match) {
      if (preflight) {
        trace.integration = 'CORS preflight answered by the gateway';
        return preflightResponse(cors, request);
      }
      return this.withCors(request, this.fail(trace, GatewayErrors.notFound(), 'no route matches'));
    }
    trace.routeKey = match.route.key;
    return this.withCors(request, await this.serveRoute(request, stage, stagePath, match, trace));
  }

  private withCors(request: GatewayRequest, response: GatewayResponse): GatewayResponse {
    return this.api.cors ? withCors(this.api.cors, request, response) : response;
  }

  /** The stage a path selects: a named stage by its first segment, else `$default` [doc]. */
  private selectStage(path: string): { stage: StageModel; stagePath: string } | undefined {
    const slash = path.indexOf('/', 1);
    const first = slash < 0 ? path.slice(1) : path.slice(1, slash);
    const named = this.namedStages.get(first);
    if (named) return { stage: named, stagePath: slash < 0 ? '/' : path.slice(slash) };
    return this.defaultStage ? { stage: this.defaultStage, stagePath: path } : undefined;
  }

  private async serveRoute(request: GatewayRequest, stage: StageModel, stagePath: string, match: RouteMatch, trace: Trace): Promise<GatewayResponse> {
    const route = match.route;
    const api = this.api;
    // What the authorizer established, once it has run; `$context` variables depend on it.
    const state: { outcome?: AuthorizerOutcome; context?: Record<string, string> } = {};
    const sources: SelectionSources = {
      request,
      stagePath,
      pathParameters: match.pathParameters,
      stageVariables: stage.variables,
      // `$context` variables are read by parameter mapping and identity sources only: made when first read.
      get context() { return state.context ??= contextVariables(api, stage, { request, match }, state.outcome); },
    };
    const view: MappedRequest = { headers: request.headers, query: request.query, rawQueryString: request.rawQueryString, path: stagePath };
    const eventInput: EventInput = { api: this.api, stage, request, view, match };

    trace.authorizer = RouteAuthorizers.describe(route);
    const authorization = route.authorizationType === 'NONE'
      ? { allowed: true as const, outcome: undefined, note: undefined }
      : await this.authorizers.authorize(route, { ...eventInput, stagePath, sources });
    if (!authorization.allowed) {
      trace.authorizer = `${trace.authorizer}: ${authorization.note}`;
      return this.fail(trace, authorization.response, 'refused by the authorizer');
    }
    if (trace.authorizer) trace.authorizer = `${trace.authorizer}: ${authorization.note ?? 'allowed'}`;
    const outcome = authorization.outcome;
    state.outcome = outcome;
    state.context = undefined;

    const integration = route.integration;
    if (!integration) return this.fail(trace, GatewayErrors.internal(), `route '${route.key}': ${route.integrationProblem}`);
    const mapped = Object.keys(integration.requestParameters).length > 0 ? mapRequest(integration.requestParameters, view, sources) : view;
    let response: GatewayResponse;
    if (integration.type === 'AWS_PROXY' && integration.subtype) {
      response = this.serviceIntegration(integration, request, stage, route, sources, trace);
    } else if (integration.type === 'AWS_PROXY') {
      response = await this.lambdaIntegration(integration, { ...eventInput, view: mapped, authorizer: outcome }, stage, trace);
    } else if (integration.type === 'HTTP_PROXY') {
      response = await this.httpIntegration(integration, request, mapped, match, route, stage, trace);
    } else {
      return this.fail(trace, GatewayErrors.internal(), `integration type ${integration.type} is not one of HTTP APIs (AWS_PROXY, HTTP_PROXY)`);
    }
    return mapResponse(integration.responseParameters, response, sources);
  }

  private async lambdaIntegration(integration: IntegrationModel, input: EventInput, stage: StageModel, trace: Trace): Promise<GatewayResponse> {
    const uri = integration.uri ?? '';
    let fn: FunctionModel | undefined;
    if (uri.includes('${stageVariables.')) {
      fn = functionByArn(this.ctx.functions, functionArnOfUri(fillStageVariables(uri, stage)));
    } else if (this.lambdaTargets.has(integration)) {
      fn = this.lambdaTargets.get(integration);
    } else {
      fn = functionByArn(this.ctx.functions, functionArnOfUri(uri));
      this.lambdaTargets.set(integration, fn);
    }
    if (!fn) {
      const filled = fillStageVariables(uri, stage);
      trace.integration = `Lambda ${filled}`;
      return this.fail(trace, GatewayErrors.internal(), `function ${filled} is not in the assembly`);
    }
    trace.integration = `Lambda ${fn.path}`;
    const unavailable = this.ctx.runner.whyUnavailable(fn);
    if (unavailable) return this.fail(trace, GatewayErrors.badGateway(), unavailable);
    const event = JSON.stringify(integration.payloadFormatVersion === '2.0' ? v2Event(input) : v1Event(input));
    if (event.length * 3 > MAX_LAMBDA_PAYLOAD_BYTES && Buffer.byteLength(event) > MAX_LAMBDA_PAYLOAD_BYTES) {
      return this.fail(trace, GatewayErrors.requestTooLong(), `the event is larger than Lambda's ${MAX_LAMBDA_PAYLOAD_BYTES} bytes`);
    }
    // The integration's timeout matters only when it is shorter than the function's own.
    let timer: NodeJS.Timeout | undefined;
    const invocation = this.ctx.runner.invokeJson(fn, event);
    const result = integration.timeoutMs >= fn.timeoutSeconds * 1000 ? await invocation : await Promise.race([
      invocation,
      new Promise<'timeout'>(resolve => { timer = setTimeout(() => resolve('timeout'), integration.timeoutMs); }),
    ]);
    clearTimeout(timer);
    if (result === 'timeout') {
      return this.fail(trace, GatewayErrors.serviceUnavailable(), `the integration did not answer within its timeout of ${integration.timeoutMs} ms`);
    }
    if (result.status === 'unavailable') return this.fail(trace, GatewayErrors.badGateway(), result.reason);
    if (result.status === 'error') {
      return this.fail(trace, GatewayErrors.internal(), `the function failed: ${result.error.errorType}: ${result.error.errorMessage}`);
    }
    if (result.payload.length > MAX_LAMBDA_PAYLOAD_BYTES) {
      return this.fail(trace, GatewayErrors.internal(), `the function's response is larger than Lambda's ${MAX_LAMBDA_PAYLOAD_BYTES} bytes`);
    }
    try {
      return integration.payloadFormatVersion === '2.0' ? parseV2Response(result.payload) : parseV1Response(result.payload);
    } catch (e) {
      if (e instanceof InvalidResponseError || e instanceof SyntaxError) {
        return this.fail(trace, GatewayErrors.internal(), `the function's response is not valid for payload format ${integration.payloadFormatVersion}: ${e.message}`);
      }
      throw e;
    }
  }

  private async httpIntegration(integration: IntegrationModel, request: GatewayRequest, mapped: MappedRequest, match: RouteMatch, route: RouteModel, stage: StageModel, trace: Trace): Promise<GatewayResponse> {
    const target = this.proxyUrl(integration, mapped, match, route, stage);
    trace.integration = `HTTP_PROXY ${target.configured}${target.local !== target.configured ? ` via ${target.local}` : ''}`;
    let url: URL;
    try {
      url = new URL(target.local);
    } catch {
      return this.fail(trace, GatewayErrors.internal(), `the integration URI ${target.local} is not a URL; point it at a local server with an HTTP_PROXY override`);
    }
    const method = integration.method && integration.method !== 'ANY' ? integration.method : request.method;
    const forwardedFor = mapped.headers.find(([name]) => name.toLowerCase() === 'x-forwarded-for')?.[1];
    const headers = mapped.headers.filter(([name]) => !/^x-forwarded-(for|proto|port)$/i.test(name));
    headers.push(['x-forwarded-for', forwardedFor ? `${forwardedFor}, ${request.sourceIp}` : request.sourceIp]);
    headers.push(['x-forwarded-proto', 'http'], ['x-forwarded-port', String(request.port)]);
    const result = await forward(url, method, headers, request.body, integration.timeoutMs);
    if (result.ok) return result.response;
    if (result.timedOut) return this.fail(trace, GatewayErrors.gatewayTimeout(), `the backend did not answer within ${integration.timeoutMs} ms`);
    return this.fail(trace, GatewayErrors.badGateway(), `the backend cannot be reached: ${result.message}`);
  }

  /**
   * The URL an HTTP_PROXY integration sends to: the URI with `{variables}` of the route and
   * `${stageVariables.x}` filled in; for `$default` the request path appended [doc]; the mapped
   * path when `overwrite:path` set one; the query string added. Then the HTTP_PROXY overrides.
   */
  private proxyUrl(integration: IntegrationModel, mapped: MappedRequest, match: RouteMatch, route: RouteModel, stage: StageModel): { configured: string; local: string } {
    let uri = fillStageVariables(integration.uri ?? '', stage).replace(/\{([^{}+]+)\+?\}/g, (whole, name: string) => {
      const value = match.pathParameters[name];
      return value === undefined ? whole : value.split('/').map(encodeURIComponent).join('/');
    });
    const pathOverwritten = Object.keys(integration.requestParameters).includes('overwrite:path');
    const configured = uri;
    uri = this.ctx.proxyTarget(uri);
    const q = uri.indexOf('?');
    let base = q < 0 ? uri : uri.slice(0, q);
    let query = q < 0 ? '' : uri.slice(q + 1);
    if (pathOverwritten) {
      const origin = /^[a-z]+:\/\/[^/]+/i.exec(base)?.[0] ?? base;
      base = origin + mapped.path.split('/').map(encodeURIComponent).join('/');
    } else if (route.key === '$default' || integration.connectionType === 'VPC_LINK') {
      base = base.replace(/\/$/, '') + mapped.path.split('/').map(encodeURIComponent).join('/');
    }
    if (mapped.rawQueryString) query = query ? `${query}&${mapped.rawQueryString}` : mapped.rawQueryString;
    return { configured, local: query ? `${base}?${query}` : base };
  }

  /**
   * AWS service integrations are not called: the mapped parameters are recorded and the
   * service's answer made up [unverified: the services' pass-through responses].
   */
  private serviceIntegration(integration: IntegrationModel, request: GatewayRequest, stage: StageModel, route: RouteModel, sources: SelectionSources, trace: Trace): GatewayResponse {
    const subtype = integration.subtype!;
    trace.integration = `${subtype} (recorded, not sent)`;
    const parameters: Record<string, string> = {};
    for (const [name, value] of Object.entries(integration.requestParameters)) {
      const evaluated = evaluate(value, sources);
      if (evaluated !== undefined) parameters[name] = evaluated;
    }
    const missing = (REQUIRED_PARAMETERS[subtype] ?? []).filter(name => parameters[name] === undefined || parameters[name] === '');
    if (missing.length > 0) {
      return this.fail(trace, GatewayErrors.internal(), `the ${subtype} parameters ${missing.join(', ')} have no value for this request`);
    }
    const response = serviceResponse(subtype, parameters, request.time);
    this.ctx.recordServiceCall({
      time: request.time,
      api: this.api.name,
      stage: stage.name,
      routeKey: route.key,
      requestId: request.requestId,
      subtype,
      parameters,
      response,
    });
    return { status: 200, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify(response)) };
  }

  private send(res: ServerResponse, request: GatewayRequest, response: GatewayResponse): void {
    const flat: string[] = [];
    for (const [name, value] of response.headers) {
      if (!SET_BY_GATEWAY.has(name.toLowerCase())) flat.push(name, value);
    }
    flat.push('apigw-requestid', request.requestId, 'content-length', String(response.body.length));
    res.writeHead(response.status, flat as unknown as Record<string, string>);
    res.end(request.method === 'HEAD' ? undefined : response.body);
  }
}

/** Headers the gateway sets itself on every response. */
const SET_BY_GATEWAY = new Set(['content-length', 'transfer-encoding', 'connection', 'apigw-requestid']);
