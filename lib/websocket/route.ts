import type { Construct, IConstruct } from 'constructs';
import { Lazy, Resource, Token } from 'aws-cdk-lib';
import type { RouteReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IWebSocketApi } from './api';
import type { IWebSocketRouteAuthorizer, WebSocketRouteAuthorizerConfig } from './authorizer';
import { WebSocketNoneAuthorizer } from './authorizer';
import type { WebSocketIntegration, WebSocketRouteIntegration } from './integration';
import { webSocketRegistryOf } from './private/registry';
import { duplicateRouteResponse } from './private/responses';
import { validateRouteKey } from './private/routes';
import type { WebSocketRouteResponseOptions } from './route-response';
import { WebSocketRouteResponse } from './route-response';
import type { IRoute } from '../common/route';
import { isConstruct } from '../private/construct';
import { refuse, shown, warn } from '../private/error';
import { refuseForeignObject, warnForeignObject } from '../private/foreign';
import { injectProps } from '../private/property-injection';
import { whenBuilt } from '../private/when-built';
import { checkArguments } from '../private/guard';

/**
 * A route of a WebSocket API.
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const webSocketApi: apigwv2.WebSocketApi;
 * declare const handler: lambda.Function;
 *
 * const route: apigwv2.IWebSocketRoute = webSocketApi.addRoute('sendmessage', {
 *   integration: new integrations.WebSocketLambdaIntegration('SendMessage', handler),
 * });
 * new CfnOutput(this, 'SendMessageRouteKey', { value: route.routeKey });
 */
export interface IWebSocketRoute extends IRoute {
  /**
   * The WebSocket API this route belongs to.
   */
  readonly webSocketApi: IWebSocketApi;

  /**
   * The key of this route, e.g. `$connect` or `sendmessage`.
   * @attribute
   */
  readonly routeKey: string;
}

/**
 * Options to add a route to a WebSocket API.
 */
export interface WebSocketRouteOptions {
  /**
   * The integration messages to this route go to.
   */
  readonly integration: WebSocketRouteIntegration;

  /**
   * The authorizer of this route. Only the `$connect` route takes one (other than
   * `WebSocketNoneAuthorizer`): API Gateway authorizes a connection once, when it opens.
   * @default - no authorizer: `AuthorizationType` is `NONE`
   */
  readonly authorizer?: IWebSocketRouteAuthorizer;

  /**
   * Whether the route sends the integration's response back to the client (a two-way
   * route). Creates the route response `$default` (construct id `Response`). Non-proxy
   * integrations (AWS, HTTP, MOCK) also need an integration response to return anything.
   * @default false
   */
  readonly returnResponse?: boolean;

  /**
   * Settings of the route response, e.g. its response models; implies `returnResponse`.
   * @default - a plain `$default` route response when `returnResponse` is true
   */
  readonly routeResponse?: WebSocketRouteResponseOptions;

  /**
   * Whether the route requires an API key of a usage plan. The API then needs an
   * `apiKeySelectionExpression`.
   * @default false
   */
  readonly apiKeyRequired?: boolean;

  /**
   * The request parameters the route expects, with whether each is required:
   * `route.request.header.NAME` or `route.request.querystring.NAME` (for `$connect`, whose
   * request is an HTTP request), e.g. `route.request.querystring.token` set to true.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-request-validation.html
   * @default - no request parameters
   */
  readonly requestParameters?: { [parameter: string]: boolean };

  /**
   * The models that validate the request body, by model selection key (the value of
   * `modelSelectionExpression`, or `$default`): model names of the API.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-request-validation.html
   * @default - no request models
   */
  readonly requestModels?: { [modelKey: string]: string };

  /**
   * The expression that selects the request model, e.g. `$request.body.messageType`.
   * @default - no model selection expression: only a `$default` request model applies
   */
  readonly modelSelectionExpression?: string;

  /**
   * A name of the route's operation, for documentation.
   * @default - no operation name
   */
  readonly operationName?: string;
}

/**
 * Properties of a `WebSocketRoute`.
 */
export interface WebSocketRouteProps extends WebSocketRouteOptions {
  /**
   * The WebSocket API this route belongs to.
   */
  readonly webSocketApi: IWebSocketApi;

  /**
   * The route key: `$connect`, `$disconnect`, `$default`, or a value the API's route
   * selection expression yields, e.g. `sendmessage`. Unique per API.
   */
  readonly routeKey: string;
}

/** The construct id of a route's route response, as in aws-cdk-lib. */
const ROUTE_RESPONSE_ID = 'Response';
/** The authorization types a WebSocket route accepts. */
const AUTHORIZATION_TYPES = ['NONE', 'AWS_IAM', 'CUSTOM'];
/** Request parameters of WebSocket routes: a header or query string of the connection request. */
const REQUEST_PARAMETER = /^route\.request\.(header|querystring)\.[^\s.]\S*$/;

/**
 * A route of a WebSocket API (`AWS::ApiGatewayV2::Route`).
 *
 * Every route states its authorization type, `NONE` when it has no authorizer, so that
 * removing an authorizer from a route detaches it on the next deploy.
 *
 * @resource AWS::ApiGatewayV2::Route
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const handler: lambda.Function;
 *
 * // A route of an API defined in another stack; addRoute does the same on the API itself.
 * const api = apigwv2.WebSocketApi.fromWebSocketApiAttributes(this, 'ChatApi', { webSocketId: Fn.importValue('ChatApiId') });
 * new apigwv2.WebSocketRoute(this, 'History', {
 *   webSocketApi: api,
 *   routeKey: 'history',
 *   integration: new integrations.WebSocketLambdaIntegration('History', handler),
 *   returnResponse: true,
 * });
 */
export class WebSocketRoute extends Resource implements IWebSocketRoute {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.WebSocketRoute';

  /** The identifier of this route. */
  public readonly routeId: string;
  /** The WebSocket API this route belongs to. */
  public readonly webSocketApi: IWebSocketApi;
  /** The key of this route. */
  public readonly routeKey: string;
  /**
   * Never set: kept for compatibility with aws-cdk-lib, which declares it but never sets it.
   *
   * @default - no value, always
   * @deprecated integration responses are `WebSocketIntegrationResponse`s: see
   * `WebSocketRouteIntegration.addResponse()`
   */
  public readonly integrationResponseId?: string;
  private readonly integration: WebSocketIntegration;
  /** The route responses of this route, by key, as its API's registry keeps them. */
  private readonly routeResponses: Map<string, IConstruct>;

  constructor(scope: Construct, id: string, props: WebSocketRouteProps) {
    checkArguments('WebSocketRoute.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(WebSocketRoute.PROPERTY_INJECTION_ID, props, scope, id);
    validateRouteKey(props.routeKey, this);
    this.webSocketApi = props.webSocketApi;
    this.routeKey = props.routeKey;
    const registry = webSocketRegistryOf(props.webSocketApi);
    registry.registerRoute(props.routeKey, this);
    this.routeResponses = registry.responsesOf(registry.entryOf(this)!);

    validateWebSocketRouteProps(this, props);

    refuseForeignObject(props.integration, `\`integration\` of route ${shown(props.routeKey)}`, this);
    const binding = props.integration._bindToRoute({ route: this, scope: this });
    this.integration = binding.integration;
    const authorization = this.bindAuthorizer(props);
    const authorizationType = authorization.authorizationType;

    const resource = new CfnRoute(this, 'Resource', {
      apiId: props.webSocketApi.apiId,
      apiKeyRequired: props.apiKeyRequired,
      routeKey: props.routeKey,
      target: `integrations/${binding.integrationId}`,
      authorizerId: authorization.authorizerId,
      authorizationType,
      routeResponseSelectionExpression: Lazy.string({ produce: () => this.routeResponses.size > 0 ? '$default' : undefined }),
      requestParameters: renderRequestParameters(props.requestParameters),
      requestModels: props.requestModels,
      modelSelectionExpression: props.modelSelectionExpression,
      operationName: props.operationName,
    });
    this.routeId = resource.ref;

    if (props.returnResponse || props.routeResponse) {
      this.addResponse(props.routeResponse);
    }
    whenBuilt(this, () => this.warnIfTwoWayWithoutResponse());
  }

  public get routeRef(): RouteReference {
    return { apiId: this.webSocketApi.apiRef.apiId, routeId: this.routeId };
  }

  /**
   * Makes this a two-way route: creates its route response (construct id `Response`), through
   * which API Gateway returns the integration's response to the client. A route has at most
   * one route response, with the key `$default`.
   */
  public addResponse(options: WebSocketRouteResponseOptions = {}): WebSocketRouteResponse {
    checkArguments('WebSocketRoute.addResponse', [options], this);
    const taken = this.node.tryFindChild(ROUTE_RESPONSE_ID);
    if (taken instanceof WebSocketRouteResponse) {
      refuse('duplicateRouteResponse', duplicateRouteResponse(this, taken.responseKey, taken), this);
    } else if (taken) {
      refuse('duplicateRouteResponse', `cannot add the route response of route ${shown(this.routeKey)}: its construct id '${ROUTE_RESPONSE_ID}' is taken by ${taken.node.path}; `
        + 'give the integration another id', this);
    }
    return new WebSocketRouteResponse(this, ROUTE_RESPONSE_ID, { route: this, ...options });
  }

  /** Binds the route's authorizer (none by default), refusing what WebSocket routes cannot take. */
  private bindAuthorizer(props: WebSocketRouteProps): WebSocketRouteAuthorizerConfig {
    const apiScope = isConstruct(props.webSocketApi) ? props.webSocketApi : this;
    // TypeScript accepts aws-cdk-lib's WebSocket authorizers here, and they work: warn only.
    warnForeignObject(props.authorizer, `\`authorizer\` of route ${shown(props.routeKey)}`, this);
    const authorization = (props.authorizer ?? new WebSocketNoneAuthorizer()).bind({ route: this, scope: apiScope });
    const authorizationType = authorization.authorizationType;
    if (!Token.isUnresolved(authorizationType) && !AUTHORIZATION_TYPES.includes(authorizationType)) {
      refuse('routeAuthorizationType', `invalid authorization type ${shown(authorizationType)} from the \`authorizer\` of route ${shown(props.routeKey)}: `
        + `WebSocket routes accept ${AUTHORIZATION_TYPES.join(', ')}; use a Lambda (CUSTOM) or IAM authorizer`, this);
    }
    if (authorizationType !== 'NONE' && props.routeKey !== '$connect' && !Token.isUnresolved(props.routeKey)) {
      refuse('webSocketRouteAuthorizer', `\`authorizer\` on route ${shown(props.routeKey)}: API Gateway authorizes a WebSocket connection once, when it opens, `
        + 'so only the \'$connect\' route takes an authorizer; move it to the $connect route', this);
    }
    return authorization;
  }

  private warnIfTwoWayWithoutResponse(): void {
    if (this.routeResponses.size === 0) return;
    const integration = webSocketRegistryOf(this.webSocketApi).integrationEntryOf(this.integration);
    const type = integration?.type;
    if (type === undefined || Token.isUnresolved(type) || PROXY_TYPES.includes(type) || (integration?.responses?.size ?? 0) > 0) return;
    warn(this, 'webSocketTwoWayWithoutIntegrationResponse',
      `route ${shown(this.routeKey)} returns responses, but its ${type} integration has no integration response, so clients get nothing back: `
      + 'non-proxy integrations need one; add one with `addResponse()` on the integration (e.g. key WebSocketIntegrationResponseKey.DEFAULT)');
  }
}

/** Proxy integration types: API Gateway returns the backend's output as it is. */
const PROXY_TYPES: string[] = ['AWS_PROXY', 'HTTP_PROXY'];

/** The checks of a route's own props: a route response only with `returnResponse`, and request parameters. */
function validateWebSocketRouteProps(route: WebSocketRoute, props: WebSocketRouteProps): void {
  if (props.returnResponse === false && props.routeResponse) {
    refuse('routeResponse', `\`routeResponse\` on route ${shown(props.routeKey)} with \`returnResponse: false\`: a route response makes the route return `
      + 'responses; remove `routeResponse`, or set `returnResponse` to true', route);
  }
  for (const name of Object.keys(props.requestParameters ?? {})) {
    if (!Token.isUnresolved(name) && !REQUEST_PARAMETER.test(name)) {
      refuse('requestParameters', `invalid request parameter ${shown(name)} in \`requestParameters\` of route ${shown(props.routeKey)}: `
        + 'WebSocket routes take \'route.request.header.NAME\' or \'route.request.querystring.NAME\'', route);
    }
  }
}

/** `{ name: required }` as CloudFormation's `{ name: { Required: required } }`. */
function renderRequestParameters(parameters?: { [parameter: string]: boolean }): { [parameter: string]: { Required: boolean } } | undefined {
  if (!parameters || Object.keys(parameters).length === 0) return undefined;
  const rendered: { [parameter: string]: { Required: boolean } } = {};
  for (const [name, required] of Object.entries(parameters)) {
    rendered[name] = { Required: required };
  }
  return rendered;
}
