import type { RouteModel } from '../assembly/model';

/** The route a request selected, with its path variables (decoded). */
export interface RouteMatch {
  readonly route: RouteModel;
  readonly pathParameters: Record<string, string>;
}

/** The methods of HTTP API route keys. */
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

const LITERAL = 0;
const VARIABLE = 1;
const GREEDY = 2;

interface Node {
  readonly literals: Map<string, Node>;
  readonly variables: { name: string; node: Node }[];
  /** Routes ending in a greedy variable at this level: `{name+}`. */
  readonly greedy: { name: string; routes: Map<string, RouteModel> }[];
  /** Routes ending at this node, by method. */
  readonly routes: Map<string, RouteModel>;
}

interface Candidate {
  readonly route: RouteModel;
  readonly exactMethod: boolean;
  readonly shape: number[];
  readonly params: Record<string, string>;
}

function newNode(): Node {
  return { literals: new Map(), variables: [], greedy: [], routes: new Map() };
}

/**
 * API Gateway's route selection for HTTP APIs. Documented: a full match of route and method
 * (path variables match one segment) beats a match through a greedy variable `{name+}`, which
 * beats `$default`; `ANY` matches the methods not otherwise defined for the path. Observed (pinned
 * by the simulator in the research, not by AWS's documentation): an exact method beats `ANY`
 * before paths are compared, then paths compare segment by segment from the left, a literal
 * beating `{var}` beating `{var+}` (so the longest literal prefix wins between greedy routes).
 * A greedy variable needs at least one segment; `{var}` never matches an empty segment; one
 * trailing slash is ignored.
 */
export class RouteTable {
  private readonly root = newNode();
  private defaultRoute?: RouteModel;

  constructor(routes: readonly RouteModel[]) {
    for (const route of routes) {
      if (route.key === '$default') {
        this.defaultRoute = route;
        continue;
      }
      const parsed = parseRouteKey(route.key);
      if (!parsed) continue;
      let node: Node | undefined = this.root;
      const segments = splitPath(parsed.path);
      segments.forEach((segment, i) => {
        if (!node) return;
        const variable = /^\{([^{}+]+)(\+?)\}$/.exec(segment);
        if (variable && variable[2] === '+' && i === segments.length - 1) {
          let greedy = node.greedy.find(g => g.name === variable[1]);
          if (!greedy) node.greedy.push(greedy = { name: variable[1], routes: new Map() });
          greedy.routes.set(parsed.method, route);
          node = undefined;
          return;
        }
        if (variable && variable[2] === '') {
          let child = node.variables.find(v => v.name === variable[1]);
          if (!child) node.variables.push(child = { name: variable[1], node: newNode() });
          node = child.node;
        } else {
          let child = node.literals.get(segment);
          if (!child) node.literals.set(segment, child = newNode());
          node = child;
        }
      });
      if (node) node.routes.set(parsed.method, route);
    }
  }

  /** The route for a method and a decoded path (without the stage), or undefined (404). */
  match(method: string, path: string): RouteMatch | undefined {
    const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const segments = splitPath(trimmed);
    const candidates: Candidate[] = [];
    this.collect(this.root, segments, 0, method, [], {}, candidates);
    let best: Candidate | undefined;
    for (const candidate of candidates) {
      if (!best || compare(candidate, best) < 0) best = candidate;
    }
    if (best) return { route: best.route, pathParameters: best.params };
    return this.defaultRoute ? { route: this.defaultRoute, pathParameters: {} } : undefined;
  }

  /** Collects every route matching the path with this exact method or ANY. */
  private collect(node: Node, segments: string[], i: number, method: string, shape: number[], params: Record<string, string>, out: Candidate[]): void {
    for (const greedy of node.greedy) {
      if (i < segments.length) {
        const rest = segments.slice(i).join('/');
        if (rest !== '') addCandidates(greedy.routes, method, [...shape, GREEDY], { ...params, [greedy.name]: rest }, out);
      }
    }
    if (i === segments.length) {
      addCandidates(node.routes, method, shape, params, out);
      return;
    }
    const segment = segments[i];
    const literal = node.literals.get(segment);
    if (literal) this.collect(literal, segments, i + 1, method, [...shape, LITERAL], params, out);
    if (segment !== '') {
      for (const variable of node.variables) {
        this.collect(variable.node, segments, i + 1, method, [...shape, VARIABLE], { ...params, [variable.name]: segment }, out);
      }
    }
  }
}

function addCandidates(routes: Map<string, RouteModel>, method: string, shape: number[], params: Record<string, string>, out: Candidate[]): void {
  const exact = routes.get(method);
  if (exact) out.push({ route: exact, exactMethod: true, shape, params });
  else {
    const any = routes.get('ANY');
    if (any) out.push({ route: any, exactMethod: false, shape, params });
  }
}

/** Negative when `a` ranks before `b`. */
function compare(a: Candidate, b: Candidate): number {
  const greedyA = a.shape.includes(GREEDY) ? 1 : 0;
  const greedyB = b.shape.includes(GREEDY) ? 1 : 0;
  if (greedyA !== greedyB) return greedyA - greedyB;
  if (a.exactMethod !== b.exactMethod) return a.exactMethod ? -1 : 1;
  for (let i = 0; i < Math.min(a.shape.length, b.shape.length); i++) {
    if (a.shape[i] !== b.shape[i]) return a.shape[i] - b.shape[i];
  }
  return b.shape.length - a.shape.length;
}

/** `GET /pets/{id}` as method and path; undefined for keys that are not HTTP route keys. */
export function parseRouteKey(key: string): { method: string; path: string } | undefined {
  const match = /^(\S+) (\/\S*)$/.exec(key);
  if (!match || !ROUTE_METHODS.includes(match[1])) return undefined;
  return { method: match[1], path: match[2] };
}

function splitPath(path: string): string[] {
  return path === '/' || path === '' ? [] : path.replace(/^\//, '').split('/');
}
