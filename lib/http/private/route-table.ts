import { Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { RouteChecker } from '../../private/api-registry';
import { refuse, shown } from '../../private/error';

/**
 * The model of an HTTP API's route table: route keys parsed into methods and path segments,
 * and a table that enforces API Gateway's rules between routes (duplicate keys, conflicting
 * variables on one level) without scanning every route it holds.
 *
 * Everything here is private to the library; route constructs, the OpenAPI export and the
 * local emulator build on these types.
 */

/** One segment of a route path: the text between two `/`. */
export type RouteSegment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

/** A route key taken apart. */
export interface ParsedRoute {
  /** The key as given: `'GET /pets/{id}'` or `'$default'`. */
  readonly key: string;
  /**
   * The method (one of `ROUTE_METHODS`); undefined for `$default` and for an unresolved key
   * that has no space to split at.
   */
  readonly method?: string;
  /**
   * The path, starting with `/`; undefined for `$default` and for an unresolved key that has
   * no space to split at.
   */
  readonly path?: string;
  /** The path's segments; empty for `/`, for `$default` and for an unresolved key. */
  readonly segments: readonly RouteSegment[];
  /** Whether this is the `$default` route. */
  readonly isDefault: boolean;
  /**
   * Whether the key contains an unresolved CDK token. Such a route was not checked against the
   * path rules, its `segments` are empty and it can only clash with an identical key.
   */
  readonly isUnresolved?: boolean;
}

/** The methods an HTTP API route key may use. */
export const ROUTE_METHODS: readonly string[] = ['ANY', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/** The route key that catches requests no other route matches. */
export const DEFAULT_ROUTE_KEY = '$default';

const METHOD_SET: ReadonlySet<string> = new Set(ROUTE_METHODS);

type PathAnalysis =
  | { readonly segments: RouteSegment[]; readonly problem?: undefined }
  | { readonly problem: string; readonly segments?: undefined };

/** Parses one segment; a whole `{...}` segment is a variable, anything else a literal. */
function parseSegment(text: string): RouteSegment {
  if (text.length >= 2 && text.startsWith('{') && text.endsWith('}')) {
    const inner = text.slice(1, -1);
    return inner.endsWith('+')
      ? { kind: 'greedy', name: inner.slice(0, -1) }
      : { kind: 'variable', name: inner };
  }
  return { kind: 'literal', value: text };
}

/** The path with leading blanks, empty segments and trailing `/` removed: the suggested fix. */
function tidyPath(path: string): string {
  const texts = path.replace(/^\s+/, '').split('/').filter((text) => text !== '');
  return `/${texts.join('/')}`;
}

/** Validates and parses a resolved path in one pass. */
function analysePath(path: string): PathAnalysis {
  if (!path.startsWith('/')) {
    return { problem: `a path must start with '/': use ${shown(tidyPath(path))}` };
  }
  if (path === '/') {
    return { segments: [] };
  }
  if (path.endsWith('/')) {
    return { problem: `a path must not end with '/': use ${shown(tidyPath(path))}` };
  }
  const texts = path.slice(1).split('/');
  if (texts.includes('')) {
    return { problem: `a path must not contain an empty segment ('//'): use ${shown(tidyPath(path))}` };
  }
  const segments: RouteSegment[] = [];
  const names = new Set<string>();
  for (let i = 0; i < texts.length; i++) {
    const segment = parseSegment(texts[i]);
    if (segment.kind === 'literal') {
      segments.push(segment);
      continue;
    }
    if (segment.name === '') {
      const example = segment.kind === 'greedy' ? '{proxy+}' : '{id}';
      return { problem: `variable ${shown(texts[i])} has no name: name it, e.g. '${example}'` };
    }
    if (segment.kind === 'greedy' && i < texts.length - 1) {
      return {
        problem: `greedy variable ${shown(texts[i])} must be the last segment: end the path there or use '{${segment.name}}'`,
      };
    }
    if (names.has(segment.name)) {
      return {
        problem: `variable name ${shown(segment.name)} appears more than once: give each variable in a path its own name`,
      };
    }
    names.add(segment.name);
    segments.push(segment);
  }
  return { segments };
}

/** Writes one segment back as path text. */
export function formatRouteSegment(segment: RouteSegment): string {
  switch (segment.kind) {
    case 'literal':
      return segment.value;
    case 'variable':
      return `{${segment.name}}`;
    case 'greedy':
      return `{${segment.name}+}`;
  }
}

/** Writes segments back as a path; `[]` gives `/`. The inverse of `parseRoutePath`. */
export function formatRoutePath(segments: readonly RouteSegment[]): string {
  return `/${segments.map(formatRouteSegment).join('/')}`;
}

/**
 * Returns a problem description (without the setting name prefix) or undefined if the path
 * is valid. A path with an unresolved CDK token is not checked.
 */
export function routePathProblem(path: string): string | undefined {
  if (Token.isUnresolved(path)) {
    return undefined;
  }
  return analysePath(path).problem;
}

/**
 * Parses a path into segments; throws `ApiGatewayV2Error` (with scope) when the path breaks
 * a rule. A path with an unresolved CDK token gives `[]`.
 */
export function parseRoutePath(path: string, scope?: IConstruct): RouteSegment[] {
  if (Token.isUnresolved(path)) {
    return [];
  }
  const analysis = analysePath(path);
  if (analysis.problem !== undefined) {
    refuse('routePath', `invalid \`path\` ${shown(path)}: ${analysis.problem}`, scope);
  }
  return analysis.segments;
}

function methodProblem(method: string): string | undefined {
  if (METHOD_SET.has(method)) {
    return undefined;
  }
  const upper = method.toUpperCase();
  const fix = METHOD_SET.has(upper) ? `use ${shown(upper)}` : `use one of ${ROUTE_METHODS.join(', ')}`;
  return `method ${shown(method)} is not an HTTP API route method: ${fix}`;
}

/**
 * Parses `'METHOD /path'` or `'$default'`; throws `ApiGatewayV2Error` (with scope) when the
 * key breaks a rule. A key with an unresolved CDK token is split at its first space but not
 * checked, and gets no segments.
 */
export function parseRouteKey(key: string, scope?: IConstruct): ParsedRoute {
  if (key === DEFAULT_ROUTE_KEY) {
    return { key, segments: [], isDefault: true, isUnresolved: false };
  }
  const space = key.indexOf(' ');
  if (Token.isUnresolved(key)) {
    if (space < 0) {
      return { key, segments: [], isDefault: false, isUnresolved: true };
    }
    const method = key.slice(0, space);
    const problem = Token.isUnresolved(method) ? undefined : methodProblem(method);
    if (problem !== undefined) {
      refuse('routeKey', `invalid \`routeKey\` ${shown(key)}: ${problem}`, scope);
    }
    return { key, method, path: key.slice(space + 1), segments: [], isDefault: false, isUnresolved: true };
  }
  if (space < 0) {
    refuse('routeKey',
      `invalid \`routeKey\` ${shown(key)}: a route key is 'METHOD /path' or '$default': write it as e.g. 'GET /pets'`,
      scope,
    );
  }
  const method = key.slice(0, space);
  const path = key.slice(space + 1);
  const problem = methodProblem(method);
  if (problem !== undefined) {
    refuse('routeKey', `invalid \`routeKey\` ${shown(key)}: ${problem}`, scope);
  }
  const analysis = analysePath(path);
  if (analysis.problem !== undefined) {
    refuse('routeKey', `invalid \`routeKey\` ${shown(key)}: ${analysis.problem}`, scope);
  }
  return { key, method, path, segments: analysis.segments, isDefault: false, isUnresolved: false };
}

/** A node of the path trie: one per distinct parent path. */
interface TrieNode {
  /** Children reached through a literal segment, by its value. */
  readonly literals: Map<string, TrieNode>;
  /** The one non-greedy variable this level may have, with the first route that used it. */
  variable?: { readonly name: string; readonly firstKey: string; readonly child: TrieNode };
}

function newNode(): TrieNode {
  return { literals: new Map() };
}

/**
 * The routes of one HTTP API. `add` checks a route against API Gateway's rules in time
 * proportional to its number of segments, however many routes the table holds. It is the
 * route checker of HTTP APIs in their registries (lib/private/api-registry.ts).
 */
export class RouteTable implements RouteChecker<ParsedRoute> {
  private readonly byKey = new Map<string, ParsedRoute>();
  private readonly root: TrieNode = newNode();

  /**
   * Registers a route; throws `ApiGatewayV2Error` (scoped to `scope`) on an invalid key, a
   * duplicate key or a variable that conflicts with another route's. Returns the parsed route.
   */
  public add(key: string, scope?: IConstruct): ParsedRoute {
    const route = parseRouteKey(key, scope);
    if (this.byKey.has(key)) this.refuseDuplicate(key, scope);
    this.checkConflicts(route, scope);
    this.insert(route);
    this.byKey.set(key, route);
    return route;
  }

  /** Refuses a key that a route of the table already has. */
  public refuseDuplicate(key: string, scope?: IConstruct): never {
    return refuse('duplicateRoute',
      `duplicate \`routeKey\` ${shown(key)}: an HTTP API has one route per method and path: remove the second route or change its method or path`,
      scope,
    );
  }

  /** Whether a route with exactly this key is registered. */
  public has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The registered route with exactly this key. */
  public get(key: string): ParsedRoute | undefined {
    return this.byKey.get(key);
  }

  /** The number of registered routes. */
  public get size(): number {
    return this.byKey.size;
  }

  /** The registered routes, in the order they were added. */
  public routes(): ParsedRoute[] {
    return [...this.byKey.values()];
  }

  /** Walks the trie without changing it; throws on the first conflicting variable. */
  private checkConflicts(route: ParsedRoute, scope?: IConstruct): void {
    let node: TrieNode | undefined = this.root;
    const segments = route.segments;
    for (let i = 0; i < segments.length && node; i++) {
      const segment = segments[i];
      if (segment.kind === 'literal') {
        node = node.literals.get(segment.value);
      } else if (segment.kind === 'variable') {
        const existing: TrieNode['variable'] = node.variable;
        if (existing && existing.name !== segment.name) {
          const parent = formatRoutePath(segments.slice(0, i));
          refuse('routeVariableConflict',
            `conflicting \`routeKey\` ${shown(route.key)}: variable '{${segment.name}}' sits under ${shown(parent)} ` +
              `where route ${shown(existing.firstKey)} has '{${existing.name}}', and API Gateway allows one variable name per level: ` +
              `rename '{${segment.name}}' to '{${existing.name}}'`,
            scope,
          );
        }
        node = existing?.child;
      } else {
        // A greedy variable is always last and never conflicts.
        node = undefined;
      }
    }
  }

  /** Adds the route's path to the trie; the route has passed `checkConflicts`. */
  private insert(route: ParsedRoute): void {
    let node = this.root;
    for (const segment of route.segments) {
      if (segment.kind === 'literal') {
        let child = node.literals.get(segment.value);
        if (!child) {
          child = newNode();
          node.literals.set(segment.value, child);
        }
        node = child;
      } else if (segment.kind === 'variable') {
        if (!node.variable) {
          node.variable = { name: segment.name, firstKey: route.key, child: newNode() };
        }
        node = node.variable.child;
      } else {
        return;
      }
    }
  }
}
