import type { IConstruct } from 'constructs';
import { Stack } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from '../../http/authorizer';
import { HttpAuthorizer, HttpAuthorizerType } from '../../http/authorizer';
import { refuse } from '../../private/error';
import type { OpenApiSchemeOptions, OpenApiSecurityScheme } from '../../http/private/openapi/render';
import { openApiRenderers } from '../../http/private/openapi/renderers';
import { LIMITS } from '../../private/limits';
import { AuthorizerBinding, DEFAULT_IDENTITY_SOURCE } from '../private/binding';
import { checkArguments } from '../../private/guard';

/** The construct id of the client created under the user pool when none is given. */
const DEFAULT_CLIENT_ID = 'UserPoolAuthorizerClient';

/**
 * Properties of an `HttpUserPoolAuthorizer`.
 */
export interface HttpUserPoolAuthorizerProps {
  /**
   * The app clients whose tokens are accepted (1 to 50).
   * @default - a client that the pool's `addClient()` creates with the id
   * `UserPoolAuthorizerClient`, shared by every `HttpUserPoolAuthorizer` of the pool that lists
   * no clients
   */
  readonly userPoolClients?: IUserPoolClient[];

  /**
   * The region of the user pool.
   * @default - the region of the stack of the API that the authorizer is created in
   */
  readonly userPoolRegion?: string;

  /**
   * The name of the authorizer.
   * @default - the `id` given to the constructor
   */
  readonly authorizerName?: string;

  /**
   * Where the token is read from: exactly one `$request.header.NAME` or
   * `$request.querystring.NAME`.
   * @default - the `Authorization` header (`$request.header.Authorization`)
   */
  readonly identitySource?: string[];
}

/**
 * Authorizes HTTP API routes with tokens that an Amazon Cognito user pool issued to its app
 * clients: a JWT authorizer with the issuer `https://cognito-idp.{region}.amazonaws.com/{userPoolId}`
 * and the client ids as audiences.
 *
 * The `AWS::ApiGatewayV2::Authorizer` is created, with the construct id `id`, under the API of
 * the first route that uses this object; later routes of the same API share it. Routes of
 * another API are refused: create one `HttpUserPoolAuthorizer` per API (they may share the pool
 * and its clients).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.HttpApi;
 *
 * const userPool = new cognito.UserPool(this, 'UserPool');
 * const webClient = new cognito.UserPoolClient(this, 'WebClient', { userPool });
 *
 * api.addRoutes({
 *   path: '/profile',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpUrlIntegration('Profile', 'https://profiles.example.com'),
 *   authorizer: new authorizers.HttpUserPoolAuthorizer('UserPoolAuthorizer', userPool, {
 *     userPoolClients: [webClient],
 *   }),
 * });
 */
export class HttpUserPoolAuthorizer implements IHttpRouteAuthorizer {
  /** The authorization type of the routes this authorizer protects: `JWT`. */
  public readonly authorizationType = 'JWT';
  private readonly binding: AuthorizerBinding<HttpAuthorizer>;

  /**
   * @param id the construct id of the authorizer, created under the API
   * @param pool the user pool that issues the tokens
   * @param props the clients and other settings
   */
  constructor(private readonly id: string, private readonly pool: IUserPool, private readonly props: HttpUserPoolAuthorizerProps = {}) {
    checkArguments('authorizers.HttpUserPoolAuthorizer.new', [id, pool, props]);
    const clients = props.userPoolClients;
    // A client's id is an audience of the JWT authorizer.
    const maxClients = LIMITS.audiencesPerAuthorizer.value;
    if (clients !== undefined && (clients.length === 0 || clients.length > maxClients)) {
      refuse('userPoolClients', `invalid \`userPoolClients\` of HttpUserPoolAuthorizer '${id}': ${clients.length} clients given, `
        + `a user pool authorizer accepts the tokens of 1 to ${maxClients} clients; list the clients, `
        + 'or leave `userPoolClients` out to create one');
    }
    this.binding = new AuthorizerBinding('HttpUserPoolAuthorizer', id);
  }

  /**
   * The id of the authorizer, known once a route uses this authorizer.
   */
  public get authorizerId(): string {
    return this.binding.authorizerId;
  }

  public bind(options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    checkArguments('authorizers.HttpUserPoolAuthorizer.bind', [options], this);
    const authorizer = this.binding.bind(options.route.httpApi, options.route, () => {
      return new HttpAuthorizer(options.scope, this.id, {
        httpApi: options.route.httpApi,
        type: HttpAuthorizerType.JWT,
        authorizerName: this.props.authorizerName ?? this.id,
        identitySource: this.props.identitySource ?? [DEFAULT_IDENTITY_SOURCE],
        jwtAudience: this.clients().map(client => client.userPoolClientId),
        jwtIssuer: this.issuer(options.scope),
      });
    });
    return { authorizerId: authorizer.authorizerId, authorizationType: this.authorizationType };
  }

  /**
   * This authorizer as the security scheme of an OpenAPI document.
   * @internal
   */
  public _renderOpenApiScheme(options: OpenApiSchemeOptions): OpenApiSecurityScheme {
    return {
      name: this.props.authorizerName ?? this.id,
      authorizationType: 'JWT',
      scheme: openApiRenderers().jwtScheme(this.issuer(options.scope), this.clients().map(client => client.userPoolClientId),
        this.props.identitySource ?? [DEFAULT_IDENTITY_SOURCE]),
    };
  }

  /** The pool's token issuer, in the pool's region (by default the region of the API's stack). */
  private issuer(scope: IConstruct): string {
    const region = this.props.userPoolRegion ?? Stack.of(scope).region;
    return `https://cognito-idp.${region}.amazonaws.com/${this.pool.userPoolId}`;
  }

  /**
   * The given clients, else the pool's default authorizer client. A pool gets one such client,
   * whichever number of authorizers (one per API) use it.
   */
  private clients(): IUserPoolClient[] {
    if (this.props.userPoolClients) {
      return this.props.userPoolClients;
    }
    const existing = this.pool.node.tryFindChild(DEFAULT_CLIENT_ID);
    if (existing && isUserPoolClient(existing)) {
      return [existing];
    }
    return [this.pool.addClient(DEFAULT_CLIENT_ID)];
  }
}

function isUserPoolClient(x: IConstruct): x is IUserPoolClient {
  return 'userPoolClientId' in x;
}
