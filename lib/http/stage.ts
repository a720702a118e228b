import type { Construct } from 'constructs';
import { Lazy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { IStageRef } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { IHttpApi, IHttpApiRef } from './api-base';
import { toIHttpApi } from './to-http-api';
import { httpRegistryOf } from './private/registry';
import type { HttpRouteKey } from './route';
import type { IApi } from '../common/api';
import type { IStage, StageAttributes, StageOptions, ThrottleSettings } from '../common/stage';
import { StageBase } from '../common/stage-base';
import { executeApiHost } from '../private/arns';
import { problemOf, refuse } from '../private/error';
import { injectProps } from '../private/property-injection';
import { StageRouteSettings } from '../private/route-settings';
import { validateStageName, validateThrottle } from '../private/validators';
import { whenBuilt } from '../private/when-built';
import { checkArguments } from '../private/guard';

const DEFAULT_STAGE_NAME = '$default';

/**
 * A reference to a stage of an HTTP API.
 */
export interface IHttpStageRef extends IStageRef {
  /** Whether this is a stage of an HTTP API: always true. */
  readonly isHttpStage: boolean;
}

/**
 * A stage of an HTTP API, created or imported.
 *
 * @example
 * declare const api: apigwv2.HttpApi;
 *
 * // A stage created elsewhere, imported, with the metrics of that stage alone.
 * const stage: apigwv2.IHttpStage = apigwv2.HttpStage.fromHttpStageAttributes(this, 'Beta', {
 *   api,
 *   stageName: 'beta',
 * });
 * const betaServerErrors = stage.metricServerError();
 */
export interface IHttpStage extends IStage, IHttpStageRef {
  /** The HTTP API this stage belongs to. */
  readonly api: IHttpApi;

  /**
   * The URL of this stage through its custom domain: `https://{domainName}/{mappingKey}`.
   * Reading it is refused when the stage has no `domainMapping`, and on imported stages.
   */
  readonly domainUrl: string;

  /** The number of client-side errors (4xx) on this stage. @default - sum over 5 minutes */
  metricClientError(props?: MetricOptions): Metric;
  /** The number of server-side errors (5xx) on this stage. @default - sum over 5 minutes */
  metricServerError(props?: MetricOptions): Metric;
  /** The amount of data processed on this stage, in bytes. @default - sum over 5 minutes */
  metricDataProcessed(props?: MetricOptions): Metric;
  /** The number of requests to this stage. @default - SampleCount over 5 minutes */
  metricCount(props?: MetricOptions): Metric;
  /** Integration latency on this stage. @default - no statistic */
  metricIntegrationLatency(props?: MetricOptions): Metric;
  /** Latency on this stage. @default - no statistic */
  metricLatency(props?: MetricOptions): Metric;
}

/**
 * Settings of one route on a stage. What a route leaves unset falls back to the stage's
 * `throttle` and `detailedMetricsEnabled`.
 */
export interface HttpRouteSettingsOptions {
  /**
   * Throttling of the route, merged over the stage's `throttle`.
   * @default - the stage's throttle
   */
  readonly throttle?: ThrottleSettings;

  /**
   * Whether detailed CloudWatch metrics are enabled for the route.
   * @default - the stage's `detailedMetricsEnabled`
   */
  readonly detailedMetricsEnabled?: boolean;
}

/**
 * Settings of one route on a stage, with the route they apply to.
 */
export interface HttpStageRouteSettings extends HttpRouteSettingsOptions {
  /**
   * The route, which must exist on the stage's API, e.g. the key that `HttpRouteKey.with()`
   * makes of the path `/books` and the method `HttpMethod.GET`.
   */
  readonly routeKey: HttpRouteKey;
}

/**
 * Options to create a stage of an HTTP API.
 */
export interface HttpStageOptions extends StageOptions {
  /**
   * The stage's name: 1 to 128 letters, digits, '-' and '_', or `$default`, the stage served
   * at the API's root URL.
   * @default '$default'
   */
  readonly stageName?: string;

  /**
   * Per-route settings: throttling and detailed metrics for chosen routes, merged over the
   * stage's own `throttle` and `detailedMetricsEnabled`.
   * @default - every route uses the stage's settings
   */
  readonly routeSettings?: HttpStageRouteSettings[];
}

/**
 * Properties of an `HttpStage`.
 *
 * @example
 * declare const api: apigwv2.HttpApi;
 *
 * new apigwv2.HttpStage(this, 'Stage', {
 *   httpApi: api,
 *   stageName: 'beta',
 *   description: 'My Stage',
 *   autoDeploy: true,
 * });
 */
export interface HttpStageProps extends HttpStageOptions {
  /** The HTTP API this stage belongs to. */
  readonly httpApi: IHttpApiRef;
}

/**
 * The attributes of an existing HTTP stage, to import it.
 */
export interface HttpStageAttributes extends StageAttributes {
  /** The HTTP API the stage belongs to. */
  readonly api: IHttpApi;
}

/**
 * What created and imported HTTP stages share: the stage's metrics. `HttpStage` extends it,
 * and so does the stage that `HttpStage.fromHttpStageAttributes` returns. It is public so
 * that these shared members are documented, and called by their names, in every language; it
 * is not meant to be extended outside this library.
 *
 * @example
 * const api = new apigwv2.HttpApi(this, 'my-api');
 * const stage = new apigwv2.HttpStage(this, 'Stage', { httpApi: api, stageName: 'prod' });
 *
 * // The metrics of one stage; the API's cover all its stages.
 * const stageClientErrorMetric = stage.metricClientError();
 * const stageRequests = stage.metricCount();
 */
export abstract class HttpStageBase extends StageBase implements IHttpStage {
  public readonly isHttpStage = true;
  public abstract readonly api: IHttpApi;
  public abstract readonly domainUrl: string;

  public metricClientError(props?: MetricOptions): Metric {
    checkArguments('HttpStageBase.metricClientError', [props], this);
    return this.metric('4xx', { statistic: 'Sum', ...props });
  }

  public metricServerError(props?: MetricOptions): Metric {
    checkArguments('HttpStageBase.metricServerError', [props], this);
    return this.metric('5xx', { statistic: 'Sum', ...props });
  }

  public metricDataProcessed(props?: MetricOptions): Metric {
    checkArguments('HttpStageBase.metricDataProcessed', [props], this);
    return this.metric('DataProcessed', { statistic: 'Sum', ...props });
  }

  public metricCount(props?: MetricOptions): Metric {
    checkArguments('HttpStageBase.metricCount', [props], this);
    return this.metric('Count', { statistic: 'SampleCount', ...props });
  }

  public metricIntegrationLatency(props?: MetricOptions): Metric {
    checkArguments('HttpStageBase.metricIntegrationLatency', [props], this);
    return this.metric('IntegrationLatency', props);
  }

  public metricLatency(props?: MetricOptions): Metric {
    checkArguments('HttpStageBase.metricLatency', [props], this);
    return this.metric('Latency', props);
  }
}

/**
 * A stage of an HTTP API (`AWS::ApiGatewayV2::Stage`).
 *
 * @resource AWS::ApiGatewayV2::Stage
 *
 * @example
 * declare const api: apigwv2.HttpApi;
 *
 * // api.addStage() creates the same stage, under the API in the construct tree.
 * const stage = new apigwv2.HttpStage(this, 'Prod', {
 *   httpApi: api,
 *   stageName: 'prod',
 *   autoDeploy: true,
 *   throttle: { rateLimit: 100, burstLimit: 200 },
 *   detailedMetricsEnabled: true,
 *   stageVariables: { backend: 'books.example.com' },
 * });
 * new CfnOutput(this, 'ProdUrl', { value: stage.url });
 */
export class HttpStage extends HttpStageBase {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.HttpStage';

  /**
   * Imports an existing stage.
   */
  public static fromHttpStageAttributes(scope: Construct, id: string, attrs: HttpStageAttributes): IHttpStage {
    checkArguments('HttpStage.fromHttpStageAttributes', [scope, id, attrs]);
    class Import extends HttpStageBase {
      public readonly stageName = attrs.stageName;
      public readonly api = attrs.api;
      protected readonly baseApi: IApi = attrs.api;

      public get url(): string {
        return refuse('attributeUnavailable', 'the `url` of an imported HTTP stage is unknown: build it from the API endpoint and the stage name', this);
      }

      public get domainUrl(): string {
        return refuse('attributeUnavailable', 'the `domainUrl` of an imported HTTP stage is unknown: read `domainUrl` from the ApiMapping that maps the stage', this);
      }

      public defaultAccessLogFormat(): AccessLogFormat {
        return AccessLogFormat.clf();
      }
    }
    return new Import(scope, id);
  }

  /** The name of this stage. */
  public readonly stageName: string;
  private readonly _api: IHttpApiRef;
  private readonly routeSettings: StageRouteSettings<HttpRouteSettingsOptions>;

  constructor(scope: Construct, id: string, props: HttpStageProps) {
    checkArguments('HttpStage.new', [scope, id, props]);
    props = injectProps(HttpStage.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, { physicalName: props.stageName ?? DEFAULT_STAGE_NAME });
    validateStageName(this, this.physicalName, true);
    validateThrottle(this, 'throttle', props.throttle?.rateLimit, props.throttle?.burstLimit);
    this._api = props.httpApi;
    httpRegistryOf(props.httpApi).registerStage(this.physicalName, this);
    this.stageName = this.physicalName;
    this.routeSettings = new StageRouteSettings<HttpRouteSettingsOptions>(this, props.httpApi, {
      throttle: props.throttle,
      detailedMetricsEnabled: props.detailedMetricsEnabled,
    });
    for (const [name, value] of Object.entries(props.stageVariables ?? {})) {
      this.addStageVariable(name, value);
    }

    new CfnStage(this, 'Resource', {
      apiId: props.httpApi.apiRef.apiId,
      stageName: this.physicalName,
      accessLogSettings: this._renderAccessLogSettings(props.accessLogSettings),
      autoDeploy: props.autoDeploy,
      defaultRouteSettings: props.throttle || props.detailedMetricsEnabled
        ? {
          throttlingBurstLimit: props.throttle?.burstLimit,
          throttlingRateLimit: props.throttle?.rateLimit,
          detailedMetricsEnabled: props.detailedMetricsEnabled,
        }
        : undefined,
      routeSettings: Lazy.any({ produce: () => this.routeSettings.render() }),
      description: props.description,
      stageVariables: Lazy.any({ produce: () => this._renderStageVariables() }),
    });

    if (props.domainMapping) this._addDomainMapping(props.domainMapping);
    for (const setting of props.routeSettings ?? []) {
      const { routeKey, ...options } = setting;
      this.addRouteSettings(routeKey, options);
    }
    this.node.addValidation({ validate: () => this.unknownRoutes() });
    // Routes may be added after their settings; link the stage to them once the app is built.
    whenBuilt(this, () => this.routeSettings.dependOnRoutes());
  }

  /** The HTTP API this stage belongs to. */
  public get api(): IHttpApi {
    return toIHttpApi(this._api);
  }

  /** The API of this stage, for what HTTP and WebSocket stages share: metrics, API mappings and the stage reference. */
  protected get baseApi(): IApi {
    return this.api;
  }

  /** The URL of this stage: the API's root URL for `$default`, else `/{stageName}` under it. */
  public get url(): string {
    const path = this.stageName === DEFAULT_STAGE_NAME ? '' : this.stageName;
    return `https://${executeApiHost(this.api.apiId, this)}/${path}`;
  }

  /**
   * The URL of this stage through its custom domain: `https://{domainName}/{mappingKey}`.
   * Refused when the stage has no `domainMapping`.
   */
  public get domainUrl(): string {
    return this._apiMapping?.domainUrl
      ?? refuse('attributeUnavailable', '`domainUrl` is not available: this stage has no custom domain; set `domainMapping` on the stage (or `defaultDomainMapping` on the API)', this);
  }

  /** The HTTP API Common Log Format. */
  public defaultAccessLogFormat(): AccessLogFormat {
    checkArguments('HttpStage.defaultAccessLogFormat', [], this);
    return AccessLogFormat.clf();
  }

  /**
   * Sets throttling or detailed metrics for one route of this stage, over the stage's own
   * settings. The route must exist on the API; calling this again for the same route replaces
   * its settings.
   */
  public addRouteSettings(routeKey: HttpRouteKey, options: HttpRouteSettingsOptions): void {
    checkArguments('HttpStage.addRouteSettings', [routeKey, options], this);
    this.routeSettings.set(routeKey.key, options);
  }

  private unknownRoutes(): string[] {
    return this.routeSettings.unknownRoutes(key => problemOf('unknownStageRoute', `\`routeSettings\` name route '${key}', which the API does not have: `
      + 'API Gateway refuses settings for unknown routes; add the route or remove its settings'));
  }
}
