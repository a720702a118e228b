import type { IncomingMessage, ServerResponse } from 'http';
import type { ApiModel, StageModel } from '../assembly/model';
import { checkIam } from '../auth/iam-authorization';
import type { GatewayContext } from '../context';
import { FUNCTION_CREDENTIAL } from '../functions/environment';
import { gatewayId } from '../ids';
import { gatewayRequest, percentDecode, readBody } from '../http/request';
import type { GatewayRequest } from '../http/request';
import type { Connection } from './connection';

/** The most a posted message may hold [doc: quotas, 128 KB]. */
export const MAX_POST_BYTES = 128 * 1024;

/** Close code 1000, sent when the backend deletes a connection [obs: boto/boto3#3789]. */
const NORMAL_CLOSURE = 1000;

/** The @connections path of a request: `/{stage}/@connections/{id}`, or without the stage [anchor: SDK v3 once dropped it]. */
export function managementPath(path: string): { stage?: string; connectionId: string } | undefined {
  const match = /^(?:\/([^/]+))?\/@connections\/([^/]+)\/?$/.exec(percentDecode(path));
  return match ? { stage: match[1], connectionId: match[2] } : undefined;
}

/** An answer of the @connections API. */
interface Answer {
  readonly status: number;
  readonly body?: string;
  /** `x-amzn-errortype`, which the AWS SDK turns into its exception (`GoneException`, ...). */
  readonly errorType?: string;
  readonly why?: string;
}

const OPERATIONS: Record<string, string> = { POST: 'PostToConnection', GET: 'GetConnection', DELETE: 'DeleteConnection' };

/**
 * The @connections management API of a WebSocket API's stages [doc:
 * apigateway-how-to-call-websocket-api-connections], at the callback URL handlers get:
 * POST sends the body to the client (200), GET describes the connection, DELETE closes it
 * (204); a connection that is not open answers 410, which the AWS SDK reports as
 * `GoneException`. Requests must be signed with SigV4, as the `iam` settings say; in `verify`
 * mode the functions' own (dummy) credentials are accepted too.
 */
export class ManagementApi {
  constructor(
    private readonly api: ApiModel,
    private readonly ctx: GatewayContext,
    private readonly stages: ReadonlyMap<string, StageModel>,
    private readonly connections: ReadonlyMap<string, Connection>,
  ) {}

  handle(req: IncomingMessage, res: ServerResponse, target: { stage?: string; connectionId: string }): void {
    const started = performance.now();
    const time = this.ctx.clock();
    const requestId = gatewayId();
    readBody(req, MAX_POST_BYTES, (body, tooLarge) => {
      const request = gatewayRequest(req, body, requestId, time);
      const answer = this.answer(request, target, tooLarge);
      const headers: Record<string, string> = { 'x-amzn-requestid': requestId };
      if (answer.body !== undefined) headers['content-type'] = 'application/json';
      if (answer.errorType) headers['x-amzn-errortype'] = answer.errorType;
      res.writeHead(answer.status, headers);
      res.end(answer.body);
      this.ctx.record({
        protocol: 'WEBSOCKET',
        time,
        requestId,
        api: this.api.name,
        stage: target.stage,
        method: request.method,
        path: request.path,
        integration: `@connections ${OPERATIONS[request.method] ?? request.method}`,
        connectionId: target.connectionId,
        status: answer.status,
        durationMs: performance.now() - started,
        error: answer.why,
      });
    });
    req.on('error', () => res.destroy());
  }

  private answer(request: GatewayRequest, target: { stage?: string; connectionId: string }, tooLarge: boolean): Answer {
    if (this.api.disableExecuteApiEndpoint) return forbidden('ForbiddenException', 'the API\'s execute-api endpoint is disabled (`DisableExecuteApiEndpoint`)');
    if (target.stage !== undefined && !this.stages.has(target.stage)) return forbidden('ForbiddenException', `the API has no stage '${target.stage}'`);
    const operation = OPERATIONS[request.method];
    if (!operation) return forbidden('ForbiddenException', `the @connections API has no ${request.method} operation (POST, GET, DELETE)`);
    const signature = checkIam(request, this.ctx.iam, this.ctx.clock(), this.api.account, [FUNCTION_CREDENTIAL]);
    if (!signature.allowed) return forbidden(signature.errorType, signature.note);
    const conn = this.connections.get(target.connectionId);
    if (!conn || conn.closing || (target.stage !== undefined && conn.stage.name !== target.stage)) {
      return { status: 410, errorType: 'GoneException', why: `connection ${target.connectionId} is not open${target.stage ? ` on stage ${target.stage}` : ''}` };
    }
    switch (request.method) {
      case 'POST':
        if (tooLarge) {
          return { status: 413, errorType: 'PayloadTooLargeException', body: '{"message":"Request entity too large"}', why: `the data is larger than ${MAX_POST_BYTES} bytes` };
        }
        conn.send(request.body);
        return { status: 200 };
      case 'GET':
        return {
          status: 200,
          body: JSON.stringify({
            connectedAt: new Date(conn.connectedAt).toISOString(),
            identity: { sourceIp: conn.sourceIp, userAgent: conn.userAgent ?? '' },
            lastActiveAt: new Date(conn.lastActiveAt).toISOString(),
          }),
        };
      default:
        conn.close(NORMAL_CLOSURE, '', 'Connection Closed Normally');
        return { status: 204 };
    }
  }
}

function forbidden(errorType: string, why: string): Answer {
  return { status: 403, errorType, body: '{"message":"Forbidden"}', why };
}
