import type { AuthorizerModel } from '../assembly/model';
import { functionArnOfUri, functionByArn } from '../assembly/model';
import type { GatewayContext } from '../context';

/** The most a Lambda authorizer may take [doc: quotas, 10,000 ms]. */
export const AUTHORIZER_TIMEOUT_MS = 10000;

/**
 * What invoking a Lambda authorizer gave: its response, or the status API Gateway answers
 * with (401 when it threw `Unauthorized`, 500 when it failed, 502 when it cannot run here).
 */
export type AuthorizerInvocation =
  | { readonly ok: true; readonly response: Record<string, unknown>; readonly latencyMs: number }
  | { readonly ok: false; readonly status: 401 | 500 | 502; readonly note: string };

/** Invokes a Lambda (REQUEST) authorizer's function with its event; shared by HTTP and WebSocket APIs. */
export async function invokeLambdaAuthorizer(ctx: GatewayContext, authorizer: AuthorizerModel, event: unknown): Promise<AuthorizerInvocation> {
  const fn = authorizer.uri ? functionByArn(ctx.functions, functionArnOfUri(authorizer.uri)) : undefined;
  if (!fn) return { ok: false, status: 500, note: `the authorizer's function ${authorizer.uri ?? '(no AuthorizerUri)'} is not in the assembly` };
  const unavailable = ctx.runner.whyUnavailable(fn);
  if (unavailable) return { ok: false, status: 502, note: unavailable };
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    ctx.runner.invoke(fn, event),
    new Promise<'timeout'>(resolve => { timer = setTimeout(() => resolve('timeout'), AUTHORIZER_TIMEOUT_MS); }),
  ]);
  clearTimeout(timer);
  if (result === 'timeout') return { ok: false, status: 500, note: `the authorizer did not answer within ${AUTHORIZER_TIMEOUT_MS} ms` };
  if (result.status === 'unavailable') return { ok: false, status: 502, note: result.reason };
  if (result.status === 'error') {
    // Lambda reports `throw new Error('Unauthorized')` with this message; API Gateway answers 401.
    if (result.error.errorMessage === 'Unauthorized') return { ok: false, status: 401, note: 'the authorizer threw Unauthorized' };
    return { ok: false, status: 500, note: `the authorizer failed: ${result.error.errorType}: ${result.error.errorMessage}` };
  }
  const response: unknown = JSON.parse(result.payload);
  if (!isObject(response)) return { ok: false, status: 500, note: 'the authorizer\'s response is not an object' };
  return { ok: true, response, latencyMs: Date.now() - started };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
