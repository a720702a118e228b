import type { WarningId } from './catalog';

/**
 * The one table of the API Gateway (and CloudFormation) limits this library checks: each with
 * its value, where AWS raises it, if it does, and the page that documents it. Every check reads
 * its bound from here; a number that appears in a message comes from here too.
 */

/** Where AWS raises a limit. */
export enum Raise {
  /** In the Service Quotas console. */
  SERVICE_QUOTAS = 'SERVICE_QUOTAS',
  /** Only through a case with the AWS Support Center. */
  SUPPORT = 'SUPPORT',
  /** Nowhere: a hard limit. */
  NEVER = 'NEVER',
}

/** One limit. */
export interface Limit {
  /** The bound, in the unit the name of the entry says. */
  readonly value: number;
  /** Where AWS raises it. */
  readonly raise: Raise;
  /** The page that documents it. */
  readonly source: string;
  /** What the source leaves open, when it does. */
  readonly note?: string;
}

/** A per-API quota: a limit on how many of something an API has, named as warnings name it. */
export interface Quota extends Limit {
  /** What is counted, e.g. `routes` or `Lambda authorizers`. */
  readonly counted: string;
  /** The catalog id of the warning past a quota that AWS raises. */
  readonly warning?: WarningId;
}

const HTTP_QUOTAS = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html';
const WEBSOCKET_QUOTAS = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html';
const STAGES = 'https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html';
const STAGE_VARIABLES = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.stage-variables.html';
const MAPPINGS = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html';
const CUSTOM_DOMAINS = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html';

/** The per-API quotas of HTTP APIs. */
export const HTTP_API_QUOTAS = {
  routes: { counted: 'routes', value: 300, raise: Raise.SERVICE_QUOTAS, source: HTTP_QUOTAS, warning: 'routesQuota' },
  stages: { counted: 'stages', value: 10, raise: Raise.SERVICE_QUOTAS, source: HTTP_QUOTAS, warning: 'stagesQuota' },
  authorizers: { counted: 'authorizers', value: 10, raise: Raise.SUPPORT, source: HTTP_QUOTAS, warning: 'authorizersQuota' },
  integrations: { counted: 'integrations', value: 300, raise: Raise.NEVER, source: HTTP_QUOTAS },
} as const satisfies Record<string, Quota>;

/** The per-API quotas of WebSocket APIs. */
export const WEBSOCKET_API_QUOTAS = {
  routes: { counted: 'routes', value: 300, raise: Raise.SERVICE_QUOTAS, source: WEBSOCKET_QUOTAS, warning: 'routesQuota' },
  stages: { counted: 'stages', value: 10, raise: Raise.SERVICE_QUOTAS, source: WEBSOCKET_QUOTAS, warning: 'stagesQuota' },
  authorizers: { counted: 'Lambda authorizers', value: 10, raise: Raise.SUPPORT, source: WEBSOCKET_QUOTAS, warning: 'lambdaAuthorizersQuota' },
  integrations: { counted: 'integrations', value: 300, raise: Raise.SUPPORT, source: WEBSOCKET_QUOTAS, warning: 'integrationsQuota' },
} as const satisfies Record<string, Quota>;

/** Every other limit a check reads. */
export const LIMITS = {
  /** Integration timeouts, in milliseconds. */
  integrationTimeoutMinMs: { value: 50, raise: Raise.NEVER, source: HTTP_QUOTAS },
  httpIntegrationTimeoutMaxMs: { value: 30_000, raise: Raise.NEVER, source: HTTP_QUOTAS },
  webSocketIntegrationTimeoutMaxMs: { value: 29_000, raise: Raise.NEVER, source: WEBSOCKET_QUOTAS },

  /** Stages. */
  stageNameLength: { value: 128, raise: Raise.NEVER, source: STAGES },
  stageVariablesPerStage: { value: 100, raise: Raise.NEVER, source: HTTP_QUOTAS },
  stageVariableNameLength: { value: 64, raise: Raise.NEVER, source: HTTP_QUOTAS },
  stageVariableValueLength: { value: 512, raise: Raise.NEVER, source: STAGE_VARIABLES },

  /** Routes and authorizers. */
  scopesPerRoute: { value: 10, raise: Raise.NEVER, source: HTTP_QUOTAS },
  audiencesPerAuthorizer: { value: 50, raise: Raise.NEVER, source: HTTP_QUOTAS },
  authorizerResultTtlSeconds: {
    value: 3600, raise: Raise.NEVER,
    source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-authorizer.html',
  },
  routeArnPathLength: {
    value: 1000, raise: Raise.NEVER, source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html',
    note: 'no AWS page gives this bound on the path of an execute-api ARN in an IAM policy; it is the one this library has always checked',
  },
  corsMaxAgeSeconds: {
    value: 86_400, raise: Raise.NEVER, source: 'https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html#apis-apiid-model-cors',
    note: 'CloudFormation\'s schema takes any integer and deployed apps use more (aws-cdk-lib\'s README shows 10 days), so a longer maxAge is warned about, not refused',
  },

  /**
   * Throttling: the burst limit is an Integer (a 32-bit signed whole number in the SDKs); the
   * rate limit a Number (a double). Both 0 or more, as the usage plan schema writes it. Account
   * quotas (10,000 requests per second, burst 5,000) are raisable and never checked.
   */
  throttleBurstLimitMax: {
    value: 2_147_483_647, raise: Raise.NEVER,
    source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigatewayv2-stage-routesettings.html',
    note: 'the page types ThrottlingBurstLimit as Integer; the APIs carry it as a 32-bit signed integer',
  },

  /** Access logs: the size of the format template, the same for both protocols. */
  accessLogFormatBytes: {
    value: 3 * 1024, raise: Raise.NEVER, source: HTTP_QUOTAS,
    note: 'the quota pages of both protocols say "3 KB"; read as 3,072 bytes, the larger reading, so no format that deploys is refused',
  },

  /** Custom domain names and API mappings. */
  domainNameLength: { value: 253, raise: Raise.NEVER, source: CUSTOM_DOMAINS },
  domainLabelLength: { value: 63, raise: Raise.NEVER, source: CUSTOM_DOMAINS },
  mappingKeyLength: { value: 300, raise: Raise.NEVER, source: MAPPINGS },
  multiLevelMappingsPerDomain: { value: 200, raise: Raise.NEVER, source: HTTP_QUOTAS },

  /** API keys (an API Gateway v1 resource that WebSocket usage plans use). */
  apiKeyValueMinLength: { value: 20, raise: Raise.NEVER, source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html' },
  apiKeyValueMaxLength: { value: 128, raise: Raise.NEVER, source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html' },

  /**
   * CloudFormation's resources per stack; the `@aws-cdk/core:stackResourceLimit` context
   * changes the bound CDK (and this library) applies.
   */
  stackResources: {
    value: 500, raise: Raise.NEVER, source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html',
  },
} as const satisfies Record<string, Limit>;

/** How a warning tells the user to raise a quota. */
export function howToRaise(limit: Limit): string {
  switch (limit.raise) {
    case Raise.SERVICE_QUOTAS:
      return 'request an increase in Service Quotas';
    case Raise.SUPPORT:
      return 'request an increase from the AWS Support Center';
    case Raise.NEVER:
      return 'AWS does not raise it';
  }
}
