import type { IResource } from 'aws-cdk-lib';
import type { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { IDomainNameRef, IStageRef } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { IAccessLogDestination } from './access-log';

/**
 * A stage of an API Gateway v2 API.
 *
 * @example
 * declare const httpStage: apigwv2.HttpStage;
 * declare const webSocketStage: apigwv2.WebSocketStage;
 *
 * // Integrations read stage variables as $stageVariables.NAME (HTTP) or stageVariables.NAME (WebSocket).
 * const stages: apigwv2.IStage[] = [httpStage, webSocketStage];
 * for (const stage of stages) {
 *   stage.addStageVariable('backend', 'books.example.com');
 * }
 */
export interface IStage extends IResource, IStageRef {
  /**
   * The name of this stage.
   * @attribute
   */
  readonly stageName: string;

  /**
   * The URL of this stage.
   */
  readonly url: string;

  /**
   * A CloudWatch metric of this stage.
   *
   * @param metricName the metric's name
   * @param props options for the metric
   * @default - average over 5 minutes
   */
  metric(metricName: string, props?: MetricOptions): Metric;

  /**
   * Adds a stage variable.
   *
   * @param name the variable's name: 1 to 64 letters, digits and '_'
   * @param value its value: 1 to 512 letters, digits and characters of `-._~:/?#&=,`
   */
  addStageVariable(name: string, value: string): void;
}

/**
 * Throttling limits, for a stage or a route.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
export interface ThrottleSettings {
  /**
   * The steady-state request rate, in requests per second: a finite number, 0 or more. Values
   * above the account quota are accepted, as AWS raises that quota.
   * @default - no rate limit beyond the account's
   */
  readonly rateLimit?: number;

  /**
   * The burst limit, in requests: a whole number from 0 to 2,147,483,647 (a 32-bit integer).
   * @default - no burst limit beyond the account's
   */
  readonly burstLimit?: number;
}

/**
 * Access logging of a stage.
 *
 * @example
 * declare const logGroup: logs.LogGroup;
 *
 * // The settings as an object: TypeScript may also write them as an object literal.
 * const accessLogSettings: apigwv2.IAccessLogSettings = new apigwv2.AccessLogSettings(
 *   new apigwv2.LogGroupLogDestination(logGroup),
 *   apigateway.AccessLogFormat.clf(),
 * );
 * new apigwv2.HttpApi(this, 'HttpApi', {
 *   defaultStageOptions: { accessLogSettings },
 * });
 */
export interface IAccessLogSettings {
  /**
   * Where the access logs go.
   */
  readonly destination: IAccessLogDestination;

  /**
   * The format of each log line, at most 3 KB (3,072 bytes in UTF-8; formats holding a token
   * are not measured). It must contain `$context.requestId` or
   * `$context.extendedRequestId`.
   *
   * @default - the Common Log Format of the stage's protocol
   */
  readonly format?: AccessLogFormat;
}

/**
 * Options that stages of both protocols take.
 */
export interface StageOptions {
  /**
   * Whether changes to the API are deployed to this stage automatically.
   * @default false
   */
  readonly autoDeploy?: boolean;

  /**
   * Throttling of every route of this stage.
   * @default - no throttling
   */
  readonly throttle?: ThrottleSettings;

  /**
   * A description of this stage.
   * @default - no description
   */
  readonly description?: string;

  /**
   * Whether detailed (per-route) CloudWatch metrics are enabled for every route.
   * @default false
   */
  readonly detailedMetricsEnabled?: boolean;

  /**
   * Access logging of this stage.
   * @default - no access logging
   */
  readonly accessLogSettings?: IAccessLogSettings;

  /**
   * Stage variables: at most 100, names of 1 to 64 letters, digits and '_', values of 1 to
   * 512 letters, digits and characters of `-._~:/?#&=,`
   *
   * @default - no stage variables
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.stage-variables.html
   */
  readonly stageVariables?: { [key: string]: string };

  /**
   * Maps this stage to a custom domain name. The stage then depends on the domain, and the
   * mapping on the stage.
   * @default - no custom domain and no API mapping
   */
  readonly domainMapping?: DomainMappingOptions;
}

/**
 * Where a stage is mapped on a custom domain name.
 */
export interface DomainMappingOptions {
  /**
   * The custom domain name.
   */
  readonly domainName: IDomainNameRef;

  /**
   * The API mapping key: the path under the domain name, e.g. `orders`, or for HTTP APIs the
   * multi-level `orders/v1`. At most 300 of the characters letters, digits and `$-_.+!*'()`,
   * plus `/` between levels.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html
   * @default - no key: the stage is served at the root of the domain
   */
  readonly mappingKey?: string;
}

/**
 * The attributes of an existing stage, to import it.
 */
export interface StageAttributes {
  /**
   * The name of the stage.
   */
  readonly stageName: string;
}
