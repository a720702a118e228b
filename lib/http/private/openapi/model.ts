import { Token } from 'aws-cdk-lib';

/**
 * The parts of an OpenAPI 3.0 document that API Gateway acts on when it imports an HTTP API,
 * and helpers to walk a document that may hold CDK tokens. Documents are plain JSON-like
 * objects; values that hold a token are opaque to every check.
 */

/** The API Gateway extensions this library reads or writes. */
export const EXT = {
  INTEGRATION: 'x-amazon-apigateway-integration',
  INTEGRATIONS: 'x-amazon-apigateway-integrations',
  ANY_METHOD: 'x-amazon-apigateway-any-method',
  AUTHORIZER: 'x-amazon-apigateway-authorizer',
  AUTHTYPE: 'x-amazon-apigateway-authtype',
  CORS: 'x-amazon-apigateway-cors',
  ENDPOINT: 'x-amazon-apigateway-endpoint-configuration',
  TAG_VALUE: 'x-amazon-apigateway-tag-value',
  IMPORT_EXPORT_VERSION: 'x-amazon-apigateway-importexport-version',
} as const;

/**
 * A JSON object of an OpenAPI document. Documents come from users, in any shape: their fields
 * are only known once checked, and every check tests the type of what it reads.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonObject = Record<string, any>;

/** The prefix of every API Gateway extension. */
export const EXT_PREFIX = 'x-amazon-apigateway-';

/** The `$ref` prefix of integrations shared through `components.x-amazon-apigateway-integrations`. */
export const INTEGRATION_REF_PREFIX = `#/components/${EXT.INTEGRATIONS}/`;

/** Path item keys that hold an operation, with the route method each stands for. */
export const OPERATION_KEYS: Readonly<Record<string, string>> = {
  'get': 'GET',
  'put': 'PUT',
  'post': 'POST',
  'delete': 'DELETE',
  'options': 'OPTIONS',
  'head': 'HEAD',
  'patch': 'PATCH',
  [EXT.ANY_METHOD]: 'ANY',
};

/** The path item key of an operation for a route method. */
export function operationKeyOf(method: string): string {
  return method === 'ANY' ? EXT.ANY_METHOD : method.toLowerCase();
}

/** The path under which a document declares the `$default` route. */
export const DEFAULT_ROUTE_PATH = '/$default';

/** One operation of a document: a route of the API. */
export interface DocumentOperation {
  /** The route key it creates: `GET /pets` or `$default`. */
  readonly routeKey: string;
  /** The route method: `GET`, ..., `ANY`. */
  readonly method: string;
  /** The path key in the document, e.g. `/pets/{id}`. */
  readonly path: string;
  /** The key of the operation in its path item, e.g. `get`. */
  readonly operationKey: string;
  /** The operation object, mutable. */
  readonly operation: JsonObject;
  /** Where the operation is, for messages: `paths['/pets'].get`. */
  readonly where: string;
}

/** Whether a value is a plain JSON object (not an array, not a token). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Token.isUnresolved(value)
    && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);
}

/** Whether a value is known at synth time: no token in it, at its own level. */
export function isKnown(value: unknown): boolean {
  return !Token.isUnresolved(value);
}

/**
 * A deep copy of plain objects and arrays; anything else (strings, numbers, tokens and other
 * objects) is shared, so that tokens keep resolving.
 */
export function copyDocument<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyDocument) as unknown as T;
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = copyDocument(item);
    return out as T;
  }
  return value;
}

/** `paths['/pets'].get`: a readable location in a document. */
export function where(...parts: string[]): string {
  return parts.map((part, i) => {
    if (/^[A-Za-z_][\w-]*$/.test(part)) return i === 0 ? part : `.${part}`;
    return `['${part}']`;
  }).join('');
}

/** The operations of a document, in document order; the `$default` route among them. */
export function operationsOf(document: JsonObject): DocumentOperation[] {
  const paths = document.paths;
  if (!isObject(paths)) return [];
  const out: DocumentOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [key, operation] of Object.entries(item)) {
      const method = OPERATION_KEYS[key];
      if (method === undefined || !isObject(operation)) continue;
      const isDefault = path === DEFAULT_ROUTE_PATH && key === EXT.ANY_METHOD && operation.isDefaultRoute === true;
      out.push({
        routeKey: isDefault ? '$default' : `${method} ${path}`,
        method,
        path,
        operationKey: key,
        operation,
        where: where('paths', path, key),
      });
    }
  }
  return out;
}

/** The security requirements of an operation, as `[scheme name, scopes]`, when it lists them. */
export function securityOf(operation: JsonObject): Array<[string, unknown]> | undefined {
  const security = operation.security;
  if (!Array.isArray(security)) return undefined;
  return security.filter(isObject).flatMap(requirement => Object.entries(requirement));
}

/** Drops the keys whose value is undefined, so the rendered document has no empty fields. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) out[key] = item;
  }
  return out as T;
}

/** Whether a document disables the execute-api endpoint. */
export function endpointDisabledIn(document: unknown): boolean {
  if (!isObject(document) || !Array.isArray(document.servers)) return false;
  return document.servers.some(server => isObject(server) && server[EXT.ENDPOINT]?.disableExecuteApiEndpoint === true);
}

/** The authorization type of each security scheme of a document. */
export function securitySchemeKinds(document: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, scheme] of Object.entries(isObject(document.components?.securitySchemes) ? document.components.securitySchemes : {})) {
    if (!isObject(scheme)) continue;
    const type = String(scheme[EXT.AUTHORIZER]?.type ?? '').toLowerCase();
    if (type === 'jwt') out.set(name, 'JWT');
    else if (type === 'request') out.set(name, 'CUSTOM');
    else if (String(scheme[EXT.AUTHTYPE] ?? '').toLowerCase() === 'awssigv4') out.set(name, 'AWS_IAM');
  }
  return out;
}
