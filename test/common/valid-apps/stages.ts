import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as fc from 'fast-check';
import type { Backends } from './backends';
import type { StageOptions, ThrottleSettings } from '../../../lib';
import { AccessLogSettings, LogGroupLogDestination } from '../../../lib';

/** Settings every stage takes, HTTP or WebSocket. */
export interface StageSpec {
  readonly autoDeploy: boolean;
  readonly throttle?: ThrottleSettings;
  readonly detailedMetrics: boolean;
  readonly accessLog?: 'clf' | 'json' | 'custom';
  readonly variables: boolean;
  readonly description: boolean;
  /** Per-route settings on the API's first route (HTTP) or route key (WebSocket). */
  readonly routeSettings: boolean;
}

export const throttleArb: fc.Arbitrary<ThrottleSettings> = fc.record({
  rateLimit: fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.double({ min: 0, max: 5_000, noNaN: true })),
  burstLimit: fc.integer({ min: 0, max: 10_000 }),
}, { requiredKeys: [] });

export const stageArb: fc.Arbitrary<StageSpec> = fc.record({
  autoDeploy: fc.boolean(),
  throttle: fc.option(throttleArb, { nil: undefined }),
  detailedMetrics: fc.boolean(),
  accessLog: fc.option(fc.constantFrom('clf' as const, 'json' as const, 'custom' as const), { nil: undefined }),
  variables: fc.boolean(),
  description: fc.boolean(),
  routeSettings: fc.boolean(),
});

/** The stage options of a spec, without the name and the domain mapping. */
export function stageOptions(spec: StageSpec, backends: Backends): StageOptions {
  return {
    autoDeploy: spec.autoDeploy,
    throttle: spec.throttle,
    detailedMetricsEnabled: spec.detailedMetrics,
    description: spec.description ? 'a generated stage' : undefined,
    stageVariables: spec.variables ? { backend: 'books.example.com', version: 'v2' } : undefined,
    accessLogSettings: spec.accessLog ? new AccessLogSettings(new LogGroupLogDestination(backends.logGroup()), accessLogFormat(spec.accessLog)) : undefined,
  };
}

function accessLogFormat(kind: 'clf' | 'json' | 'custom'): AccessLogFormat | undefined {
  switch (kind) {
    case 'clf': return undefined;
    case 'json': return AccessLogFormat.jsonWithStandardFields();
    case 'custom': return AccessLogFormat.custom(JSON.stringify({ requestId: '$context.requestId', status: '$context.status', ip: '$context.identity.sourceIp' }));
  }
}
