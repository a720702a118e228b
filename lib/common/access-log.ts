import type { ILogGroupRef } from 'aws-cdk-lib/aws-logs';
import type { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { IAccessLogSettings, IStage } from './stage';
import { checkArguments } from '../private/guard';

/**
 * Where a stage writes its access logs.
 */
export interface IAccessLogDestination {
  /**
   * Binds this destination to a stage.
   */
  bind(stage: IStage): AccessLogDestinationConfig;
}

/**
 * What an access log destination gives the stage.
 */
export interface AccessLogDestinationConfig {
  /**
   * The ARN of the destination, e.g. a CloudWatch Logs log group.
   */
  readonly destinationArn: string;
}

/**
 * Writes a stage's access logs to a CloudWatch Logs log group.
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 *
 * const logGroup = new logs.LogGroup(this, 'ChatAccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
 * new apigwv2.WebSocketStage(this, 'Prod', {
 *   webSocketApi,
 *   stageName: 'prod',
 *   autoDeploy: true,
 *   accessLogSettings: new apigwv2.AccessLogSettings(new apigwv2.LogGroupLogDestination(logGroup)),
 *   cloudWatchRole: true,
 * });
 */
export class LogGroupLogDestination implements IAccessLogDestination {
  /**
   * @param logGroup the log group that receives the access logs
   */
  constructor(private readonly logGroup: ILogGroupRef) {
    checkArguments('LogGroupLogDestination.new', [logGroup]);
  }

  /**
   * Binds this destination to a stage.
   */
  public bind(_stage: IStage): AccessLogDestinationConfig {
    return { destinationArn: this.logGroup.logGroupRef.logGroupArn };
  }
}

/**
 * Access logging settings of a stage, as an object. In TypeScript an object literal does the
 * same; Python, Java, .NET and Go need this class, because `IAccessLogSettings` is an
 * interface they cannot write as a literal.
 *
 * @example
 * const logGroup = new logs.LogGroup(this, 'AccessLogs');
 *
 * new apigwv2.HttpApi(this, 'HttpApi', { createDefaultStage: false }).addStage('Logged', {
 *   stageName: 'logged',
 *   accessLogSettings: new apigwv2.AccessLogSettings(
 *     new apigwv2.LogGroupLogDestination(logGroup),
 *     apigateway.AccessLogFormat.jsonWithStandardFields(),
 *   ),
 * });
 */
export class AccessLogSettings implements IAccessLogSettings {
  /** Where the access logs go. */
  public readonly destination: IAccessLogDestination;
  /**
   * The format of each log line. It must contain `$context.requestId` or
   * `$context.extendedRequestId`.
   *
   * @default - the Common Log Format of the stage's protocol
   */
  public readonly format?: AccessLogFormat;

  /**
   * @param destination where the access logs go
   * @param format the format of each log line, which must contain `$context.requestId` or
   *   `$context.extendedRequestId` (default: the Common Log Format of the stage's protocol)
   */
  constructor(destination: IAccessLogDestination, format?: AccessLogFormat) {
    checkArguments('AccessLogSettings.new', [destination, format]);
    this.destination = destination;
    this.format = format;
  }
}
