import type { Construct } from 'constructs';
import type { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { checkRoutes } from './check-document';
import { normalizePayloadFormat } from './check-integration';
import type { CheckContext } from './context';
import { badDocument, warnDocument } from './context';
import type { DocumentRoute } from './document-routes';
import type { DocumentOperation, JsonObject } from './model';
import { DEFAULT_ROUTE_PATH, EXT, INTEGRATION_REF_PREFIX, compact, isObject, operationKeyOf, operationsOf, where } from './model';
import type { OpenApiSecurityScheme } from './render';
import { defaultResponses, renderCorsExtension, renderIntegration, schemeSourceOf } from './render';
import { DocumentRouteFacade } from './route-facade';
import type { IHttpApi } from '../../api-base';
import type { IHttpRouteAuthorizer } from '../../authorizer';
import { HttpNoneAuthorizer } from '../../authorizer';
import type { HttpRouteIntegration } from '../../integration';
import type { IHttpRoute } from '../../route';
import { refuse, shown } from '../../../private/error';
import { parseRouteKey } from '../route-table';

/** The API settings that API Gateway reads from a document. */
export interface ApiSettings {
  readonly title: string;
  readonly description?: string;
  readonly version?: string;
  readonly cors?: CfnApi.CorsProperty;
  readonly endpoint: { readonly disableExecuteApiEndpoint?: boolean; readonly ipAddressType?: string };
}

/** A security scheme bound from code. */
interface BoundScheme {
  readonly name: string;
  readonly authorizationType: OpenApiSecurityScheme['authorizationType'];
}

/**
 * The OpenAPI document of a `SpecHttpApi` while the app is built: the user's document, with
 * the integrations and authorizers that code binds to it, and the routes code adds. Nothing
 * here creates an API Gateway resource; API Gateway creates them from the document.
 */
export class SpecDocument {
  private readonly byRouteKey = new Map<string, DocumentOperation>();
  private readonly byOperationId = new Map<string, DocumentOperation[]>();
  private readonly integrationNames = new Map<HttpRouteIntegration, string>();
  private readonly namedIntegrations = new Set<string>();
  private readonly schemes = new Map<IHttpRouteAuthorizer, BoundScheme>();
  private readonly boundSchemeNames = new Map<string, IHttpRouteAuthorizer>();
  private readonly namedAuthorizers = new Map<string, IHttpRouteAuthorizer>();

  /**
   * @param api the API the document defines
   * @param ctx where problems are reported
   * @param document the user's document, already copied and checked for shape
   */
  constructor(private readonly api: IHttpApi & Construct, private readonly ctx: CheckContext, public readonly document: JsonObject) {
    document.paths ??= {};
    // A path that does not start with '/' is skipped by API Gateway (with failOnWarnings: false): no route.
    for (const op of checkRoutes(ctx, document)) if (op.path.startsWith('/')) this.index(op);
    normalizePayloadFormats(document);
  }

  /** The route keys the document defines, so far. */
  public get routeKeys(): string[] {
    return [...this.byRouteKey.keys()];
  }

  /** Whether the document has a route with this key. */
  public hasRoute(routeKey: string): boolean {
    return this.byRouteKey.has(routeKey);
  }

  /** The document's operations, code routes included. */
  public get operations(): DocumentOperation[] {
    return operationsOf(this.document);
  }

  /**
   * Writes the settings API Gateway reads from the document into it, replacing what it says:
   * `info`, CORS, and the endpoint configuration of every server entry.
   */
  public writeApiSettings(settings: ApiSettings): void {
    const document = this.document;
    const info: JsonObject = document.info = isObject(document.info) ? document.info : {};
    info.title = settings.title;
    if (settings.description !== undefined) info.description = settings.description;
    if (settings.version !== undefined) info.version = settings.version;
    if (settings.cors) document[EXT.CORS] = renderCorsExtension(settings.cors);
    const endpoint = compact({ ...settings.endpoint });
    if (Object.keys(endpoint).length === 0) return;
    // Every server entry needs a URL, or API Gateway warns on import.
    const servers: unknown[] = Array.isArray(document.servers) && document.servers.length > 0 ? document.servers : [{ url: '/' }];
    for (const server of servers.filter(isObject)) {
      server[EXT.ENDPOINT] = { ...isObject(server[EXT.ENDPOINT]) ? server[EXT.ENDPOINT] : {}, ...endpoint };
    }
    document.servers = servers;
  }

  /** Binds a shared integration by name: operations refer to it with `$ref`. */
  public bindNamedIntegration(name: string, integration: HttpRouteIntegration): void {
    const shared = this.sharedIntegrations();
    if (shared[name] !== undefined) {
      badDocument(this.ctx, 'openApiBinding', where('components', EXT.INTEGRATIONS, name), `the document defines integration '${name}', and \`integrations\` binds one `
        + 'with the same name: remove one of them');
    }
    const facade = new DocumentRouteFacade(this.api, `Integration-${name}`, this.api, name);
    const { config } = integration._bindToDocument({ route: facade, scope: facade });
    shared[name] = renderIntegration(config);
    this.integrationNames.set(integration, name);
    this.namedIntegrations.add(name);
  }

  /** Binds an integration to a route of the document, found by route key or operationId. */
  public bindRouteIntegration(target: string, integration: HttpRouteIntegration): void {
    const op = this.find(target);
    const existing = op.operation[EXT.INTEGRATION];
    if (existing !== undefined) {
      badDocument(this.ctx, 'openApiBinding', `${op.where}.${EXT.INTEGRATION}`, `route '${op.routeKey}' has an integration in the document, and \`routeIntegrations\` `
        + `binds another to '${target}': remove one of them`);
    }
    const id = op.routeKey === '$default' ? 'DefaultRoute' : `${op.method}${op.path}`;
    const facade = new DocumentRouteFacade(this.api, id, this.api, op.routeKey, op.routeKey === '$default' ? undefined : op.path, op.method);
    op.operation[EXT.INTEGRATION] = this.integrationRef(integration, facade);
  }

  /** Binds an authorizer as a security scheme, under `name` or its own name. */
  public bindAuthorizer(authorizer: IHttpRouteAuthorizer, name?: string): BoundScheme {
    const known = this.schemes.get(authorizer);
    if (known) return known;
    const source = schemeSourceOf(authorizer);
    if (!source) {
      refuse('openApiAuthorizerUnsupported', `the authorizer ${shown(name ?? authorizer.constructor.name)} cannot be written into an OpenAPI document: `
        + 'use HttpJwtAuthorizer, HttpUserPoolAuthorizer, HttpLambdaAuthorizer or HttpIamAuthorizer, or define the security scheme in the document', this.api);
    }
    const rendered = source._renderOpenApiScheme({ api: this.api, scope: this.api, forImport: true });
    const schemeName = name ?? [...this.namedAuthorizers].find(([, a]) => a === authorizer)?.[0] ?? rendered.name;
    this.document.components ??= {};
    this.document.components.securitySchemes ??= {};
    const schemes = this.document.components.securitySchemes;
    const location = where('components', 'securitySchemes', schemeName);
    const other = this.boundSchemeNames.get(schemeName);
    if (other) {
      refuse('openApiBinding', `two authorizers are named '${schemeName}' in the OpenAPI document of this API: give one another \`authorizerName\`, `
        + 'or use the same authorizer object for both', this.api);
    }
    const existing = schemes[schemeName];
    if (isObject(existing) && (existing[EXT.AUTHORIZER] !== undefined || existing[EXT.AUTHTYPE] !== undefined)) {
      badDocument(this.ctx, 'openApiBinding', location, `the document defines authorizer '${schemeName}', and code binds another with that name: remove one of them`);
    }
    // A plain scheme of the document (e.g. `type: http`) is what the code authorizer implements.
    schemes[schemeName] = rendered.scheme;
    const bound = { name: schemeName, authorizationType: rendered.authorizationType };
    this.schemes.set(authorizer, bound);
    this.boundSchemeNames.set(schemeName, authorizer);
    return bound;
  }

  /** Remembers the names `authorizers` gives authorizers, for when they are bound. */
  public nameAuthorizer(name: string, authorizer: IHttpRouteAuthorizer): void {
    this.namedAuthorizers.set(name, authorizer);
  }

  /**
   * Gives every operation that lists no `security` the default authorizer (and its scopes,
   * for JWT), except `OPTIONS` operations: browsers send CORS preflight requests without
   * credentials. An operation with `security: []` stays open.
   */
  public applyDefaultAuthorizer(authorizer: IHttpRouteAuthorizer, scopes?: string[]): void {
    if (authorizer instanceof HttpNoneAuthorizer) return;
    const scheme = this.bindAuthorizer(authorizer);
    for (const op of this.byRouteKey.values()) {
      if (op.operation.security !== undefined || op.method === 'OPTIONS') continue;
      op.operation.security = [{ [scheme.name]: scheme.authorizationType === 'JWT' ? [...scopes ?? []] : [] }];
    }
  }

  /** Renders a route added in code: an operation with a shared integration, its security and OpenAPI fields. */
  public addRoute(route: DocumentRoute): void {
    const parsed = parseRouteKey(route.routeKey, route.route);
    const path = parsed.isDefault ? DEFAULT_ROUTE_PATH : parsed.path as string;
    const method = parsed.method ?? 'ANY';
    const operationId = route.openApi?.operationId;
    if (operationId !== undefined && this.byOperationId.has(operationId)) {
      refuse('openApiOperationId', `\`openApi.operationId\` '${operationId}' of route '${parsed.key}' is taken by route '${this.byOperationId.get(operationId)![0].routeKey}' `
        + 'of the OpenAPI document: operation ids are unique in an API; choose another', route.route);
    }
    const scheme = route.authorizer ? this.bindAuthorizer(route.authorizer) : undefined;
    const operation: JsonObject = {
      ...route.openApi,
      ...parsed.isDefault ? { isDefaultRoute: true } : {},
      responses: defaultResponses(parsed.key),
      [EXT.INTEGRATION]: this.integrationRef(route.integration, route.route),
    };
    if (scheme) operation.security = [{ [scheme.name]: route.authorizationScopes ?? [] }];
    const paths = this.document.paths;
    const item: JsonObject = paths[path] ??= {};
    const variables = parsed.segments.filter(s => s.kind !== 'literal').map(s => s.kind === 'greedy' ? `${s.name}+` : s.name);
    for (const name of variables) {
      const declared = Array.isArray(item.parameters) ? item.parameters : [];
      if (!declared.some((p: unknown) => isObject(p) && p.in === 'path' && p.name === name)) {
        item.parameters = [...declared, { name, in: 'path', required: true, schema: { type: 'string' } }];
      }
    }
    const key = operationKeyOf(method);
    item[key] = operation;
    this.index({ routeKey: parsed.key, method, path, operationKey: key, operation, where: where('paths', path, key) });
  }

  /**
   * The document as API Gateway imports it: with the API's tags (including those of
   * `Tags.of()`), which replace the values of the document's tags of the same names.
   */
  public render(tags?: Record<string, string>): JsonObject {
    const document = this.document;
    if (!tags || Object.keys(tags).length === 0) return document;
    const list: unknown[] = Array.isArray(document.tags) ? document.tags.map(tag => isObject(tag) ? { ...tag } : tag) : [];
    for (const [name, value] of Object.entries(tags)) {
      const entry = list.find((tag): tag is JsonObject => isObject(tag) && tag.name === name);
      if (entry) entry[EXT.TAG_VALUE] = value;
      else list.push({ name, [EXT.TAG_VALUE]: value });
    }
    return { ...document, tags: list };
  }

  /** The names of the shared integrations and security schemes rendered from code. */
  public get codeNames(): ReadonlySet<string> {
    return new Set([...this.integrationNames.values(), ...this.boundSchemeNames.keys()]);
  }

  /** Warns about names bound in code that no route uses. */
  public warnUnused(): void {
    const refs = new Set<string>();
    const schemes = new Set<string>();
    for (const op of this.operations) {
      const ref = op.operation[EXT.INTEGRATION]?.$ref;
      if (typeof ref === 'string') refs.add(ref.slice(INTEGRATION_REF_PREFIX.length));
      for (const requirement of Array.isArray(op.operation.security) ? op.operation.security : []) {
        if (isObject(requirement)) Object.keys(requirement).forEach(name => schemes.add(name));
      }
    }
    for (const name of this.namedIntegrations) {
      if (!refs.has(name)) {
        warnDocument(this.ctx, 'openApiUnusedIntegration', '', `\`integrations\` binds '${name}', and no operation refers to it `
          + `('$ref': '${INTEGRATION_REF_PREFIX}${name}'): refer to it, or remove the binding`);
      }
    }
    for (const name of this.namedAuthorizers.keys()) {
      if (!schemes.has(name)) {
        warnDocument(this.ctx, 'openApiUnusedAuthorizer', '', `\`authorizers\` binds '${name}', and no route requires it: `
          + `add \`security: [{ ${name}: [] }]\` to operations, make it the \`defaultAuthorizer\`, or remove the binding`);
      }
    }
  }

  /** A `$ref` to the shared integration of an integration object, rendered on its first use. */
  private integrationRef(integration: HttpRouteIntegration, route: IHttpRoute & Construct): Record<string, string> {
    const { name, config } = integration._bindToDocument({ route, scope: route });
    let shared = this.integrationNames.get(integration);
    if (shared === undefined) {
      const taken = this.sharedIntegrations();
      shared = name;
      for (let n = 2; taken[shared] !== undefined; n++) shared = `${name}${n}`;
      taken[shared] = renderIntegration(config);
      this.integrationNames.set(integration, shared);
    }
    return { $ref: `${INTEGRATION_REF_PREFIX}${shared}` };
  }

  private sharedIntegrations(): JsonObject {
    this.document.components ??= {};
    return this.document.components[EXT.INTEGRATIONS] ??= {};
  }

  private find(target: string): DocumentOperation {
    const byKey = this.byRouteKey.get(target);
    if (byKey) return byKey;
    const byId = this.byOperationId.get(target) ?? [];
    if (byId.length > 1) {
      refuse('routeIntegrations', `\`routeIntegrations\` binds '${target}', the operationId of ${byId.length} routes (${byId.map(op => `'${op.routeKey}'`).join(', ')}): `
        + 'bind them by route key instead', this.api);
    }
    if (byId.length === 1) return byId[0];
    const known = [...this.byRouteKey.keys()].slice(0, 10).map(k => `'${k}'`).join(', ');
    return refuse('routeIntegrations', `\`routeIntegrations\` binds '${target}', which is neither a route key nor an operationId of the OpenAPI document `
      + `(its routes: ${known || 'none'}): write the route key as 'GET /path' or '$default'`, this.api);
  }

  private index(op: DocumentOperation): void {
    this.byRouteKey.set(op.routeKey, op);
    const id = op.operation.operationId;
    if (typeof id === 'string') this.byOperationId.set(id, [...this.byOperationId.get(id) ?? [], op]);
  }
}

/** `payloadFormatVersion: 1.0` in YAML is the number 1: API Gateway's examples accept it, and it is written as '1.0'. */
function normalizePayloadFormats(document: JsonObject): void {
  const integrations = [
    ...operationsOf(document).map(op => op.operation[EXT.INTEGRATION]),
    ...Object.values(isObject(document.components?.[EXT.INTEGRATIONS]) ? document.components[EXT.INTEGRATIONS] : {}),
  ];
  for (const integration of integrations) {
    if (isObject(integration) && integration.payloadFormatVersion !== undefined) {
      integration.payloadFormatVersion = normalizePayloadFormat(integration.payloadFormatVersion);
    }
  }
}
