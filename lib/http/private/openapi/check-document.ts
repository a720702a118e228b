import { checkIntegration, checkIntegrationObject } from './check-integration';
import { checkSecurityRequirements, checkSecuritySchemes } from './check-security';
import type { CheckContext } from './context';
import { badDocument, importWarning, warnDocument } from './context';
import type { DocumentOperation, JsonObject } from './model';
import { DEFAULT_ROUTE_PATH, EXT, EXT_PREFIX, OPERATION_KEYS, isKnown, isObject, operationsOf, where } from './model';
import { ApiGatewayV2Error, shown } from '../../../private/error';
import { RouteTable } from '../route-table';
import { LIMITS } from '../../../private/limits';

/**
 * Checks an OpenAPI document against API Gateway's rules for importing HTTP APIs, at synth
 * time. Values that hold a CDK token are skipped. What API Gateway refuses on import is
 * refused here; what it reports as a warning is refused while the import fails on warnings
 * (`FailOnWarnings`), and a synth-time warning otherwise.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
 */

/** API Gateway extensions that only REST APIs use, where they appear. */
const REST_ONLY_EXTENSIONS = new Set([
  'x-amazon-apigateway-api-key-source', 'x-amazon-apigateway-binary-media-types', 'x-amazon-apigateway-documentation',
  'x-amazon-apigateway-gateway-responses', 'x-amazon-apigateway-minimum-compression-size', 'x-amazon-apigateway-policy',
  'x-amazon-apigateway-request-validators', 'x-amazon-apigateway-request-validator', 'x-amazon-apigateway-auth',
]);
/** The API Gateway extensions HTTP APIs read, per place in the document. */
const HTTP_EXTENSIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  root: new Set<string>([EXT.CORS, EXT.IMPORT_EXPORT_VERSION]),
  pathItem: new Set<string>([EXT.ANY_METHOD]),
  operation: new Set<string>([EXT.INTEGRATION]),
  components: new Set<string>([EXT.INTEGRATIONS]),
};
const MAX_TAGS = 50;
const MAX_TAG_KEY = 128;
const MAX_TAG_VALUE = 256;

/** What a checked document holds. */
export interface CheckedDocument {
  /** Its operations, each a route. */
  readonly operations: DocumentOperation[];
}

/**
 * Checks the shape of a document: an OpenAPI 3.0 object whose paths are routes API Gateway
 * accepts. Run before code binds anything to the document.
 */
export function checkDocumentShape(ctx: CheckContext, document: unknown): asserts document is JsonObject {
  if (!isObject(document)) {
    badDocument(ctx, 'openApiDocument', '', `an OpenAPI document is an object, not ${shown(document)}`);
  }
  if (document.swagger !== undefined) {
    badDocument(ctx, 'openApiDocument', 'swagger', `HTTP APIs import OpenAPI 3.0 documents only, and this is Swagger ${shown(document.swagger)}: convert it to OpenAPI 3.0`);
  }
  const version = document.openapi;
  if (typeof version !== 'string' || !/^3\.0\.\d+$/.test(version)) {
    badDocument(ctx, 'openApiDocument', 'openapi', version === undefined
      ? "the document needs `openapi: '3.0.1'` (or another 3.0.x): HTTP APIs import OpenAPI 3.0 documents only"
      : `HTTP APIs import OpenAPI 3.0 documents only, not version ${shown(version)}: write it as OpenAPI 3.0 ('3.0.1')`);
  }
  if (document.info !== undefined && !isObject(document.info)) badDocument(ctx, 'openApiDocument', 'info', 'info is an object with `title` and `version`');
  if (document.paths !== undefined && !isObject(document.paths)) badDocument(ctx, 'openApiDocument', 'paths', 'paths is an object of path items');
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const location = where('paths', path);
    if (!path.startsWith('/')) {
      const fix = path === '$default' ? `write '${DEFAULT_ROUTE_PATH}', with isDefaultRoute: true on its ${EXT.ANY_METHOD}` : `write '/${path}'`;
      importWarning(ctx, 'openApiPathStart', location, `path ${shown(path)} does not start with '/': ${fix}`);
    }
    if (!isObject(item)) badDocument(ctx, 'openApiRoute', location, 'a path item is an object of operations');
    if (item.trace !== undefined) {
      badDocument(ctx, 'openApiRoute', `${location}.trace`, `HTTP API routes have no TRACE method: use one of ${Object.values(OPERATION_KEYS).join(', ')}`);
    }
    if (item.$ref !== undefined) {
      warnDocument(ctx, 'openApiPathItemRef', location, 'API Gateway does not follow `$ref` on path items: write the operations in place');
    }
  }
}

/**
 * Checks the routes of a document and returns them: route key syntax, duplicates and
 * conflicting variables with the library's own route table, path parameters and the `$default`
 * route, and that each operation has an integration.
 */
export function checkRoutes(ctx: CheckContext, document: JsonObject): DocumentOperation[] {
  const operations = operationsOf(document);
  const table = new RouteTable();
  for (const op of operations) {
    if (!op.path.startsWith('/')) continue;
    try {
      table.add(op.routeKey);
    } catch (error) {
      if (!(error instanceof ApiGatewayV2Error)) throw error;
      badDocument(ctx, error.ruleId, op.where, error.problem);
    }
    if (op.operation.isDefaultRoute !== undefined && op.routeKey !== '$default') {
      badDocument(ctx, 'openApiRoute', `${op.where}.isDefaultRoute`, `isDefaultRoute marks the $default route: it belongs on ${EXT.ANY_METHOD} under '${DEFAULT_ROUTE_PATH}'`);
    }
    if (op.path === DEFAULT_ROUTE_PATH && op.routeKey !== '$default') {
      warnDocument(ctx, 'openApiDefaultPath', op.where, `this is a route for the literal path '${DEFAULT_ROUTE_PATH}'; for the $default route, `
        + `use ${EXT.ANY_METHOD} with isDefaultRoute: true`);
    }
    checkPathParameters(ctx, document, op);
  }
  return operations;
}

/** Declared path parameters that the path does not have: API Gateway ignores them, but clients do not. */
function checkPathParameters(ctx: CheckContext, document: JsonObject, op: DocumentOperation): void {
  const names = new Set(Array.from(op.path.matchAll(/\{([^}]+)\}/g), m => m[1]).flatMap(name => [name, name.replace(/\+$/, '')]));
  const declared = [...asList(document.paths[op.path]?.parameters), ...asList(op.operation.parameters)];
  for (const parameter of declared) {
    if (isObject(parameter) && parameter.in === 'path' && typeof parameter.name === 'string' && !names.has(parameter.name)) {
      warnDocument(ctx, 'openApiPathParameter', op.where, `path parameter '${parameter.name}' is not a variable of path '${op.path}': `
        + `rename it to one of ${[...names].join(', ') || '(none)'}, or remove it`);
    }
  }
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Checks what API Gateway reads from a complete document (after code has bound its
 * integrations and authorizers): integrations, security, CORS, endpoint configuration, tags
 * and extensions.
 */
export function checkImportRules(ctx: CheckContext, document: JsonObject, operations: DocumentOperation[]): void {
  const shared = document.components?.[EXT.INTEGRATIONS];
  const sharedNames = new Set<string>(isObject(shared) ? Object.keys(shared) : []);
  if (isObject(shared)) {
    for (const [name, integration] of Object.entries(shared)) {
      const location = where('components', EXT.INTEGRATIONS, name);
      if (isObject(integration)) checkIntegrationObject(ctx, location, integration);
      else if (isKnown(integration)) badDocument(ctx, 'openApiIntegration', location, 'a shared integration is an object');
    }
  }
  for (const op of operations) {
    const integration = op.operation[EXT.INTEGRATION];
    if (integration === undefined) {
      warnDocument(ctx, 'openApiNoIntegration', op.where, `route '${op.routeKey}' has no integration, so API Gateway has nothing to send its requests to: `
        + `add ${EXT.INTEGRATION}, or bind one in code with \`routeIntegrations: { '${op.routeKey}': ... }\``);
      continue;
    }
    checkIntegration(ctx, `${op.where}.${EXT.INTEGRATION}`, integration, sharedNames);
  }
  const schemes = checkSecuritySchemes(ctx, document);
  checkSecurityRequirements(ctx, document, operations, schemes);
  checkCors(ctx, document[EXT.CORS]);
  checkServers(ctx, document.servers);
  checkTags(ctx, document.tags);
  checkExtensions(ctx, document, operations);
}

function checkCors(ctx: CheckContext, cors: unknown): void {
  if (cors === undefined || !isKnown(cors)) return;
  if (!isObject(cors)) badDocument(ctx, 'openApiCors', EXT.CORS, 'the CORS configuration is an object');
  const origins = Array.isArray(cors.allowOrigins) ? cors.allowOrigins : [];
  if (cors.allowCredentials === true && origins.includes('*')) {
    badDocument(ctx, 'corsCredentialsWildcard', EXT.CORS, "allowCredentials cannot be used with the origin '*' (browsers refuse it): list the allowed origins in allowOrigins");
  }
  const maxAge = cors.maxAge;
  if (maxAge !== undefined && isKnown(maxAge) && !(Number.isInteger(maxAge) && maxAge >= 0 && maxAge <= LIMITS.corsMaxAgeSeconds.value)) {
    badDocument(ctx, 'openApiCors', `${EXT.CORS}.maxAge`, `invalid maxAge ${shown(maxAge)}: use a whole number of seconds from 0 to ${LIMITS.corsMaxAgeSeconds.value} (one day)`);
  }
  const wildcard = (Array.isArray(cors.allowMethods) && cors.allowMethods.includes('*')) || (Array.isArray(cors.allowHeaders) && cors.allowHeaders.includes('*'));
  if (cors.allowCredentials === true && wildcard) {
    warnDocument(ctx, 'openApiCorsWildcard', EXT.CORS, "browsers do not expand '*' in allowMethods or allowHeaders for requests with credentials; "
      + 'list the methods and headers when allowCredentials is true');
  }
}

function checkServers(ctx: CheckContext, servers: unknown): void {
  if (!Array.isArray(servers)) return;
  servers.forEach((server, i) => {
    const location = `servers[${i}]`;
    if (!isObject(server)) return;
    const endpoint = server[EXT.ENDPOINT];
    if (endpoint === undefined) return;
    if (server.url === undefined) {
      importWarning(ctx, 'openApiServerUrl', location, `a server with ${EXT.ENDPOINT} needs a \`url\` (API Gateway warns on import without one): add one, e.g. url: '/'`);
    }
    if (!isObject(endpoint)) return;
    const at = `${location}.${EXT.ENDPOINT}`;
    if (endpoint.disableExecuteApiEndpoint !== undefined && isKnown(endpoint.disableExecuteApiEndpoint) && typeof endpoint.disableExecuteApiEndpoint !== 'boolean') {
      badDocument(ctx, 'openApiEndpoint', `${at}.disableExecuteApiEndpoint`, `disableExecuteApiEndpoint is true or false, not ${shown(endpoint.disableExecuteApiEndpoint)}`);
    }
    const ipAddressType = endpoint.ipAddressType;
    if (ipAddressType !== undefined && isKnown(ipAddressType) && ipAddressType !== 'ipv4' && ipAddressType !== 'dualstack') {
      badDocument(ctx, 'openApiEndpoint', `${at}.ipAddressType`, `invalid ipAddressType ${shown(ipAddressType)}: use 'ipv4' or 'dualstack'`);
    }
    if (endpoint.vpcEndpointIds !== undefined) {
      warnDocument(ctx, 'openApiRestOnlyField', `${at}.vpcEndpointIds`, 'only private REST APIs use vpcEndpointIds; HTTP APIs ignore them');
    }
  });
}

/** Checks the root `tags`, which API Gateway makes the API's AWS tags. */
export function checkTags(ctx: CheckContext, tags: unknown): void {
  if (!Array.isArray(tags)) return;
  const untagged: string[] = [];
  tags.forEach((tag, i) => {
    if (!isObject(tag)) return;
    const location = `tags[${i}]`;
    const key = tag.name;
    const value = tag[EXT.TAG_VALUE];
    if (value === undefined && typeof key === 'string') untagged.push(key);
    if (typeof key === 'string' && isKnown(key)) {
      if (key.length === 0 || key.length > MAX_TAG_KEY) badDocument(ctx, 'openApiTags', location, `invalid tag key ${shown(key)}: use 1 to ${MAX_TAG_KEY} characters`);
      if (key.toLowerCase().startsWith('aws:')) badDocument(ctx, 'openApiTags', location, `invalid tag key ${shown(key)}: the prefix 'aws:' is reserved for AWS; choose another key`);
    }
    if (typeof value === 'string' && isKnown(value) && value.length > MAX_TAG_VALUE) {
      badDocument(ctx, 'openApiTags', `${location}.${EXT.TAG_VALUE}`, `tag ${shown(key)} has a value of ${value.length} characters, over the ${MAX_TAG_VALUE} AWS allows; shorten it`);
    }
  });
  if (tags.length > MAX_TAGS) {
    badDocument(ctx, 'openApiTags', 'tags', `${tags.length} tags, and an API has at most ${MAX_TAGS}: API Gateway makes every entry of the root \`tags\` an AWS tag; remove ${tags.length - MAX_TAGS}`);
  }
  if (untagged.length > 0) {
    warnDocument(ctx, 'openApiTagWithoutValue', 'tags', `API Gateway makes each root tag an AWS tag of the API, and ${untagged.map(t => `'${t}'`).join(', ')} `
      + `${untagged.length === 1 ? 'has' : 'have'} no ${EXT.TAG_VALUE}, so ${untagged.length === 1 ? 'it becomes a tag' : 'they become tags'} with an empty value: `
      + `add ${EXT.TAG_VALUE}, or tag operations without listing the tags at the root`);
  }
}

/** Warns about API Gateway extensions that HTTP APIs do not read: REST-only ones, misplaced or misspelled ones. */
function checkExtensions(ctx: CheckContext, document: JsonObject, operations: DocumentOperation[]): void {
  const look = (object: unknown, place: keyof typeof HTTP_EXTENSIONS, location: (key: string) => string) => {
    if (!isObject(object)) return;
    for (const key of Object.keys(object)) {
      if (!key.startsWith(EXT_PREFIX) || HTTP_EXTENSIONS[place].has(key)) continue;
      const why = REST_ONLY_EXTENSIONS.has(key)
        ? 'is only used by REST APIs; HTTP APIs ignore it'
        : key === EXT.ENDPOINT ? 'belongs on each entry of `servers` in OpenAPI 3.0; API Gateway ignores it here'
          : `is not an extension HTTP APIs read here (they read ${[...HTTP_EXTENSIONS[place]].join(', ')}); check its name and place`;
      warnDocument(ctx, 'openApiUnsupportedExtension', location(key), `${key} ${why}`);
    }
  };
  look(document, 'root', key => key);
  look(document.components, 'components', key => where('components', key));
  for (const [path, item] of Object.entries(document.paths ?? {})) look(item, 'pathItem', key => where('paths', path, key));
  for (const op of operations) look(op.operation, 'operation', key => `${op.where}.${key}`);
}
