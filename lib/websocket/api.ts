import type { Construct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import type { IApiRef } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { webSocketRegistryOf } from './private/registry';
import { checkRouteSelectionExpression } from './private/route-selection-rules';
import { validateRouteKey } from './private/routes';
import type { WebSocketRouteOptions } from './route';
import { WebSocketRoute } from './route';
import type { WebSocketStageOptions } from './stage';
import { WebSocketStage } from './stage';
import type { IApi, IpAddressType } from '../common/api';
import type { TemplateCompatibility } from '../common/template-compatibility';
import { ApiBase } from '../common/api';
import { executeApiArn, executeApiResourceArn } from '../private/arns';
import { refuse, shown, warn } from '../private/error';
import { injectProps } from '../private/property-injection';
import { watchResourceLimit } from '../private/stack-limits';
import { tokenFreeId } from '../private/construct';
import { checkArguments } from '../private/guard';

/**
 * A reference to a WebSocket API.
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 *
 * // The integrations' `webSocketApi` takes any reference to a WebSocket API.
 * const api: apigwv2.IWebSocketApiRef = webSocketApi;
 * new apigwv2.WebSocketIntegration(this, 'Ping', {
 *   webSocketApi: api,
 *   integrationType: apigwv2.WebSocketIntegrationType.MOCK,
 *   integrationUri: '',
 *   requestTemplates: { $default: '{"statusCode": 200}' },
 * });
 */
export interface IWebSocketApiRef extends IApiRef {
  /**
   * Whether this is a WebSocket API: always true.
   */
  readonly isWebsocketApi: boolean;
}

/**
 * A WebSocket API, created or imported.
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const handler: lambda.Function;
 *
 * const imported: apigwv2.IWebSocketApi = apigwv2.WebSocketApi.fromWebSocketApiAttributes(this, 'Imported', { webSocketId: 'api-1234' });
 * imported.addRoute('sendmessage', { integration: new integrations.WebSocketLambdaIntegration('SendMessage', handler) });
 * imported.grantManageConnections(handler);
 */
export interface IWebSocketApi extends IApi, IWebSocketApiRef {
  /**
   * Adds a route to this API. The route's construct id, under the API, is the route key
   * followed by `-Route` (`sendmessage-Route`).
   *
   * @param routeKey the route key: `$connect`, `$disconnect`, `$default`, or a value the
   * route selection expression yields, e.g. `sendmessage`
   * @param options the route's integration, authorizer and responses
   */
  addRoute(routeKey: string, options: WebSocketRouteOptions): WebSocketRoute;

  /**
   * Allows a principal to use the `@connections` management API of every stage of this API
   * (`execute-api:ManageConnections`): send messages to clients, read and close connections.
   */
  grantManageConnections(identity: iam.IGrantable): iam.Grant;

  /**
   * The execute-api ARN of this API, for IAM policies:
   * `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{route}`.
   *
   * @param route the route key
   * @param stage the stage name
   * @default - `*` for the route and the stage: every route of every stage
   */
  arnForExecuteApiV2(route?: string, stage?: string): string;

  /** The number of messages sent to `$connect` route integrations. @default - sum over 5 minutes */
  metricConnectCount(props?: MetricOptions): Metric;
  /** The number of messages sent to the API, from or to clients. @default - sum over 5 minutes */
  metricMessageCount(props?: MetricOptions): Metric;
  /** The number of requests an integration answered with a 4XX or 5XX response. @default - sum over 5 minutes */
  metricIntegrationError(props?: MetricOptions): Metric;
  /** The number of requests API Gateway answered with a 4XX response before invoking the integration. @default - sum over 5 minutes */
  metricClientError(props?: MetricOptions): Metric;
  /** The number of errors that occurred when calling integrations. @default - sum over 5 minutes */
  metricExecutionError(props?: MetricOptions): Metric;
  /** The time between API Gateway sending a request to the integration and receiving its response. @default - average over 5 minutes */
  metricIntegrationLatency(props?: MetricOptions): Metric;
}

/**
 * An API key selection expression: where API Gateway reads the API key of a request.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html#apigateway-websocket-api-apikey-selection-expressions
 *
 * @example
 * declare const integration: apigwv2.WebSocketRouteIntegration;
 *
 * const webSocketApi = new apigwv2.WebSocketApi(this, 'MeteredApi', {
 *   apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
 * });
 * webSocketApi.addRoute('query', { integration, apiKeyRequired: true });
 */
export class WebSocketApiKeySelectionExpression {
  /**
   * The key is the `x-api-key` header of the connection request.
   */
  public static readonly HEADER_X_API_KEY = new WebSocketApiKeySelectionExpression('$request.header.x-api-key');

  /**
   * The key is the `usageIdentifierKey` that the Lambda authorizer returns.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
   */
  public static readonly AUTHORIZER_USAGE_IDENTIFIER_KEY = new WebSocketApiKeySelectionExpression('$context.authorizer.usageIdentifierKey');

  /**
   * @param customApiKeySelector the expression. API Gateway documents only the two that the
   * static members name; another one is accepted with a synth-time warning.
   */
  constructor(public readonly customApiKeySelector: string) {
    checkArguments('WebSocketApiKeySelectionExpression.new', [customApiKeySelector]);
  }
}

/** The API key selection expressions API Gateway documents for WebSocket APIs. */
const KNOWN_API_KEY_SELECTORS = [
  WebSocketApiKeySelectionExpression.HEADER_X_API_KEY.customApiKeySelector,
  WebSocketApiKeySelectionExpression.AUTHORIZER_USAGE_IDENTIFIER_KEY.customApiKeySelector,
];

/**
 * Properties of a `WebSocketApi`.
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const connectionsHandler: lambda.Function;
 * declare const authHandler: lambda.Function;
 *
 * const connections = new integrations.WebSocketLambdaIntegration('Connections', connectionsHandler);
 * new apigwv2.WebSocketApi(this, 'ChatApi', {
 *   description: 'A chat: connect with ?token=NAME',
 *   connectRouteOptions: {
 *     integration: connections,
 *     authorizer: new authorizers.WebSocketLambdaAuthorizer('TokenAuthorizer', authHandler, {
 *       identitySource: ['route.request.querystring.token'],
 *     }),
 *   },
 *   disconnectRouteOptions: { integration: connections },
 *   routeSelectionExpression: '$request.body.action',
 * });
 */
export interface WebSocketApiProps {
  /**
   * The name of the API.
   * @default - the construct id
   */
  readonly apiName?: string;

  /**
   * Where API Gateway reads the API key of a request. Setting it makes routes with
   * `apiKeyRequired` demand a key of a usage plan.
   * @default - no API key selection expression: API keys are not read
   */
  readonly apiKeySelectionExpression?: WebSocketApiKeySelectionExpression;

  /**
   * A description of the API.
   * @default - no description
   */
  readonly description?: string;

  /**
   * How API Gateway chooses the route of an incoming message, e.g. `$request.body.action`
   * (the message's `action` field is the route key). A static expression (without `$`) is the
   * route key of every message; it gets the warning
   * `cdk-apigatewayv2:webSocketStaticRouteSelectionWithoutRoute` when no route has that key.
   * An empty one gets the warning `cdk-apigatewayv2:webSocketRouteSelectionExpressionEmpty`.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html
   * @default '$request.body.action'
   */
  readonly routeSelectionExpression?: string;

  /**
   * Creates the `$connect` route, which runs when a client connects.
   * @default - no `$connect` route
   */
  readonly connectRouteOptions?: WebSocketRouteOptions;

  /**
   * Creates the `$disconnect` route, which runs after a client disconnects.
   * @default - no `$disconnect` route
   */
  readonly disconnectRouteOptions?: WebSocketRouteOptions;

  /**
   * Creates the `$default` route, which receives the messages no other route matches.
   * @default - no `$default` route
   */
  readonly defaultRouteOptions?: WebSocketRouteOptions;

  /**
   * The IP address types that can invoke the API.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-ip-address-type.html
   * @default - IPv4 only (API Gateway's default)
   */
  readonly ipAddressType?: IpAddressType;

  /**
   * Whether deployments skip the validation of the API's models.
   * @default false
   */
  readonly disableSchemaValidation?: boolean;

  /**
   * Which templates this API synthesizes: aws-cdk-lib's (`AWS_CDK_LIB`: one Lambda permission
   * per route), to move a deployed app from aws-cdk-lib without replacing resources, or this
   * library's. An integration's `scopePermissionToRoute` wins over it.
   * @default - the context value `cdk-apigatewayv2:templateCompatibility` (`aws-cdk-lib` or
   * `cdk-apigatewayv2`), else `TemplateCompatibility.CDK_APIGATEWAYV2`
   */
  readonly templateCompatibility?: TemplateCompatibility;
}

/**
 * The attributes of an existing WebSocket API, to import it.
 */
export interface WebSocketApiAttributes {
  /**
   * The API's identifier.
   */
  readonly webSocketId: string;

  /**
   * The API's default endpoint, `wss://{apiId}.execute-api.{region}.amazonaws.com`.
   * @default - reading `apiEndpoint` of the import is refused
   */
  readonly apiEndpoint?: string;
}

/**
 * What created and imported WebSocket APIs share: route adders, grants, ARNs and metrics.
 * `WebSocketApi` extends it, and so does the API that `WebSocketApi.fromWebSocketApiAttributes`
 * returns. It is public so that these shared members are documented, and called by their
 * names, in every language; it is not meant to be extended outside this library.
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 * declare const broadcaster: lambda.Function;
 * declare const client: iam.Role;
 *
 * // What a WebSocketApi and its imports share: routes, grants, ARNs and metrics.
 * // The connections management API of every stage.
 * webSocketApi.grantManageConnections(broadcaster);
 * client.addToPolicy(new iam.PolicyStatement({
 *   actions: ['execute-api:Invoke'],
 *   resources: [webSocketApi.arnForExecuteApiV2('$connect', 'prod')],
 * }));
 * const integrationErrors = webSocketApi.metricIntegrationError();
 */
export abstract class WebSocketApiBase extends ApiBase implements IWebSocketApi {
  public abstract readonly apiId: string;
  public abstract readonly apiEndpoint: string;
  public readonly isWebsocketApi = true;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    watchResourceLimit(this, webSocketRegistryOf(this).routeMove);
  }

  public addRoute(routeKey: string, options: WebSocketRouteOptions): WebSocketRoute {
    checkArguments('WebSocketApiBase.addRoute', [routeKey, options], this);
    validateRouteKey(routeKey, this);
    // Refused here, before a construct id collision would be.
    webSocketRegistryOf(this).assertRouteFree(routeKey, this);
    return new WebSocketRoute(this, `${tokenFreeId(this, routeKey, 'TokenRouteKey')}-Route`, { webSocketApi: this, routeKey, ...options });
  }

  public grantManageConnections(identity: iam.IGrantable): iam.Grant {
    checkArguments('WebSocketApiBase.grantManageConnections', [identity], this);
    return iam.Grant.addToPrincipal({
      grantee: identity,
      actions: ['execute-api:ManageConnections'],
      resourceArns: [executeApiResourceArn(this, '*/*/@connections/*')],
    });
  }

  /**
   * The execute-api ARN of this API for a method, path and stage, in the format of HTTP APIs.
   *
   * @deprecated WebSocket APIs have routes, not methods and paths: use `arnForExecuteApiV2()`
   */
  public arnForExecuteApi(method?: string, path?: string, stage?: string): string {
    checkArguments('WebSocketApiBase.arnForExecuteApi', [method, path, stage], this);
    return executeApiArn(this, method, path, stage);
  }

  public arnForExecuteApiV2(route?: string, stage?: string): string {
    checkArguments('WebSocketApiBase.arnForExecuteApiV2', [route, stage], this);
    return executeApiResourceArn(this, `${stage ?? '*'}/${route ?? '*'}`);
  }

  public metricConnectCount(props?: MetricOptions): Metric {
    checkArguments('WebSocketApiBase.metricConnectCount', [props], this);
    return this.metric('ConnectCount', { statistic: 'Sum', ...props });
  }

  public metricMessageCount(props?: MetricOptions): Metric {
    checkArguments('WebSocketApiBase.metricMessageCount', [props], this);
    return this.metric('MessageCount', { statistic: 'Sum', ...props });
  }

  public metricIntegrationError(props?: MetricOptions): Metric {
    checkArguments('WebSocketApiBase.metricIntegrationError', [props], this);
    return this.metric('IntegrationError', { statistic: 'Sum', ...props });
  }

  public metricClientError(props?: MetricOptions): Metric {
    checkArguments('WebSocketApiBase.metricClientError', [props], this);
    return this.metric('ClientError', { statistic: 'Sum', ...props });
  }

  public metricExecutionError(props?: MetricOptions): Metric {
    checkArguments('WebSocketApiBase.metricExecutionError', [props], this);
    return this.metric('ExecutionError', { statistic: 'Sum', ...props });
  }

  public metricIntegrationLatency(props?: MetricOptions): Metric {
    checkArguments('WebSocketApiBase.metricIntegrationLatency', [props], this);
    return this.metric('IntegrationLatency', props);
  }
}

/**
 * A WebSocket API (`AWS::ApiGatewayV2::Api` with protocol `WEBSOCKET`). It has no stage of
 * its own: add one with `addStage()` or by creating a `WebSocketStage`.
 *
 * @resource AWS::ApiGatewayV2::Api
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const connectHandler: lambda.Function;
 * declare const disconnectHandler: lambda.Function;
 * declare const defaultHandler: lambda.Function;
 * declare const messageHandler: lambda.Function;
 *
 * const webSocketApi = new apigwv2.WebSocketApi(this, 'ChatApi', {
 *   connectRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('ConnectIntegration', connectHandler) },
 *   disconnectRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('DisconnectIntegration', disconnectHandler) },
 *   defaultRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('DefaultIntegration', defaultHandler) },
 * });
 * webSocketApi.addRoute('sendmessage', {
 *   integration: new integrations.WebSocketLambdaIntegration('SendMessageIntegration', messageHandler),
 *   returnResponse: true,
 * });
 * webSocketApi.addStage('Prod', { stageName: 'prod', autoDeploy: true });
 */
export class WebSocketApi extends WebSocketApiBase {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.WebSocketApi';

  /**
   * Imports an existing WebSocket API. Routes added through the import are checked against
   * each other, but not against routes this app cannot see.
   */
  public static fromWebSocketApiAttributes(scope: Construct, id: string, attrs: WebSocketApiAttributes): IWebSocketApi {
    checkArguments('WebSocketApi.fromWebSocketApiAttributes', [scope, id, attrs]);
    class Import extends WebSocketApiBase {
      public readonly apiId = attrs.webSocketId;
      private readonly _apiEndpoint = attrs.apiEndpoint;

      public get apiEndpoint(): string {
        return this._apiEndpoint
          ?? refuse('attributeUnavailable', 'the `apiEndpoint` of this imported WebSocket API is unknown: pass `apiEndpoint` to WebSocketApi.fromWebSocketApiAttributes()', this);
      }
    }
    return new Import(scope, id);
  }

  /** The identifier of this API. */
  public readonly apiId: string;
  /** The default endpoint of this API, `wss://{apiId}.execute-api.{region}.amazonaws.com`. */
  public readonly apiEndpoint: string;
  /**
   * The name of this API.
   * @default - the construct id, when no `apiName` is given
   */
  public readonly webSocketApiName?: string;

  constructor(scope: Construct, id: string, props: WebSocketApiProps = {}) {
    checkArguments('WebSocketApi.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(WebSocketApi.PROPERTY_INJECTION_ID, props, scope, id);
    validateWebSocketApiProps(this, props);
    this.webSocketApiName = props.apiName ?? id;

    const resource = new CfnApi(this, 'Resource', {
      name: this.webSocketApiName,
      apiKeySelectionExpression: props.apiKeySelectionExpression?.customApiKeySelector,
      protocolType: 'WEBSOCKET',
      description: props.description,
      routeSelectionExpression: props.routeSelectionExpression ?? '$request.body.action',
      ipAddressType: props.ipAddressType,
      disableSchemaValidation: props.disableSchemaValidation,
    });
    this.apiId = resource.ref;
    this.apiEndpoint = resource.attrApiEndpoint;
    const registry = webSocketRegistryOf(this);
    registry.seesEveryRoute = true;
    registry.useTemplates(props.templateCompatibility);

    if (props.connectRouteOptions) this.addRoute('$connect', props.connectRouteOptions);
    if (props.disconnectRouteOptions) this.addRoute('$disconnect', props.disconnectRouteOptions);
    if (props.defaultRouteOptions) this.addRoute('$default', props.defaultRouteOptions);
  }

  /**
   * Adds a stage to this API, under the API in the construct tree.
   */
  public addStage(id: string, options: WebSocketStageOptions): WebSocketStage {
    checkArguments('WebSocketApi.addStage', [id, options], this);
    return new WebSocketStage(this, id, { webSocketApi: this, ...options });
  }
}

/** The checks of a WebSocket API's own props: an API key selection expression API Gateway documents. */
function validateWebSocketApiProps(api: WebSocketApi, props: WebSocketApiProps): void {
  checkRouteSelectionExpression(api, props.routeSelectionExpression);
  const apiKeySelector = props.apiKeySelectionExpression?.customApiKeySelector;
  if (apiKeySelector !== undefined && !Token.isUnresolved(apiKeySelector) && !KNOWN_API_KEY_SELECTORS.includes(apiKeySelector)) {
    warn(api, 'webSocketApiKeySelectionExpression',
      `\`apiKeySelectionExpression\` ${shown(apiKeySelector)} is not one API Gateway documents: it reads API keys only with `
      + `${KNOWN_API_KEY_SELECTORS.map(s => `'${s}'`).join(' or ')}; use WebSocketApiKeySelectionExpression.HEADER_X_API_KEY or .AUTHORIZER_USAGE_IDENTIFIER_KEY`);
  }
}
