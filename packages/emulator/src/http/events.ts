import type { ApiModel, StageModel } from '../assembly/model';
import type { IamIdentity } from '../auth/iam-authorization';
import type { GatewayRequest } from './request';
import type { RouteMatch } from './routing';

/**
 * What an authorizer established about a request, as integrations see it: JWT claims (rendered
 * as API Gateway renders them), a Lambda authorizer's context, or an IAM caller.
 */
export type AuthorizerOutcome =
  | { readonly kind: 'jwt'; readonly claims: Record<string, string>; readonly scopes: string[] | null }
  | { readonly kind: 'lambda'; readonly context: Record<string, unknown> | null; readonly principalId?: string; readonly latencyMs: number }
  | { readonly kind: 'iam'; readonly identity: IamIdentity };

/** A request as an integration receives it: headers and query after parameter mapping. */
export interface RequestView {
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly rawQueryString: string;
}

/** Everything an event is built from. */
export interface EventInput {
  readonly api: ApiModel;
  readonly stage: StageModel;
  readonly request: GatewayRequest;
  readonly view: RequestView;
  readonly match: RouteMatch;
  readonly authorizer?: AuthorizerOutcome;
}

/** Content types whose bodies HTTP APIs pass as text; every other body is base64 [obs]. */
const TEXT_TYPES = /^(text\/[^;]*|application\/json|application\/xml|application\/javascript)\s*(;|$)/i;

/** The request body as an event carries it. */
export function eventBody(request: GatewayRequest): { body?: string; isBase64Encoded: boolean } {
  if (request.body.length === 0) return { isBase64Encoded: false };
  const type = request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  return TEXT_TYPES.test(type.trim())
    ? { body: request.body.toString('utf8'), isBase64Encoded: false }
    : { body: request.body.toString('base64'), isBase64Encoded: true };
}

/** `12/Mar/2020:19:03:58 +0000`, the access log time format of `requestContext.time`. */
export function clfTime(ms: number): string {
  // Made once per second: every event carries it.
  const second = Math.floor(ms / 1000);
  if (second === lastClf.second) return lastClf.text;
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const text = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
  lastClf = { second, text };
  return text;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
let lastClf = { second: NaN, text: '' };

/** Headers as payload 2.0 has them: lowercase names, duplicates joined with commas, cookies apart. */
export function v2Headers(input: EventInput): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  let forwardedFor: string | undefined;
  for (const [name, value] of input.view.headers) {
    const lower = name.toLowerCase();
    if (lower === 'cookie') {
      for (const cookie of value.split(';')) {
        const trimmed = cookie.trim();
        if (trimmed !== '') cookies.push(trimmed);
      }
    } else if (lower === 'x-forwarded-for') {
      forwardedFor = forwardedFor ? `${forwardedFor}, ${value}` : value;
    } else if (lower !== 'x-forwarded-port' && lower !== 'x-forwarded-proto') {
      headers[lower] = lower in headers ? `${headers[lower]},${value}` : value;
    }
  }
  // The headers API Gateway adds, as withForwardingHeaders has them.
  headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${input.request.sourceIp}` : input.request.sourceIp;
  headers['x-forwarded-port'] = String(input.request.port);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceId(input.request);
  return { headers, cookies };
}

/**
 * The headers API Gateway adds: `x-forwarded-for` (the client's address appended),
 * `x-forwarded-port` and `x-forwarded-proto` (of the local listener: the emulator serves plain
 * HTTP), and an `x-amzn-trace-id`.
 */
function withForwardingHeaders(input: EventInput): [string, string][] {
  const out: [string, string][] = [];
  let forwardedFor: string | undefined;
  for (const [name, value] of input.view.headers) {
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for') forwardedFor = forwardedFor ? `${forwardedFor}, ${value}` : value;
    else if (lower !== 'x-forwarded-port' && lower !== 'x-forwarded-proto') out.push([name, value]);
  }
  out.push(['X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${input.request.sourceIp}` : input.request.sourceIp]);
  out.push(['X-Forwarded-Port', String(input.request.port)]);
  out.push(['X-Forwarded-Proto', 'http']);
  if (!out.some(([name]) => name.toLowerCase() === 'x-amzn-trace-id')) out.push(['X-Amzn-Trace-Id', traceId(input.request)]);
  return out;
}

function traceId(request: GatewayRequest): string {
  const hex = Buffer.from(request.requestId).toString('hex').padEnd(24, '0').slice(0, 24);
  return `Root=1-${Math.floor(request.time / 1000).toString(16)}-${hex}`;
}

/** `requestContext` fields both payload versions share. */
function domain(input: EventInput): { domainName: string; domainPrefix: string } {
  return { domainName: input.request.host, domainPrefix: input.request.host.split(/[.:]/)[0] };
}

function userAgent(input: EventInput): string {
  return input.request.headers.find(([name]) => name.toLowerCase() === 'user-agent')?.[1] ?? '';
}

/** Stage variables, or undefined when the stage has none. */
function stageVariables(stage: StageModel): Record<string, string> | undefined {
  return Object.keys(stage.variables).length > 0 ? { ...stage.variables } : undefined;
}

/** The query string parameters as payload 2.0 has them: duplicates joined with commas. */
function v2Query(view: RequestView): Record<string, string> | undefined {
  if (view.query.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of view.query) out[name] = name in out ? `${out[name]},${value}` : value;
  return out;
}

/** The payload format 2.0 event of a Lambda proxy integration; empty fields are left out [obs]. */
export function v2Event(input: EventInput): Record<string, unknown> {
  const { headers, cookies } = v2Headers(input);
  const { body, isBase64Encoded } = eventBody(input.request);
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: input.match.route.key,
    rawPath: input.request.path,
    rawQueryString: input.view.rawQueryString,
  };
  if (cookies.length > 0) event.cookies = cookies;
  event.headers = headers;
  const query = v2Query(input.view);
  if (query) event.queryStringParameters = query;
  event.requestContext = v2RequestContext(input);
  if (body !== undefined) event.body = body;
  if (Object.keys(input.match.pathParameters).length > 0) event.pathParameters = { ...input.match.pathParameters };
  event.isBase64Encoded = isBase64Encoded;
  const variables = stageVariables(input.stage);
  if (variables) event.stageVariables = variables;
  return event;
}

function v2RequestContext(input: EventInput): Record<string, unknown> {
  const context: Record<string, unknown> = { accountId: input.api.account, apiId: input.api.id };
  const authorizer = v2Authorizer(input.authorizer);
  if (authorizer) context.authorizer = authorizer;
  Object.assign(context, domain(input), {
    http: {
      method: input.request.method,
      path: input.request.path,
      protocol: 'HTTP/1.1',
      sourceIp: input.request.sourceIp,
      userAgent: userAgent(input),
    },
    requestId: input.request.requestId,
    routeKey: input.match.route.key,
    stage: input.stage.name,
    time: clfTime(input.request.time),
    timeEpoch: input.request.time,
  });
  return context;
}

function v2Authorizer(outcome: AuthorizerOutcome | undefined): Record<string, unknown> | undefined {
  switch (outcome?.kind) {
    case 'jwt':
      return { jwt: { claims: outcome.claims, scopes: outcome.scopes } };
    case 'lambda':
      return { lambda: outcome.context };
    case 'iam':
      return {
        iam: {
          accessKey: outcome.identity.accessKey,
          accountId: outcome.identity.accountId,
          callerId: outcome.identity.userId,
          cognitoIdentity: null,
          principalOrgId: null,
          userArn: outcome.identity.userArn,
          userId: outcome.identity.userId,
        },
      };
    default:
      return undefined;
  }
}

/**
 * Headers and query parameters as payload 1.0 (and WebSocket events) have them: the last value,
 * and every value; undefined when there are none.
 */
export function multiValue(pairs: ReadonlyArray<readonly [string, string]>): { single: Record<string, string>; multi: Record<string, string[]> } | undefined {
  if (pairs.length === 0) return undefined;
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

/** The payload format 1.0 event of a Lambda proxy integration (REST-like, with nulls for empty fields). */
export function v1Event(input: EventInput): Record<string, unknown> {
  const { body, isBase64Encoded } = eventBody(input.request);
  const headers = multiValue(withForwardingHeaders(input));
  const query = multiValue(input.view.query);
  const resourcePath = input.match.route.key === '$default' ? '$default' : input.match.route.key.slice(input.match.route.key.indexOf(' ') + 1);
  const iam = input.authorizer?.kind === 'iam' ? input.authorizer.identity : undefined;
  return {
    version: '1.0',
    resource: resourcePath,
    path: input.request.path,
    httpMethod: input.request.method,
    headers: headers?.single ?? {},
    multiValueHeaders: headers?.multi ?? {},
    queryStringParameters: query?.single ?? null,
    multiValueQueryStringParameters: query?.multi ?? null,
    requestContext: {
      accountId: input.api.account,
      apiId: input.api.id,
      authorizer: v1Authorizer(input.authorizer),
      ...domain(input),
      extendedRequestId: input.request.requestId,
      httpMethod: input.request.method,
      identity: {
        accessKey: iam?.accessKey ?? null,
        accountId: iam?.accountId ?? null,
        caller: iam?.userId ?? null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: input.request.sourceIp,
        user: iam?.userId ?? null,
        userAgent: userAgent(input),
        userArn: iam?.userArn ?? null,
      },
      path: input.request.path,
      protocol: 'HTTP/1.1',
      requestId: input.request.requestId,
      requestTime: clfTime(input.request.time),
      requestTimeEpoch: input.request.time,
      resourceId: input.match.route.key,
      resourcePath,
      stage: input.stage.name,
    },
    pathParameters: Object.keys(input.match.pathParameters).length > 0 ? { ...input.match.pathParameters } : null,
    stageVariables: stageVariables(input.stage) ?? null,
    body: body ?? null,
    isBase64Encoded,
  };
}

function v1Authorizer(outcome: AuthorizerOutcome | undefined): Record<string, unknown> {
  switch (outcome?.kind) {
    case 'jwt':
      return { claims: outcome.claims, scopes: outcome.scopes };
    case 'lambda':
      return { ...outcome.context, principalId: outcome.principalId, integrationLatency: outcome.latencyMs };
    default:
      // The documentation's 1.0 example carries this on a route without a JWT or Lambda authorizer.
      return { claims: null, scopes: null };
  }
}

/** The `routeArn` / `methodArn` of a request: `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path>`. */
export function routeArn(input: { api: ApiModel; stage: StageModel; request: GatewayRequest; stagePath: string }): string {
  return `arn:aws:execute-api:${input.api.region}:${input.api.account}:${input.api.id}/${input.stage.name}/${input.request.method}${input.stagePath}`;
}

/** The payload format 2.0 event of a Lambda authorizer: the request without its body [doc]. */
export function v2AuthorizerEvent(input: EventInput & { stagePath: string; identitySource: string[] }): Record<string, unknown> {
  const event = v2Event({ ...input, authorizer: undefined });
  delete event.body;
  delete event.isBase64Encoded;
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: routeArn(input),
    identitySource: input.identitySource,
    ...Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'version')),
  };
}

/** The payload format 1.0 event of a Lambda authorizer: REST's REQUEST authorizer shape [doc]. */
export function v1AuthorizerEvent(input: EventInput & { stagePath: string; identitySource: string[] }): Record<string, unknown> {
  const event = v1Event({ ...input, authorizer: undefined });
  const context = event.requestContext as Record<string, unknown>;
  delete context.authorizer;
  const joined = input.identitySource.join(',');
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn: routeArn(input),
    identitySource: joined,
    authorizationToken: joined,
    resource: event.resource,
    path: event.path,
    httpMethod: event.httpMethod,
    headers: event.headers,
    multiValueHeaders: event.multiValueHeaders,
    queryStringParameters: event.queryStringParameters ?? {},
    multiValueQueryStringParameters: event.multiValueQueryStringParameters ?? {},
    pathParameters: event.pathParameters ?? {},
    stageVariables: event.stageVariables ?? {},
    requestContext: context,
  };
}
