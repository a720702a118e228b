import type { IConstruct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import { refuse, shown, warn } from '../../private/error';

/**
 * API Gateway's rules for the request parameter mappings of HTTP API integrations without a
 * subtype (AWS service integrations name their action's parameters instead).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 */

const KEY = /^(?:(append|overwrite|remove):(header|querystring)\.(.+)|overwrite:path)$/;

/** Headers API Gateway does not let mappings change. */
const RESERVED_HEADERS = new Set([
  'authorization', 'connection', 'content-encoding', 'content-length', 'content-location', 'forwarded',
  'keep-alive', 'origin', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailers',
  'transfer-encoding', 'upgrade', 'via', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto',
]);
const RESERVED_HEADER_PREFIXES = ['access-control-', 'apigw-', 'x-amz-', 'x-amzn-'];

/** Selection expressions a request mapping value may start with, and what must follow. */
const VALUE_FORMS: [RegExp, RegExp, string][] = [
  [/^\$request\./, /^\$request\.(header\.[^.\s]+|querystring\.[^.\s]+|body(\.\S+)?|path(\.[^.\s]+)?)$/,
    "'$request.header.NAME', '$request.querystring.NAME', '$request.body.PATH', '$request.path' or '$request.path.NAME'"],
  [/^\$context\./, /^\$context\.[A-Za-z0-9._]+$/, "'$context.NAME', where NAME has letters, digits, '.' and '_'"],
  [/^\$stageVariables\./, /^\$stageVariables\.[A-Za-z0-9_]+$/, "'$stageVariables.NAME', where NAME has letters, digits and '_'"],
];

export function validateRequestParameterMapping(scope: IConstruct, mappings: { [key: string]: string }): void {
  for (const [key, value] of Object.entries(mappings)) {
    if (Token.isUnresolved(key)) continue;
    const match = KEY.exec(key);
    if (!match) {
      refuse('parameterMapping', `invalid \`parameterMapping\` key ${shown(key)}: use 'append:header.NAME', 'overwrite:header.NAME', 'remove:header.NAME', `
        + "the same with 'querystring.NAME', or 'overwrite:path'", scope);
    }
    if (match[3] !== undefined) warnNameSeparators(scope, key, match[3]);
    if (match[2] === 'header') {
      const header = match[3].toLowerCase();
      if (RESERVED_HEADERS.has(header) || RESERVED_HEADER_PREFIXES.some(prefix => header.startsWith(prefix))) {
        refuse('parameterMapping', `invalid \`parameterMapping\` key ${shown(key)}: API Gateway reserves the header '${match[3]}' and does not map it; `
          + 'map the value to another header', scope);
      }
    }
    if (typeof value !== 'string' || Token.isUnresolved(value)) continue;
    for (const [family, form, expected] of VALUE_FORMS) {
      if (family.test(value) && !form.test(value)) {
        refuse('parameterMapping', `invalid \`parameterMapping\` value ${shown(value)} for ${shown(key)}: use ${expected}, a static value, `
          + "or several expressions in the form '${request.path.id}'", scope);
      }
    }
  }
}

/**
 * A header or query string name with a '.' or ':' in a mapping key, whose own separators are
 * ':' and '.'. The parameter mapping guide does not say how API Gateway splits such a key, so
 * this is a warning rather than a refusal.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 */
function warnNameSeparators(scope: IConstruct, key: string, name: string): void {
  const separator = [...name].find(c => c === '.' || c === ':');
  if (separator === undefined) return;
  warn(scope, 'parameterMappingNameSeparator',
    `\`parameterMapping\` key ${shown(key)} names ${shown(name)}, which holds '${separator}': the key uses ':' and '.' as its own separators, `
    + 'and API Gateway does not document how it reads a name that holds them; check the mapping after deploying, or use a name without them');
}
