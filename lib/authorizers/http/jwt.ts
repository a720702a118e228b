import type { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from '../../http/authorizer';
import { HttpAuthorizer, HttpAuthorizerType } from '../../http/authorizer';
import { AuthorizerBinding, DEFAULT_IDENTITY_SOURCE } from '../private/binding';
import type { OpenApiSchemeOptions, OpenApiSecurityScheme } from '../../http/private/openapi/render';
import { openApiRenderers } from '../../http/private/openapi/renderers';
import { checkArguments } from '../../private/guard';

/**
 * Properties of an `HttpJwtAuthorizer`.
 */
export interface HttpJwtAuthorizerProps {
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

  /**
   * The audiences (for example OAuth client ids) that tokens are issued for, 1 to 50. A token
   * passes when its `aud` (or `client_id`) claim matches one of them.
   */
  readonly jwtAudience: string[];
}

/**
 * Authorizes HTTP API routes with JSON Web Tokens from an OpenID Connect or OAuth 2.0 issuer.
 *
 * The `AWS::ApiGatewayV2::Authorizer` is created, with the construct id `id`, under the API of
 * the first route that uses this object; later routes of the same API share it. Routes of
 * another API are refused: create one `HttpJwtAuthorizer` per API.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.HttpApi;
 *
 * const authorizer = new authorizers.HttpJwtAuthorizer('Auth0Authorizer', 'https://example.auth0.com/', {
 *   jwtAudience: ['https://api.example.com'],
 * });
 *
 * api.addRoutes({
 *   path: '/orders',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpUrlIntegration('Orders', 'https://orders.example.com'),
 *   authorizer,
 *   authorizationScopes: ['orders:read'],
 * });
 */
export class HttpJwtAuthorizer implements IHttpRouteAuthorizer {
  /** The authorization type of the routes this authorizer protects: `JWT`. */
  public readonly authorizationType = 'JWT';
  private readonly binding: AuthorizerBinding<HttpAuthorizer>;

  /**
   * @param id the construct id of the authorizer, created under the API
   * @param jwtIssuer the URL of the token issuer, e.g. `https://example.auth0.com/`
   * @param props the audiences and other settings
   */
  constructor(private readonly id: string, private readonly jwtIssuer: string, private readonly props: HttpJwtAuthorizerProps) {
    checkArguments('authorizers.HttpJwtAuthorizer.new', [id, jwtIssuer, props]);
    this.binding = new AuthorizerBinding('HttpJwtAuthorizer', id);
  }

  /**
   * The id of the authorizer, known once a route uses this authorizer.
   */
  public get authorizerId(): string {
    return this.binding.authorizerId;
  }

  public bind(options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    checkArguments('authorizers.HttpJwtAuthorizer.bind', [options], this);
    const authorizer = this.binding.bind(options.route.httpApi, options.route, () => new HttpAuthorizer(options.scope, this.id, {
      httpApi: options.route.httpApi,
      type: HttpAuthorizerType.JWT,
      authorizerName: this.props.authorizerName ?? this.id,
      identitySource: this.props.identitySource ?? [DEFAULT_IDENTITY_SOURCE],
      jwtAudience: this.props.jwtAudience,
      jwtIssuer: this.jwtIssuer,
    }));
    return { authorizerId: authorizer.authorizerId, authorizationType: this.authorizationType };
  }

  /**
   * This authorizer as the security scheme of an OpenAPI document.
   * @internal
   */
  public _renderOpenApiScheme(_options: OpenApiSchemeOptions): OpenApiSecurityScheme {
    return {
      name: this.props.authorizerName ?? this.id,
      authorizationType: 'JWT',
      scheme: openApiRenderers().jwtScheme(this.jwtIssuer, this.props.jwtAudience, this.props.identitySource ?? [DEFAULT_IDENTITY_SOURCE]),
    };
  }
}
