import { STATUS_CODES } from 'http';
import type { IncomingMessage, ServerResponse } from 'http';
import type { Duplex } from 'stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { ApiModel, RouteModel, StageModel } from '../assembly/model';
import type { GatewayContext } from '../context';
import { gatewayId } from '../ids';
import { gatewayRequest, headerValue } from '../http/request';
import type { GatewayRequest } from '../http/request';
import type { Trace } from '../log';
import { authorizeConnect, describeAuthorization } from './authorization';
import { Connection, GOING_AWAY } from './connection';
import { connectEvent, disconnectEvent, errorFrame, messageEvent } from './events';
import type { ConnectionInfo } from './events';
import { FrameSizeGuard } from './frame-guard';
import { FRAME, invokeRouteIntegration } from './integration';
import { ManagementApi, managementPath } from './management-api';
import { RouteSelectionExpression } from './route-selection';

/** The most a message may hold; a larger one closes the connection with 1009 [doc: quotas, 128 KB]. */
export const MAX_MESSAGE_BYTES = 128 * 1024;
/** The most a frame may hold; a larger one closes the connection with 1009 [doc: quotas, 32 KB]. */
export const MAX_FRAME_BYTES = 32 * 1024;
/** Close code 1009 "message too big" [doc]. */
const TOO_BIG = 1009;
/** Close code 1003 "unsupported data", for binary frames [doc: websocket-api-develop-binary-media-types]. */
const UNSUPPORTED_DATA = 1003;

/** When an event arrived (the emulator's clock, and `performance.now()` for its duration) and its id. */
interface Arrival {
  readonly time: number;
  readonly started: number;
  readonly requestId: string;
}

/**
 * Serves one WebSocket API: the handshake (`$connect`, its authorizer, the integration's
 * answer), messages (route selection, the integration, route responses, error frames),
 * `$disconnect`, the limits, and the @connections API on the same listener.
 */
export class WebSocketApiHandler {
  /** The open connections, by id. */
  readonly connections = new Map<string, Connection>();
  private readonly server: WebSocketServer;
  private readonly stages: Map<string, StageModel>;
  /** Routes that messages can select: all but `$connect` and `$disconnect`. */
  private readonly routes = new Map<string, RouteModel>();
  private readonly connectRoute?: RouteModel;
  private readonly disconnectRoute?: RouteModel;
  private readonly selection?: RouteSelectionExpression;
  private readonly management: ManagementApi;
  /** The subprotocol each pending handshake's `$connect` chose. */
  private readonly protocols = new WeakMap<IncomingMessage, string>();
  private closed = false;

  constructor(readonly api: ApiModel, private readonly ctx: GatewayContext) {
    this.server = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_MESSAGE_BYTES,
      clientTracking: false,
      perMessageDeflate: false,
      handleProtocols: (_offered, req) => this.protocols.get(req) ?? false,
    });
    this.stages = new Map(api.stages.map(stage => [stage.name, stage]));
    for (const route of api.routes) {
      if (route.key === '$connect') this.connectRoute = route;
      else if (route.key === '$disconnect') this.disconnectRoute = route;
      else this.routes.set(route.key, route);
    }
    if (api.routeSelectionExpression !== undefined) this.selection = new RouteSelectionExpression(api.routeSelectionExpression);
    this.management = new ManagementApi(api, ctx, this.stages, this.connections);
  }

  /** A plain HTTP request: the @connections API, or 403. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    const target = managementPath(path);
    if (target) {
      this.management.handle(req, res, target);
      return;
    }
    req.resume();
    const requestId = gatewayId();
    // [unverified] what the execute-api endpoint of a WebSocket API answers to a request that is no handshake
    res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-requestid': requestId });
    res.end('{"message":"Forbidden"}');
    const arrival = { time: this.ctx.clock(), started: performance.now(), requestId };
    this.record(req.method ?? 'GET', path, undefined, { error: 'not a WebSocket handshake, nor a request of the @connections API' }, arrival, 403);
  }

  /** A handshake: runs `$connect`, then accepts the connection or refuses it with the status API Gateway sends. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    this.connect(req, socket, head).catch(error => {
      writeRejection(socket, 500, '', '{"message": "Internal server error"}');
      this.ctx.warn(`emulator error on a WebSocket handshake of ${this.api.name}: ${(error as Error).stack ?? error}`);
    });
  }

  /** Closes every connection (1001) without `$disconnect`: the emulator stops or reloads. */
  async close(): Promise<void> {
    this.closed = true;
    const open = [...this.connections.values()];
    this.connections.clear();
    // As many as there are open connections, each bounded by the timeout below.
    // eslint-disable-next-line @cdklabs/promiseall-no-unbounded-parallelism
    await Promise.all(open.map(conn => new Promise<void>(resolve => {
      const timer = setTimeout(() => conn.socket.terminate(), 200);
      conn.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      conn.close(GOING_AWAY, 'Going away', 'the emulator stopped');
    })));
  }

  private async connect(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const arrival: Arrival = { time: this.ctx.clock(), started: performance.now(), requestId: gatewayId() };
    const request = gatewayRequest(req, Buffer.alloc(0), arrival.requestId, arrival.time);
    const trace: Trace = {};
    const connectionId = gatewayId();
    const reject = (status: number, why: string, body = rejectionBody(status)) => {
      writeRejection(socket, status, request.requestId, body);
      trace.error = why;
      this.record('CONNECT', request.path, connectionId, trace, arrival, status);
    };
    const invalid = invalidHandshake(request);
    if (invalid) return reject(400, invalid, '');
    if (this.api.disableExecuteApiEndpoint) return reject(403, 'the API\'s execute-api endpoint is disabled (`DisableExecuteApiEndpoint`)');
    const stage = this.selectStage(request.path);
    if (!stage) return reject(403, `no stage of the API is at ${request.path} (its stages: ${[...this.stages.keys()].join(', ') || 'none'})`);
    trace.stage = stage.name;

    const info: ConnectionInfo = {
      id: connectionId, api: this.api, stage, connectedAt: arrival.time, sourceIp: request.sourceIp,
      userAgent: headerValue(request, 'user-agent'), domainName: request.host,
    };
    let authorizer: Record<string, string> | undefined;
    const route = this.connectRoute;
    if (route) {
      trace.routeKey = route.key;
      trace.authorizer = describeAuthorization(route);
      const authorization = await authorizeConnect(this.ctx, route, request, info);
      if (!authorization.allowed) {
        trace.authorizer = `${trace.authorizer}: ${authorization.note}`;
        return reject(authorization.status, 'refused by the authorizer');
      }
      if (trace.authorizer) trace.authorizer = `${trace.authorizer}: ${authorization.note ?? 'allowed'}`;
      authorizer = authorization.authorizer;
      const result = await invokeRouteIntegration(this.ctx, route, stage, connectEvent({ ...info, authorizer }, request));
      trace.integration = result.integration;
      if (!result.ok) return reject(result.status, result.why, `{"message": ${JSON.stringify(result.frame)}}`);
      const answer = connectAnswer(result.result);
      if (answer.status < 200 || answer.status > 299) return reject(answer.status, `the $connect integration answered ${answer.status}`, answer.body ?? '');
      if (answer.protocol !== undefined) this.protocols.set(req, answer.protocol);
    }
    if (this.closed || socket.destroyed) {
      socket.destroy();
      trace.error = 'the client left during $connect';
      this.record('CONNECT', request.path, connectionId, trace, arrival, 499);
      return;
    }
    this.server.handleUpgrade(req, socket, head, ws => {
      this.open(ws, socket, { ...info, authorizer });
      this.record('CONNECT', request.path, connectionId, trace, arrival, 200);
    });
  }

  /** `/{stage}`; `/` for a `$default` stage. */
  private selectStage(path: string): StageModel | undefined {
    const name = path.replace(/^\/+|\/+$/g, '');
    return name === '' ? this.stages.get('$default') : name.includes('/') ? undefined : this.stages.get(name);
  }

  private open(ws: WebSocket, socket: Duplex, info: ConnectionInfo): void {
    const limits = this.ctx.webSocketLimits;
    const conn = new Connection(info.id, ws, info.api, info.stage, info.connectedAt, info.sourceIp, info.userAgent, info.domainName, info.authorizer, limits, this.ctx.clock);
    this.connections.set(conn.id, conn);
    // Frames over 32 KB close the connection before `ws` reads them.
    const guard = new FrameSizeGuard(MAX_FRAME_BYTES, bytes => {
      conn.close(TOO_BIG, '', `a frame of ${bytes} bytes, over the ${MAX_FRAME_BYTES}-byte limit`);
    });
    socket.prependListener('data', (chunk: Buffer) => guard.write(chunk));
    ws.on('message', (data, isBinary) => {
      void this.message(conn, data as Buffer, isBinary).catch(error => {
        this.ctx.warn(`emulator error on a message of ${this.api.name}: ${(error as Error).stack ?? error}`);
      });
    });
    // `ws` closes with 1009 over 128 KB, and with 1007 on text that is not UTF-8; the close event follows.
    ws.on('error', () => undefined);
    ws.on('close', (code, reason) => {
      void this.disconnected(conn, code, reason.toString('utf8'));
    });
  }

  private async message(conn: Connection, data: Buffer, isBinary: boolean): Promise<void> {
    if (conn.closing) return;
    const arrival: Arrival = { time: this.ctx.clock(), started: performance.now(), requestId: gatewayId() };
    conn.touch(arrival.time);
    const trace: Trace = { stage: conn.stage.name };
    const status = await this.serveMessage(conn, data, isBinary, arrival, trace);
    this.record('MESSAGE', stagePath(conn.stage), conn.id, trace, arrival, status);
  }

  /** Selects the route of a message and runs it; returns the status for the log. */
  private async serveMessage(conn: Connection, data: Buffer, isBinary: boolean, arrival: Arrival, trace: Trace): Promise<number> {
    if (isBinary) {
      conn.close(UNSUPPORTED_DATA, '', 'a binary frame');
      trace.error = 'a binary frame: API Gateway does not take binary frames and closes the connection with 1003';
      return 400;
    }
    const body = data.toString('utf8');
    const evaluated = this.selection?.evaluate(body);
    const route = (evaluated !== undefined ? this.routes.get(evaluated) : undefined) ?? this.routes.get('$default');
    if (!route) {
      conn.send(errorFrame(FRAME.forbidden, conn.id, arrival.requestId));
      trace.error = evaluated === undefined
        ? 'the message is not JSON, and the API has no $default route'
        : `no route has the key '${evaluated}' (from ${this.selection!.expression}), and the API has no $default route`;
      return 403;
    }
    trace.routeKey = route.key;
    const event = messageEvent(conn, route.key, body, { requestId: arrival.requestId, time: arrival.time, messageId: gatewayId() });
    const result = await invokeRouteIntegration(this.ctx, route, conn.stage, event);
    trace.integration = result.integration;
    if (!result.ok) {
      conn.send(errorFrame(result.frame, conn.id, arrival.requestId));
      trace.error = result.why;
      return result.status;
    }
    // A route with a route response sends the integration's answer back [doc]; others do not.
    if (route.routeResponses.length > 0) {
      const answer = routeResponseBody(result.result);
      if (answer.error !== undefined) {
        conn.send(errorFrame(FRAME.internal, conn.id, arrival.requestId));
        trace.error = answer.error;
        return 500;
      }
      if (answer.body !== undefined) conn.send(answer.body);
    }
    return 200;
  }

  private async disconnected(conn: Connection, code: number, reason: string): Promise<void> {
    conn.closing = true;
    conn.stopTimers();
    if (this.connections.get(conn.id) === conn) this.connections.delete(conn.id);
    if (this.closed) return;
    const arrival: Arrival = { time: this.ctx.clock(), started: performance.now(), requestId: gatewayId() };
    const statusCode = conn.closedWith?.code ?? code;
    const trace: Trace = { stage: conn.stage.name, error: conn.closedWith ? `closed by the gateway (${statusCode}): ${conn.closedWith.disconnectReason}` : undefined };
    let status = 200;
    const route = this.disconnectRoute;
    if (route) {
      trace.routeKey = route.key;
      const event = disconnectEvent(conn, statusCode, conn.closedWith?.disconnectReason ?? reason, arrival);
      const result = await invokeRouteIntegration(this.ctx, route, conn.stage, event);
      trace.integration = result.integration;
      if (!result.ok) {
        status = result.status;
        trace.error = [trace.error, result.why].filter(Boolean).join('; ');
      }
    }
    this.record('DISCONNECT', stagePath(conn.stage), conn.id, trace, arrival, status);
  }

  private record(method: string, path: string, connectionId: string | undefined, trace: Trace, arrival: Arrival, status: number): void {
    this.ctx.record({
      protocol: 'WEBSOCKET',
      time: arrival.time,
      requestId: arrival.requestId,
      api: this.api.name,
      stage: trace.stage,
      method,
      path,
      connectionId,
      routeKey: trace.routeKey,
      integration: trace.integration,
      authorizer: trace.authorizer,
      status,
      durationMs: performance.now() - arrival.started,
      error: trace.error,
    });
  }
}

function stagePath(stage: StageModel): string {
  return stage.name === '$default' ? '/' : `/${stage.name}`;
}

/** Why a request is no valid WebSocket handshake (RFC 6455), or undefined. */
function invalidHandshake(request: GatewayRequest): string | undefined {
  if (request.method !== 'GET') return `a handshake must be a GET, not ${request.method}`;
  if (headerValue(request, 'upgrade')?.toLowerCase() !== 'websocket') return 'the handshake has no `Upgrade: websocket` header';
  if (!/^[+/0-9A-Za-z]{22}==$/.test(headerValue(request, 'sec-websocket-key') ?? '')) return 'the handshake has no valid `Sec-WebSocket-Key`';
  if (!['8', '13'].includes(headerValue(request, 'sec-websocket-version') ?? '')) return 'the handshake\'s `Sec-WebSocket-Version` is not 13';
  return undefined;
}

/** The body of a refused handshake [unverified: API Gateway's bodies]. */
function rejectionBody(status: number): string {
  if (status === 401) return '{"message":"Unauthorized"}';
  if (status === 403) return '{"message":"Forbidden"}';
  return '{"message": "Internal server error"}';
}

function writeRejection(socket: Duplex, status: number, requestId: string, body: string): void {
  if (socket.destroyed) return;
  const bytes = Buffer.from(body, 'utf8');
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    ...(bytes.length > 0 ? ['Content-Type: application/json'] : []),
    `Content-Length: ${bytes.length}`,
    ...(requestId ? [`x-amzn-RequestId: ${requestId}`] : []),
  ];
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), bytes]));
}

/**
 * What the `$connect` integration's result says about the handshake: its `statusCode` (a
 * non-2xx one refuses the connection with that status, its body sent along [anchor/obs]) and
 * the `Sec-WebSocket-Protocol` header that selects a subprotocol [doc]. A result without a
 * `statusCode` accepts the connection [unverified].
 */
function connectAnswer(result: unknown): { status: number; body?: string; protocol?: string } {
  if (result === null || typeof result !== 'object' || Array.isArray(result)) return { status: 200 };
  const object = result as Record<string, unknown>;
  const raw = object.statusCode;
  const status = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{3}$/.test(raw) ? Number(raw) : 200;
  const headers = object.headers !== null && typeof object.headers === 'object' ? object.headers as Record<string, unknown> : {};
  const protocol = Object.entries(headers).find(([name]) => name.toLowerCase() === 'sec-websocket-protocol')?.[1];
  return {
    status: Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500,
    body: typeof object.body === 'string' ? object.body : undefined,
    protocol: typeof protocol === 'string' ? protocol : undefined,
  };
}

/**
 * What a two-way route sends back from a Lambda proxy result: its `body`; nothing when it has
 * none [doc]. A result that is not an object, or a `body` that is not a string, is an
 * integration error [unverified: as REST APIs treat a malformed proxy response].
 */
function routeResponseBody(result: unknown): { body?: string; error?: string } {
  if (result === null || result === undefined) return {};
  if (typeof result !== 'object' || Array.isArray(result)) return { error: 'the function\'s response for a route response must be an object with a string `body`' };
  const body = (result as Record<string, unknown>).body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'string') return { error: `the \`body\` of the function's response must be a string, got ${Array.isArray(body) ? 'an array' : typeof body}` };
  return { body };
}
