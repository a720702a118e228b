import type { GatewayRequest } from './request';
import { headerValue, queryValue } from './request';

/** Where the values of selection expressions come from. */
export interface SelectionSources {
  readonly request: GatewayRequest;
  /** The path without the stage. */
  readonly stagePath: string;
  readonly pathParameters: Record<string, string>;
  readonly stageVariables: Record<string, string>;
  /** `$context.*` variables, flattened (`identity.sourceIp`, `authorizer.claims.sub`, ...). */
  readonly context: Record<string, string>;
  readonly response?: { readonly headers: ReadonlyArray<readonly [string, string]>; readonly body: Buffer };
}

/** The most of a body that `$request.body.*` and `$response.body.*` read [doc: 100 KB]. */
const BODY_LIMIT = 100 * 1024;

/**
 * Evaluates a parameter mapping value or an identity source: one expression
 * (`$request.header.name`, `$request.querystring.name`, `$request.body.a.b[0]`, `$request.path`,
 * `$request.path.name`, `$context.name`, `$stageVariables.name`, `$response.header.name`,
 * `$response.body.a`), text with `${request.header.name}`-style parts, or a static string.
 * Undefined when an expression names nothing.
 */
export function evaluate(value: string, sources: SelectionSources): string | undefined {
  if (/^\$(request|response|context|stageVariables)\./.test(value)) return lookup(value.slice(1), sources);
  if (!value.includes('${')) return value;
  let missing = false;
  const out = value.replace(/\$\{([^}]+)\}/g, (_m, expression: string) => {
    const found = lookup(expression.replace(/^\$/, ''), sources);
    if (found === undefined) missing = true;
    return found ?? '';
  });
  return missing && out === '' ? undefined : out;
}

function lookup(expression: string, sources: SelectionSources): string | undefined {
  const dot = expression.indexOf('.');
  const scope = dot < 0 ? expression : expression.slice(0, dot);
  const rest = dot < 0 ? '' : expression.slice(dot + 1);
  switch (scope) {
    case 'request': return requestValue(rest, sources);
    case 'response': return responseValue(rest, sources);
    case 'context': return sources.context[rest];
    case 'stageVariables': return sources.stageVariables[rest];
    default: return undefined;
  }
}

function requestValue(expression: string, sources: SelectionSources): string | undefined {
  if (expression === 'path') return sources.stagePath;
  const dot = expression.indexOf('.');
  const kind = dot < 0 ? expression : expression.slice(0, dot);
  const name = expression.slice(dot + 1);
  switch (kind) {
    case 'header': return headerValue(sources.request, name);
    case 'querystring': return queryValue(sources.request, name);
    case 'path': return sources.pathParameters[name];
    case 'body': return jsonPath(sources.request.body, dot < 0 ? '' : name);
    default: return undefined;
  }
}

function responseValue(expression: string, sources: SelectionSources): string | undefined {
  if (!sources.response) return undefined;
  const dot = expression.indexOf('.');
  const kind = dot < 0 ? expression : expression.slice(0, dot);
  const name = expression.slice(dot + 1);
  if (kind === 'header') return headerValue(sources.response, name);
  if (kind === 'body') return jsonPath(sources.response.body, dot < 0 ? '' : name);
  return undefined;
}

/** A simple JSON path (`a.b[0]['c d']`, no recursive descent or filters) into a JSON body. */
export function jsonPath(body: Buffer, path: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.subarray(0, BODY_LIMIT).toString('utf8'));
  } catch {
    return undefined;
  }
  for (const part of pathParts(path)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function pathParts(path: string): string[] {
  const parts: string[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(path)) !== null) parts.push(match[1] ?? match[2] ?? match[3] ?? match[4]);
  return parts;
}
