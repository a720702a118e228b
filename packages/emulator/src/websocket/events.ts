// The Lambda events of WebSocket routes, as API Gateway sends them: `$connect` (with the
// handshake's headers and query string), messages (the body only), `$disconnect` (the close
// code), and the REQUEST authorizer's event on `$connect` [doc, obs: captures cited in
// shared/reference/emulator-research.md 2.11].
import type { ApiModel, StageModel } from '../assembly/model';
import { clfTime, multiValue as restMultiValue } from '../http/events';
import type { GatewayRequest } from '../http/request';

/** What every event of a connection carries about it. */
export interface ConnectionInfo {
  readonly id: string;
  readonly api: ApiModel;
  readonly stage: StageModel;
  /** Epoch ms, the emulator's clock. */
  readonly connectedAt: number;
  readonly sourceIp: string;
  readonly userAgent?: string;
  /** The `Host` of the handshake, e.g. `127.0.0.1:3000`: handlers build the @connections URL from it. */
  readonly domainName: string;
  /** `requestContext.authorizer`: the `$connect` authorizer's principal and context. */
  readonly authorizer?: Record<string, string>;
}

/** One event: when and with which request id. */
export interface EventMeta {
  readonly requestId: string;
  /** Epoch ms. */
  readonly time: number;
}

type EventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

function requestContext(conn: ConnectionInfo, routeKey: string, eventType: EventType, meta: EventMeta, extra?: Record<string, unknown>): Record<string, unknown> {
  // One object literal, in the order of the captures: events are made for every message.
  const context: Record<string, unknown> = { routeKey, authorizer: conn.authorizer, ...extra };
  if (conn.authorizer === undefined) delete context.authorizer;
  context.eventType = eventType;
  context.extendedRequestId = meta.requestId;
  context.requestTime = clfTime(meta.time);
  context.messageDirection = 'IN';
  context.stage = conn.stage.name;
  context.connectedAt = conn.connectedAt;
  context.requestTimeEpoch = meta.time;
  context.identity = conn.userAgent === undefined ? { sourceIp: conn.sourceIp } : { userAgent: conn.userAgent, sourceIp: conn.sourceIp };
  context.requestId = meta.requestId;
  context.domainName = conn.domainName;
  context.connectionId = conn.id;
  context.apiId = conn.api.id;
  return context;
}

/** Headers and query parameters as REST-style events have them, original case; empty objects when none. */
function multiValue(pairs: ReadonlyArray<readonly [string, string]>): { single: Record<string, string>; multi: Record<string, string[]> } {
  return restMultiValue(pairs) ?? { single: {}, multi: {} };
}

/**
 * The handshake's headers as API Gateway passes them on: as sent, with the forwarding headers
 * it adds (`X-Forwarded-*` of the local listener, plain HTTP) and a trace id. The `$connect`
 * integration does not see `Connection` and `Upgrade` [obs]; the authorizer does [doc].
 */
function handshakeHeaders(request: GatewayRequest, forAuthorizer: boolean): [string, string][] {
  const out: [string, string][] = [];
  let forwardedFor: string | undefined;
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for') forwardedFor = forwardedFor ? `${forwardedFor}, ${value}` : value;
    else if (lower === 'x-forwarded-port' || lower === 'x-forwarded-proto') continue;
    else if (!forAuthorizer && (lower === 'connection' || lower === 'upgrade')) continue;
    else out.push([name, value]);
  }
  if (forAuthorizer) out.push(['content-length', '0']);
  if (!out.some(([name]) => name.toLowerCase() === 'x-amzn-trace-id')) {
    const hex = Buffer.from(request.requestId).toString('hex').padEnd(24, '0').slice(0, 24);
    out.push(['X-Amzn-Trace-Id', `Root=1-${Math.floor(request.time / 1000).toString(16)}-${hex}`]);
  }
  out.push(['X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${request.sourceIp}` : request.sourceIp]);
  out.push(['X-Forwarded-Port', String(request.port)]);
  out.push(['X-Forwarded-Proto', 'http']);
  return out;
}

function stageVariables(stage: StageModel): Record<string, string> | undefined {
  return Object.keys(stage.variables).length > 0 ? { ...stage.variables } : undefined;
}

/** The `$connect` event: the handshake's headers and query string; no body. */
export function connectEvent(conn: ConnectionInfo, request: GatewayRequest): Record<string, unknown> {
  const headers = multiValue(handshakeHeaders(request, false));
  const event: Record<string, unknown> = { headers: headers.single, multiValueHeaders: headers.multi };
  if (request.query.length > 0) {
    const query = multiValue(request.query);
    event.queryStringParameters = query.single;
    event.multiValueQueryStringParameters = query.multi;
  }
  event.requestContext = requestContext(conn, '$connect', 'CONNECT', request);
  event.isBase64Encoded = false;
  const variables = stageVariables(conn.stage);
  if (variables) event.stageVariables = variables;
  return event;
}

/** A message's event: the route it selected and the body, no headers [obs]. */
export function messageEvent(conn: ConnectionInfo, routeKey: string, body: string, meta: EventMeta & { messageId: string }): Record<string, unknown> {
  const event: Record<string, unknown> = {
    requestContext: requestContext(conn, routeKey, 'MESSAGE', meta, { messageId: meta.messageId }),
    body,
    isBase64Encoded: false,
  };
  const variables = stageVariables(conn.stage);
  if (variables) event.stageVariables = variables;
  return event;
}

/**
 * The `$disconnect` event: the close code and reason, and the few headers API Gateway sends
 * [obs: `Host`, an empty `x-api-key`, `X-Forwarded-For`, an empty `x-restapi`].
 */
export function disconnectEvent(conn: ConnectionInfo, code: number, reason: string, meta: EventMeta): Record<string, unknown> {
  const headers = multiValue([['Host', conn.domainName], ['x-api-key', ''], ['X-Forwarded-For', conn.sourceIp], ['x-restapi', '']]);
  const event: Record<string, unknown> = {
    headers: headers.single,
    multiValueHeaders: headers.multi,
    requestContext: requestContext(conn, '$disconnect', 'DISCONNECT', meta, { disconnectStatusCode: code, disconnectReason: reason }),
    isBase64Encoded: false,
  };
  const variables = stageVariables(conn.stage);
  if (variables) event.stageVariables = variables;
  return event;
}

/** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/$connect`, the ARN authorizer policies are evaluated on [doc]. */
export function connectArn(api: ApiModel, stage: StageModel): string {
  return `arn:aws:execute-api:${api.region}:${api.account}:${api.id}/${stage.name}/$connect`;
}

/** The REQUEST authorizer's event on `$connect` [doc: apigateway-websocket-api-lambda-auth]. */
export function authorizerEvent(conn: ConnectionInfo, request: GatewayRequest): Record<string, unknown> {
  const headers = multiValue(handshakeHeaders(request, true));
  const query = multiValue(request.query);
  return {
    type: 'REQUEST',
    methodArn: connectArn(conn.api, conn.stage),
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    stageVariables: { ...conn.stage.variables },
    requestContext: requestContext({ ...conn, authorizer: undefined }, '$connect', 'CONNECT', request),
  };
}

/**
 * API Gateway's error frame, exactly as clients receive it [obs: aws-samples/simple-websockets-chat-app#24,
 * Kludex/mangum#128]: `{"message": "Forbidden", "connectionId":"…", "requestId":"…"}`.
 */
export function errorFrame(message: string, connectionId: string, requestId: string): string {
  return `{"message": ${JSON.stringify(message)}, "connectionId":${JSON.stringify(connectionId)}, "requestId":${JSON.stringify(requestId)}}`;
}
