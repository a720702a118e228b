import type { Construct } from 'constructs';
import { Aws, Resource, Stack, Token } from 'aws-cdk-lib';
import type { Duration } from 'aws-cdk-lib';
import type { IntegrationReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnIntegration } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IRoleRef } from 'aws-cdk-lib/aws-iam';
import type { IHttpApi, IHttpApiRef } from './api-base';
import { toIHttpApi } from './to-http-api';
import type { ParameterMapping } from './parameter-mapping';
import { validatePayloadFormatVersion } from './private/integration-rules';
import { integrationSharingKey } from './private/integration-sharing';
import { httpRegistryOf } from './private/registry';
import type { HttpMethod, IHttpRoute } from './route';
import type { IIntegration } from '../common/integration';
import { refuse, shown } from '../private/error';
import { loadModule } from '../private/lazy';
import { LIMITS } from '../private/limits';
import type * as parameterMappingRulesModule from './private/parameter-mapping-rules';
import { isAbsoluteHttpUrl, startsWithStageVariable, validateIntegrationTimeout, warnStageVariableUrl } from '../private/validators';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/** Construct ids that CDK leaves out of logical ids. */
const RESERVED_IDS = ['Default', 'Resource'];

/**
 * An integration of an HTTP API.
 *
 * @example
 * declare const api: apigwv2.HttpApi;
 *
 * const integration: apigwv2.IHttpIntegration = new apigwv2.HttpIntegration(this, 'Catalog', {
 *   httpApi: api,
 *   integrationType: apigwv2.HttpIntegrationType.HTTP_PROXY,
 *   integrationUri: 'https://catalog.example.com/books',
 *   method: apigwv2.HttpMethod.GET,
 *   payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_1_0,
 * });
 * new CfnOutput(this, 'CatalogIntegrationId', { value: integration.integrationId });
 */
export interface IHttpIntegration extends IIntegration {
  /** The HTTP API this integration belongs to. */
  readonly httpApi: IHttpApi;
}

/**
 * The integration types of HTTP APIs.
 */
export enum HttpIntegrationType {
  /** Forwards the request to an HTTP endpoint: a URL, or a private resource through a VPC link. */
  HTTP_PROXY = 'HTTP_PROXY',
  /** Invokes a Lambda function, or an AWS service action named by a subtype. */
  AWS_PROXY = 'AWS_PROXY',
}

/**
 * The AWS service actions an `AWS_PROXY` integration can call.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
 */
export enum HttpIntegrationSubtype {
  /** EventBridge PutEvents. */
  EVENTBRIDGE_PUT_EVENTS = 'EventBridge-PutEvents',
  /** SQS SendMessage. */
  SQS_SEND_MESSAGE = 'SQS-SendMessage',
  /** SQS ReceiveMessage. */
  SQS_RECEIVE_MESSAGE = 'SQS-ReceiveMessage',
  /** SQS DeleteMessage. */
  SQS_DELETE_MESSAGE = 'SQS-DeleteMessage',
  /** SQS PurgeQueue. */
  SQS_PURGE_QUEUE = 'SQS-PurgeQueue',
  /** AppConfig GetConfiguration. */
  APPCONFIG_GET_CONFIGURATION = 'AppConfig-GetConfiguration',
  /** Kinesis PutRecord. */
  KINESIS_PUT_RECORD = 'Kinesis-PutRecord',
  /** Step Functions StartExecution. */
  STEPFUNCTIONS_START_EXECUTION = 'StepFunctions-StartExecution',
  /** Step Functions StartSyncExecution (EXPRESS state machines only). */
  STEPFUNCTIONS_START_SYNC_EXECUTION = 'StepFunctions-StartSyncExecution',
  /** Step Functions StopExecution. */
  STEPFUNCTIONS_STOP_EXECUTION = 'StepFunctions-StopExecution',
}

/**
 * The credentials API Gateway uses to call an integration.
 *
 * @example
 * declare const api: apigwv2.HttpApi;
 * declare const role: iam.Role;
 *
 * // API Gateway assumes the role to call the private backend.
 * new apigwv2.HttpIntegration(this, 'Internal', {
 *   httpApi: api,
 *   integrationType: apigwv2.HttpIntegrationType.HTTP_PROXY,
 *   integrationUri: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/internal/1/2',
 *   connectionType: apigwv2.HttpConnectionType.VPC_LINK,
 *   connectionId: 'vpclink-123',
 *   payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_1_0,
 *   credentials: apigwv2.IntegrationCredentials.fromRole(role),
 * });
 */
export abstract class IntegrationCredentials {
  /**
   * API Gateway assumes this role.
   */
  public static fromRole(role: IRoleRef): IntegrationCredentials {
    checkArguments('IntegrationCredentials.fromRole', [role]);
    return new class extends IntegrationCredentials {
      public readonly credentialsArn = role.roleRef.roleArn;
    }();
  }

  /**
   * API Gateway uses the caller's own identity (IAM-authorized routes only).
   */
  public static useCallerIdentity(): IntegrationCredentials {
    checkArguments('IntegrationCredentials.useCallerIdentity', []);
    return new class extends IntegrationCredentials {
      public readonly credentialsArn = `arn:${Aws.PARTITION}:iam::*:user/*`;
    }();
  }

  /** The ARN written to the integration's `CredentialsArn`. */
  public abstract readonly credentialsArn: string;
}

/**
 * How an integration reaches its backend.
 */
export enum HttpConnectionType {
  /** Through a VPC link, to a private resource. */
  VPC_LINK = 'VPC_LINK',
  /** Over the internet. */
  INTERNET = 'INTERNET',
}

/**
 * The payload format API Gateway sends to a Lambda integration.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const handler: lambda.Function;
 * declare const api: apigwv2.HttpApi;
 *
 * // The function gets the REST API-compatible event (payload format 1.0).
 * api.addRoutes({
 *   path: '/orders/{id}',
 *   methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.DELETE],
 *   integration: new integrations.HttpLambdaIntegration('Orders', handler, {
 *     payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_1_0,
 *     timeout: Duration.seconds(10),
 *   }),
 * });
 */
export class PayloadFormatVersion {
  /** Version 1.0, the REST API-compatible format. */
  public static readonly VERSION_1_0 = new PayloadFormatVersion('1.0');
  /** Version 2.0. */
  public static readonly VERSION_2_0 = new PayloadFormatVersion('2.0');

  /**
   * A version by its string, for versions this library does not name yet.
   */
  public static custom(version: string): PayloadFormatVersion {
    checkArguments('PayloadFormatVersion.custom', [version]);
    return new PayloadFormatVersion(version);
  }

  /** The version string. */
  public readonly version: string;

  private constructor(version: string) {
    this.version = version;
  }
}

/**
 * Properties of an `HttpIntegration`.
 */
export interface HttpIntegrationProps {
  /** The HTTP API this integration belongs to. */
  readonly httpApi: IHttpApiRef;

  /** The integration type. */
  readonly integrationType: HttpIntegrationType;

  /**
   * The AWS service action, for AWS service integrations.
   * @default - none; `integrationUri` is then required
   */
  readonly integrationSubtype?: HttpIntegrationSubtype;

  /**
   * The backend: a Lambda function ARN, a URL, or a load balancer listener or Cloud Map
   * service ARN for private integrations.
   * @default - none; `integrationSubtype` is then required
   */
  readonly integrationUri?: string;

  /**
   * The HTTP method used to call the backend of an `HTTP_PROXY` integration.
   * @default - none
   */
  readonly method?: HttpMethod;

  /**
   * The VPC link ID, for private integrations.
   * @default - none
   */
  readonly connectionId?: string;

  /**
   * How the backend is reached.
   * @default HttpConnectionType.INTERNET
   */
  readonly connectionType?: HttpConnectionType;

  /**
   * The payload format version sent to a Lambda integration. Only Lambda proxy integrations
   * take `2.0`: it is refused on HTTP_PROXY and AWS service integrations. A custom version
   * other than `1.0` and `2.0` gets the warning `cdk-apigatewayv2:payloadFormatVersionUnknown`.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
   * @default - API Gateway's default for the integration type
   */
  readonly payloadFormatVersion?: PayloadFormatVersion;

  /**
   * The server name API Gateway verifies in the backend's TLS certificate (private
   * integrations).
   * @default - no server name verification
   */
  readonly secureServerName?: string;

  /**
   * How long API Gateway waits for the backend: 50 ms to 30 s.
   * @default Duration.seconds(30) (API Gateway's default)
   */
  readonly timeout?: Duration;

  /**
   * How requests are transformed before they reach the backend.
   * @default - requests are forwarded unchanged
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * The credentials API Gateway uses to call the backend.
   * @default - none
   */
  readonly credentials?: IntegrationCredentials;
}

/**
 * An integration of an HTTP API (`AWS::ApiGatewayV2::Integration`). Routes normally create
 * theirs through an `HttpRouteIntegration`; use this class directly for full control.
 *
 * @resource AWS::ApiGatewayV2::Integration
 *
 * @example
 * declare const api: apigwv2.HttpApi;
 *
 * // Routes usually create their integration through an HttpRouteIntegration; this one is
 * // created directly, for full control over its settings.
 * new apigwv2.HttpIntegration(this, 'Catalog', {
 *   httpApi: api,
 *   integrationType: apigwv2.HttpIntegrationType.HTTP_PROXY,
 *   integrationUri: 'https://catalog.example.com/books/{id}',
 *   method: apigwv2.HttpMethod.GET,
 *   payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_1_0,
 *   timeout: Duration.seconds(5),
 *   parameterMapping: new apigwv2.ParameterMapping()
 *     .appendHeader('x-request-id', apigwv2.MappingValue.contextVariable('requestId')),
 * });
 */
export class HttpIntegration extends Resource implements IHttpIntegration {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.HttpIntegration';

  /** The identifier of this integration. */
  public readonly integrationId: string;
  private readonly _httpApi: IHttpApiRef;

  constructor(scope: Construct, id: string, props: HttpIntegrationProps) {
    checkArguments('HttpIntegration.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(HttpIntegration.PROPERTY_INJECTION_ID, props, scope, id);
    validateHttpIntegrationProps(this, props);
    this._httpApi = props.httpApi;
    httpRegistryOf(props.httpApi).registerIntegration(this, props.integrationType);

    const resource = new CfnIntegration(this, 'Resource', {
      apiId: props.httpApi.apiRef.apiId,
      integrationType: props.integrationType,
      integrationSubtype: props.integrationSubtype,
      integrationUri: props.integrationUri,
      integrationMethod: props.method,
      connectionId: props.connectionId,
      connectionType: props.connectionType,
      payloadFormatVersion: props.payloadFormatVersion?.version,
      timeoutInMillis: props.timeout?.toMilliseconds(),
      requestParameters: props.parameterMapping?.mappings,
      credentialsArn: props.credentials?.credentialsArn,
      tlsConfig: props.secureServerName ? { serverNameToVerify: props.secureServerName } : undefined,
    });
    this.integrationId = resource.ref;
  }

  /** The HTTP API this integration belongs to. */
  public get httpApi(): IHttpApi {
    return toIHttpApi(this._httpApi);
  }

  public get integrationRef(): IntegrationReference {
    return { apiId: this._httpApi.apiRef.apiId, integrationId: this.integrationId };
  }
}

/** The checks of an integration's own props: a backend, a subtype only with AWS_PROXY, a URL, a timeout and a mapping. */
function validateHttpIntegrationProps(integration: HttpIntegration, props: HttpIntegrationProps): void {
  if (!props.integrationSubtype && !props.integrationUri) {
    refuse('integrationTarget', 'an HTTP integration needs `integrationUri` or `integrationSubtype`: set the backend\'s URI, or the AWS service action', integration);
  }
  validateIntegrationTimeout(integration, props.timeout, LIMITS.httpIntegrationTimeoutMaxMs.value, 'HTTP');
  if (props.integrationSubtype && props.integrationType !== HttpIntegrationType.AWS_PROXY) {
    refuse('integrationSubtype', `\`integrationSubtype\` ${props.integrationSubtype} needs \`integrationType\` AWS_PROXY, not ${props.integrationType}: `
      + 'AWS service integrations are AWS_PROXY integrations', integration);
  }
  const uri = props.integrationUri;
  if (props.integrationType === HttpIntegrationType.HTTP_PROXY && props.connectionType !== HttpConnectionType.VPC_LINK
    && uri !== undefined && !Token.isUnresolved(uri) && !isAbsoluteHttpUrl(uri) && startsWithStageVariable(uri)) {
    warnStageVariableUrl(integration, uri);
  } else if (props.integrationType === HttpIntegrationType.HTTP_PROXY && props.connectionType !== HttpConnectionType.VPC_LINK
    && uri !== undefined && !Token.isUnresolved(uri) && !isAbsoluteHttpUrl(uri)) {
    refuse('integrationUri', `invalid \`integrationUri\` ${shown(uri)} of an HTTP_PROXY integration over the internet: use an absolute URL `
      + 'starting with http:// or https:// (private integrations take a load balancer listener or Cloud Map service ARN with a VPC link)', integration);
  }
  validatePayloadFormatVersion(integration, {
    integrationType: props.integrationType,
    integrationSubtype: props.integrationSubtype,
    payloadFormatVersion: props.payloadFormatVersion?.version,
  });
  if (props.parameterMapping && !props.integrationSubtype) {
    // Loaded here: most integrations map no parameters.
    const rules = loadModule<typeof parameterMappingRulesModule>('http/private/parameter-mapping-rules');
    rules.validateRequestParameterMapping(integration, props.parameterMapping.mappings);
  }
}

/**
 * What an `HttpRouteIntegration` receives when a route binds it.
 */
export interface HttpRouteIntegrationBindOptions {
  /** The route being bound. */
  readonly route: IHttpRoute;
  /** The scope for any construct the integration creates. */
  readonly scope: Construct;
}

/**
 * What an `HttpRouteIntegration` returns from `bind()`: the integration to create.
 */
export interface HttpRouteIntegrationConfig {
  /** The integration type. */
  readonly type: HttpIntegrationType;
  /**
   * The AWS service action.
   * @default - none
   */
  readonly subtype?: HttpIntegrationSubtype;
  /**
   * The backend's URI.
   * @default - none
   */
  readonly uri?: string;
  /**
   * The method used to call the backend.
   * @default - none
   */
  readonly method?: HttpMethod;
  /**
   * The VPC link ID.
   * @default - none
   */
  readonly connectionId?: string;
  /**
   * How the backend is reached.
   * @default HttpConnectionType.INTERNET
   */
  readonly connectionType?: HttpConnectionType;
  /** The payload format version. */
  readonly payloadFormatVersion: PayloadFormatVersion;
  /**
   * The server name to verify in the backend's TLS certificate.
   * @default - none
   */
  readonly secureServerName?: string;
  /**
   * How long API Gateway waits for the backend: 50 ms to 30 s.
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /**
   * How requests are transformed.
   * @default - unchanged
   */
  readonly parameterMapping?: ParameterMapping;
  /**
   * The credentials API Gateway uses.
   * @default - none
   */
  readonly credentials?: IntegrationCredentials;
}

/**
 * The base of every HTTP route integration. One object creates one
 * `AWS::ApiGatewayV2::Integration`, the first time a route binds it, and every later route of
 * the same API reuses it. Routes in another stack get a copy in their own stack, so that no
 * stack refers to another's integration.
 *
 * Unless the API opts out (`shareIntegrations` set to false), objects that configure the same backend
 * call (type, subtype, URI, method, payload format, connection, TLS, timeout, parameter mapping
 * and credentials) share one integration resource per API and stack.
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.HttpApi;
 * declare const handler: lambda.Function;
 *
 * // One object, one AWS::ApiGatewayV2::Integration: the three routes share it.
 * const books: apigwv2.HttpRouteIntegration = new integrations.HttpLambdaIntegration('Books', handler);
 * api.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: books });
 * api.addRoutes({ path: '/books/{id}', methods: [apigwv2.HttpMethod.GET], integration: books });
 */
export abstract class HttpRouteIntegration {
  /** The integration resource this object uses, per stack of the routes that bind it. */
  private readonly integrations = new Map<string, HttpIntegration>();
  private boundApiAddr?: string;
  private boundApiPath?: string;
  /** What `bind()` returned last, for the OpenAPI export and for documents. */
  private boundConfig?: HttpRouteIntegrationConfig;

  /**
   * @param id the construct id of the integration resource, created under the first route
   */
  constructor(private readonly id: string) {
    if (RESERVED_IDS.includes(id)) {
      refuse('integrationId', `invalid integration id ${shown(id)}: CDK hides the id ${shown(id)} in logical ids, so the integration would take its route's logical id; choose another id, e.g. '${id}Integration'`);
    }
  }

  /**
   * Binds this integration to a route. The first route of each stack creates the integration
   * resource, unless the API already has an identical one there to share.
   * @internal
   */
  public _bindToRoute(options: HttpRouteIntegrationBindOptions): { readonly integrationId: string; readonly config: HttpRouteIntegrationConfig } {
    this.claimApi(options);
    const stackAddr = Stack.of(options.scope).node.addr;
    let integration = this.integrations.get(stackAddr);
    if (!integration) {
      this.boundConfig = this.bind(options);
      integration = this.createOrShare(options, this.boundConfig);
      this.integrations.set(stackAddr, integration);
    }
    this.completeBind(options);
    return { integrationId: integration.integrationId, config: this.boundConfig as HttpRouteIntegrationConfig };
  }

  /**
   * Binds this integration to a route of an API defined by an OpenAPI document: API Gateway
   * creates the integration when it imports the document, so no integration resource is made
   * here. `bind()` runs once per API; per-route work (permissions) runs on every route.
   * Returns the config to render, and the construct id as the integration's name.
   * @internal
   */
  public _bindToDocument(options: HttpRouteIntegrationBindOptions): { readonly name: string; readonly config: HttpRouteIntegrationConfig } {
    this.claimApi(options);
    this.boundConfig ??= this.bind(options);
    this.completeBind(options);
    return { name: this.id, config: this.boundConfig };
  }

  /** An integration object serves one API; refuses a second one. */
  private claimApi(options: HttpRouteIntegrationBindOptions): void {
    const api = options.route.httpApi;
    if (this.boundApiAddr !== undefined && this.boundApiAddr !== api.node.addr) {
      refuse('integrationReuse', `integration ${shown(this.id)} already serves the API at ${this.boundApiPath}: `
        + 'an integration object belongs to one API; create another one for this API', options.scope);
    }
    this.boundApiAddr = api.node.addr;
    this.boundApiPath = api.node.path;
  }

  private createOrShare(options: HttpRouteIntegrationBindOptions, config: HttpRouteIntegrationConfig): HttpIntegration {
    const api = options.route.httpApi;
    const registry = httpRegistryOf(api);
    const key = registry.shareIntegrations ? integrationSharingKey(options.scope, config) : undefined;
    const shared = key !== undefined ? registry.findSharedIntegration(key) : undefined;
    if (shared) return shared as HttpIntegration;

    // AWS never raises this quota: refuse the integration that would pass it.
    const quota = registry.integrationQuota;
    if (registry.integrationCount >= quota.value) {
      refuse('tooManyIntegrations', `too many integrations on the HTTP API at ${api.node.path}: integration ${shown(this.id)} would be number `
        + `${quota.value + 1}, and API Gateway allows at most ${quota.value} per HTTP API (a quota it does not raise); `
        + 'reuse one integration object for routes that call the same backend', options.scope);
    }
    const integration = new HttpIntegration(options.scope, this.id, {
      httpApi: api,
      integrationType: config.type,
      integrationSubtype: config.subtype,
      integrationUri: config.uri,
      method: config.method,
      connectionId: config.connectionId,
      connectionType: config.connectionType,
      payloadFormatVersion: config.payloadFormatVersion,
      secureServerName: config.secureServerName,
      timeout: config.timeout,
      parameterMapping: config.parameterMapping,
      credentials: config.credentials,
    });
    if (key !== undefined) registry.shareIntegration(key, integration);
    return integration;
  }

  /**
   * Runs on every route bind, after the integration exists. Subclasses add per-route
   * resources here, e.g. permissions.
   */
  protected completeBind(_options: HttpRouteIntegrationBindOptions): void {
    // nothing by default
  }

  /**
   * Returns the integration to create. Called once per API and stack, on the first route
   * bind there.
   */
  public abstract bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig;
}
