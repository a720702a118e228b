import type { IncomingMessage } from 'http';

/** A request as the gateway received it, before routing. */
export interface GatewayRequest {
  readonly method: string;
  /** The path as sent, still percent-encoded. */
  readonly rawPath: string;
  /** The path decoded, as HTTP APIs route on it and hand it to integrations. */
  readonly path: string;
  /** The query string as sent, without `?`. */
  readonly rawQueryString: string;
  /** The query parameters, decoded, in order. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** The headers as sent (original case), in order. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
  readonly sourceIp: string;
  /** The `Host` header, e.g. `127.0.0.1:3000`. */
  readonly host: string;
  readonly port: number;
  readonly requestId: string;
  /** When it arrived, epoch ms (the emulator's clock). */
  readonly time: number;
}

/**
 * Reads a request's body up to `limit` bytes, then calls `done` with it and whether the request
 * (its `content-length` or its bytes) went over the limit; the rest is read and dropped.
 */
export function readBody(req: IncomingMessage, limit: number, done: (body: Buffer, tooLarge: boolean) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = Number(req.headers['content-length'] ?? 0) > limit;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () => done(Buffer.concat(chunks), tooLarge));
}

/** Reads what the gateway needs from a Node.js request (the body is read by the caller). */
export function gatewayRequest(req: IncomingMessage, body: Buffer, requestId: string, time: number): GatewayRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQueryString = q < 0 ? '' : url.slice(q + 1);
  const headers: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath,
    path: percentDecode(rawPath),
    rawQueryString,
    query: parseQuery(rawQueryString),
    headers,
    body,
    sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    host,
    port: req.socket.localPort ?? 0,
    requestId,
    time,
  };
}

/** All values of a header (case-insensitive), in order. */
export function headerValues(request: { headers: ReadonlyArray<readonly [string, string]> }, name: string): string[] {
  const lower = name.toLowerCase();
  return request.headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
}

/** A header's values joined with commas, as HTTP APIs join duplicates; undefined when absent. */
export function headerValue(request: { headers: ReadonlyArray<readonly [string, string]> }, name: string): string | undefined {
  const values = headerValues(request, name);
  return values.length === 0 ? undefined : values.join(',');
}

/** A query parameter's values joined with commas; undefined when absent. Names are case-sensitive. */
export function queryValue(request: { query: ReadonlyArray<readonly [string, string]> }, name: string): string | undefined {
  const values = request.query.filter(([key]) => key === name).map(([, value]) => value);
  return values.length === 0 ? undefined : values.join(',');
}

/** Splits a query string into decoded pairs; `+` stays `+` [unverified: API Gateway's handling of `+`]. */
export function parseQuery(raw: string): [string, string][] {
  if (!raw) return [];
  return raw.split('&').filter(part => part !== '').map(part => {
    const eq = part.indexOf('=');
    return eq < 0 ? [percentDecode(part), ''] : [percentDecode(part.slice(0, eq)), percentDecode(part.slice(eq + 1))];
  });
}

/** Decodes percent-encoded UTF-8; malformed sequences are left as they are. */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9a-fA-F]{2})+/g, run => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
