import type { IConstruct } from 'constructs';
import type { SpecDocument } from './spec-document';
import type { HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from '../../authorizer';
import { HttpNoneAuthorizer } from '../../authorizer';
import type { HttpRouteIntegration } from '../../integration';
import type { OpenApiOperationOptions } from '../../openapi-operation';
import type { IHttpRoute } from '../../route';
import type { RouteDefinition } from '../../../private/api-registry';
import { refuse } from '../../../private/error';

/** A route added in code to an API that an OpenAPI document defines. */
export interface DocumentRoute {
  /** The route construct: the scope of what its integration creates. */
  readonly route: IHttpRoute & IConstruct;
  /** Its key: `GET /pets` or `$default`. */
  readonly routeKey: string;
  /** Its integration. */
  readonly integration: HttpRouteIntegration;
  /** Its authorizer, when it has one (not `HttpNoneAuthorizer`). */
  readonly authorizer?: IHttpRouteAuthorizer;
  /** The scopes it requires. */
  readonly authorizationScopes?: string[];
  /** Its OpenAPI operation fields. */
  readonly openApi?: OpenApiOperationOptions;
}

/**
 * The routes of a `SpecHttpApi`, as its registry's route definition: routes added to the API
 * in code (`HttpRoute`, `addRoutes`) are rendered into the document instead of becoming
 * `AWS::ApiGatewayV2::Route` resources, since CloudFormation does not support mixing the two.
 * A document in S3 cannot be rewritten, so it takes no routes from code.
 */
export class DocumentRoutes implements RouteDefinition {
  /**
   * @param api the API the document defines
   * @param spec the document, unless it is in S3
   */
  constructor(private readonly api: IConstruct, private readonly spec: SpecDocument | undefined) {}

  /** Binds a route's authorizer as a security scheme of the document; creates no authorizer resource. */
  public bindAuthorizer(authorizer: IHttpRouteAuthorizer, _route: IHttpRoute): HttpRouteAuthorizerConfig {
    if (authorizer instanceof HttpNoneAuthorizer) return { authorizationType: 'NONE' };
    return { authorizationType: this.requireSpec('authorizers').bindAuthorizer(authorizer).authorizationType };
  }

  /** Renders a route into the document. */
  public addRoute(route: DocumentRoute): void {
    this.requireSpec('routes').addRoute(route);
  }

  /** Refuses a route the document already has, naming the way to give it an integration. */
  public refuseDuplicate(key: string, scope: IConstruct): never {
    this.requireSpec('routes');
    return refuse('openApiBinding', `route '${key}' is in the OpenAPI document already: give it an integration with \`routeIntegrations: { '${key}': ... }\` `
      + 'instead of adding it again', scope);
  }

  private requireSpec(what: string): SpecDocument {
    if (!this.spec) {
      refuse('openApiInS3', `${what} cannot be added to an API whose OpenAPI document is in S3 (HttpApiDefinition.fromAsset() or .fromBucket()): `
        + 'write them into the document, or use HttpApiDefinition.fromFile()', this.api);
    }
    return this.spec;
  }
}
