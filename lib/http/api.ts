import type { Construct } from 'constructs';
import type { IHttpApi as AwsCdkLibHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IHttpApi } from './api-base';
import { HttpApiBase } from './api-base';
import type { IHttpRouteAuthorizer } from './authorizer';
import type { CorsPreflightOptions } from './cors';
import type { HttpRouteIntegration } from './integration';
import { httpRegistryOf } from './private/registry';
import type { ParsedRoute } from './private/route-table';
import { HttpRoute, HttpRouteKey } from './route';
import type { HttpStage, HttpStageOptions, IHttpStage } from './stage';
import type { IpAddressType } from '../common/api';
import type { TemplateCompatibility } from '../common/template-compatibility';
import type { DomainMappingOptions } from '../common/stage';
import type * as awsCdkLibViewModule from './aws-cdk-lib-view';
import type * as corsRulesModule from './private/cors-rules';
import { refuse } from '../private/error';
import { refuseForeignObject } from '../private/foreign';
import type { OpenApiExportOptions } from './openapi-export-options';
import type * as exportModule from './private/openapi/export';
import { addStage, checkDefaultStageProps, createDefaultStage, defaultEndpoint, defaultStageUrl } from './private/api-resource';
import { loadModule } from '../private/lazy';
import { injectProps } from '../private/property-injection';
import { resourceLimitProblems } from '../private/stack-limits';
import { whenBuilt } from '../private/when-built';
import { checkArguments } from '../private/guard';

/**
 * Properties of an `HttpApi`.
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const handler: lambda.Function;
 *
 * new apigwv2.HttpApi(this, 'BookstoreApi', {
 *   description: 'Books: list, create, read, update, delete',
 *   ipAddressType: apigwv2.IpAddressType.DUAL_STACK,
 *   defaultIntegration: new integrations.HttpLambdaIntegration('DefaultIntegration', handler),
 *   defaultStageOptions: {
 *     throttle: { rateLimit: 500, burstLimit: 1000 },
 *     detailedMetricsEnabled: true,
 *   },
 * });
 */
export interface HttpApiProps {
  /**
   * The name of the API.
   * @default - the construct id
   */
  readonly apiName?: string;

  /**
   * A description of the API.
   * @default - no description
   */
  readonly description?: string;

  /**
   * An integration for the `$default` route, which catches requests no other route matches.
   * @default - no `$default` route
   */
  readonly defaultIntegration?: HttpRouteIntegration;

  /**
   * Whether to create the `$default` stage, auto-deployed and served at the API's root URL.
   * @default true
   */
  readonly createDefaultStage?: boolean;

  /**
   * Settings of the `$default` stage this API creates: throttling, access logs, detailed
   * metrics, stage variables, route settings. Its name stays `$default`, and it is
   * auto-deployed unless `autoDeploy` says otherwise; map it to a domain with
   * `defaultDomainMapping`. aws-cdk-lib has no way to set these, so security checks such as
   * cdk-nag's (access logs on every stage) needed `createDefaultStage` set to false and a stage of
   * one's own.
   * @default - a `$default` stage with no throttling, logs or variables
   */
  readonly defaultStageOptions?: HttpStageOptions;

  /**
   * The CORS configuration, with which API Gateway answers preflight requests itself.
   * @default - CORS disabled
   */
  readonly corsPreflight?: CorsPreflightOptions;

  /**
   * Maps the `$default` stage to a custom domain name.
   * @default - no custom domain mapping
   */
  readonly defaultDomainMapping?: DomainMappingOptions;

  /**
   * Whether clients are refused at the default `execute-api` endpoint (for example, so that
   * they use a custom domain only).
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;

  /**
   * The authorizer of every route that names none. `HttpNoneAuthorizer` on a route opts out.
   * @default - no default authorizer
   */
  readonly defaultAuthorizer?: IHttpRouteAuthorizer;

  /**
   * Scopes every route with a JWT authorizer requires when it names none. Routes that choose
   * another kind of authorizer (e.g. `HttpNoneAuthorizer`) do not get them; API Gateway accepts
   * scopes on JWT routes only.
   * @default - no default scopes
   */
  readonly defaultAuthorizationScopes?: string[];

  /**
   * Whether to set the route selection expression `${request.method} ${request.path}`
   * (the only one HTTP APIs support, and API Gateway's default).
   * @default false
   */
  readonly routeSelectionExpression?: boolean;

  /**
   * Whether integration objects that configure the same backend call share one integration
   * resource (per stack). API Gateway allows at most 300 integrations per HTTP API, so sharing
   * keeps large APIs under the quota; aws-cdk-lib creates one resource per object.
   * @default - true, unless `templateCompatibility` is `AWS_CDK_LIB`
   */
  readonly shareIntegrations?: boolean;

  /**
   * Which templates this API synthesizes: aws-cdk-lib's (`AWS_CDK_LIB`: one Lambda permission
   * per route, one integration resource per integration object), to move a deployed app from
   * aws-cdk-lib without replacing resources, or this library's. An integration's
   * `scopePermissionToRoute` and this API's `shareIntegrations` win over it.
   * @default - the context value `cdk-apigatewayv2:templateCompatibility` (`aws-cdk-lib` or
   * `cdk-apigatewayv2`), else `TemplateCompatibility.CDK_APIGATEWAYV2`
   */
  readonly templateCompatibility?: TemplateCompatibility;

  /**
   * The IP address types the API accepts.
   * @default - IPv4 only (API Gateway's default)
   */
  readonly ipAddressType?: IpAddressType;
}

/**
 * The attributes of an existing HTTP API, to import it.
 */
export interface HttpApiAttributes {
  /** The API's identifier. */
  readonly httpApiId: string;

  /**
   * The API's default endpoint.
   * @default - reading `apiEndpoint` of the import is refused
   */
  readonly apiEndpoint?: string;
}

/**
 * An HTTP API (`AWS::ApiGatewayV2::Api` with protocol `HTTP`).
 *
 * @resource AWS::ApiGatewayV2::Api
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const bookStoreDefaultFn: lambda.Function;
 *
 * const getBooksIntegration = new integrations.HttpUrlIntegration('GetBooksIntegration', 'https://get-books-proxy.example.com');
 * const bookStoreDefaultIntegration = new integrations.HttpLambdaIntegration('BooksIntegration', bookStoreDefaultFn);
 *
 * const httpApi = new apigwv2.HttpApi(this, 'HttpApi');
 * httpApi.addRoutes({
 *   path: '/books',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: getBooksIntegration,
 * });
 * httpApi.addRoutes({
 *   path: '/books',
 *   methods: [apigwv2.HttpMethod.ANY],
 *   integration: bookStoreDefaultIntegration,
 * });
 */
export class HttpApi extends HttpApiBase {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.HttpApi';

  /**
   * Imports an existing HTTP API. Routes added to the import are checked against each other,
   * but not against routes this app cannot see.
   */
  public static fromHttpApiAttributes(scope: Construct, id: string, attrs: HttpApiAttributes): IHttpApi {
    checkArguments('HttpApi.fromHttpApiAttributes', [scope, id, attrs]);
    class Import extends HttpApiBase {
      public readonly apiId = attrs.httpApiId;
      public readonly httpApiId = attrs.httpApiId;
      public readonly defaultAuthorizer = undefined;
      public readonly defaultAuthorizationScopes = undefined;
      public readonly defaultStage = undefined;
      private readonly _apiEndpoint = attrs.apiEndpoint;

      public get apiEndpoint(): string {
        return this._apiEndpoint ?? refuse('attributeUnavailable', 'the `apiEndpoint` of this imported HTTP API is unknown: pass `apiEndpoint` to HttpApi.fromHttpApiAttributes()', this);
      }
    }
    return new Import(scope, id);
  }

  /**
   * An HTTP API of this library, created or imported, as aws-cdk-lib's `IHttpApi`, for the
   * aws-cdk-lib APIs that take one: the EventBridge target of `aws-cdk-lib/aws-events-targets`,
   * `new targets.ApiGatewayV2(HttpApi.toAwsCdkLib(api))`. Passing the API itself does not
   * compile, and importing it with aws-cdk-lib's `fromHttpApiAttributes` loses its `$default`
   * stage, so the target would invoke every stage (`*`).
   *
   * The view reads through to the API and its `$default` stage. It is not a construct of its
   * own: what aws-cdk-lib creates under it (the target's `EventsRole`) lands under the API, with
   * the logical id aws-cdk-lib's own `HttpApi` gives it. Routes, integrations and VPC links
   * belong on the API itself.
   */
  public static toAwsCdkLib(api: IHttpApi): AwsCdkLibHttpApi {
    checkArguments('HttpApi.toAwsCdkLib', [api]);
    return loadModule<typeof awsCdkLibViewModule>('http/aws-cdk-lib-view').awsCdkLibHttpApi(api);
  }

  /**
   * The name of this API.
   * @default - the construct id, when no `apiName` is given
   */
  public readonly httpApiName?: string;
  /** The identifier of this API. */
  public readonly apiId: string;
  /** The identifier of this API (the same as `apiId`). */
  public readonly httpApiId: string;
  /**
   * Whether the default `execute-api` endpoint is disabled.
   * @default - not set: the endpoint is enabled
   */
  public readonly disableExecuteApiEndpoint?: boolean;
  /**
   * The `$default` stage, unless `createDefaultStage` is false.
   * @default - none when `createDefaultStage` is false
   */
  public readonly defaultStage: IHttpStage | undefined;
  /**
   * The authorizer of every route that names none.
   * @default - none: such routes have no authorizer
   */
  public readonly defaultAuthorizer?: IHttpRouteAuthorizer;
  /**
   * Scopes every route with a JWT authorizer requires when it names none.
   * @default - none: such routes require no scopes
   */
  public readonly defaultAuthorizationScopes?: string[];
  private readonly _apiEndpoint: string;

  constructor(scope: Construct, id: string, props: HttpApiProps = {}) {
    checkArguments('HttpApi.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(HttpApi.PROPERTY_INJECTION_ID, props, scope, id);
    checkDefaultStageProps(this, props);
    refuseForeignObject(props.defaultAuthorizer, '`defaultAuthorizer`', this);
    refuseForeignObject(props.defaultIntegration, '`defaultIntegration`', this);
    this.httpApiName = props.apiName ?? id;
    this.disableExecuteApiEndpoint = props.disableExecuteApiEndpoint;
    this.defaultAuthorizer = props.defaultAuthorizer;
    this.defaultAuthorizationScopes = props.defaultAuthorizationScopes;

    const resource = new CfnApi(this, 'Resource', {
      name: this.httpApiName,
      protocolType: 'HTTP',
      corsConfiguration: props.corsPreflight ? corsRules().renderCors(this, props.corsPreflight) : undefined,
      description: props.description,
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
      routeSelectionExpression: props.routeSelectionExpression ? '${request.method} ${request.path}' : undefined,
      ipAddressType: props.ipAddressType,
    });
    this.apiId = resource.ref;
    this.httpApiId = resource.ref;
    this._apiEndpoint = resource.attrApiEndpoint;

    const registry = httpRegistryOf(this);
    registry.seesEveryRoute = true;
    registry.useTemplates(props.templateCompatibility);
    registry.shareIntegrations = props.shareIntegrations;
    this.node.addValidation({ validate: () => resourceLimitProblems(registry.routeStacks(), registry.routeMove) });
    if (props.corsPreflight) {
      // Routes and their authorizers are known once the app is built.
      whenBuilt(this, () => this.checkPreflight());
    }

    if (props.defaultIntegration) {
      new HttpRoute(this, 'DefaultRoute', {
        httpApi: this,
        routeKey: HttpRouteKey.DEFAULT,
        integration: props.defaultIntegration,
        authorizer: props.defaultAuthorizer,
        authorizationScopes: props.defaultAuthorizationScopes,
      });
    }

    this.defaultStage = createDefaultStage(this, props);
  }

  /** Warns about catch-all routes with an authorizer, which catch CORS preflight requests. */
  private checkPreflight(): void {
    const routes = httpRegistryOf(this).routes<ParsedRoute>().map(({ parsed, route }) => ({
      key: parsed.key, method: parsed.method, path: parsed.path, authorizationType: (route as HttpRoute)._authorizationType,
    }));
    corsRules().warnPreflightBlocked(this, routes);
  }

  /**
   * The default endpoint of this API. Reading it is refused when `disableExecuteApiEndpoint`
   * is true.
   */
  public get apiEndpoint(): string {
    return defaultEndpoint(this, this._apiEndpoint, this.disableExecuteApiEndpoint ? '`disableExecuteApiEndpoint` is true' : undefined);
  }

  /**
   * The URL of the `$default` stage.
   * @default - none when there is no default stage
   */
  public get url(): string | undefined {
    return defaultStageUrl(this);
  }

  /**
   * Adds a stage to this API.
   */
  public addStage(id: string, options: HttpStageOptions): HttpStage {
    checkArguments('HttpApi.addStage', [id, options], this);
    return addStage(this, id, options);
  }

  /**
   * An OpenAPI 3.0 document of this API's routes, as they are when this is called: paths,
   * methods, path parameters, authorizers as security schemes with their scopes, the routes'
   * `openApi` fields and, with `includeExtensions`, the `x-amazon-apigateway-*` extensions
   * that let `SpecHttpApi` (or `aws apigatewayv2 import-api`) create the same API. Values only
   * known at deploy time (function ARNs, ids) are CDK tokens; `HttpApiOpenApiDocument` writes
   * the document to a file with readable placeholders instead.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document, for every jsii language
  public toOpenApi(options: OpenApiExportOptions = {}): any {
    checkArguments('HttpApi.toOpenApi', [options], this);
    // Most apps export no document: the exporter loads when one is asked for.
    return loadModule<typeof exportModule>('http/private/openapi/export').exportOpenApi(this, options);
  }

}

/** The CORS rules, loaded when an API has CORS: most do not. */
function corsRules(): typeof corsRulesModule {
  return loadModule<typeof corsRulesModule>('http/private/cors-rules');
}
