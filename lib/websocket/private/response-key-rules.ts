import type { IConstruct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import { shown, warn } from '../../private/error';

/**
 * The regular expressions of WebSocket integration response keys (`/4\d\d/`). API Gateway
 * matches them in its service, whose regex dialect (Java's, as for the selection patterns of
 * REST APIs) differs from JavaScript's, with which this library checks them. The guide does
 * not name the dialect, so constructs the two read differently are warned about, not refused.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
 * @see https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html
 */

/** Escapes that Java reads as anchors, classes or quoting, and JavaScript as the plain letter. */
const JAVA_ESCAPES: { [letter: string]: string } = {
  A: '\\A (start of input)', Z: '\\Z (end of input)', z: '\\z (end of input)', G: '\\G (end of the previous match)',
  Q: '\\Q...\\E (quoting)', E: '\\Q...\\E (quoting)', h: '\\h (horizontal space)', H: '\\H (not horizontal space)',
  R: '\\R (line break)', X: '\\X (grapheme)', p: '\\p{...} (a character property)', P: '\\P{...} (not a character property)',
};

/**
 * The constructs of `pattern` that Java and JavaScript read differently, described for a
 * message; empty when there are none.
 */
export function regexDialectDifferences(pattern: string): string[] {
  const found = new Set<string>();
  let inClass = false;
  let previousWasQuantifier = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next !== undefined && JAVA_ESCAPES[next]) found.add(`${JAVA_ESCAPES[next]}, which only Java knows`);
      i++;
      previousWasQuantifier = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '&' && pattern[i + 1] === '&') found.add('\'&&\' in a character class (an intersection in Java, two characters in JavaScript)');
      continue;
    }
    if (c === '[') {
      if (pattern.startsWith('[]', i) || pattern.startsWith('[^]', i)) {
        found.add(`'${pattern.startsWith('[]', i) ? '[]' : '[^]'}' (an empty class in JavaScript, an error in Java)`);
      }
      inClass = true;
      // A ']' right after '[' or '[^' is a literal in Java and closes the class in JavaScript.
      i += pattern.startsWith('[^', i) ? 1 : 0;
      previousWasQuantifier = false;
      continue;
    }
    if (c === '+' && previousWasQuantifier) {
      found.add('a possessive quantifier such as \'*+\' (Java only)');
      previousWasQuantifier = false;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      if (pattern[i + 2] === '>') found.add('an atomic group \'(?>...)\' (Java only)');
      else if (/^[a-zA-Z-]+[:)]/.test(pattern.slice(i + 2))) found.add('inline flags such as \'(?i)\' (Java only)');
    }
    previousWasQuantifier = c === '*' || c === '+' || c === '}' || (c === '?' && pattern[i - 1] !== '(');
  }
  return [...found];
}

/** Warns when the pattern of an integration response key (`/pattern/`) holds constructs the two dialects read differently. */
export function warnRegexDialect(scope: IConstruct, key: string): void {
  if (Token.isUnresolved(key) || key.length < 2 || !key.startsWith('/') || !key.endsWith('/')) return;
  const differences = regexDialectDifferences(key.slice(1, -1));
  if (differences.length === 0) return;
  warn(scope, 'webSocketResponseKeyRegexDialect',
    `integration response key ${shown(key)} uses ${differences.join('; ')}: API Gateway matches keys with its own regex engine (Java's), `
    + 'which this library cannot run, so the key is not checked and may match otherwise than in JavaScript; use syntax both read alike');
}
