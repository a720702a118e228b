import type { IConstruct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import type { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { EXT, compact } from './model';
import type { IHttpApi } from '../../api-base';
import type { HttpRouteIntegrationConfig } from '../../integration';
import { HttpIntegrationType } from '../../integration';

/**
 * Renders what code defines (integration configs, authorizers, CORS) as the OpenAPI
 * extensions API Gateway imports. The spec-first API and the export share these renderers, so
 * that a document exported from an `HttpApi` imports as the same API.
 */

/** The `x-amazon-apigateway-integration` of an integration config (the output of `bind()`). */
export function renderIntegration(config: HttpRouteIntegrationConfig): Record<string, unknown> {
  const invokesLambda = config.type === HttpIntegrationType.AWS_PROXY && config.subtype === undefined;
  const timeout = config.timeout;
  return compact({
    type: config.type.toLowerCase(),
    integrationSubtype: config.subtype,
    httpMethod: invokesLambda ? 'POST' : config.method,
    uri: config.uri,
    payloadFormatVersion: config.payloadFormatVersion.version,
    connectionType: config.connectionType,
    connectionId: config.connectionId,
    timeoutInMillis: timeout === undefined ? undefined : timeout.toMilliseconds(),
    requestParameters: config.parameterMapping?.mappings,
    credentials: config.credentials?.credentialsArn,
    tlsConfig: config.secureServerName === undefined ? undefined : { serverNameToVerify: config.secureServerName },
  });
}

/** The `x-amazon-apigateway-cors` of a CloudFormation CORS configuration: the fields have the same names. */
export function renderCorsExtension(cors: CfnApi.CorsProperty): Record<string, unknown> {
  return compact({
    allowOrigins: cors.allowOrigins,
    allowCredentials: cors.allowCredentials,
    exposeHeaders: cors.exposeHeaders,
    maxAge: cors.maxAge,
    allowMethods: cors.allowMethods,
    allowHeaders: cors.allowHeaders,
  });
}

/** An authorizer rendered as an OpenAPI security scheme. */
export interface OpenApiSecurityScheme {
  /** The scheme's name, which becomes the authorizer's name on import. */
  readonly name: string;
  /** The authorization type of the routes it protects. */
  readonly authorizationType: 'JWT' | 'CUSTOM' | 'AWS_IAM';
  /** The security scheme object, with its extensions. */
  readonly scheme: Record<string, unknown>;
}

/** What an authorizer receives when it is rendered into a document. */
export interface OpenApiSchemeOptions {
  /** The API whose document receives the scheme. */
  readonly api: IHttpApi;
  /** A scope for constructs the authorizer creates (its Lambda permission). */
  readonly scope: IConstruct;
  /**
   * Whether API Gateway will import the document, so that a Lambda authorizer's function must
   * allow the API to invoke it; false for an export of an API whose authorizers exist already.
   */
  readonly forImport: boolean;
}

/**
 * An authorizer that can render itself as a security scheme. The authorizers of this library
 * implement it; a route authorizer without it cannot serve an API defined by a document.
 */
export interface IOpenApiSecuritySchemeSource {
  /** Renders this authorizer as a security scheme. */
  _renderOpenApiScheme(options: OpenApiSchemeOptions): OpenApiSecurityScheme;
}

/** The scheme renderer of an authorizer, if it has one. */
export function schemeSourceOf(authorizer: object): IOpenApiSecuritySchemeSource | undefined {
  const candidate = authorizer as Partial<IOpenApiSecuritySchemeSource>;
  return typeof candidate._renderOpenApiScheme === 'function' ? candidate as IOpenApiSecuritySchemeSource : undefined;
}

/**
 * A JWT authorizer: an `openIdConnect` scheme whose discovery URL is the issuer's (OpenID
 * Connect puts it at `{issuer}/.well-known/openid-configuration`), with the issuer also given
 * explicitly, so API Gateway need not discover it. API Gateway's own export writes `oauth2`
 * with empty `flows`, which OpenAPI 3.0 validators refuse (an `oauth2` scheme needs a flow).
 */
export function jwtScheme(issuer: string, audience: string[], identitySource: string[]): Record<string, unknown> {
  const base = Token.isUnresolved(issuer) ? issuer : issuer.replace(/\/+$/, '');
  return {
    'type': 'openIdConnect',
    'openIdConnectUrl': `${base}/.well-known/openid-configuration`,
    [EXT.AUTHORIZER]: {
      type: 'jwt',
      jwtConfiguration: { issuer, audience },
      identitySource: identitySource.join(', '),
    },
  };
}

/** What a Lambda (`request`) authorizer scheme holds. */
export interface LambdaSchemeOptions {
  readonly authorizerUri: string;
  readonly payloadFormatVersion: string;
  readonly enableSimpleResponses?: boolean;
  readonly resultsCacheTtlSeconds?: number;
  readonly identitySource: string[];
  readonly credentialsArn?: string;
}

/** A Lambda authorizer: an `apiKey` scheme named after its first header identity source, or `Unused`. */
export function lambdaScheme(options: LambdaSchemeOptions): Record<string, unknown> {
  const header = options.identitySource.map(source => /^\$request\.header\.(.+)$/.exec(source)?.[1]).find(name => name !== undefined);
  return {
    'type': 'apiKey',
    'name': header ?? 'Unused',
    'in': 'header',
    [EXT.AUTHORIZER]: compact({
      type: 'request',
      authorizerUri: options.authorizerUri,
      authorizerCredentials: options.credentialsArn,
      authorizerPayloadFormatVersion: options.payloadFormatVersion,
      enableSimpleResponses: options.enableSimpleResponses,
      authorizerResultTtlInSeconds: options.resultsCacheTtlSeconds,
      identitySource: options.identitySource.length > 0 ? options.identitySource.join(', ') : undefined,
    }),
  };
}

/** The name of the IAM security scheme, as AWS SAM names it. */
export const IAM_SCHEME_NAME = 'AWS_IAM';

/** IAM authorization: SigV4-signed requests. */
export function iamScheme(): Record<string, unknown> {
  return { 'type': 'apiKey', 'name': 'Authorization', 'in': 'header', [EXT.AUTHTYPE]: 'awsSigv4' };
}

/** The `responses` every operation needs in OpenAPI 3.0, worded as API Gateway's export words them. */
export function defaultResponses(routeKey: string): Record<string, unknown> {
  return { default: { description: `Default response for ${routeKey}` } };
}
