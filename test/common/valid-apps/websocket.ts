import { Aws, Duration } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import type { Backends } from './backends';
import type { GeneratedDomain, MappingKind } from './domains';
import type { StageSpec } from './stages';
import { stageArb, stageOptions, throttleArb } from './stages';
import type { IWebSocketRouteAuthorizer, ThrottleSettings, WebSocketRouteIntegration, WebSocketRouteOptions } from '../../../lib';
import {
  ApiKey, HttpMethod, Period, RateLimitedApiKey, TemplateCompatibility, UsagePlan, WebSocketApi, WebSocketApiKeySelectionExpression,
  WebSocketIntegrationResponseKey, WebSocketLoggingLevel, WebSocketStage,
} from '../../../lib';
import { WebSocketIamAuthorizer, WebSocketLambdaAuthorizer } from '../../../lib/authorizers';
import {
  WebSocketAwsIntegration, WebSocketHttpIntegration, WebSocketHttpProxyIntegration, WebSocketLambdaIntegration, WebSocketMockIntegration,
} from '../../../lib/integrations';

export const WEBSOCKET_INTEGRATIONS = ['lambda', 'mock', 'aws-sqs', 'http', 'http-proxy'] as const;
export type WebSocketIntegrationKind = typeof WEBSOCKET_INTEGRATIONS[number];

export interface WebSocketRouteSpec {
  readonly integration: WebSocketIntegrationKind;
  readonly returnResponse: boolean;
}

export interface WebSocketApiSpec {
  readonly compatibility: 'default' | 'aws-cdk-lib';
  /** A route selection expression of its own (`$request.body.type`) instead of the default. */
  readonly ownSelectionExpression: boolean;
  readonly apiKeys: boolean;
  readonly connect?: WebSocketRouteSpec & { readonly authorizer: 'none' | 'lambda' | 'iam' };
  readonly disconnect?: WebSocketRouteSpec;
  readonly default?: WebSocketRouteSpec;
  /** Routes by key, `route0`, `route1`, ... */
  readonly routes: WebSocketRouteSpec[];
  readonly stages: Array<StageSpec & {
    readonly name: string;
    readonly loggingLevel?: WebSocketLoggingLevel;
    readonly dataTrace: boolean;
  }>;
  /** `cloudWatchRole: true` on the first stage that logs. */
  readonly cloudWatchRole: boolean;
  readonly usagePlan?: {
    readonly quota?: { readonly limit: number; readonly period: Period };
    readonly throttle?: ThrottleSettings;
    readonly keys: number;
    readonly rateLimitedKey: boolean;
  };
  readonly mapping: MappingKind;
}

const routeArb: fc.Arbitrary<WebSocketRouteSpec> = fc.record({
  integration: fc.constantFrom(...WEBSOCKET_INTEGRATIONS),
  returnResponse: fc.boolean(),
});

export const webSocketApiArb: fc.Arbitrary<WebSocketApiSpec> = fc.record({
  compatibility: fc.constantFrom('default' as const, 'aws-cdk-lib' as const),
  ownSelectionExpression: fc.boolean(),
  apiKeys: fc.boolean(),
  connect: fc.option(routeArb.chain(r => fc.constantFrom('none' as const, 'lambda' as const, 'iam' as const).map(authorizer => ({ ...r, authorizer }))), { nil: undefined }),
  disconnect: fc.option(routeArb, { nil: undefined }),
  default: fc.option(routeArb, { nil: undefined }),
  routes: fc.array(routeArb, { maxLength: 4 }),
  stages: fc.uniqueArray(fc.record({
    name: fc.constantFrom('prod', 'dev', 'v2'),
    loggingLevel: fc.option(fc.constantFrom(WebSocketLoggingLevel.OFF, WebSocketLoggingLevel.ERROR, WebSocketLoggingLevel.INFO), { nil: undefined }),
    dataTrace: fc.boolean(),
  }).chain(named => stageArb.map(s => ({ ...s, ...named }))), { maxLength: 2, selector: s => s.name }),
  cloudWatchRole: fc.boolean(),
  usagePlan: fc.option(fc.record({
    quota: fc.option(fc.record({ limit: fc.integer({ min: 0, max: 1_000_000 }), period: fc.constantFrom(Period.DAY, Period.WEEK, Period.MONTH) }), { nil: undefined }),
    throttle: fc.option(throttleArb, { nil: undefined }),
    keys: fc.integer({ min: 0, max: 2 }),
    rateLimitedKey: fc.boolean(),
  }), { nil: undefined }),
  mapping: fc.constantFrom<MappingKind>('none', 'stage', 'api-mapping'),
});

/** Builds a WebSocket API, its stages, usage plan and keys from its spec. */
export function buildWebSocketApi(stack: Stack, id: string, spec: WebSocketApiSpec, backends: Backends, domain?: GeneratedDomain): WebSocketApi {
  let integrations = 0;
  let authorizer: IWebSocketRouteAuthorizer | undefined;
  const options = (route: WebSocketRouteSpec): WebSocketRouteOptions => ({
    integration: webSocketIntegration(route.integration, `${id}Int${++integrations}`, backends),
    returnResponse: route.returnResponse,
    apiKeyRequired: spec.apiKeys,
  });
  if (spec.connect?.authorizer === 'lambda') {
    authorizer = new WebSocketLambdaAuthorizer(`${id}Authorizer`, backends.authorizerFunction, { identitySource: ['route.request.querystring.token'] });
  } else if (spec.connect?.authorizer === 'iam') {
    authorizer = new WebSocketIamAuthorizer();
  }
  const api = new WebSocketApi(stack, id, {
    templateCompatibility: spec.compatibility === 'aws-cdk-lib' ? TemplateCompatibility.AWS_CDK_LIB : undefined,
    description: 'a generated WebSocket API',
    routeSelectionExpression: spec.ownSelectionExpression ? '$request.body.type' : undefined,
    apiKeySelectionExpression: spec.apiKeys ? WebSocketApiKeySelectionExpression.HEADER_X_API_KEY : undefined,
    connectRouteOptions: spec.connect ? { ...options(spec.connect), authorizer } : undefined,
    disconnectRouteOptions: spec.disconnect ? options(spec.disconnect) : undefined,
    defaultRouteOptions: spec.default ? options(spec.default) : undefined,
  });
  spec.routes.forEach((route, i) => api.addRoute(`route${i}`, options(route)));

  let roleAsked = false;
  const stages = spec.stages.map((stageSpec, i) => {
    const logs = stageSpec.accessLog !== undefined || (stageSpec.loggingLevel !== undefined && stageSpec.loggingLevel !== WebSocketLoggingLevel.OFF) || stageSpec.dataTrace;
    const cloudWatchRole = spec.cloudWatchRole && logs && !roleAsked;
    roleAsked = roleAsked || cloudWatchRole;
    const routeKey = spec.routes.length > 0 ? 'route0' : undefined;
    return new WebSocketStage(stack, `${id}${stageSpec.name}Stage`, {
      ...stageOptions(stageSpec, backends),
      webSocketApi: api,
      stageName: stageSpec.name,
      loggingLevel: stageSpec.loggingLevel,
      dataTraceEnabled: stageSpec.dataTrace,
      cloudWatchRole,
      routeSettings: stageSpec.routeSettings && routeKey ? [{ routeKey, throttle: { burstLimit: 5 }, loggingLevel: WebSocketLoggingLevel.OFF }] : undefined,
      domainMapping: domain && spec.mapping === 'stage' && i === 0 ? domain.mapping() : undefined,
    });
  });
  if (domain && spec.mapping === 'api-mapping' && stages.length > 0) {
    domain.apiMapping(`${id}Mapping`, api, stages[0], false);
  }

  if (spec.usagePlan && stages.length > 0) {
    const plan = new UsagePlan(stack, `${id}Plan`, {
      apiStages: stages.map(stage => ({ api, stage })),
      quota: spec.usagePlan.quota,
      throttle: spec.usagePlan.throttle,
      description: 'a generated usage plan',
    });
    for (let k = 0; k < spec.usagePlan.keys; k++) {
      plan.addApiKey(new ApiKey(stack, `${id}Key${k}`, k === 0 ? {} : { value: `generatedKeyValue${k}x${'0'.repeat(20)}`, description: 'a partner' }));
    }
    if (spec.usagePlan.rateLimitedKey) {
      new RateLimitedApiKey(stack, `${id}RateLimitedKey`, {
        apiStages: [{ api, stage: stages[0] }],
        quota: { limit: 1000, period: Period.DAY },
        throttle: { rateLimit: 10, burstLimit: 20 },
      });
    }
  }
  return api;
}

function webSocketIntegration(kind: WebSocketIntegrationKind, id: string, backends: Backends): WebSocketRouteIntegration {
  switch (kind) {
    case 'lambda':
      return new WebSocketLambdaIntegration(id, backends.handler, { timeout: Duration.seconds(10) });
    case 'mock':
      return new WebSocketMockIntegration(id, {
        requestTemplates: { $default: '{"statusCode": 200}' },
        templateSelectionExpression: '\\$default',
        responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT, responseTemplates: { $default: '{"pong": true}' } }],
      });
    case 'aws-sqs':
      return new WebSocketAwsIntegration(id, {
        integrationUri: `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:sqs:path/${Aws.ACCOUNT_ID}/${backends.queue.queueName}`,
        integrationMethod: 'POST',
        credentialsRole: backends.sendRole,
        requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
        requestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
        templateSelectionExpression: '\\$default',
      });
    case 'http':
      return new WebSocketHttpIntegration(id, 'https://translate.example.com/v1', {
        method: HttpMethod.POST,
        requestTemplates: { $default: '{"text": $input.json(\'$.text\')}' },
        templateSelectionExpression: '\\$default',
        responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT }],
      });
    case 'http-proxy':
      return new WebSocketHttpProxyIntegration(id, 'https://chat.example.com/messages', {
        requestParameters: { 'integration.request.header.ConnectionId': 'context.connectionId' },
      });
  }
}
