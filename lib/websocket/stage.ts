import type { Construct } from 'constructs';
import { Lazy, Token } from 'aws-cdk-lib';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ApiGatewayAccountLoggingRole } from './account-logging';
import type { IWebSocketApi } from './api';
import { LoggingRoleCheck } from './private/logging-role-check';
import { webSocketRegistryOf } from './private/registry';
import { validateRouteKey } from './private/routes';
import type { IApi } from '../common/api';
import type { IStage, StageAttributes, StageOptions, ThrottleSettings } from '../common/stage';
import { StageBase } from '../common/stage-base';
import { executeApiHost, executeApiResourceArn } from '../private/arns';
import { problemOf, refuse, shown, warn } from '../private/error';
import { injectProps } from '../private/property-injection';
import { StageRouteSettings } from '../private/route-settings';
import { validateStageName, validateThrottle } from '../private/validators';
import { whenBuilt } from '../private/when-built';
import { checkArguments } from '../private/guard';

/**
 * A stage of a WebSocket API, created or imported.
 *
 * @example
 * declare const notifier: lambda.Function;
 *
 * // A stage of another stack, imported: its backends may post to its connections.
 * const api = apigwv2.WebSocketApi.fromWebSocketApiAttributes(this, 'ChatApi', { webSocketId: 'api-1234' });
 * const stage: apigwv2.IWebSocketStage = apigwv2.WebSocketStage.fromWebSocketStageAttributes(this, 'Prod', {
 *   api,
 *   stageName: 'prod',
 * });
 * stage.grantManagementApiAccess(notifier);
 */
export interface IWebSocketStage extends IStage {
  /** The WebSocket API this stage belongs to. */
  readonly api: IWebSocketApi;

  /**
   * The URL backends call to send messages to connected clients and manage connections:
   * `https://{apiId}.execute-api.{region}.amazonaws.com/{stageName}`.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html
   */
  readonly callbackUrl: string;

  /**
   * Allows a principal to use the `@connections` management API of this stage
   * (`execute-api:ManageConnections`): send messages to clients, read and close connections.
   */
  grantManagementApiAccess(identity: iam.IGrantable): iam.Grant;

  /** The number of messages sent to the `$connect` route integration on this stage. @default - sum over 5 minutes */
  metricConnectCount(props?: MetricOptions): Metric;
  /** The number of messages sent to this stage, from or to clients. @default - sum over 5 minutes */
  metricMessageCount(props?: MetricOptions): Metric;
  /** The number of requests an integration answered with a 4XX or 5XX response on this stage. @default - sum over 5 minutes */
  metricIntegrationError(props?: MetricOptions): Metric;
  /** The number of requests API Gateway answered with a 4XX response before invoking the integration on this stage. @default - sum over 5 minutes */
  metricClientError(props?: MetricOptions): Metric;
  /** The number of errors that occurred when calling integrations on this stage. @default - sum over 5 minutes */
  metricExecutionError(props?: MetricOptions): Metric;
  /** Integration latency on this stage. @default - average over 5 minutes */
  metricIntegrationLatency(props?: MetricOptions): Metric;
}

/**
 * What API Gateway writes to the stage's execution log (the CloudWatch Logs group
 * `API-Gateway-Execution-Logs_{apiId}/{stageName}`).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html
 */
export enum WebSocketLoggingLevel {
  /** No execution logging. */
  OFF = 'OFF',
  /** Errors only. */
  ERROR = 'ERROR',
  /** Errors and informational events. */
  INFO = 'INFO',
}

/**
 * Settings of one route on a WebSocket stage. What a route leaves unset falls back to the
 * stage's own settings.
 */
export interface WebSocketRouteSettingsOptions {
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

  /**
   * The execution logging level of the route.
   * @default - the stage's `loggingLevel`
   */
  readonly loggingLevel?: WebSocketLoggingLevel;

  /**
   * Whether full message data is written to the execution log of the route.
   * @default - the stage's `dataTraceEnabled`
   */
  readonly dataTraceEnabled?: boolean;
}

/**
 * Settings of one route on a WebSocket stage, with the route they apply to.
 */
export interface WebSocketStageRouteSettings extends WebSocketRouteSettingsOptions {
  /**
   * The key of the route, e.g. `sendmessage`; the route must exist on the stage's API.
   */
  readonly routeKey: string;
}

/**
 * Options to create a stage of a WebSocket API.
 */
export interface WebSocketStageOptions extends StageOptions {
  /**
   * The stage's name: 1 to 128 letters, digits, '-' and '_'. It is the path of the stage's
   * URL, `wss://{apiId}.execute-api.{region}.amazonaws.com/{stageName}`.
   */
  readonly stageName: string;

  /**
   * The execution logging level of every route. Anything but OFF needs the account's
   * CloudWatch Logs role: see `cloudWatchRole`.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html
   * @default - no execution logging
   */
  readonly loggingLevel?: WebSocketLoggingLevel;

  /**
   * Whether full message data is written to the execution log of every route. The log then
   * holds what clients send, which may be sensitive.
   * @default - no data trace
   */
  readonly dataTraceEnabled?: boolean;

  /**
   * Per-route settings: throttling, detailed metrics and execution logging for chosen
   * routes, merged over the stage's own settings.
   * @default - every route uses the stage's settings
   */
  readonly routeSettings?: WebSocketStageRouteSettings[];

  /**
   * Whether to set the account's CloudWatch Logs role for API Gateway, which access and
   * execution logging of WebSocket stages need: the stage uses its stack's
   * `ApiGatewayAccountLoggingRole` (creating it, once per stack, with the construct id
   * `ApiGatewayAccountLoggingRole` at the stack's root) and deploys after it.
   *
   * The role is a setting of the account and Region: let one stack own it. Its resources are
   * retained when removed.
   *
   * @default false
   */
  readonly cloudWatchRole?: boolean;
}

/**
 * Properties of a `WebSocketStage`.
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 *
 * new apigwv2.WebSocketStage(this, 'Prod', {
 *   webSocketApi,
 *   stageName: 'prod',
 *   autoDeploy: true,
 *   throttle: { rateLimit: 50, burstLimit: 100 },
 *   loggingLevel: apigwv2.WebSocketLoggingLevel.ERROR,
 *   cloudWatchRole: true,
 * });
 */
export interface WebSocketStageProps extends WebSocketStageOptions {
  /** The WebSocket API this stage belongs to. */
  readonly webSocketApi: IWebSocketApi;
}

/**
 * The attributes of an existing WebSocket stage, to import it.
 */
export interface WebSocketStageAttributes extends StageAttributes {
  /** The WebSocket API the stage belongs to. */
  readonly api: IWebSocketApi;
}

/**
 * What created and imported WebSocket stages share: grants, metrics and the access log
 * format. `WebSocketStage` extends it, and so does the stage that
 * `WebSocketStage.fromWebSocketStageAttributes` returns. It is public so that these shared
 * members are documented, and called by their names, in every language; it is not meant to
 * be extended outside this library.
 *
 * @example
 * declare const stage: apigwv2.WebSocketStage;
 * declare const notifier: lambda.Function;
 *
 * // The connections management API of this stage.
 * stage.grantManagementApiAccess(notifier);
 * const connects = stage.metricConnectCount();
 * const executionErrors = stage.metricExecutionError();
 */
export abstract class WebSocketStageBase extends StageBase implements IWebSocketStage {
  public abstract readonly api: IWebSocketApi;
  public abstract readonly callbackUrl: string;

  public grantManagementApiAccess(identity: iam.IGrantable): iam.Grant {
    checkArguments('WebSocketStageBase.grantManagementApiAccess', [identity], this);
    return iam.Grant.addToPrincipal({
      grantee: identity,
      actions: ['execute-api:ManageConnections'],
      resourceArns: [executeApiResourceArn(this.api, `${this.stageName}/*/@connections/*`)],
    });
  }

  /** The WebSocket Common Log Format. */
  public defaultAccessLogFormat(): AccessLogFormat {
    checkArguments('WebSocketStageBase.defaultAccessLogFormat', [], this);
    return webSocketClf();
  }

  public metricConnectCount(props?: MetricOptions): Metric {
    checkArguments('WebSocketStageBase.metricConnectCount', [props], this);
    return this.metric('ConnectCount', { statistic: 'Sum', ...props });
  }

  public metricMessageCount(props?: MetricOptions): Metric {
    checkArguments('WebSocketStageBase.metricMessageCount', [props], this);
    return this.metric('MessageCount', { statistic: 'Sum', ...props });
  }

  public metricIntegrationError(props?: MetricOptions): Metric {
    checkArguments('WebSocketStageBase.metricIntegrationError', [props], this);
    return this.metric('IntegrationError', { statistic: 'Sum', ...props });
  }

  public metricClientError(props?: MetricOptions): Metric {
    checkArguments('WebSocketStageBase.metricClientError', [props], this);
    return this.metric('ClientError', { statistic: 'Sum', ...props });
  }

  public metricExecutionError(props?: MetricOptions): Metric {
    checkArguments('WebSocketStageBase.metricExecutionError', [props], this);
    return this.metric('ExecutionError', { statistic: 'Sum', ...props });
  }

  public metricIntegrationLatency(props?: MetricOptions): Metric {
    checkArguments('WebSocketStageBase.metricIntegrationLatency', [props], this);
    return this.metric('IntegrationLatency', props);
  }
}

/**
 * A stage of a WebSocket API (`AWS::ApiGatewayV2::Stage`).
 *
 * @resource AWS::ApiGatewayV2::Stage
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const messageHandler: lambda.Function;
 *
 * const webSocketApi = new apigwv2.WebSocketApi(this, 'ChatApi');
 * webSocketApi.addRoute('sendmessage', {
 *   integration: new integrations.WebSocketLambdaIntegration('SendMessage', messageHandler),
 * });
 * const stage = new apigwv2.WebSocketStage(this, 'Prod', {
 *   webSocketApi,
 *   stageName: 'prod',
 *   autoDeploy: true,
 * });
 * // Let the handler post messages back to connected clients on this stage.
 * stage.grantManagementApiAccess(messageHandler);
 * new CfnOutput(this, 'ChatUrl', { value: stage.url });
 */
export class WebSocketStage extends WebSocketStageBase {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.WebSocketStage';

  /**
   * Imports an existing stage. Its `url` and `callbackUrl` are unknown.
   */
  public static fromWebSocketStageAttributes(scope: Construct, id: string, attrs: WebSocketStageAttributes): IWebSocketStage {
    checkArguments('WebSocketStage.fromWebSocketStageAttributes', [scope, id, attrs]);
    class Import extends WebSocketStageBase {
      public readonly stageName = attrs.stageName;
      public readonly api = attrs.api;
      protected readonly baseApi: IApi = attrs.api;

      public get url(): string {
        return refuse('attributeUnavailable', 'the `url` of an imported WebSocket stage is unknown: build it from the API endpoint and the stage name', this);
      }

      public get callbackUrl(): string {
        return refuse('attributeUnavailable', 'the `callbackUrl` of an imported WebSocket stage is unknown: build it as https://{apiId}.execute-api.{region}.amazonaws.com/{stageName}', this);
      }
    }
    return new Import(scope, id);
  }

  /** The name of this stage. */
  public readonly stageName: string;
  /** The WebSocket API this stage belongs to. */
  public readonly api: IWebSocketApi;
  /** The API of this stage, for what HTTP and WebSocket stages share: metrics, API mappings and the stage reference. */
  protected readonly baseApi: IApi;
  private readonly routeSettings: StageRouteSettings<WebSocketRouteSettingsOptions>;
  private readonly defaults: WebSocketRouteSettingsOptions;
  private readonly hasAccessLogs: boolean;

  constructor(scope: Construct, id: string, props: WebSocketStageProps) {
    checkArguments('WebSocketStage.new', [scope, id, props]);
    props = injectProps(WebSocketStage.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, { physicalName: props.stageName });
    validateWebSocketStage(this, this.physicalName, props);
    this.api = props.webSocketApi;
    this.baseApi = props.webSocketApi;
    webSocketRegistryOf(props.webSocketApi).registerStage(this.physicalName, this);
    this.stageName = this.physicalName;
    this.defaults = {
      throttle: props.throttle,
      detailedMetricsEnabled: props.detailedMetricsEnabled,
      loggingLevel: props.loggingLevel,
      dataTraceEnabled: props.dataTraceEnabled,
    };
    this.routeSettings = new StageRouteSettings(this, props.webSocketApi, this.defaults);
    this.hasAccessLogs = props.accessLogSettings !== undefined;
    for (const [name, value] of Object.entries(props.stageVariables ?? {})) {
      this.addStageVariable(name, value);
    }

    const hasDefaults = props.throttle || props.detailedMetricsEnabled || props.loggingLevel || props.dataTraceEnabled;
    new CfnStage(this, 'Resource', {
      apiId: props.webSocketApi.apiId,
      stageName: this.physicalName,
      autoDeploy: props.autoDeploy,
      defaultRouteSettings: hasDefaults
        ? {
          throttlingBurstLimit: props.throttle?.burstLimit,
          throttlingRateLimit: props.throttle?.rateLimit,
          detailedMetricsEnabled: props.detailedMetricsEnabled,
          loggingLevel: props.loggingLevel,
          dataTraceEnabled: props.dataTraceEnabled,
        }
        : undefined,
      routeSettings: Lazy.any({ produce: () => this.routeSettings.render() }),
      description: props.description,
      stageVariables: Lazy.any({ produce: () => this._renderStageVariables() }),
      accessLogSettings: this._renderAccessLogSettings(props.accessLogSettings),
    });

    if (props.domainMapping) this._addDomainMapping(props.domainMapping);
    for (const setting of props.routeSettings ?? []) {
      const { routeKey, ...options } = setting;
      this.addRouteSettings(routeKey, options);
    }
    this.wireLogging(props.cloudWatchRole ?? false);
    this.node.addValidation({ validate: () => this.unknownRoutes() });
  }

  /** The URL clients connect to: `wss://{apiId}.execute-api.{region}.amazonaws.com/{stageName}`. */
  public get url(): string {
    return `wss://${executeApiHost(this.api.apiId, this)}/${this.stageName}`;
  }

  /** The URL of the `@connections` management API of this stage. */
  public get callbackUrl(): string {
    return `https://${executeApiHost(this.api.apiId, this)}/${this.stageName}`;
  }

  /**
   * Sets throttling, detailed metrics or execution logging for one route of this stage, over
   * the stage's own settings. The route must exist on the API; calling this again for the
   * same route replaces its settings.
   */
  public addRouteSettings(routeKey: string, options: WebSocketRouteSettingsOptions): void {
    checkArguments('WebSocketStage.addRouteSettings', [routeKey, options], this);
    validateRouteKey(routeKey, this);
    this.routeSettings.set(routeKey, options);
  }

  /**
   * A stage that logs needs the account's CloudWatch Logs role: with `cloudWatchRole`, that of
   * its stack, which it deploys after; else one the app may set elsewhere, looked for once the
   * app is built, when routes, settings and roles added after the stage are known.
   */
  private wireLogging(cloudWatchRole: boolean): void {
    if (cloudWatchRole) {
      this.node.addDependency(ApiGatewayAccountLoggingRole.ofStack(this));
    }
    const loggingRole = new LoggingRoleCheck(this);
    whenBuilt(this, () => {
      this.routeSettings.dependOnRoutes();
      if (!cloudWatchRole && this.logs()) loggingRole.check();
    });
    this.node.addValidation({ validate: () => loggingRole.dependOnRoleStack() });
  }

  /** Whether this stage writes access or execution logs. */
  private logs(): boolean {
    if (this.hasAccessLogs) return true;
    return [this.defaults, ...this.routeSettings.values()].some(s => isLogging(s.loggingLevel) || s.dataTraceEnabled === true);
  }

  private unknownRoutes(): string[] {
    return this.routeSettings.unknownRoutes(key => Token.isUnresolved(key) ? undefined
      : problemOf('unknownStageRoute', `\`routeSettings\` name route ${shown(key)}, which the WebSocket API does not have: `
        + 'API Gateway refuses settings for unknown routes; add the route or remove its settings'));
  }
}

/** The checks of a WebSocket stage's own props; `stageName` may be `$default`, with a warning. */
function validateWebSocketStage(stage: WebSocketStage, stageName: string, props: WebSocketStageProps): void {
  validateStageName(stage, stageName, true);
  if (stageName === '$default') {
    warn(stage, 'webSocketDefaultStageName',
      'WebSocket stage named \'$default\': unlike HTTP APIs, WebSocket APIs serve no stage at the root of their URL, so clients connect to '
      + 'wss://{apiId}.execute-api.{region}.amazonaws.com/$default; choose a name such as \'prod\' unless you mean that');
  }
  validateThrottle(stage, 'throttle', props.throttle?.rateLimit, props.throttle?.burstLimit);
}

/** Whether a logging level writes an execution log. */
function isLogging(level?: WebSocketLoggingLevel): boolean {
  return level !== undefined && level !== WebSocketLoggingLevel.OFF;
}

/**
 * The WebSocket Common Log Format:
 * `$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]
 * "$context.eventType $context.routeKey $context.connectionId" $context.status $context.requestId`.
 */
function webSocketClf(): AccessLogFormat {
  const requester = [AccessLogField.contextIdentitySourceIp(), AccessLogField.contextIdentityCaller(), AccessLogField.contextIdentityUser()].join(' ');
  const request = [AccessLogField.contextEventType(), AccessLogField.contextRouteKey(), AccessLogField.contextConnectionId()].join(' ');
  const status = [AccessLogField.contextStatus(), AccessLogField.contextRequestId()].join(' ');
  return AccessLogFormat.custom(`${requester} [${AccessLogField.contextRequestTime()}] "${request}" ${status}`);
}
