import type { Construct } from 'constructs';
import { Resource, Token } from 'aws-cdk-lib';
import type { RouteReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IHttpApi, IHttpApiRef } from './api-base';
import { toIHttpApi } from './to-http-api';
import type { HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from './authorizer';
import type { HttpRouteIntegration, HttpRouteIntegrationConfig } from './integration';
import type { OpenApiOperationOptions } from './openapi-operation';
import type { DocumentRoutes } from './private/openapi/document-routes';
import type { IRoute } from '../common/route';
import { routeArn } from '../private/arns';
import { isConstruct } from '../private/construct';
import { refuse, shown } from '../private/error';
import { refuseForeignObject } from '../private/foreign';
import { LIMITS } from '../private/limits';
import { httpRegistryOf } from './private/registry';
import { routePathProblem } from './private/route-table';
import { validateScopeCount } from '../private/validators';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/**
 * A route of an HTTP API.
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.HttpApi;
 * declare const reader: iam.Role;
 *
 * const routes: apigwv2.IHttpRoute[] = api.addRoutes({
 *   path: '/books',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpUrlIntegration('Books', 'https://books.example.com'),
 *   authorizer: new authorizers.HttpIamAuthorizer(),
 * });
 * for (const route of routes) {
 *   route.grantInvoke(reader);
 * }
 */
export interface IHttpRoute extends IRoute {
  /**
   * The HTTP API this route belongs to.
   */
  readonly httpApi: IHttpApi;

  /**
   * The path of this route, e.g. `/books/{id}`.
   * @default - none for the `$default` route
   */
  readonly path?: string;

  /**
   * The ARN of this route for IAM policies, for every stage:
   * `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{method}{path}` with the
   * stage `*`.
   * @attribute
   */
  readonly routeArn: string;

  /**
   * Allows a principal to invoke this route, which must use IAM authorization.
   */
  grantInvoke(grantee: iam.IGrantable, options?: GrantInvokeOptions): iam.Grant;
}

/**
 * Options for `grantInvoke`.
 */
export interface GrantInvokeOptions {
  /**
   * The methods the grant covers. Only an `ANY` route may name methods other than its own.
   * @default - the route's method
   */
  readonly httpMethods?: HttpMethod[];
}

/**
 * The HTTP methods a route can match.
 */
export enum HttpMethod {
  /** Every method that no other route of the same path matches. */
  ANY = 'ANY',
  /** DELETE */
  DELETE = 'DELETE',
  /** GET */
  GET = 'GET',
  /** HEAD */
  HEAD = 'HEAD',
  /** OPTIONS */
  OPTIONS = 'OPTIONS',
  /** PATCH */
  PATCH = 'PATCH',
  /** POST */
  POST = 'POST',
  /** PUT */
  PUT = 'PUT',
}

/**
 * The key of an HTTP route: a method and a path, or `$default`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * const api = apigwv2.HttpApi.fromHttpApiAttributes(this, 'BooksApi', { httpApiId: Fn.importValue('BooksApiId') });
 * new apigwv2.HttpRoute(this, 'GetAuthors', {
 *   httpApi: api,
 *   routeKey: apigwv2.HttpRouteKey.with('/authors', apigwv2.HttpMethod.GET),
 *   integration: new integrations.HttpUrlIntegration('Authors', 'https://authors.example.com'),
 * });
 */
export class HttpRouteKey {
  /**
   * The `$default` route, which catches requests that no other route matches.
   */
  public static readonly DEFAULT = new HttpRouteKey(HttpMethod.ANY, undefined);

  /**
   * The route key for a path and method.
   *
   * The path starts with '/', has no trailing '/' (except the root path '/'), no empty
   * segment, and a greedy variable `{name+}` only as its last segment.
   *
   * @param path the path, e.g. `/books/{id}`
   * @param method the method
   * @default method HttpMethod.ANY
   */
  public static with(path: string, method?: HttpMethod): HttpRouteKey {
    checkArguments('HttpRouteKey.with', [path, method]);
    const problem = routePathProblem(path);
    if (problem) {
      refuse('routePath', `invalid route \`path\` ${shown(path)}: ${problem}`);
    }
    return new HttpRouteKey(method ?? HttpMethod.ANY, path);
  }

  /** The method of this route key. */
  public readonly method: HttpMethod;
  /** The key as API Gateway writes it, e.g. `GET /books` or `$default`. */
  public readonly key: string;
  /**
   * The path of this route key.
   * @default - none for `$default`
   */
  public readonly path?: string;

  private constructor(method: HttpMethod, path?: string) {
    this.method = method;
    this.path = path;
    this.key = path === undefined ? '$default' : `${method} ${path}`;
  }
}

/**
 * Options that routes created together share.
 */
export interface BatchHttpRouteOptions {
  /**
   * The integration requests to these routes go to.
   */
  readonly integration: HttpRouteIntegration;

  /**
   * The OpenAPI fields of these routes (operation id, summary, description, tags), for
   * `toOpenApi()` and the routes' place in a `SpecHttpApi`'s document. An `operationId` is
   * unique in an API, so it names a single route: give it when adding one method.
   * @default - no OpenAPI fields besides the method, path, security and integration
   */
  readonly openApi?: OpenApiOperationOptions;
}

/**
 * Properties of an `HttpRoute`.
 */
export interface HttpRouteProps extends BatchHttpRouteOptions {
  /**
   * The HTTP API this route belongs to.
   */
  readonly httpApi: IHttpApiRef;

  /**
   * The route's key.
   */
  readonly routeKey: HttpRouteKey;

  /**
   * The authorizer of this route. `HttpNoneAuthorizer` opts out of the API's default.
   * @default - the API's `defaultAuthorizer`, or none
   */
  readonly authorizer?: IHttpRouteAuthorizer;

  /**
   * Scopes a caller's token must hold (at most 10 together with the authorizer's own).
   * Only routes with a JWT authorizer take scopes; on other routes the API's
   * `defaultAuthorizationScopes` are dropped, and scopes given here are refused.
   * @default - the API's `defaultAuthorizationScopes`, or none
   */
  readonly authorizationScopes?: string[];
}

/** The authorization types a route accepts. */
const AUTHORIZATION_TYPES = ['AWS_IAM', 'JWT', 'CUSTOM', 'NONE'];

/**
 * A route of an HTTP API (`AWS::ApiGatewayV2::Route`).
 *
 * Every route states its authorization type, `NONE` when it has no authorizer, so that
 * removing an authorizer from a route detaches it on the next deploy.
 *
 * @resource AWS::ApiGatewayV2::Route
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.HttpApi;
 * declare const handler: lambda.Function;
 *
 * // The $default route catches the requests no other route matches (as the API's
 * // defaultIntegration does); addRoutes creates the routes of a path.
 * new apigwv2.HttpRoute(this, 'CatchAll', {
 *   httpApi: api,
 *   routeKey: apigwv2.HttpRouteKey.DEFAULT,
 *   integration: new integrations.HttpLambdaIntegration('CatchAll', handler),
 * });
 */
export class HttpRoute extends Resource implements IHttpRoute {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.HttpRoute';

  /**
   * The path of this route.
   * @default - none for the `$default` route
   */
  public readonly path?: string;
  /** The key of this route. */
  public readonly routeKey: HttpRouteKey;
  private readonly _httpApi: IHttpApiRef;
  private readonly authorization?: HttpRouteAuthorizerConfig;
  /** The API as `IHttpApi`, once checked. */
  private checkedApi?: IHttpApi;
  private _routeArn?: string;
  private readonly _routeId?: string;
  /**
   * What the OpenAPI export reads of this route: its integration's config (undefined when a
   * document holds the route), authorizer, scopes and OpenAPI fields.
   * @internal
   */
  public readonly _openApiParts: {
    readonly integration?: HttpRouteIntegrationConfig;
    readonly authorizer?: IHttpRouteAuthorizer;
    readonly authorizationScopes?: string[];
    readonly openApi?: OpenApiOperationOptions;
  };

  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    checkArguments('HttpRoute.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(HttpRoute.PROPERTY_INJECTION_ID, props, scope, id);
    this._httpApi = props.httpApi;
    this.routeKey = props.routeKey;
    this.path = props.routeKey.path;
    const api = this.httpApi;

    const registry = httpRegistryOf(props.httpApi);
    registry.registerRoute(props.routeKey.key, this);
    validateArnPath(this, this.path);

    refuseForeignObject(props.integration, `\`integration\` of route '${props.routeKey.key}'`, this);
    // An API defined by an OpenAPI document takes its routes into the document.
    const document = registry.routeDefinition<DocumentRoutes>();
    const integration = document ? undefined : props.integration._bindToRoute({ route: this, scope: this });
    const authorizer = props.authorizer ?? api.defaultAuthorizer;
    refuseForeignObject(authorizer, props.authorizer ? `\`authorizer\` of route '${this.routeKey.key}'` : 'the API\'s `defaultAuthorizer`', this);
    this.authorization = this.bindAuthorizer(props, authorizer, document);
    const authorizationType = this.authorization?.authorizationType ?? 'NONE';
    const scopes = this.scopesOf(props, api, authorizationType);
    const routeAuthorizer = authorizationType === 'NONE' ? undefined : authorizer;
    this._openApiParts = { integration: integration?.config, authorizer: routeAuthorizer, authorizationScopes: scopes, openApi: props.openApi };

    if (document) {
      document.addRoute({
        route: this, routeKey: props.routeKey.key, integration: props.integration, authorizer: routeAuthorizer, authorizationScopes: scopes, openApi: props.openApi,
      });
      return;
    }
    const resource = new CfnRoute(this, 'Resource', {
      apiId: props.httpApi.apiRef.apiId,
      routeKey: props.routeKey.key,
      target: `integrations/${integration!.integrationId}`,
      authorizerId: this.authorization?.authorizerId,
      authorizationType,
      authorizationScopes: scopes,
    });
    this._routeId = resource.ref;
  }

  /** The identifier of this route. It is unknown at synth time for routes an OpenAPI document holds. */
  public get routeId(): string {
    return this._routeId ?? refuse('attributeUnavailable', `the \`routeId\` of route '${this.routeKey.key}' is unknown: the route is part of an OpenAPI document, `
      + 'and API Gateway gives it an id when it imports the document', this);
  }

  /** The ARN of this route for IAM policies. */
  public get routeArn(): string {
    // Built when first read: most routes are never granted, and ARNs with tokens cost time at scale.
    this._routeArn ??= this.arnForMethod(this.routeKey.method);
    return this._routeArn;
  }

  /** The HTTP API this route belongs to. */
  public get httpApi(): IHttpApi {
    this.checkedApi ??= toIHttpApi(this._httpApi);
    return this.checkedApi;
  }

  /**
   * The route's authorization type: `AWS_IAM`, `JWT`, `CUSTOM` or `NONE`.
   * @internal
   */
  public get _authorizationType(): string {
    return this.authorization?.authorizationType ?? 'NONE';
  }

  public get routeRef(): RouteReference {
    return { apiId: this._httpApi.apiRef.apiId, routeId: this.routeId };
  }

  /**
   * Allows a principal to call this route (`execute-api:Invoke`). The route must use an
   * IAM authorizer (`HttpIamAuthorizer`).
   */
  public grantInvoke(grantee: iam.IGrantable, options: GrantInvokeOptions = {}): iam.Grant {
    checkArguments('HttpRoute.grantInvoke', [grantee, options], this);
    if (this.authorization?.authorizationType !== 'AWS_IAM') {
      refuse('grantInvoke', `cannot grantInvoke on route '${this.routeKey.key}': it does not use IAM authorization; `
        + 'give the route (or the API\'s defaultAuthorizer) an HttpIamAuthorizer', this);
    }
    const methods = Array.from(new Set(options.httpMethods ?? [this.routeKey.method]));
    if (this.routeKey.method !== HttpMethod.ANY) {
      const others = methods.filter(m => m !== this.routeKey.method);
      if (others.length > 0) {
        refuse('grantInvoke', `invalid \`httpMethods\` ${others.join(', ')} for grantInvoke on route '${this.routeKey.key}': `
          + `a ${this.routeKey.method} route can only grant ${this.routeKey.method}; grant the other methods on their own routes`, this);
      }
    }
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['execute-api:Invoke'],
      resourceArns: methods.map(method => this.arnForMethod(method)),
    });
  }

  /**
   * Binds the route's authorizer (the API's default when it names none), refusing an
   * authorization type routes cannot have. On an API defined by a document, the authorizer
   * becomes a security scheme of the document instead of a resource.
   */
  private bindAuthorizer(props: HttpRouteProps, authorizer: IHttpRouteAuthorizer | undefined,
    document: DocumentRoutes | undefined): HttpRouteAuthorizerConfig | undefined {
    const apiScope = isConstruct(props.httpApi) ? props.httpApi : this;
    const authorization = authorizer && document
      ? document.bindAuthorizer(authorizer, this)
      : authorizer?.bind({ route: this, scope: apiScope });
    const authorizationType = authorization?.authorizationType ?? 'NONE';
    if (!AUTHORIZATION_TYPES.includes(authorizationType)) {
      refuse('routeAuthorizationType', `invalid authorization type ${shown(authorizationType)} from the \`authorizer\` of route '${this.routeKey.key}': `
        + `an authorizer's bind() returns one of ${AUTHORIZATION_TYPES.join(', ')}`, this);
    }
    return authorization;
  }

  /**
   * The scopes the route requires: its authorizer's and its own (or the API's default ones),
   * JWT routes only, at most 10.
   */
  private scopesOf(props: HttpRouteProps, api: IHttpApi, authorizationType: string): string[] | undefined {
    let scopes = this.authorization
      ? mergeScopes(this.authorization.authorizationScopes, props.authorizationScopes ?? api.defaultAuthorizationScopes)
      : undefined;
    if (scopes && authorizationType !== 'JWT') {
      // API Gateway accepts scopes on JWT routes only. The API's default scopes are dropped on a
      // route that chose another authorizer; scopes the route, its authorizer or the API's default
      // authorizer bring along would fail the deployment.
      const defaults = props.authorizer === undefined ? api.defaultAuthorizationScopes : undefined;
      const attached = [...this.authorization?.authorizationScopes ?? [], ...props.authorizationScopes ?? defaults ?? []];
      if (attached.length > 0) {
        refuse('authorizationScopes', `\`authorizationScopes\` ${shown(attached)} on route '${this.routeKey.key}', whose authorization type is ${authorizationType}: `
          + 'API Gateway accepts scopes only on routes with a JWT authorizer; remove the scopes (or the API\'s `defaultAuthorizationScopes`), or use a JWT authorizer', this);
      }
      scopes = undefined;
    }
    validateScopeCount(this, scopes, this.routeKey.key);
    return scopes;
  }

  private arnForMethod(method: HttpMethod): string {
    const verb = method === HttpMethod.ANY ? '*' : method;
    // IAM matches path variables with a wildcard: everything from the first variable on.
    return routeArn(this, this._httpApi.apiRef.apiId, verb, (this.path ?? '/').replace(/\{.*?\}.*/, '*'));
  }
}

/** A route's path must fit the ARN of the route in IAM policies. */
function validateArnPath(route: HttpRoute, path: string | undefined): void {
  const maxPath = LIMITS.routeArnPathLength.value;
  if (path !== undefined && !Token.isUnresolved(path) && path.length > maxPath) {
    refuse('routeArnPath', `invalid route \`path\`: ${path.length} characters is over the ${maxPath} an IAM resource ARN can hold; shorten the path`, route);
  }
}

/** The union of an authorizer's scopes and a route's (or the API's default) scopes. */
function mergeScopes(fromAuthorizer?: string[], fromRoute?: string[]): string[] | undefined {
  const merged = fromRoute ? Array.from(new Set([...fromAuthorizer ?? [], ...fromRoute])) : fromAuthorizer;
  return merged && merged.length > 0 ? merged : undefined;
}
