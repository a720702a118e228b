import type { FunctionModel, IntegrationModel, RouteModel, StageModel } from '../assembly/model';
import { fillStageVariables, functionArnOfUri, functionByArn } from '../assembly/model';
import type { GatewayContext } from '../context';

/** API Gateway's error frame messages [obs]. */
export const FRAME = {
  forbidden: 'Forbidden',
  internal: 'Internal server error',
  timeout: 'Endpoint request timed out',
} as const;

/** What a route's integration gave: the Lambda function's result, or the error frame to send. */
export type IntegrationResult =
  | { readonly ok: true; readonly result: unknown; readonly integration: string }
  | { readonly ok: false; readonly frame: string; readonly status: number; readonly why: string; readonly integration?: string };

/**
 * Runs a route's integration with an event. Lambda proxy integrations are invoked (the
 * integration's timeout applies when shorter than the function's); the other types need
 * request templates or integration responses (VTL), or forward to HTTP backends, which the
 * emulator does not do for WebSocket APIs: they fail with the internal error frame and a log
 * line saying why.
 */
export async function invokeRouteIntegration(ctx: GatewayContext, route: RouteModel, stage: StageModel, event: unknown): Promise<IntegrationResult> {
  const target = lambdaTarget(ctx, route, stage);
  if ('error' in target) return target.error;
  const { fn, integration, name } = target;
  let timer: NodeJS.Timeout | undefined;
  const invocation = ctx.runner.invokeJson(fn, JSON.stringify(event));
  const result = integration.timeoutMs >= fn.timeoutSeconds * 1000 ? await invocation : await Promise.race([
    invocation,
    new Promise<'timeout'>(resolve => { timer = setTimeout(() => resolve('timeout'), integration.timeoutMs); }),
  ]);
  clearTimeout(timer);
  if (result === 'timeout') {
    return { ok: false, frame: FRAME.timeout, status: 504, integration: name, why: `the integration did not answer within its timeout of ${integration.timeoutMs} ms` };
  }
  if (result.status === 'unavailable') return { ok: false, frame: FRAME.internal, status: 502, integration: name, why: result.reason };
  if (result.status === 'error') {
    // The function's own timeout is a function error, as on Lambda.
    return { ok: false, frame: FRAME.internal, status: 500, integration: name, why: `the function failed: ${result.error.errorType}: ${result.error.errorMessage}` };
  }
  return { ok: true, result: JSON.parse(result.payload), integration: name };
}

type LambdaTarget =
  | { readonly fn: FunctionModel; readonly integration: IntegrationModel; readonly name: string }
  | { readonly error: IntegrationResult };

/** The function of each route and stage, found once: routes are served on every message. */
const targets = new WeakMap<RouteModel, Map<StageModel, LambdaTarget>>();

/** The function a route's Lambda proxy integration invokes on a stage, or the error frame to send. */
function lambdaTarget(ctx: GatewayContext, route: RouteModel, stage: StageModel): LambdaTarget {
  let byStage = targets.get(route);
  if (!byStage) targets.set(route, byStage = new Map());
  let target = byStage.get(stage);
  if (!target) {
    target = findLambdaTarget(ctx, route, stage);
    // Whether a function can run does not change while the emulator serves an assembly.
    byStage.set(stage, target);
  }
  return target;
}

function findLambdaTarget(ctx: GatewayContext, route: RouteModel, stage: StageModel): LambdaTarget {
  const integration = route.integration;
  if (!integration) return { error: { ok: false, frame: FRAME.internal, status: 500, why: `route '${route.key}': ${route.integrationProblem}` } };
  if (integration.type !== 'AWS_PROXY' || integration.subtype) {
    const what = integration.subtype ? `${integration.type} ${integration.subtype}` : integration.type;
    return {
      error: {
        ok: false, frame: FRAME.internal, status: 500, integration: what,
        why: integration.type === 'HTTP_PROXY'
          ? 'HTTP_PROXY integrations of WebSocket APIs are not emulated'
          : `a ${what} integration needs request templates or integration responses (VTL), which the emulator does not evaluate`,
      },
    };
  }
  const uri = fillStageVariables(integration.uri ?? '', stage);
  const fn = functionByArn(ctx.functions, functionArnOfUri(uri));
  if (!fn) return { error: { ok: false, frame: FRAME.internal, status: 500, integration: `Lambda ${uri}`, why: `function ${uri} is not in the assembly` } };
  const name = `Lambda ${fn.path}`;
  const unavailable = ctx.runner.whyUnavailable(fn);
  if (unavailable) return { error: { ok: false, frame: FRAME.internal, status: 502, integration: name, why: unavailable } };
  return { fn, integration, name };
}
