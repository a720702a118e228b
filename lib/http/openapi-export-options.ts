/**
 * Options of an OpenAPI export (`toOpenApi()`, `HttpApiOpenApiDocument`).
 */
export interface OpenApiExportOptions {
  /**
   * Whether to include the `x-amazon-apigateway-*` extensions: integrations, authorizer
   * configurations, CORS, the endpoint configuration and tags, which `SpecHttpApi` and
   * `aws apigatewayv2 import-api` need to create the same API. They hold ARNs, role ARNs and
   * mapping values: leave them out of documents published for readers.
   * @default false
   */
  readonly includeExtensions?: boolean;

  /**
   * The document's `info.version`, for an `HttpApi` (a `SpecHttpApi` keeps its document's).
   * @default '1.0'
   */
  readonly version?: string;
}
