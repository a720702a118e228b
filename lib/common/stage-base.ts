import type { StageReference } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import { Resource, Token } from 'aws-cdk-lib';
import type { IApi } from './api';
import type { IAccessLogSettings, IStage } from './stage';
import { refuse, shown } from '../private/error';
import { validateStageVariable, validateStageVariableCount } from '../private/validators';

const REQUEST_ID_FIELD = /\$context\.(?:requestId|extendedRequestId)\b/;

/**
 * What stages of both protocols, created or imported, share.
 * @internal
 */
export abstract class StageBase extends Resource implements IStage {
  public abstract readonly stageName: string;
  protected abstract readonly baseApi: IApi;
  private readonly variables: { [name: string]: string } = {};

  /** The URL of this stage. */
  public abstract get url(): string;

  /** The access log format used when `accessLogSettings` gives none. */
  public abstract defaultAccessLogFormat(): AccessLogFormat;

  public metric(metricName: string, props?: MetricOptions): Metric {
    return this.baseApi.metric(metricName, props)
      .with({ dimensionsMap: { ApiId: this.baseApi.apiId, Stage: this.stageName } })
      .attachTo(this);
  }

  public addStageVariable(name: string, value: string): void {
    validateStageVariable(this, name, value);
    this.variables[name] = value;
    validateStageVariableCount(this, Object.keys(this.variables).length);
  }

  public get stageRef(): StageReference {
    return { apiId: this.baseApi.apiId, stageName: this.stageName };
  }

  /**
   * The stage variables rendered for CloudFormation, or undefined when there are none.
   * @internal
   */
  protected _renderStageVariables(): { [name: string]: string } | undefined {
    return Object.keys(this.variables).length > 0 ? { ...this.variables } : undefined;
  }

  /**
   * Checks and renders access log settings.
   * @internal
   */
  protected _renderAccessLogSettings(settings?: IAccessLogSettings): CfnStage.AccessLogSettingsProperty | undefined {
    if (!settings) return undefined;
    const format = settings.format?.toString();
    if (format !== undefined && !Token.isUnresolved(format) && !REQUEST_ID_FIELD.test(format)) {
      refuse(`invalid \`accessLogSettings.format\` ${shown(format)}: it must contain \`$context.requestId\` or \`$context.extendedRequestId\` `
        + 'so that log lines can be traced; add AccessLogField.contextRequestId() to the format', this);
    }
    return {
      destinationArn: settings.destination.bind(this).destinationArn,
      format: format ?? this.defaultAccessLogFormat().toString(),
    };
  }
}
