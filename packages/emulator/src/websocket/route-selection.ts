import { pathParts } from '../http/selection';

/** A part of a route selection expression: static text, or a `$request.body` JSON path. */
type Part = { readonly text: string } | { readonly path: readonly string[] | undefined };

/**
 * A WebSocket API's route selection expression, parsed once [doc:
 * apigateway-websocket-api-selection-expressions]: variables are `$request.body.<path>` or
 * `${request.body.<path>}` (braces bound them, so several can sit in static text), `\$` is a
 * literal `$`, anything else is static text.
 */
export class RouteSelectionExpression {
  private readonly parts: Part[];

  constructor(readonly expression: string) {
    this.parts = parse(expression);
  }

  /**
   * The route key a message selects: the expression evaluated on the message's JSON (a path
   * that names nothing gives `""`; arrays are stringified as `[a, b]`) [doc]. Undefined when the
   * message is not JSON: API Gateway sends it to `$default` [doc].
   */
  evaluate(message: string): string | undefined {
    let body: unknown;
    try {
      body = JSON.parse(message);
    } catch {
      return undefined;
    }
    let out = '';
    for (const part of this.parts) {
      if ('text' in part) out += part.text;
      else if (part.path) out += stringify(lookup(body, part.path));
    }
    return out;
  }
}

function parse(expression: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  const variable = (inner: string) => {
    if (text) parts.push({ text });
    text = '';
    // Only `request.body` variables exist in WebSocket route selection [doc]; others name nothing.
    const match = /^request\.body(.*)$/s.exec(inner);
    parts.push({ path: match ? pathParts(match[1]) : undefined });
  };
  while (i < expression.length) {
    const rest = expression.slice(i);
    if (rest.startsWith('\\$')) {
      text += '$';
      i += 2;
    } else if (rest.startsWith('${')) {
      const end = expression.indexOf('}', i + 2);
      if (end < 0) {
        text += rest;
        break;
      }
      variable(expression.slice(i + 2, end).replace(/^\$/, ''));
      i = end + 1;
    } else if (rest.startsWith('$')) {
      // Unbraced: the variable runs as far as a JSON path does.
      const match = /^\$(request\.body(?:\.[A-Za-z0-9_]+|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*)/.exec(rest);
      if (match) {
        variable(match[1]);
        i += match[0].length;
      } else {
        text += '$';
        i += 1;
      }
    } else {
      text += expression[i];
      i += 1;
    }
  }
  if (text) parts.push({ text });
  return parts;
}

function lookup(body: unknown, path: readonly string[]): unknown {
  let value = body;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * A JSON value as API Gateway puts it in a route key: strings as they are, arrays as
 * `[item1, item2]` [doc]; objects as `{key=value}` and null as `""` [unverified: written as
 * arrays are, the way Java prints collections].
 */
function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(stringify).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}=${stringify(v)}`).join(', ')}}`;
  return String(value);
}
