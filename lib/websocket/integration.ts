import type { Construct, IConstruct } from 'constructs';
import type { Duration } from 'aws-cdk-lib';
import { Resource, Token } from 'aws-cdk-lib';
import type { IntegrationReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnIntegration } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IRoleRef } from 'aws-cdk-lib/aws-iam';
import type { IWebSocketApi, IWebSocketApiRef } from './api';
import type { WebSocketIntegrationResponseOptions } from './integration-response';
import { WebSocketIntegrationResponse } from './integration-response';
import { webSocketRegistryOf } from './private/registry';
import { duplicateIntegrationResponse } from './private/responses';
import { RESERVED_INTEGRATION_IDS } from './private/routes';
import type { IWebSocketRoute } from './route';
import type { IIntegration } from '../common/integration';
import { refuse } from '../private/error';
import { LIMITS } from '../private/limits';
import { isAbsoluteHttpUrl, startsWithStageVariable, validateIntegrationTimeout, warnStageVariableUrl } from '../private/validators';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/**
 * An integration of a WebSocket API.
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 * declare const queueRole: iam.Role;
 *
 * const integration: apigwv2.IWebSocketIntegration = new apigwv2.WebSocketIntegration(this, 'Enqueue', {
 *   webSocketApi,
 *   integrationType: apigwv2.WebSocketIntegrationType.AWS,
 *   integrationUri: `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:sqs:path/${Aws.ACCOUNT_ID}/messages`,
 *   integrationMethod: 'POST',
 *   credentialsRole: queueRole,
 *   requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
 *   requestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
 *   templateSelectionExpression: '\\$default',
 * });
 * new CfnOutput(this, 'EnqueueIntegrationId', { value: integration.integrationId });
 */
export interface IWebSocketIntegration extends IIntegration {
  /** The WebSocket API this integration belongs to. */
  readonly webSocketApi: IWebSocketApi;
}

/**
 * The integration types of WebSocket APIs.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-requests.html
 */
export enum WebSocketIntegrationType {
  /** Invokes a Lambda function with the whole request (Lambda proxy integration). */
  AWS_PROXY = 'AWS_PROXY',
  /** API Gateway answers itself, from templates, without calling a backend. */
  MOCK = 'MOCK',
  /** Calls an AWS service action, with request and response templates. */
  AWS = 'AWS',
  /** Calls an HTTP endpoint, with request and response templates. */
  HTTP = 'HTTP',
  /** Forwards the request to an HTTP endpoint as it is. */
  HTTP_PROXY = 'HTTP_PROXY',
}

/**
 * How an integration converts payloads between text and binary.
 */
export enum ContentHandling {
  /** Converts a payload from a base64-encoded string to a binary blob. */
  CONVERT_TO_BINARY = 'CONVERT_TO_BINARY',
  /** Converts a payload from a binary blob to a base64-encoded string. */
  CONVERT_TO_TEXT = 'CONVERT_TO_TEXT',
}

/**
 * What an integration does with a request whose content type has no request template.
 */
export enum PassthroughBehavior {
  /** Passes the request body through unchanged when no template matches its content type. */
  WHEN_NO_MATCH = 'WHEN_NO_MATCH',
  /** Rejects requests whose content type has no template (HTTP 415 Unsupported Media Type). */
  NEVER = 'NEVER',
  /**
   * Passes the body through when the integration has no templates at all. With templates, it
   * rejects unmapped content types like `NEVER`.
   */
  WHEN_NO_TEMPLATES = 'WHEN_NO_TEMPLATES',
}

/**
 * How a WebSocket integration reaches its backend.
 */
export enum WebSocketConnectionType {
  /** Over the internet. */
  INTERNET = 'INTERNET',
  /** Through a REST API VPC link, to a private backend behind a Network Load Balancer. */
  VPC_LINK = 'VPC_LINK',
}

/**
 * Properties of a `WebSocketIntegration`.
 */
export interface WebSocketIntegrationProps {
  /**
   * The WebSocket API this integration belongs to.
   */
  readonly webSocketApi: IWebSocketApiRef;

  /**
   * The integration type.
   */
  readonly integrationType: WebSocketIntegrationType;

  /**
   * The backend: a Lambda invocation URI, an AWS service action ARN or an HTTP URL. Empty
   * for MOCK integrations, required for every other type.
   */
  readonly integrationUri: string;

  /**
   * The HTTP method API Gateway uses to call the backend, e.g. `POST`.
   * @default - no method
   */
  readonly integrationMethod?: string;

  /**
   * How the response payload is converted between text and binary.
   * @default - the payload is passed through unconverted
   */
  readonly contentHandling?: ContentHandling;

  /**
   * The role API Gateway assumes to call the backend.
   * @default - no role
   */
  readonly credentialsRole?: IRoleRef;

  /**
   * Parameters sent to the backend, a map from a destination (e.g.
   * `integration.request.header.X-Id`) to a source (e.g. `route.request.header.X-Id`,
   * `context.connectionId`, or a static value in single quotes).
   * @default - no request parameters
   */
  readonly requestParameters?: { [dest: string]: string };

  /**
   * Velocity templates that transform the request, by template selection key, e.g. the
   * template `{ "statusCode": 200 }` under the key `application/json`.
   * @default - no request templates
   */
  readonly requestTemplates?: { [contentType: string]: string };

  /**
   * The expression that selects a request template.
   * @default - no template selection expression
   */
  readonly templateSelectionExpression?: string;

  /**
   * How API Gateway reaches the backend: `VPC_LINK` for a private backend behind a Network
   * Load Balancer, through a REST API VPC link (`aws_apigateway.VpcLink`). HTTP and HTTP_PROXY
   * integrations only.
   * @default WebSocketConnectionType.INTERNET
   */
  readonly connectionType?: WebSocketConnectionType;

  /**
   * The ID of the VPC link, with `connectionType` VPC_LINK.
   * @default - none
   */
  readonly connectionId?: string;

  /**
   * How long API Gateway waits for the backend: 50 milliseconds to 29 seconds.
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;

  /**
   * What happens to requests whose content type has no request template.
   * @default - API Gateway's default, WHEN_NO_MATCH
   */
  readonly passthroughBehavior?: PassthroughBehavior;

  /**
   * Integration responses, for two-way routes with non-proxy integrations (AWS, HTTP, MOCK).
   * @default - no integration responses
   */
  readonly responses?: WebSocketIntegrationResponseOptions[];
}

/**
 * An integration of a WebSocket API (`AWS::ApiGatewayV2::Integration`). Routes normally create
 * theirs through a `WebSocketRouteIntegration`; use this class directly for full control.
 *
 * @resource AWS::ApiGatewayV2::Integration
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 *
 * // Integrations are usually created through a WebSocketRouteIntegration; this one is
 * // created directly, with a response added afterwards.
 * const integration = new apigwv2.WebSocketIntegration(this, 'Status', {
 *   webSocketApi,
 *   integrationType: apigwv2.WebSocketIntegrationType.HTTP,
 *   integrationUri: 'https://status.example.com/v1',
 *   integrationMethod: 'GET',
 *   timeout: Duration.seconds(5),
 * });
 * integration.addResponse({ responseKey: apigwv2.WebSocketIntegrationResponseKey.DEFAULT });
 */
export class WebSocketIntegration extends Resource implements IWebSocketIntegration {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.WebSocketIntegration';

  /** The identifier of this integration. */
  public readonly integrationId: string;
  private readonly _webSocketApi: IWebSocketApiRef;
  /** The integration responses of this integration, by key, as its API's registry keeps them. */
  private readonly responses: Map<string, IConstruct>;

  constructor(scope: Construct, id: string, props: WebSocketIntegrationProps) {
    checkArguments('WebSocketIntegration.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(WebSocketIntegration.PROPERTY_INJECTION_ID, props, scope, id);
    validateWebSocketIntegrationProps(this, props);
    const type = props.integrationType;
    const uri = props.integrationUri;
    this._webSocketApi = props.webSocketApi;
    // Here rather than in WebSocketRouteIntegration, so that integrations created directly count too.
    const registry = webSocketRegistryOf(props.webSocketApi);
    registry.registerIntegration(this, type);
    this.responses = registry.responsesOf(registry.integrationEntryOf(this)!);

    const resource = new CfnIntegration(this, 'Resource', {
      apiId: props.webSocketApi.apiRef.apiId,
      integrationType: type,
      integrationUri: uri,
      integrationMethod: props.integrationMethod,
      contentHandlingStrategy: props.contentHandling,
      credentialsArn: props.credentialsRole?.roleRef.roleArn,
      requestParameters: props.requestParameters,
      requestTemplates: props.requestTemplates,
      passthroughBehavior: props.passthroughBehavior,
      templateSelectionExpression: props.templateSelectionExpression,
      timeoutInMillis: props.timeout?.toMilliseconds(),
      connectionType: props.connectionType,
      connectionId: props.connectionId,
    });
    this.integrationId = resource.ref;

    for (const response of props.responses ?? []) {
      this.addResponse(response);
    }
  }

  /** The WebSocket API this integration belongs to. */
  public get webSocketApi(): IWebSocketApi {
    const api = this._webSocketApi as Partial<IWebSocketApi>;
    if (!('apiEndpoint' in api) || !api.apiRef) {
      refuse('incompleteReference', `\`webSocketApi\` ${this._webSocketApi.node.path} is a reference without apiEndpoint: pass a WebSocketApi, or import one with WebSocketApi.fromWebSocketApiAttributes()`, this);
    }
    return api as IWebSocketApi;
  }

  public get integrationRef(): IntegrationReference {
    return { apiId: this._webSocketApi.apiRef.apiId, integrationId: this.integrationId };
  }

  /**
   * Adds an integration response, under this integration in the construct tree, with the
   * construct id `Response-{key}` (the key without its enclosing slashes). An integration
   * has one response per key.
   */
  public addResponse(options: WebSocketIntegrationResponseOptions): WebSocketIntegrationResponse {
    checkArguments('WebSocketIntegration.addResponse', [options], this);
    const key = options.responseKey.key;
    const existing = this.responses.get(key);
    if (existing) refuse('duplicateIntegrationResponse', duplicateIntegrationResponse(this, key, existing), this);
    const id = `Response-${key.length >= 2 && key.startsWith('/') && key.endsWith('/') ? key.slice(1, -1) : key}`;
    return new WebSocketIntegrationResponse(this, id, { integration: this, ...options });
  }
}

/** The checks of an integration's own props: a timeout, a URI unless MOCK, and a VPC link only for HTTP types. */
function validateWebSocketIntegrationProps(integration: WebSocketIntegration, props: WebSocketIntegrationProps): void {
  validateIntegrationTimeout(integration, props.timeout, LIMITS.webSocketIntegrationTimeoutMaxMs.value, 'WebSocket');
  const type = props.integrationType;
  const uri = props.integrationUri;
  if (!Token.isUnresolved(type) && type !== WebSocketIntegrationType.MOCK && typeof uri === 'string' && !Token.isUnresolved(uri) && uri.length === 0) {
    refuse('integrationUri', `empty \`integrationUri\` for a WebSocket integration of type ${type}: set the Lambda invocation URI, AWS service action ARN `
      + 'or URL of the backend (only MOCK integrations go without one)', integration);
  }
  if ((type === WebSocketIntegrationType.HTTP || type === WebSocketIntegrationType.HTTP_PROXY) && props.connectionType !== WebSocketConnectionType.VPC_LINK
    && typeof uri === 'string' && !Token.isUnresolved(uri) && !isAbsoluteHttpUrl(uri) && startsWithStageVariable(uri)) {
    warnStageVariableUrl(integration, uri);
  }
  if (props.connectionType === WebSocketConnectionType.VPC_LINK) {
    if (!Token.isUnresolved(type) && type !== WebSocketIntegrationType.HTTP && type !== WebSocketIntegrationType.HTTP_PROXY) {
      refuse('integrationConnection', `\`connectionType\` VPC_LINK on a WebSocket integration of type ${type}: only HTTP and HTTP_PROXY integrations reach private backends; `
        + 'use one of them, or remove the connection settings', integration);
    }
    if (!props.connectionId) {
      refuse('integrationConnection', '`connectionType` VPC_LINK needs `connectionId`: set the ID of the REST API VPC link (aws_apigateway.VpcLink)', integration);
    }
  }
}

/**
 * What a `WebSocketRouteIntegration` receives when a route binds it.
 */
export interface WebSocketRouteIntegrationBindOptions {
  /** The route being bound. */
  readonly route: IWebSocketRoute;
  /** The scope for any construct the integration creates (the route). */
  readonly scope: Construct;
}

/**
 * What a `WebSocketRouteIntegration` returns from `bind()`: the integration to create.
 */
export interface WebSocketRouteIntegrationConfig {
  /** The integration type. */
  readonly type: WebSocketIntegrationType;
  /** The backend's URI, empty for MOCK integrations. */
  readonly uri: string;
  /**
   * The HTTP method used to call the backend.
   * @default - no method
   */
  readonly method?: string;
  /**
   * How the response payload is converted between text and binary.
   * @default - the payload is passed through unconverted
   */
  readonly contentHandling?: ContentHandling;
  /**
   * The role API Gateway assumes to call the backend.
   * @default - no role
   */
  readonly credentialsRole?: IRoleRef;
  /**
   * Velocity templates that transform the request, by template selection key.
   * @default - no request templates
   */
  readonly requestTemplates?: { [contentType: string]: string };
  /**
   * Parameters sent to the backend, from destination to source.
   * @default - no request parameters
   */
  readonly requestParameters?: { [dest: string]: string };
  /**
   * The expression that selects a request template.
   * @default - no template selection expression
   */
  readonly templateSelectionExpression?: string;
  /**
   * How API Gateway reaches the backend: `VPC_LINK` for a private backend behind a Network
   * Load Balancer, through a REST API VPC link (`aws_apigateway.VpcLink`). HTTP and HTTP_PROXY
   * integrations only.
   * @default WebSocketConnectionType.INTERNET
   */
  readonly connectionType?: WebSocketConnectionType;

  /**
   * The ID of the VPC link, with `connectionType` VPC_LINK.
   * @default - none
   */
  readonly connectionId?: string;
  /**
   * How long API Gateway waits for the backend: 50 milliseconds to 29 seconds.
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;
  /**
   * What happens to requests whose content type has no request template.
   * @default - API Gateway's default, WHEN_NO_MATCH
   */
  readonly passthroughBehavior?: PassthroughBehavior;
  /**
   * Integration responses, for two-way routes with non-proxy integrations. Those of the
   * first bind are created with the integration resource.
   * @default - no integration responses
   */
  readonly responses?: WebSocketIntegrationResponseOptions[];
}

/**
 * The base of every WebSocket route integration. One object creates one
 * `AWS::ApiGatewayV2::Integration`, under the first route that binds it; later routes of
 * the same API reuse it. `bind()` runs on every route bind, so that an integration can add
 * per-route resources such as Lambda permissions.
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 * declare const integration: apigwv2.WebSocketRouteIntegration;
 *
 * // Any integration of the integrations submodule. A two-way route with a non-proxy
 * // integration (AWS, HTTP, MOCK) returns what the integration's responses make.
 * integration.addResponse({ responseKey: apigwv2.WebSocketIntegrationResponseKey.DEFAULT });
 * webSocketApi.addRoute('status', { integration, returnResponse: true });
 */
export abstract class WebSocketRouteIntegration {
  private integration?: WebSocketIntegration;
  private boundApiPath?: string;
  private boundApiAddr?: string;
  private readonly pendingResponses: WebSocketIntegrationResponseOptions[] = [];

  /**
   * @param id the construct id of the integration resource, created under the first route
   */
  constructor(private readonly id: string) {
    if (RESERVED_INTEGRATION_IDS.includes(id)) {
      refuse('integrationId', `invalid integration id '${id}': the first route that binds the integration creates it under itself with this id, where `
        + `'${id}' is the route's own resource or hidden from logical ids; choose another id, e.g. '${id}Integration'`);
    }
  }

  /**
   * Adds an integration response (for two-way routes with a non-proxy integration). Before
   * the first route binds this integration, the response waits and is created with the
   * integration resource.
   */
  public addResponse(options: WebSocketIntegrationResponseOptions): void {
    checkArguments('WebSocketRouteIntegration.addResponse', [options], this);
    if (this.integration) {
      this.integration.addResponse(options);
    } else {
      this.pendingResponses.push(options);
    }
  }

  /**
   * Binds this integration to a route, creating the integration resource the first time.
   * @internal
   */
  public _bindToRoute(options: WebSocketRouteIntegrationBindOptions): { readonly integrationId: string; readonly integration: WebSocketIntegration } {
    const api = options.route.webSocketApi;
    if (this.integration && this.boundApiAddr !== api.node.addr) {
      refuse('integrationReuse', `integration '${this.id}' already serves the WebSocket API ${this.boundApiPath}: `
        + 'an integration object belongs to one API; create another one for this API', options.scope);
    }
    const config = this.bind(options);
    if (!this.integration) {
      this.integration = new WebSocketIntegration(options.scope, this.id, {
        webSocketApi: api,
        integrationType: config.type,
        integrationUri: config.uri,
        integrationMethod: config.method,
        contentHandling: config.contentHandling,
        credentialsRole: config.credentialsRole,
        requestTemplates: config.requestTemplates,
        requestParameters: config.requestParameters,
        timeout: config.timeout,
        passthroughBehavior: config.passthroughBehavior,
        templateSelectionExpression: config.templateSelectionExpression,
        connectionType: config.connectionType,
        connectionId: config.connectionId,
        responses: [...config.responses ?? [], ...this.pendingResponses.splice(0)],
      });
      this.boundApiAddr = api.node.addr;
      this.boundApiPath = api.node.path;
    }
    return { integrationId: this.integration.integrationId, integration: this.integration };
  }

  /**
   * Returns the integration to create. Called on every route bind; the first call's config
   * creates the integration resource.
   */
  public abstract bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig;
}
