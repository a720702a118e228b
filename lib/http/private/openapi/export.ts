import type { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { JsonObject } from './model';
import { DEFAULT_ROUTE_PATH, EXT, EXT_PREFIX, compact, isObject, operationKeyOf } from './model';
import type { OpenApiSecurityScheme } from './render';
import { defaultResponses, renderCorsExtension, renderIntegration, schemeSourceOf } from './render';
import type { HttpApiBase } from '../../api-base';
import type { IHttpRouteAuthorizer } from '../../authorizer';
import type { OpenApiExportOptions } from '../../openapi-export-options';
import type { HttpRoute } from '../../route';
import { httpRegistryOf } from '../registry';
import type { ParsedRoute } from '../route-table';
import { warn } from '../../../private/error';

/**
 * Builds an OpenAPI 3.0 document from the routes an `HttpApi` holds, shaped like API
 * Gateway's own export (`aws apigatewayv2 export-api`): one path item per path, `ANY` as
 * `x-amazon-apigateway-any-method`, path parameters at the path item, a default response per
 * operation, and authorizers as security schemes.
 */
export function exportOpenApi(api: HttpApiBase, options: OpenApiExportOptions): JsonObject {
  const extensions = options.includeExtensions ?? false;
  const resource = api.node.defaultChild as CfnApi;
  const document: JsonObject = {
    openapi: '3.0.1',
    info: compact({ title: resource.name ?? api.node.id, description: resource.description, version: options.version ?? '1.0' }),
    paths: {},
  };
  const schemes = new SchemeNames();
  for (const { parsed, route } of httpRegistryOf(api).routes<ParsedRoute>()) {
    const parts = (route as Partial<HttpRoute>)._openApiParts;
    if (!parts || parsed.isUnresolved) {
      warn(api, 'openApiExportRoute', `route '${parsed.key}' is left out of the OpenAPI export: `
        + (parsed.isUnresolved ? 'its key is only known at deploy time' : 'it was not created as an HttpRoute'));
      continue;
    }
    // `$default` means nothing to clients; only API Gateway's import reads it.
    if (parsed.isDefault && !extensions) continue;
    const path = parsed.isDefault ? DEFAULT_ROUTE_PATH : parsed.path as string;
    const item: JsonObject = document.paths[path] ??= {};
    const variables = parsed.segments.filter(s => s.kind !== 'literal').map(s => s.kind === 'greedy' ? `${s.name}+` : s.name);
    if (variables.length > 0 && item.parameters === undefined) {
      item.parameters = variables.map(name => ({
        name, in: 'path', description: `Generated path parameter for ${name}`, required: true, schema: { type: 'string' },
      }));
    }
    const operation: JsonObject = { ...parts.openApi, responses: defaultResponses(parsed.key) };
    if (parsed.isDefault) operation.isDefaultRoute = true;
    if (parts.authorizer) {
      const name = schemes.add(api, parts.authorizer);
      if (name !== undefined) operation.security = [{ [name]: parts.authorizationScopes ?? [] }];
    }
    if (parts.integration) operation[EXT.INTEGRATION] = renderIntegration(parts.integration);
    item[operationKeyOf(parsed.method ?? 'ANY')] = operation;
  }
  if (schemes.size > 0) document.components = { securitySchemes: schemes.render() };
  if (!extensions) return withoutExtensions(document);

  if (resource.corsConfiguration) document[EXT.CORS] = renderCorsExtension(resource.corsConfiguration as CfnApi.CorsProperty);
  const endpoint = compact({ disableExecuteApiEndpoint: resource.disableExecuteApiEndpoint, ipAddressType: resource.ipAddressType });
  if (Object.keys(endpoint).length > 0) document.servers = [{ 'url': '/', [EXT.ENDPOINT]: endpoint }];
  const tags = resource.tags.renderTags() as Record<string, string> | undefined;
  if (tags && Object.keys(tags).length > 0) {
    document.tags = Object.entries(tags).map(([name, value]) => ({ name, [EXT.TAG_VALUE]: value }));
  }
  document[EXT.IMPORT_EXPORT_VERSION] = '1.0';
  return document;
}

/** The security schemes of an export, one per authorizer object, with unique names. */
class SchemeNames {
  private readonly byAuthorizer = new Map<IHttpRouteAuthorizer, string | undefined>();
  private readonly schemes = new Map<string, OpenApiSecurityScheme>();

  public get size(): number {
    return this.schemes.size;
  }

  /** The scheme name of an authorizer, or undefined when it cannot be rendered (an imported authorizer). */
  public add(api: HttpApiBase, authorizer: IHttpRouteAuthorizer): string | undefined {
    if (this.byAuthorizer.has(authorizer)) return this.byAuthorizer.get(authorizer);
    const source = schemeSourceOf(authorizer);
    if (!source) {
      warn(api, 'openApiExportAuthorizer', `an authorizer of class ${authorizer.constructor.name} `
        + 'cannot be written as an OpenAPI security scheme (an imported one, or one of another library): the routes it authorizes are exported without security');
      this.byAuthorizer.set(authorizer, undefined);
      return undefined;
    }
    const scheme = source._renderOpenApiScheme({ api, scope: api, forImport: false });
    let name = scheme.name;
    for (let n = 2; this.schemes.has(name); n++) name = `${scheme.name}${n}`;
    this.schemes.set(name, scheme);
    this.byAuthorizer.set(authorizer, name);
    return name;
  }

  public render(): Record<string, unknown> {
    return Object.fromEntries([...this.schemes].map(([name, scheme]) => [name, scheme.scheme]));
  }
}

/**
 * The document without API Gateway's extensions (and without `isDefaultRoute`), for readers.
 * `x-amazon-apigateway-any-method` stays: it is the route structure, and nothing else says
 * that a path takes every method.
 */
export function withoutExtensions<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutExtensions) as unknown as T;
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if ((key.startsWith(EXT_PREFIX) && key !== EXT.ANY_METHOD) || key === 'isDefaultRoute') continue;
    out[key] = withoutExtensions(item);
  }
  return out as T;
}

/**
 * A document for readers: without API Gateway's extensions, and without the `$default` route,
 * which means nothing to clients.
 */
export function forReaders(document: JsonObject): JsonObject {
  const paths = { ...document.paths };
  const defaultItem = paths[DEFAULT_ROUTE_PATH];
  if (isObject(defaultItem) && defaultItem[EXT.ANY_METHOD]?.isDefaultRoute === true) delete paths[DEFAULT_ROUTE_PATH];
  return withoutExtensions({ ...document, paths });
}
