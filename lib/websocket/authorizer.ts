import type { Construct } from 'constructs';
import { Resource, Token } from 'aws-cdk-lib';
import type { AuthorizerReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IRoleRef } from 'aws-cdk-lib/aws-iam';
import type { IWebSocketApi } from './api';
import { webSocketRegistryOf } from './private/registry';
import type { IWebSocketRoute } from './route';
import type { IAuthorizer } from '../common/authorizer';
import { refuse, shown } from '../private/error';
import type * as importedAuthorizerModule from '../private/imported-authorizer';
import type { ImportedAuthorizerApi } from '../private/imported-authorizer';
import { loadModule } from '../private/lazy';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/**
 * Identity sources of WebSocket APIs: a header or query string of the connection request, a
 * stage variable or a context variable, without the `$` of HTTP APIs.
 */
const WEBSOCKET_IDENTITY_SOURCE = /^(route\.request\.header|route\.request\.querystring|stageVariables|context)\.[A-Za-z0-9._-]+$/;
/** The HTTP API spelling of an identity source, which WebSocket APIs reject. */
const HTTP_IDENTITY_SOURCE = /^\$(request\.header|request\.querystring|stageVariables|context)\.(.+)$/;

/**
 * The authorizer types of WebSocket APIs.
 */
export enum WebSocketAuthorizerType {
  /** A Lambda authorizer, which reads the connection request. */
  LAMBDA = 'REQUEST',
  /**
   * IAM authorization. It needs no authorizer resource: give the `$connect` route an
   * authorizer whose `bind()` returns the authorization type `AWS_IAM` instead.
   */
  IAM = 'AWS_IAM',
}

/**
 * Properties of a `WebSocketAuthorizer`.
 */
export interface WebSocketAuthorizerProps {
  /**
   * The name of the authorizer.
   * @default - the construct id
   */
  readonly authorizerName?: string;

  /** The WebSocket API this authorizer belongs to. */
  readonly webSocketApi: IWebSocketApi;

  /** The authorizer type. CloudFormation creates Lambda (`REQUEST`) authorizers only. */
  readonly type: WebSocketAuthorizerType;

  /**
   * Where the caller's identity is read from, in WebSocket syntax (no leading `$`):
   * `route.request.header.NAME`, `route.request.querystring.NAME`, `stageVariables.NAME` or
   * `context.NAME`. API Gateway refuses a connection that lacks one of them without calling
   * the authorizer.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-authorizer.html#cfn-apigatewayv2-authorizer-identitysource
   */
  readonly identitySource: string[];

  /**
   * The Lambda invocation URI, required for Lambda authorizers:
   * `arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`.
   * @default - none
   */
  readonly authorizerUri?: string;

  /**
   * The role API Gateway assumes to invoke the Lambda authorizer.
   * @default - API Gateway uses the function's resource policy
   */
  readonly role?: IRoleRef;
}

/**
 * An authorizer of a WebSocket API.
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 * declare const authorizerFn: lambda.Function;
 *
 * const authorizer: apigwv2.IWebSocketAuthorizer = new apigwv2.WebSocketAuthorizer(this, 'TokenAuthorizer', {
 *   webSocketApi,
 *   type: apigwv2.WebSocketAuthorizerType.LAMBDA,
 *   identitySource: ['route.request.querystring.token'],
 *   authorizerUri: `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:lambda:path/2015-03-31/functions/${authorizerFn.functionArn}/invocations`,
 * });
 * new CfnOutput(this, 'TokenAuthorizerId', { value: authorizer.authorizerId });
 */
export interface IWebSocketAuthorizer extends IAuthorizer {
}

/**
 * The attributes of an existing WebSocket authorizer, to import it.
 */
export interface WebSocketAuthorizerAttributes {
  /** The authorizer's identifier. */
  readonly authorizerId: string;

  /**
   * The authorization type the `$connect` route uses with it: `CUSTOM` for a Lambda
   * authorizer.
   */
  readonly authorizerType: string;
}

/**
 * An authorizer of a WebSocket API (`AWS::ApiGatewayV2::Authorizer`). Routes use
 * authorizers through `IWebSocketRouteAuthorizer`s, such as those of the `authorizers`
 * submodule; only the `$connect` route takes one.
 *
 * @resource AWS::ApiGatewayV2::Authorizer
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const connectHandler: lambda.Function;
 *
 * // An authorizer of another stack, imported to protect this API's $connect route.
 * new apigwv2.WebSocketApi(this, 'ChatApi', {
 *   connectRouteOptions: {
 *     integration: new integrations.WebSocketLambdaIntegration('Connect', connectHandler),
 *     authorizer: apigwv2.WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(this, 'TokenAuthorizer', {
 *       authorizerId: Fn.importValue('ChatTokenAuthorizerId'),
 *       authorizerType: 'CUSTOM',
 *     }),
 *   },
 * });
 */
export class WebSocketAuthorizer extends Resource implements IWebSocketAuthorizer {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.WebSocketAuthorizer';

  /**
   * Imports an existing authorizer, to attach it to a `$connect` route.
   */
  public static fromWebSocketAuthorizerAttributes(scope: Construct, id: string, attrs: WebSocketAuthorizerAttributes): IWebSocketRouteAuthorizer {
    checkArguments('WebSocketAuthorizer.fromWebSocketAuthorizerAttributes', [scope, id, attrs]);
    return new ImportedWebSocketAuthorizer(scope, id, attrs);
  }

  /** The identifier of this authorizer. */
  public readonly authorizerId: string;
  private readonly apiId: string;

  constructor(scope: Construct, id: string, props: WebSocketAuthorizerProps) {
    checkArguments('WebSocketAuthorizer.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(WebSocketAuthorizer.PROPERTY_INJECTION_ID, props, scope, id);
    validateAuthorizer(this, props);
    this.apiId = props.webSocketApi.apiId;
    webSocketRegistryOf(props.webSocketApi).registerAuthorizer(this);

    const resource = new CfnAuthorizer(this, 'Resource', {
      name: props.authorizerName ?? id,
      apiId: props.webSocketApi.apiId,
      authorizerType: props.type,
      identitySource: props.identitySource,
      authorizerUri: props.authorizerUri,
      authorizerCredentialsArn: props.role?.roleRef.roleArn,
    });
    this.authorizerId = resource.ref;
  }

  public get authorizerRef(): AuthorizerReference {
    return { authorizerId: this.authorizerId, apiId: this.apiId };
  }
}

function validateAuthorizer(scope: Construct, props: WebSocketAuthorizerProps): void {
  if (props.type === WebSocketAuthorizerType.IAM) {
    refuse('iamAuthorizer', '`type` IAM needs no authorizer resource (CloudFormation creates only REQUEST authorizers for WebSocket APIs): '
      + 'give the $connect route an authorizer whose bind() returns the authorization type AWS_IAM, e.g. WebSocketIamAuthorizer', scope);
  }
  for (const source of props.identitySource) {
    if (Token.isUnresolved(source) || WEBSOCKET_IDENTITY_SOURCE.test(source)) continue;
    const http = HTTP_IDENTITY_SOURCE.exec(source);
    const hint = http
      ? `this is HTTP API syntax; use '${http[1].startsWith('request') ? 'route.' : ''}${http[1]}.${http[2]}'`
      : 'use \'route.request.header.NAME\', \'route.request.querystring.NAME\', \'stageVariables.NAME\' or \'context.NAME\'';
    refuse('identitySource', `invalid \`identitySource\` ${shown(source)} for a WebSocket authorizer: ${hint}`, scope);
  }
  if (props.type === WebSocketAuthorizerType.LAMBDA && !props.authorizerUri) {
    refuse('lambdaAuthorizerUri', 'a Lambda authorizer needs `authorizerUri`: set the function\'s invocation URI, '
      + 'arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations', scope);
  }
}

/**
 * What an `IWebSocketRouteAuthorizer` receives when a route binds it.
 */
export interface WebSocketRouteAuthorizerBindOptions {
  /** The route being bound. */
  readonly route: IWebSocketRoute;
  /** The scope for any construct the authorizer creates (the API when it is one). */
  readonly scope: Construct;
}

/**
 * What an `IWebSocketRouteAuthorizer` returns: how the route is authorized.
 */
export interface WebSocketRouteAuthorizerConfig {
  /**
   * The authorizer's identifier.
   * @default - none (IAM and NONE authorization)
   */
  readonly authorizerId?: string;

  /** The route's authorization type: `CUSTOM` (Lambda), `AWS_IAM` or `NONE`. */
  readonly authorizationType: string;
}

/**
 * Something that authorizes the `$connect` route of a WebSocket API.
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const connectHandler: lambda.Function;
 *
 * // The authorizers submodule's classes, imported authorizers and WebSocketNoneAuthorizer all
 * // authorize the $connect route.
 * const authorizer: apigwv2.IWebSocketRouteAuthorizer = new authorizers.WebSocketIamAuthorizer();
 * new apigwv2.WebSocketApi(this, 'ChatApi', {
 *   connectRouteOptions: {
 *     integration: new integrations.WebSocketLambdaIntegration('ConnectIntegration', connectHandler),
 *     authorizer,
 *   },
 * });
 */
export interface IWebSocketRouteAuthorizer {
  /**
   * Binds this authorizer to a route.
   */
  bind(options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig;
}

/**
 * Authorizes nothing: the route is open (its `AuthorizationType` is `NONE`). Any route may
 * take it.
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const connectHandler: lambda.Function;
 *
 * // States that $connect is open to everyone (AuthorizationType NONE).
 * new apigwv2.WebSocketApi(this, 'PublicApi', {
 *   connectRouteOptions: {
 *     integration: new integrations.WebSocketLambdaIntegration('Connect', connectHandler),
 *     authorizer: new apigwv2.WebSocketNoneAuthorizer(),
 *   },
 * });
 */
export class WebSocketNoneAuthorizer implements IWebSocketRouteAuthorizer {
  public bind(_options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    return { authorizationType: 'NONE' };
  }
}

/** An authorizer made outside this app, bound to the routes of one API. */
class ImportedWebSocketAuthorizer extends Resource implements IWebSocketRouteAuthorizer {
  public readonly authorizerId: string;
  public readonly authorizerType: string;
  private readonly servedApi: ImportedAuthorizerApi;

  constructor(scope: Construct, id: string, attrs: WebSocketAuthorizerAttributes) {
    super(scope, id);
    this.authorizerId = attrs.authorizerId;
    this.authorizerType = attrs.authorizerType;
    this.servedApi = new (loadModule<typeof importedAuthorizerModule>('private/imported-authorizer').ImportedAuthorizerApi)(this);
  }

  public bind(options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    this.servedApi.check(options.route.webSocketApi.apiId, options.route);
    return { authorizerId: this.authorizerId, authorizationType: this.authorizerType };
  }
}
