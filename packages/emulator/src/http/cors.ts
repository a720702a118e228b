import type { CorsModel } from '../assembly/model';
import { headerValue } from './request';
import type { GatewayRequest } from './request';
import type { GatewayResponse } from './responses';

/** A CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method` [doc]. */
export function isPreflight(request: GatewayRequest): boolean {
  return request.method === 'OPTIONS' && headerValue(request, 'origin') !== undefined
    && headerValue(request, 'access-control-request-method') !== undefined;
}

/** The `Access-Control-Allow-Origin` for a request's origin: `*`, the origin itself, or none. */
function allowedOrigin(cors: CorsModel, origin: string): string | undefined {
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  return cors.allowOrigins.some(allowed => allowed.toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}

/**
 * The CORS headers API Gateway sends for a request with an `Origin`: none when the origin is not
 * allowed [unverified]; for a preflight also the allowed methods and headers and the max age.
 */
function corsHeaders(cors: CorsModel, request: GatewayRequest, preflight: boolean): [string, string][] {
  const origin = headerValue(request, 'origin');
  if (origin === undefined) return [];
  const allowed = allowedOrigin(cors, origin);
  if (allowed === undefined) return [];
  const headers: [string, string][] = [['access-control-allow-origin', allowed]];
  if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  if (preflight) {
    if (cors.allowMethods.length > 0) headers.push(['access-control-allow-methods', cors.allowMethods.join(',')]);
    if (cors.allowHeaders.length > 0) headers.push(['access-control-allow-headers', cors.allowHeaders.join(',')]);
    if (cors.maxAge !== undefined) headers.push(['access-control-max-age', String(cors.maxAge)]);
  } else if (cors.exposeHeaders.length > 0) {
    headers.push(['access-control-expose-headers', cors.exposeHeaders.join(',')]);
  }
  return headers;
}

/** The answer API Gateway sends itself to a preflight no route takes: 204 [unverified status, as other emulators]. */
export function preflightResponse(cors: CorsModel, request: GatewayRequest): GatewayResponse {
  return { status: 204, headers: corsHeaders(cors, request, true), body: Buffer.alloc(0) };
}

/**
 * A response with the API's CORS headers: the integration's own `access-control-*` headers are
 * dropped [doc: "ignores CORS headers returned from your backend integration"] and the configured
 * ones added when the request has an `Origin`.
 */
export function withCors(cors: CorsModel, request: GatewayRequest, response: GatewayResponse): GatewayResponse {
  const headers = response.headers.filter(([name]) => !name.toLowerCase().startsWith('access-control-'));
  headers.push(...corsHeaders(cors, request, isPreflight(request)));
  return { ...response, headers };
}
