import type { Construct } from 'constructs';
import { Resource, Token } from 'aws-cdk-lib';
import type { Duration } from 'aws-cdk-lib';
import type { AuthorizerReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IRoleRef } from 'aws-cdk-lib/aws-iam';
import type { IHttpApiRef } from './api-base';
import { warnJwtIssuerNotHttps } from './private/authorizer-rules';
import { httpRegistryOf } from './private/registry';
import type { IHttpRoute } from './route';
import type { IAuthorizer } from '../common/authorizer';
import { refuse, shown, warn } from '../private/error';
import type * as importedAuthorizerModule from '../private/imported-authorizer';
import type { ImportedAuthorizerApi } from '../private/imported-authorizer';
import { loadModule } from '../private/lazy';
import { LIMITS } from '../private/limits';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/** Identity sources of HTTP APIs: a request header or query string, a context or stage variable. */
const HTTP_IDENTITY_SOURCE = /^\$(request\.header|request\.querystring|context|stageVariables)\.\S+$/;
/** A JWT authorizer reads its token from exactly one header or query string. */
const JWT_IDENTITY_SOURCE = /^\$request\.(header|querystring)\.\S+$/;

/**
 * The authorizer types of HTTP APIs.
 */
export enum HttpAuthorizerType {
  /** IAM authorization, with SigV4-signed requests. */
  IAM = 'AWS_IAM',
  /** A JSON Web Token authorizer (OpenID Connect or OAuth 2.0). */
  JWT = 'JWT',
  /** A Lambda authorizer. */
  LAMBDA = 'REQUEST',
}

/**
 * The payload format API Gateway sends to a Lambda authorizer.
 */
export enum AuthorizerPayloadVersion {
  /** Version 1.0. */
  VERSION_1_0 = '1.0',
  /** Version 2.0. */
  VERSION_2_0 = '2.0',
}

/**
 * Properties of an `HttpAuthorizer`.
 */
export interface HttpAuthorizerProps {
  /**
   * The name of the authorizer.
   * @default - the construct id
   */
  readonly authorizerName?: string;

  /** The HTTP API this authorizer belongs to. */
  readonly httpApi: IHttpApiRef;

  /** The authorizer type. */
  readonly type: HttpAuthorizerType;

  /**
   * Where the caller's identity is read from: `$request.header.NAME`,
   * `$request.querystring.NAME`, `$context.NAME` or `$stageVariables.NAME`. A JWT authorizer
   * takes exactly one header or query string. A Lambda authorizer with caching off may take
   * none.
   */
  readonly identitySource: string[];

  /**
   * The audiences a JWT must be issued for (1 to 50), required for JWT authorizers.
   * @default - none
   */
  readonly jwtAudience?: string[];

  /**
   * The issuer of the JWTs, e.g. `https://cognito-idp.{region}.amazonaws.com/{poolId}`;
   * required for JWT authorizers. An issuer that is not an https:// URL gets the warning
   * `cdk-apigatewayv2:jwtIssuerNotHttps`.
   * @default - none
   */
  readonly jwtIssuer?: string;

  /**
   * Whether a Lambda authorizer returns a simple boolean response (payload 2.0 only).
   * @default - the Lambda returns an IAM policy
   */
  readonly enableSimpleResponses?: boolean;

  /**
   * The payload format sent to a Lambda authorizer.
   * @default AuthorizerPayloadVersion.VERSION_2_0 for Lambda authorizers
   */
  readonly payloadFormatVersion?: AuthorizerPayloadVersion;

  /**
   * The Lambda invocation URI, required for Lambda authorizers.
   * @default - none
   */
  readonly authorizerUri?: string;

  /**
   * How long API Gateway caches a Lambda authorizer's result: 0 to 1 hour.
   * @default - no caching
   */
  readonly resultsCacheTtl?: Duration;

  /**
   * The role API Gateway assumes to invoke a Lambda authorizer (Lambda authorizers only).
   * @default - API Gateway uses the function's resource policy
   */
  readonly role?: IRoleRef;
}

/**
 * An authorizer of an HTTP API.
 *
 * @example
 * declare const api: apigwv2.HttpApi;
 * declare const authorizerFn: lambda.Function;
 *
 * const authorizer: apigwv2.IHttpAuthorizer = new apigwv2.HttpAuthorizer(this, 'PartnerKey', {
 *   httpApi: api,
 *   type: apigwv2.HttpAuthorizerType.LAMBDA,
 *   identitySource: ['$request.header.x-partner-key'],
 *   authorizerUri: `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:lambda:path/2015-03-31/functions/${authorizerFn.functionArn}/invocations`,
 *   enableSimpleResponses: true,
 *   payloadFormatVersion: apigwv2.AuthorizerPayloadVersion.VERSION_2_0,
 * });
 * new CfnOutput(this, 'PartnerAuthorizerId', { value: authorizer.authorizerId });
 */
export interface IHttpAuthorizer extends IAuthorizer {
}

/**
 * The attributes of an existing HTTP authorizer, to import it.
 */
export interface HttpAuthorizerAttributes {
  /** The authorizer's identifier. */
  readonly authorizerId: string;
  /**
   * The authorization type routes use with it: `JWT`, `CUSTOM` (Lambda) or `AWS_IAM`.
   */
  readonly authorizerType: string;
}

/**
 * An authorizer of an HTTP API (`AWS::ApiGatewayV2::Authorizer`). Routes use authorizers
 * through `IHttpRouteAuthorizer`s, such as those of the `authorizers` submodule.
 *
 * @resource AWS::ApiGatewayV2::Authorizer
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.HttpApi;
 *
 * const authorizer = apigwv2.HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'Authorizer', {
 *   authorizerId: 'abc123',
 *   authorizerType: 'JWT',
 * });
 * api.addRoutes({
 *   path: '/orders',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpUrlIntegration('Orders', 'https://orders.example.com'),
 *   authorizer,
 *   authorizationScopes: ['orders:read'],
 * });
 */
export class HttpAuthorizer extends Resource implements IHttpAuthorizer {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.HttpAuthorizer';

  /**
   * Imports an existing authorizer, to attach it to routes.
   */
  public static fromHttpAuthorizerAttributes(scope: Construct, id: string, attrs: HttpAuthorizerAttributes): IHttpRouteAuthorizer {
    checkArguments('HttpAuthorizer.fromHttpAuthorizerAttributes', [scope, id, attrs]);
    return new ImportedHttpAuthorizer(scope, id, attrs);
  }

  /** The identifier of this authorizer. */
  public readonly authorizerId: string;
  private readonly apiId: string;

  constructor(scope: Construct, id: string, props: HttpAuthorizerProps) {
    checkArguments('HttpAuthorizer.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(HttpAuthorizer.PROPERTY_INJECTION_ID, props, scope, id);
    validateAuthorizer(this, props);
    httpRegistryOf(props.httpApi).registerAuthorizer(this);

    let payloadFormatVersion = props.payloadFormatVersion;
    if (payloadFormatVersion === undefined && props.type === HttpAuthorizerType.LAMBDA) {
      payloadFormatVersion = AuthorizerPayloadVersion.VERSION_2_0;
    }

    const resource = new CfnAuthorizer(this, 'Resource', {
      apiId: props.httpApi.apiRef.apiId,
      name: props.authorizerName ?? id,
      authorizerType: props.type,
      identitySource: props.identitySource,
      jwtConfiguration: props.jwtAudience !== undefined || props.jwtIssuer !== undefined
        ? { audience: props.jwtAudience, issuer: props.jwtIssuer }
        : undefined,
      authorizerUri: props.authorizerUri,
      authorizerPayloadFormatVersion: payloadFormatVersion,
      enableSimpleResponses: props.enableSimpleResponses,
      authorizerResultTtlInSeconds: props.resultsCacheTtl?.toSeconds(),
      authorizerCredentialsArn: props.role?.roleRef.roleArn,
    });
    this.authorizerId = resource.ref;
    this.apiId = props.httpApi.apiRef.apiId;
  }

  public get authorizerRef(): AuthorizerReference {
    return { authorizerId: this.authorizerId, apiId: this.apiId };
  }
}

function validateAuthorizer(scope: Construct, props: HttpAuthorizerProps): void {
  const sources = props.identitySource;
  for (const source of sources) {
    if (!Token.isUnresolved(source) && !HTTP_IDENTITY_SOURCE.test(source)) {
      refuse('identitySource', `invalid \`identitySource\` ${shown(source)}: HTTP APIs read identities from '$request.header.NAME', `
        + '\'$request.querystring.NAME\', \'$context.NAME\' or \'$stageVariables.NAME\'', scope);
    }
  }
  const ttl = props.resultsCacheTtl;
  if (ttl && !ttl.isUnresolved() && ttl.toSeconds() > LIMITS.authorizerResultTtlSeconds.value) {
    refuse('authorizerCacheTtl', `invalid \`resultsCacheTtl\` ${ttl.toHumanString()}: API Gateway caches authorizer results for at most 1 hour; use Duration.hours(1) or less`, scope);
  }
  if (props.role && props.type !== HttpAuthorizerType.LAMBDA) {
    refuse('authorizerRole', `\`role\` is only for Lambda authorizers, not ${props.type} ones: remove it`, scope);
  }
  switch (props.type) {
    case HttpAuthorizerType.IAM:
      refuse('iamAuthorizer', '`type` IAM needs no authorizer resource (CloudFormation accepts only JWT and REQUEST authorizers): '
        + 'give the routes an HttpIamAuthorizer instead', scope);
      break;
    case HttpAuthorizerType.JWT: {
      if (!props.jwtIssuer) {
        refuse('jwtAuthorizer', 'a JWT authorizer needs `jwtIssuer`: set the URL of the token issuer', scope);
      }
      warnJwtIssuerNotHttps(scope, props.jwtIssuer);
      const audience = props.jwtAudience ?? [];
      if (audience.length === 0) {
        refuse('jwtAuthorizer', 'a JWT authorizer needs `jwtAudience`: list the audiences (client IDs) tokens are issued for', scope);
      }
      if (audience.length > LIMITS.audiencesPerAuthorizer.value) {
        refuse('jwtAuthorizer', `too many \`jwtAudience\` entries: ${audience.length} given, a JWT authorizer accepts at most ${LIMITS.audiencesPerAuthorizer.value}`, scope);
      }
      const resolved = sources.filter(s => !Token.isUnresolved(s));
      if (sources.length !== 1 || (resolved.length === 1 && !JWT_IDENTITY_SOURCE.test(resolved[0]))) {
        refuse('identitySource', `invalid \`identitySource\` ${shown(sources)} for a JWT authorizer: give exactly one '$request.header.NAME' `
          + 'or \'$request.querystring.NAME\' that carries the token', scope);
      }
      break;
    }
    case HttpAuthorizerType.LAMBDA: {
      if (!props.authorizerUri) {
        refuse('lambdaAuthorizerUri', 'a Lambda authorizer needs `authorizerUri`: set the function\'s invocation URI', scope);
      }
      const caching = ttl !== undefined && !ttl.isUnresolved() && ttl.toSeconds() > 0;
      if (caching && sources.length === 0) {
        refuse('identitySource', 'a Lambda authorizer that caches results needs an `identitySource` to key the cache by: '
          + 'add one, or set `resultsCacheTtl` to Duration.seconds(0)', scope);
      }
      if (props.enableSimpleResponses && props.payloadFormatVersion === AuthorizerPayloadVersion.VERSION_1_0) {
        warn(scope, 'simpleResponsesPayload',
          'simple responses (`enableSimpleResponses`) are a feature of the 2.0 authorizer payload; '
          + 'set `payloadFormatVersion` to AuthorizerPayloadVersion.VERSION_2_0 or return an IAM policy');
      }
      break;
    }
    default:
      break;
  }
  warnIgnoredSettings(scope, props);
}

/** Settings of one authorizer type given to another: API Gateway does not use them. */
function warnIgnoredSettings(scope: Construct, props: HttpAuthorizerProps): void {
  const lambdaOnly: (keyof HttpAuthorizerProps)[] = ['authorizerUri', 'enableSimpleResponses', 'payloadFormatVersion', 'resultsCacheTtl'];
  const jwtOnly: (keyof HttpAuthorizerProps)[] = ['jwtAudience', 'jwtIssuer'];
  const foreign = props.type === HttpAuthorizerType.JWT ? lambdaOnly : props.type === HttpAuthorizerType.LAMBDA ? jwtOnly : [];
  const given = foreign.filter(setting => props[setting] !== undefined);
  if (given.length > 0) {
    warn(scope, 'authorizerSettingsIgnored',
      `${given.map(setting => `\`${setting}\``).join(', ')} ${given.length === 1 ? 'is' : 'are'} not used by ${props.type} authorizers; remove ${given.length === 1 ? 'it' : 'them'}`);
  }
}

/**
 * What an `IHttpRouteAuthorizer` receives when a route binds it.
 */
export interface HttpRouteAuthorizerBindOptions {
  /** The route being bound. */
  readonly route: IHttpRoute;
  /** The scope for any construct the authorizer creates (the API when it is one). */
  readonly scope: Construct;
}

/**
 * What an `IHttpRouteAuthorizer` returns: how the route is authorized.
 */
export interface HttpRouteAuthorizerConfig {
  /**
   * The authorizer's identifier.
   * @default - none (IAM and NONE authorization)
   */
  readonly authorizerId?: string;
  /** The route's authorization type: `AWS_IAM`, `JWT`, `CUSTOM` or `NONE`. */
  readonly authorizationType: string;
  /**
   * Scopes the authorizer itself requires.
   * @default - none
   */
  readonly authorizationScopes?: string[];
}

/**
 * Something that authorizes HTTP routes.
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 *
 * declare const userPool: cognito.UserPool;
 *
 * // The authorizers submodule's classes, imported authorizers and HttpNoneAuthorizer all
 * // authorize routes.
 * const authorizer: apigwv2.IHttpRouteAuthorizer = new authorizers.HttpUserPoolAuthorizer('UserPoolAuthorizer', userPool);
 * new apigwv2.HttpApi(this, 'HttpApi', {
 *   defaultAuthorizer: authorizer,
 *   defaultAuthorizationScopes: ['books:read'],
 * });
 */
export interface IHttpRouteAuthorizer {
  /**
   * Binds this authorizer to a route.
   */
  bind(options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig;
}

/**
 * Authorizes nothing: a route with it is open, even when the API has a default authorizer.
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * const api = new apigwv2.HttpApi(this, 'HttpApi', {
 *   defaultAuthorizer: new authorizers.HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['my-client'] }),
 * });
 * // Open to everyone, despite the API's default authorizer.
 * api.addRoutes({
 *   path: '/health',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpUrlIntegration('Health', 'https://orders.example.com/health'),
 *   authorizer: new apigwv2.HttpNoneAuthorizer(),
 * });
 */
export class HttpNoneAuthorizer implements IHttpRouteAuthorizer {
  /** The authorization type routes get: `NONE`. */
  public readonly authorizationType = 'NONE';

  public bind(_options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    return { authorizationType: 'NONE' };
  }
}

/** An authorizer made outside this app, bound to the routes of one API. */
class ImportedHttpAuthorizer extends Resource implements IHttpRouteAuthorizer {
  public readonly authorizerId: string;
  public readonly authorizerType: string;
  private readonly servedApi: ImportedAuthorizerApi;

  constructor(scope: Construct, id: string, attrs: HttpAuthorizerAttributes) {
    super(scope, id);
    this.authorizerId = attrs.authorizerId;
    this.authorizerType = attrs.authorizerType;
    this.servedApi = new (loadModule<typeof importedAuthorizerModule>('private/imported-authorizer').ImportedAuthorizerApi)(this);
  }

  public bind(options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    this.servedApi.check(options.route.httpApi.apiId, options.route);
    return { authorizerId: this.authorizerId, authorizationType: this.authorizerType };
  }
}
