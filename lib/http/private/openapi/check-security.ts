import type { CheckContext } from './context';
import { badDocument, warnDocument } from './context';
import type { DocumentOperation, JsonObject } from './model';
import { EXT, isKnown, isObject, securityOf, where } from './model';
import { shown } from '../../../private/error';
import { LIMITS } from '../../../private/limits';

/**
 * API Gateway's rules for the security schemes (authorizers) and security requirements of an
 * HTTP API document.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 */

/** The authorization type a scheme gives routes, or undefined for a scheme API Gateway cannot enforce. */
export type SchemeAuthorization = 'JWT' | 'CUSTOM' | 'AWS_IAM' | undefined;

const HTTP_IDENTITY_SOURCE = /^\$(request\.header|request\.querystring|context|stageVariables)\.\S+$/;
const JWT_IDENTITY_SOURCE = /^\$request\.(header|querystring)\.\S+$/;
const MAX_AUDIENCES = 50;
const MAX_TTL_SECONDS = 3600;

/** Identity sources are a comma-separated string in AWS's documentation, a list in SAM's: both are read. */
export function identitySources(value: unknown): string[] | undefined {
  if (typeof value === 'string' && isKnown(value)) return value.split(',').map(s => s.trim()).filter(s => s !== '');
  if (Array.isArray(value)) return value.filter(s => typeof s === 'string');
  return undefined;
}

/**
 * Checks every security scheme of the document; returns each scheme's authorization type.
 */
export function checkSecuritySchemes(ctx: CheckContext, document: JsonObject): Map<string, SchemeAuthorization> {
  const out = new Map<string, SchemeAuthorization>();
  const schemes = document.components?.securitySchemes;
  if (!isObject(schemes)) return out;
  for (const [name, scheme] of Object.entries(schemes)) {
    out.set(name, checkScheme(ctx, where('components', 'securitySchemes', name), scheme));
  }
  return out;
}

function checkScheme(ctx: CheckContext, location: string, scheme: unknown): SchemeAuthorization {
  if (!isObject(scheme)) return undefined;
  const authtype = scheme[EXT.AUTHTYPE];
  const authorizer = scheme[EXT.AUTHORIZER];
  if (authorizer === undefined) {
    return typeof authtype === 'string' && authtype.toLowerCase() === 'awssigv4' ? 'AWS_IAM' : undefined;
  }
  const at = (field: string) => `${location}.${EXT.AUTHORIZER}.${field}`;
  if (!isObject(authorizer)) {
    if (isKnown(authorizer)) badDocument(ctx, 'openApiAuthorizer', `${location}.${EXT.AUTHORIZER}`, 'an authorizer is an object');
    return undefined;
  }
  const type = typeof authorizer.type === 'string' ? authorizer.type.toLowerCase() : authorizer.type;
  const sources = identitySources(authorizer.identitySource);
  switch (type) {
    case 'jwt':
      checkJwt(ctx, location, scheme, authorizer, sources);
      return 'JWT';
    case 'request':
      checkLambda(ctx, at, authorizer, sources);
      return 'CUSTOM';
    case 'token':
      return badDocument(ctx, 'openApiAuthorizer', at('type'), "'token' authorizers are for REST APIs: an HTTP API's Lambda authorizer has type 'request' (or use type 'jwt' for JWTs)");
    default:
      if (!isKnown(type)) return undefined;
      return badDocument(ctx, 'openApiAuthorizer', at('type'), `unknown authorizer type ${shown(authorizer.type)}: HTTP APIs take 'jwt' and 'request' (Lambda) authorizers`);
  }
}

function checkJwt(ctx: CheckContext, location: string, scheme: JsonObject, authorizer: JsonObject, sources?: string[]): void {
  const at = `${location}.${EXT.AUTHORIZER}`;
  const config = authorizer.jwtConfiguration;
  if (!isObject(config)) {
    if (isKnown(config)) badDocument(ctx, 'openApiAuthorizer', `${at}.jwtConfiguration`, 'a JWT authorizer needs `jwtConfiguration` with its `issuer` and `audience`');
    return;
  }
  const discovered = scheme.type === 'openIdConnect' && scheme.openIdConnectUrl !== undefined;
  if (config.issuer === undefined && !discovered) {
    badDocument(ctx, 'openApiAuthorizer', `${at}.jwtConfiguration.issuer`, 'a JWT authorizer needs `issuer`, the URL of the token issuer '
      + '(or a scheme of type openIdConnect with `openIdConnectUrl`, from which API Gateway reads it)');
  }
  const audience = config.audience;
  if (isKnown(audience) && (!Array.isArray(audience) || audience.length === 0 || audience.length > MAX_AUDIENCES)) {
    badDocument(ctx, 'openApiAuthorizer', `${at}.jwtConfiguration.audience`, `a JWT authorizer needs \`audience\`: a list of 1 to ${MAX_AUDIENCES} audiences (client ids), not ${shown(audience)}`);
  }
  if (sources !== undefined && (sources.length !== 1 || (isKnown(sources[0]) && !JWT_IDENTITY_SOURCE.test(sources[0])))) {
    badDocument(ctx, 'openApiAuthorizer', `${at}.identitySource`, `invalid identity source ${shown(authorizer.identitySource)} of a JWT authorizer: give exactly one `
      + "'$request.header.NAME' or '$request.querystring.NAME' that carries the token");
  }
  if (sources === undefined && isKnown(authorizer.identitySource)) {
    badDocument(ctx, 'openApiAuthorizer', `${at}.identitySource`, "a JWT authorizer needs `identitySource`: the '$request.header.NAME' or '$request.querystring.NAME' that carries the token");
  }
}

function checkLambda(ctx: CheckContext, at: (field: string) => string, authorizer: JsonObject, sources?: string[]): void {
  if (authorizer.authorizerUri === undefined) {
    badDocument(ctx, 'openApiAuthorizer', at('authorizerUri'), 'a Lambda authorizer needs `authorizerUri`: the function\'s invocation URI');
  }
  const version = authorizer.authorizerPayloadFormatVersion;
  if (version === undefined) {
    badDocument(ctx, 'openApiAuthorizer', at('authorizerPayloadFormatVersion'), "a Lambda authorizer of an HTTP API needs `authorizerPayloadFormatVersion`: '1.0' or '2.0'");
  }
  const text = typeof version === 'number' ? version.toFixed(1) : version;
  if (isKnown(version) && text !== '1.0' && text !== '2.0') {
    badDocument(ctx, 'openApiAuthorizer', at('authorizerPayloadFormatVersion'), `invalid payload format version ${shown(version)}: use '1.0' or '2.0'`);
  }
  if (authorizer.enableSimpleResponses === true && text === '1.0') {
    badDocument(ctx, 'openApiAuthorizer', at('enableSimpleResponses'), "simple responses are a feature of the '2.0' authorizer payload: set "
      + "`authorizerPayloadFormatVersion` to '2.0', or remove `enableSimpleResponses`");
  }
  const ttl = authorizer.authorizerResultTtlInSeconds;
  if (ttl !== undefined && isKnown(ttl) && !(Number.isInteger(ttl) && ttl >= 0 && ttl <= MAX_TTL_SECONDS)) {
    badDocument(ctx, 'openApiAuthorizer', at('authorizerResultTtlInSeconds'), `invalid cache time ${shown(ttl)}: use a whole number of seconds from 0 to ${MAX_TTL_SECONDS}`);
  }
  for (const source of sources ?? []) {
    if (isKnown(source) && !HTTP_IDENTITY_SOURCE.test(source)) {
      badDocument(ctx, 'openApiAuthorizer', at('identitySource'), `invalid identity source ${shown(source)}: HTTP APIs read identities from '$request.header.NAME', `
        + "'$request.querystring.NAME', '$context.NAME' or '$stageVariables.NAME'");
    }
  }
  if (typeof ttl === 'number' && ttl > 0 && (sources ?? []).length === 0) {
    badDocument(ctx, 'openApiAuthorizer', at('identitySource'), 'a Lambda authorizer that caches results needs an `identitySource` to key the cache by: '
      + 'add one, or set `authorizerResultTtlInSeconds` to 0');
  }
}

/**
 * Checks the security requirements of every operation: at most one, naming a scheme the
 * document defines and API Gateway can enforce, with scopes only for JWT authorizers.
 */
export function checkSecurityRequirements(ctx: CheckContext, document: JsonObject, operations: DocumentOperation[],
  schemes: Map<string, SchemeAuthorization>): void {
  if (document.security !== undefined) {
    warnDocument(ctx, 'openApiRootSecurity', 'security', 'API Gateway applies security requirements per operation when it imports an HTTP API; '
      + 'set `security` on each operation, or `defaultAuthorizer` on the API');
  }
  for (const op of operations) {
    const security = op.operation.security;
    if (security === undefined || !isKnown(security)) continue;
    const location = `${op.where}.security`;
    if (!Array.isArray(security)) badDocument(ctx, 'openApiSecurity', location, 'security is a list of requirements');
    const requirements = securityOf(op.operation) ?? [];
    if (security.length > 1 || requirements.length > 1) {
      badDocument(ctx, 'openApiSecurity', location, `route '${op.routeKey}' lists ${requirements.length} security requirements, and API Gateway allows one `
        + 'authorizer per route (IAM, a Lambda authorizer or a JWT authorizer): keep one');
    }
    for (const [name, scopes] of requirements) {
      if (!schemes.has(name)) {
        badDocument(ctx, 'openApiSecurity', location, `security scheme '${name}' of route '${op.routeKey}' is not defined: add it under `
          + `components.securitySchemes, or bind an authorizer in code with \`authorizers: { '${name}': ... }\``);
      }
      const kind = schemes.get(name);
      if (kind === undefined) {
        badDocument(ctx, 'openApiSecurity', location, `security scheme '${name}' of route '${op.routeKey}' has no ${EXT.AUTHORIZER} (nor ${EXT.AUTHTYPE}: awsSigv4), `
          + `so API Gateway cannot enforce it and the route would be open: add the extension, or bind an authorizer in code with \`authorizers: { '${name}': ... }\``);
      }
      if (Array.isArray(scopes) && scopes.length > 0 && kind !== 'JWT') {
        badDocument(ctx, 'openApiSecurity', location, `route '${op.routeKey}' requires scopes ${shown(scopes)} of security scheme '${name}', whose type is ${kind}: `
          + 'API Gateway accepts scopes only with JWT authorizers; remove the scopes');
      }
      if (Array.isArray(scopes) && scopes.length > LIMITS.scopesPerRoute.value) {
        badDocument(ctx, 'openApiSecurity', location, `too many scopes on route '${op.routeKey}': ${scopes.length} given, API Gateway allows at most ${LIMITS.scopesPerRoute.value}`);
      }
    }
  }
}
