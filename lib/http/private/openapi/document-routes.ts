import type { IConstruct } from 'constructs';
import type { HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from '../../authorizer';
import type { HttpRouteIntegration } from '../../integration';
import type { OpenApiOperationOptions } from '../../openapi-operation';
import type { IHttpRoute } from '../../route';

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
 * An API whose routes live in an OpenAPI document: routes added to it in code are rendered
 * into the document instead of becoming `AWS::ApiGatewayV2::Route` resources, since
 * CloudFormation does not support mixing the two.
 */
export interface IDocumentRoutes {
  /** Binds a route's authorizer as a security scheme of the document; creates no authorizer resource. */
  _bindDocumentAuthorizer(authorizer: IHttpRouteAuthorizer, route: IHttpRoute): HttpRouteAuthorizerConfig;
  /** Renders a route into the document. */
  _addDocumentRoute(route: DocumentRoute): void;
}

/** The document of an API whose routes live in one, if it is such an API. */
export function documentRoutesOf(api: object): IDocumentRoutes | undefined {
  const candidate = api as Partial<IDocumentRoutes>;
  return typeof candidate._addDocumentRoute === 'function' ? candidate as IDocumentRoutes : undefined;
}
