import type { ILogGroupRef } from 'aws-cdk-lib/aws-logs';
import type { IStage } from './stage';

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
 */
export class LogGroupLogDestination implements IAccessLogDestination {
  /**
   * @param logGroup the log group that receives the access logs
   */
  constructor(private readonly logGroup: ILogGroupRef) {}

  /**
   * Binds this destination to a stage.
   */
  public bind(_stage: IStage): AccessLogDestinationConfig {
    return { destinationArn: this.logGroup.logGroupRef.logGroupArn };
  }
}
