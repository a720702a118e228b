import type { Construct, IConstruct } from 'constructs';
import { Annotations, Aspects, CfnResource, Lazy, Stack, Stage, Token } from 'aws-cdk-lib';
import { AccessLogField, AccessLogFormat, CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ApiGatewayAccountLoggingRole } from './account-logging';
import type { IWebSocketApi } from './api';
import { webSocketRegistryOf } from './private/registry';
import { validateRouteKey } from './private/routes';
import type { IApi } from '../common/api';
import type { IStage, StageAttributes, StageOptions, ThrottleSettings } from '../common/stage';
import { StageBase } from '../common/stage-base';
import { executeApiHost, executeApiResourceArn } from '../private/arns';
import { resourceOf } from '../private/dependency';
import { refuse, shown } from '../private/error';
import { validateStageName, validateThrottle } from '../private/validators';
import { mayShareEnvironment } from '../private/environment';
import { injectProps } from '../private/property-injection';

/**
 * A stage of a WebSocket API, created or imported.
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
 * What created and imported WebSocket stages share.
 * @internal
 */
abstract class WebSocketStageBase extends StageBase implements IWebSocketStage {
  public abstract readonly api: IWebSocketApi;
  public abstract readonly callbackUrl: string;

  public grantManagementApiAccess(identity: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee: identity,
      actions: ['execute-api:ManageConnections'],
      resourceArns: [executeApiResourceArn(this.api, `${this.stageName}/*/@connections/*`)],
    });
  }

  /** The WebSocket Common Log Format. */
  public defaultAccessLogFormat(): AccessLogFormat {
    return webSocketClf();
  }

  public metricConnectCount(props?: MetricOptions): Metric {
    return this.metric('ConnectCount', { statistic: 'Sum', ...props });
  }

  public metricMessageCount(props?: MetricOptions): Metric {
    return this.metric('MessageCount', { statistic: 'Sum', ...props });
  }

  public metricIntegrationError(props?: MetricOptions): Metric {
    return this.metric('IntegrationError', { statistic: 'Sum', ...props });
  }

  public metricClientError(props?: MetricOptions): Metric {
    return this.metric('ClientError', { statistic: 'Sum', ...props });
  }

  public metricExecutionError(props?: MetricOptions): Metric {
    return this.metric('ExecutionError', { statistic: 'Sum', ...props });
  }

  public metricIntegrationLatency(props?: MetricOptions): Metric {
    return this.metric('IntegrationLatency', props);
  }
}

/**
 * A stage of a WebSocket API (`AWS::ApiGatewayV2::Stage`).
 *
 * @resource AWS::ApiGatewayV2::Stage
 */
export class WebSocketStage extends WebSocketStageBase {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.WebSocketStage';

  /**
   * Imports an existing stage. Its `url` and `callbackUrl` are unknown.
   */
  public static fromWebSocketStageAttributes(scope: Construct, id: string, attrs: WebSocketStageAttributes): IWebSocketStage {
    class Import extends WebSocketStageBase {
      public readonly stageName = attrs.stageName;
      public readonly api = attrs.api;
      protected readonly baseApi: IApi = attrs.api;

      public get url(): string {
        return refuse('the `url` of an imported WebSocket stage is unknown: build it from the API endpoint and the stage name', this);
      }

      public get callbackUrl(): string {
        return refuse('the `callbackUrl` of an imported WebSocket stage is unknown: build it as https://{apiId}.execute-api.{region}.amazonaws.com/{stageName}', this);
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
  private readonly defaults: WebSocketRouteSettingsOptions;
  private readonly routeSettings = new Map<string, WebSocketRouteSettingsOptions>();
  private readonly hasAccessLogs: boolean;
  private readonly cloudWatchRole: boolean;
  /** The logging role of another stack that this stage's stack should depend on, once dependencies are known. */
  private loggingRole?: IConstruct;

  constructor(scope: Construct, id: string, props: WebSocketStageProps) {
    props = injectProps(WebSocketStage.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, { physicalName: props.stageName });
    validateStageName(this, this.physicalName, true);
    if (this.physicalName === '$default') {
      Annotations.of(this).addWarningV2('cdk-apigatewayv2:webSocketDefaultStageName',
        'WebSocket stage named \'$default\': unlike HTTP APIs, WebSocket APIs serve no stage at the root of their URL, so clients connect to '
        + 'wss://{apiId}.execute-api.{region}.amazonaws.com/$default; choose a name such as \'prod\' unless you mean that');
    }
    validateThrottle(this, 'throttle', props.throttle?.rateLimit, props.throttle?.burstLimit);
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
    this.hasAccessLogs = props.accessLogSettings !== undefined;
    this.cloudWatchRole = props.cloudWatchRole ?? false;
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
      routeSettings: Lazy.any({ produce: () => this.renderRouteSettings() }),
      description: props.description,
      stageVariables: Lazy.any({ produce: () => this._renderStageVariables() }),
      accessLogSettings: this._renderAccessLogSettings(props.accessLogSettings),
    });
    if (props.domainMapping) this._addDomainMapping(props.domainMapping);

    for (const setting of props.routeSettings ?? []) {
      const { routeKey, ...options } = setting;
      this.addRouteSettings(routeKey, options);
    }
    if (this.cloudWatchRole) {
      this.node.addDependency(ApiGatewayAccountLoggingRole.ofStack(this));
    }
    this.node.addValidation({ validate: () => this.unknownRoutes() });
    // Routes and logging roles may be added after the stage; look at them once the app is built.
    Aspects.of(this).add({
      visit: node => {
        if (node !== this) return;
        this.dependOnSettingsRoutes();
        this.checkLoggingRole();
      },
    });
    this.node.addValidation({ validate: () => this.dependOnLoggingRoleStack() });
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
    validateRouteKey(routeKey, this);
    validateThrottle(this, `routeSettings['${routeKey}'].throttle`, options.throttle?.rateLimit, options.throttle?.burstLimit);
    this.routeSettings.set(routeKey, options);
  }

  /** The stage must be created or updated after the routes its settings name. */
  private dependOnSettingsRoutes(): void {
    const registry = webSocketRegistryOf(this.api);
    for (const key of this.routeSettings.keys()) {
      const route = registry.findRoute(key);
      if (!route) continue;
      if (Stack.of(route) === Stack.of(this)) {
        this.node.addDependency(resourceOf(route));
      } else {
        Annotations.of(this).addWarningV2('cdk-apigatewayv2:routeSettingsOtherStack',
          `route settings for '${key}' name a route of another stack: deploy that stack before this stage's changes reach it`);
      }
    }
  }

  /**
   * Logging needs the account's CloudWatch Logs role, which synthesis cannot see: depend on an
   * `AWS::ApiGateway::Account` (an `ApiGatewayAccountLoggingRole`, or e.g. a REST API's
   * `cloudWatchRole`) that may set it for this stage's account and Region, or warn when the
   * app has none there. One of this stack (or of the nested stacks of its stack) is depended
   * on at once; one of another stack is recorded, for `dependOnLoggingRoleStack()`.
   */
  private checkLoggingRole(): void {
    this.loggingRole = undefined;
    if (this.cloudWatchRole || !this.logs()) return;
    const stack = Stack.of(this);
    const accounts = this.node.root.node.findAll().filter(isAccountSetting);
    // A role of another account or Region does not serve this stage: only one that may deploy to its environment counts.
    const sameEnv = accounts.filter(account => mayShareEnvironment(Stack.of(account), stack));
    if (sameEnv.length === 0) {
      const elsewhere = accounts.length === 0 ? ''
        : `; the app's logging roles (${accounts.map(a => a.node.path).join(', ')}) are in other accounts or Regions and do not count`;
      Annotations.of(this).addWarningV2('cdk-apigatewayv2:webSocketLoggingNeedsAccountRole',
        'this stage logs (access logs or execution logs), which fails to deploy with "CloudWatch Logs role ARN must be set in account settings '
        + 'to enable logging" unless the account and Region have an API Gateway CloudWatch Logs role: set `cloudWatchRole: true` on one stage '
        + `(or create an ApiGatewayAccountLoggingRole) in the one stack that owns it, or acknowledge this warning if the account has the role${elsewhere}`);
      return;
    }
    const deployment = deploymentStackOf(stack);
    // One CloudFormation deployment (a stack and its nested stacks) orders its own resources.
    const local = sameEnv.find(account => Stack.of(account) === stack)
      ?? sameEnv.find(account => deploymentStackOf(Stack.of(account)) === deployment);
    if (local) {
      this.node.addDependency(local);
      return;
    }
    // Stack dependencies cannot cross stage (cloud assembly) boundaries.
    const sameStage = sameEnv.filter(account => Stage.of(account) === Stage.of(stack));
    if (sameStage.length === 0) {
      const role = sameEnv[0];
      this.warnLoggingRoleOrder(role, `is in ${deploymentStackOf(Stack.of(role)).node.path} of another CDK stage, which no stack dependency can reach`);
      return;
    }
    // Prefer a role whose environment is exactly this stack's over one that only may be.
    this.loggingRole = sameStage.find(account => Stack.of(account).account === stack.account && Stack.of(account).region === stack.region)
      ?? sameStage[0];
  }

  /**
   * Makes this stage's stack depend on the stack of the logging role `checkLoggingRole()`
   * chose in another stack, unless that stack already depends on this one, which would be a
   * cycle: then warn. Cross-stack references become stack dependencies only when the app is
   * prepared, after aspects run, so this runs as a validation, when every dependency is known.
   */
  private dependOnLoggingRoleStack(): string[] {
    const role = this.loggingRole;
    if (!role) return [];
    const stack = deploymentStackOf(Stack.of(this));
    const roleStack = deploymentStackOf(Stack.of(role));
    if (dependsOn(roleStack, stack)) {
      this.warnLoggingRoleOrder(role, `is in stack ${roleStack.node.path}, which depends on this stage's stack ${stack.node.path}`);
    } else {
      stack.addStackDependency(roleStack, `WebSocket stage ${this.node.path} logs with the API Gateway logging role ${role.node.path}`);
    }
    return [];
  }

  /** Warns that the logging role `role` cannot be ordered before this stage, for the reason `why`. */
  private warnLoggingRoleOrder(role: IConstruct, why: string): void {
    Annotations.of(this).addWarningV2('cdk-apigatewayv2:webSocketLoggingRoleOrder',
      `this stage logs with the API Gateway logging role ${role.node.path}, which ${why}: the role's stack must deploy first, or the stage `
      + 'fails to deploy with "CloudWatch Logs role ARN must be set in account settings to enable logging" while the account and Region have '
      + 'no role; move the role to a stack this stage\'s stack can depend on, or deploy the role\'s stack first and acknowledge this warning');
  }

  /** Whether this stage writes access or execution logs. */
  private logs(): boolean {
    if (this.hasAccessLogs) return true;
    const settings = [this.defaults, ...this.routeSettings.values()];
    return settings.some(s => isLogging(s.loggingLevel) || s.dataTraceEnabled === true);
  }

  /**
   * `RouteSettings` is a JSON property, so CloudFormation's own key names are written here.
   */
  private renderRouteSettings(): { [key: string]: { [setting: string]: string | number | boolean | undefined } } | undefined {
    if (this.routeSettings.size === 0) return undefined;
    const rendered: { [key: string]: { [setting: string]: string | number | boolean | undefined } } = {};
    for (const [key, options] of this.routeSettings) {
      rendered[key] = {
        ThrottlingBurstLimit: options.throttle?.burstLimit ?? this.defaults.throttle?.burstLimit,
        ThrottlingRateLimit: options.throttle?.rateLimit ?? this.defaults.throttle?.rateLimit,
        DetailedMetricsEnabled: options.detailedMetricsEnabled ?? this.defaults.detailedMetricsEnabled,
        LoggingLevel: options.loggingLevel ?? this.defaults.loggingLevel,
        DataTraceEnabled: options.dataTraceEnabled ?? this.defaults.dataTraceEnabled,
      };
    }
    return rendered;
  }

  private unknownRoutes(): string[] {
    const registry = webSocketRegistryOf(this.api);
    // Only an API this library created has every route in view: others have routes made elsewhere.
    if (!registry.seesEveryRoute) return [];
    const errors: string[] = [];
    for (const key of this.routeSettings.keys()) {
      if (Token.isUnresolved(key)) continue;
      if (!registry.findRoute(key)) {
        errors.push(`\`routeSettings\` name route ${shown(key)}, which the WebSocket API does not have: API Gateway refuses settings for unknown routes; `
          + 'add the route or remove its settings');
      }
    }
    return errors;
  }
}

/** Whether a construct sets the account's API Gateway CloudWatch Logs role. */
function isAccountSetting(construct: IConstruct): boolean {
  return CfnResource.isCfnResource(construct) && construct.cfnResourceType === CfnAccount.CFN_RESOURCE_TYPE_NAME;
}

/** The stack that CloudFormation deploys `stack` with: the stack itself, or the top stack that nests it. */
function deploymentStackOf(stack: Stack): Stack {
  let top = stack;
  while (top.nestedStackParent) top = top.nestedStackParent;
  return top;
}

/** Whether `stack` depends on `other`, directly or through other stacks. */
function dependsOn(stack: Stack, other: Stack, seen = new Set<Stack>()): boolean {
  if (seen.has(stack)) return false;
  seen.add(stack);
  return stack.dependencies.some(dep => dep === other || dependsOn(dep, other, seen));
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
