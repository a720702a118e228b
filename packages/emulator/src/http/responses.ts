/** A response on its way to the client. */
export interface GatewayResponse {
  readonly status: number;
  /** Headers in order; a name may repeat (`set-cookie`). */
  readonly headers: [string, string][];
  readonly body: Buffer;
}

/** Why a Lambda result cannot be turned into a response (API Gateway answers 500). */
export class InvalidResponseError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function validStatus(value: unknown): number {
  const status = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new InvalidResponseError(`\`statusCode\` ${JSON.stringify(value)} is not an HTTP status code`);
  }
  return status;
}

function bodyBytes(body: unknown, isBase64Encoded: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body !== 'string') throw new InvalidResponseError(`\`body\` must be a string, got ${Array.isArray(body) ? 'an array' : typeof body}`);
  return isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}

function headerPairs(headers: unknown, name: string): [string, string][] {
  if (headers === undefined || headers === null) return [];
  if (!isObject(headers)) throw new InvalidResponseError(`\`${name}\` must be an object`);
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (Array.isArray(value)) {
      for (const item of value) out.push([key, String(item)]);
    } else if (value !== undefined && value !== null) {
      if (typeof value === 'object') throw new InvalidResponseError(`\`${name}.${key}\` must be a string, number or boolean`);
      out.push([key, String(value)]);
    }
  }
  return out;
}

/**
 * Turns a payload format 2.0 Lambda result (its JSON) into a response [doc]: an object with a
 * `statusCode` is a structured response (`cookies` become `set-cookie` headers, `isBase64Encoded`
 * bodies are decoded); any other valid JSON is an inferred response, 200 `application/json` with
 * the result as its body (a string as it is, anything else as JSON). A structured response without
 * a content type gets `text/plain; charset=utf-8` [unverified, as other emulators do].
 */
export function parseV2Response(payload: string): GatewayResponse {
  const result: unknown = JSON.parse(payload);
  if (!isObject(result) || result.statusCode === undefined) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return { status: 200, headers: [['content-type', 'application/json']], body: Buffer.from(body, 'utf8') };
  }
  const status = validStatus(result.statusCode);
  const headers = headerPairs(result.headers, 'headers').filter(([, value]) => typeof value === 'string');
  if (result.cookies !== undefined) {
    if (!Array.isArray(result.cookies)) throw new InvalidResponseError('`cookies` must be an array of strings');
    for (const cookie of result.cookies) headers.push(['set-cookie', String(cookie)]);
  }
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['content-type', 'text/plain; charset=utf-8']);
  return { status, headers, body: bodyBytes(result.body, result.isBase64Encoded) };
}

/**
 * Turns a payload format 1.0 Lambda result into a response [doc]: it must be an object with a
 * `statusCode`; `headers` and `multiValueHeaders` are merged.
 */
export function parseV1Response(payload: string): GatewayResponse {
  const result: unknown = JSON.parse(payload);
  if (!isObject(result)) throw new InvalidResponseError('a payload format 1.0 response must be an object with a `statusCode`');
  if (result.statusCode === undefined) throw new InvalidResponseError('the response has no `statusCode` (payload format 1.0 needs one)');
  const status = validStatus(result.statusCode);
  const single = headerPairs(result.headers, 'headers');
  const multi = headerPairs(result.multiValueHeaders, 'multiValueHeaders');
  const names = new Set(multi.map(([name]) => name.toLowerCase()));
  const headers = [...single.filter(([name]) => !names.has(name.toLowerCase())), ...multi];
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['content-type', 'application/json']);
  return { status, headers, body: bodyBytes(result.body, result.isBase64Encoded) };
}

/** API Gateway's own JSON error response: `{"message":"..."}`. */
export function gatewayError(status: number, message: string, headers: [string, string][] = []): GatewayResponse {
  return {
    status,
    headers: [['content-type', 'application/json'], ...headers],
    body: Buffer.from(JSON.stringify({ message }), 'utf8'),
  };
}

/** The gateway errors of HTTP APIs [doc/obs]. */
export const GatewayErrors = {
  notFound: () => gatewayError(404, 'Not Found'),
  unauthorized: (headers: [string, string][] = []) => gatewayError(401, 'Unauthorized', headers),
  forbidden: (headers: [string, string][] = []) => gatewayError(403, 'Forbidden', headers),
  internal: () => gatewayError(500, 'Internal Server Error'),
  badGateway: () => gatewayError(502, 'Bad Gateway'),
  serviceUnavailable: () => gatewayError(503, 'Service Unavailable'),
  gatewayTimeout: () => gatewayError(504, 'Gateway Timeout'),
  /** [unverified] the body of a request over 10 MB; one capture shows this text. */
  payloadTooLarge: () => ({ status: 413, headers: [['content-type', 'text/plain']] as [string, string][], body: Buffer.from('HTTP content length exceeded 10485760 bytes.') }),
  /** [unverified] an event over Lambda's 6 MB invocation limit. */
  requestTooLong: () => gatewayError(413, 'Request Too Long'),
};
