import { createHash, createHmac, timingSafeEqual } from 'crypto';
import { headerValues, parseQuery, queryValue } from '../http/request';
import type { GatewayRequest } from '../http/request';

/** The parts of a Signature Version 4 `Authorization` header. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: string[];
  readonly signature: string;
  /** Whether the signature is in the query string (a presigned URL) rather than an `Authorization` header. */
  readonly presigned: boolean;
  /** A presigned URL's `X-Amz-Expires`, in seconds. */
  readonly expiresSeconds?: number;
}

/**
 * Reads a SigV4 signature: an `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=..., Signature=...`),
 * or the `X-Amz-*` parameters of a presigned URL.
 */
export function parseSigV4(request: GatewayRequest): SigV4Authorization | undefined {
  const header = headerValues(request, 'authorization')[0];
  const match = header && /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/.exec(header);
  if (match) {
    return { accessKeyId: match[1], date: match[2], region: match[3], service: match[4], signedHeaders: match[5].split(';'), signature: match[6], presigned: false };
  }
  if (header !== undefined || queryValue(request, 'X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return undefined;
  const credential = /^([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request$/.exec(queryValue(request, 'X-Amz-Credential') ?? '');
  const signedHeaders = queryValue(request, 'X-Amz-SignedHeaders');
  const signature = queryValue(request, 'X-Amz-Signature');
  if (!credential || !signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  const expires = Number(queryValue(request, 'X-Amz-Expires'));
  return {
    accessKeyId: credential[1], date: credential[2], region: credential[3], service: credential[4],
    signedHeaders: signedHeaders.split(';'), signature, presigned: true,
    expiresSeconds: Number.isInteger(expires) && expires > 0 ? expires : undefined,
  };
}

/** RFC 3986 percent-encoding, as SigV4 canonicalizes. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The canonical request of SigV4 for a service other than S3 (the path encoded once more). */
export function canonicalRequest(request: GatewayRequest, signedHeaders: string[], payloadHash?: string): string {
  const segments = request.rawPath.split('/').map(segment => uriEncode(segment));
  const query = parseQuery(request.rawQueryString)
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [uriEncode(name), uriEncode(value)])
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headers = signedHeaders.map(name => `${name}:${headerValues(request, name).map(v => v.trim().replace(/\s+/g, ' ')).join(',')}\n`).join('');
  const hash = payloadHash ?? headerValues(request, 'x-amz-content-sha256')[0] ?? sha256(request.body);
  return [request.method, segments.join('/') || '/', query, headers, signedHeaders.join(';'), hash].join('\n');
}

/** The request's signing time (`X-Amz-Date`, or `Date`), epoch ms; undefined when absent or malformed. */
export function signingTime(request: GatewayRequest): number | undefined {
  const amzDate = headerValues(request, 'x-amz-date')[0] ?? queryValue(request, 'X-Amz-Date');
  const match = amzDate && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (match) return Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6]);
  const date = headerValues(request, 'date')[0];
  const parsed = date ? Date.parse(date) : NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * Whether the request's signature is the one the secret key gives. A presigned URL may sign an
 * empty payload's hash or `UNSIGNED-PAYLOAD`; both are tried.
 */
export function verifySigV4(request: GatewayRequest, auth: SigV4Authorization, secretAccessKey: string): boolean {
  const amzDate = headerValues(request, 'x-amz-date')[0] ?? queryValue(request, 'X-Amz-Date') ?? new Date(signingTime(request) ?? 0).toISOString().replace(/[-:]|\.\d{3}/g, '');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  let key: Buffer = createHmac('sha256', `AWS4${secretAccessKey}`).update(auth.date).digest();
  for (const part of [auth.region, auth.service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const given = Buffer.from(auth.signature, 'hex');
  const hashes = auth.presigned ? [undefined, 'UNSIGNED-PAYLOAD'] : [undefined];
  return hashes.some(payloadHash => {
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest(request, auth.signedHeaders, payloadHash))].join('\n');
    const expected = createHmac('sha256', key).update(stringToSign).digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
