import type { StageReference } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import { Resource, Token } from 'aws-cdk-lib';
import type { IApi } from './api';
import type * as apiMappingModule from './api-mapping';
import type { ApiMapping } from './api-mapping';
import type { DomainMappingOptions, IAccessLogSettings, IStage } from './stage';
import { resourceOf } from '../private/dependency';
import { refuse, shown } from '../private/error';
import { loadModule } from '../private/lazy';
import { validateAccessLogFormatSize, validateStageVariable, validateStageVariableCount } from '../private/validators';
import { checkArguments } from '../private/guard';

const REQUEST_ID_FIELD = /\$context\.(?:requestId|extendedRequestId)\b/;

/**
 * What stages of both protocols, created or imported, share: metrics, stage variables and
 * the stage's reference. `HttpStage` and `WebSocketStage` extend it, and so do the stages
 * their imports return. It is public so that these shared members are documented, and called
 * by their names, in every language; it is not meant to be extended outside this library.
 *
 * @example
 * declare const api: apigwv2.HttpApi;
 *
 * const stage = new apigwv2.HttpStage(this, 'Prod', {
 *   httpApi: api,
 *   stageName: 'prod',
 *   autoDeploy: true,
 *   stageVariables: { backend: 'books.example.com' },
 * });
 * stage.addStageVariable('version', 'v2');
 * const p99 = stage.metric('Latency', { statistic: 'p99' });
 */
export abstract class StageBase extends Resource implements IStage {
  public abstract readonly stageName: string;
  /** The API this stage belongs to, whatever its protocol. */
  protected abstract readonly baseApi: IApi;
  private readonly variables: { [name: string]: string } = {};

  /**
   * The API mapping of this stage's `domainMapping`, if any.
   * @internal
   */
  protected _apiMapping?: ApiMapping;

  /** The URL of this stage. */
  public abstract get url(): string;

  /** The access log format used when `accessLogSettings` gives none. */
  public abstract defaultAccessLogFormat(): AccessLogFormat;

  public metric(metricName: string, props?: MetricOptions): Metric {
    checkArguments('StageBase.metric', [metricName, props], this);
    return this.baseApi.metric(metricName, props)
      .with({ dimensionsMap: { ApiId: this.baseApi.apiId, Stage: this.stageName } })
      .attachTo(this);
  }

  public addStageVariable(name: string, value: string): void {
    checkArguments('StageBase.addStageVariable', [name, value], this);
    validateStageVariable(this, name, value);
    this.variables[name] = value;
    validateStageVariableCount(this, Object.keys(this.variables).length);
  }

  /**
   * Maps this stage to a custom domain: creates the `ApiMapping` under the stage, whose
   * construct id is `${domainName}${mappingKey}` as in aws-cdk-lib (the domain construct's
   * path, then the key or 'undefined'; `${domainName}TokenKey` for a key only known at deploy
   * time, which a construct id cannot hold), and makes the stage depend on the domain.
   * @internal
   */
  protected _addDomainMapping(domainMapping: DomainMappingOptions): void {
    if (this._apiMapping) {
      refuse('stageDomainMapping', 'this stage already has a `domainMapping`: a stage has one; map it again with `new ApiMapping()`', this);
    }
    // String() of a construct is its path; the id keeps aws-cdk-lib's shape so logical ids match.
    const key = domainMapping.mappingKey;
    const id = `${String(domainMapping.domainName)}${key !== undefined && Token.isUnresolved(key) ? 'TokenKey' : String(key)}`;
    // Most stages have no custom domain: load the module (and the domain rules) when one has.
    const { ApiMapping: ApiMappingClass } = loadModule<typeof apiMappingModule>('common/api-mapping');
    this._apiMapping = new ApiMappingClass(this, id, {
      api: this.baseApi,
      domainName: domainMapping.domainName,
      stage: this,
      apiMappingKey: domainMapping.mappingKey,
    });
    this.node.addDependency(resourceOf(domainMapping.domainName));
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
      refuse('accessLogFormat', `invalid \`accessLogSettings.format\` ${shown(format)}: it must contain \`$context.requestId\` or \`$context.extendedRequestId\` `
        + 'so that log lines can be traced; add AccessLogField.contextRequestId() to the format', this);
    }
    if (format !== undefined) validateAccessLogFormatSize(this, format);
    return {
      destinationArn: settings.destination.bind(this).destinationArn,
      format: format ?? this.defaultAccessLogFormat().toString(),
    };
  }
}
