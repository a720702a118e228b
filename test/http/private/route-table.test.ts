import { App, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import fc from 'fast-check';
import { ApiGatewayV2Error } from '../../../lib/private/error';
import {
  DEFAULT_ROUTE_KEY,
  formatRoutePath,
  parseRouteKey,
  parseRoutePath,
  ROUTE_METHODS,
  RouteTable,
  routePathProblem,
} from '../../../lib/http/private/route-table';
import type { RouteSegment } from '../../../lib/http/private/route-table';
import { errorOf } from '../../support';

const METHODS = ['ANY', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;

/** A table holding `keys`, added in order. */
function tableWith(...keys: string[]): RouteTable {
  const table = new RouteTable();
  for (const key of keys) {
    table.add(key);
  }
  return table;
}

function aScope(): Construct {
  const stack = new Stack(new App(), 'Stack');
  return new Construct(stack, 'Route');
}

/** Joins segments back into path text, independently of the library's own formatter. */
function join(segments: readonly RouteSegment[]): string {
  const texts = segments.map((s) => (s.kind === 'literal' ? s.value : s.kind === 'variable' ? `{${s.name}}` : `{${s.name}+}`));
  return `/${texts.join('/')}`;
}

describe('parseRoutePath', () => {
  test('`/` has no segments', () => {
    expect(parseRoutePath('/')).toEqual([]);
    expect(routePathProblem('/')).toBeUndefined();
  });

  test('literal segments', () => {
    expect(parseRoutePath('/pets/dogs')).toEqual([
      { kind: 'literal', value: 'pets' },
      { kind: 'literal', value: 'dogs' },
    ]);
  });

  test('variable segments', () => {
    expect(parseRoutePath('/pets/{id}/toys/{toyId}')).toEqual([
      { kind: 'literal', value: 'pets' },
      { kind: 'variable', name: 'id' },
      { kind: 'literal', value: 'toys' },
      { kind: 'variable', name: 'toyId' },
    ]);
  });

  test('greedy segment', () => {
    expect(parseRoutePath('/{proxy+}')).toEqual([{ kind: 'greedy', name: 'proxy' }]);
    expect(parseRoutePath('/pets/{id}/{rest+}')).toEqual([
      { kind: 'literal', value: 'pets' },
      { kind: 'variable', name: 'id' },
      { kind: 'greedy', name: 'rest' },
    ]);
  });

  test('paths are case-sensitive', () => {
    expect(parseRoutePath('/Pets/{Id}')).toEqual([
      { kind: 'literal', value: 'Pets' },
      { kind: 'variable', name: 'Id' },
    ]);
  });

  test('literal segments may hold any character but `/`, braces that do not wrap the whole segment included', () => {
    const path = '/a b/ü/*/$x/%20/a{b}/{open/close}/{/}/+/x.json';
    expect(routePathProblem(path)).toBeUndefined();
    const segments = parseRoutePath(path);
    expect(segments.every((s) => s.kind === 'literal')).toBe(true);
    expect(segments.map((s) => (s.kind === 'literal' ? s.value : ''))).toEqual([
      'a b', 'ü', '*', '$x', '%20', 'a{b}', '{open', 'close}', '{', '}', '+', 'x.json',
    ]);
  });

  describe('rule 1: start with `/`, no trailing `/`, no empty segment', () => {
    test.each([
      ['pets', "invalid `path` 'pets': a path must start with '/': use '/pets'"],
      ['', "invalid `path` '': a path must start with '/': use '/'"],
      ['/pets/', "invalid `path` '/pets/': a path must not end with '/': use '/pets'"],
      ['//', "invalid `path` '//': a path must not end with '/': use '/'"],
      ['/a//b', "invalid `path` '/a//b': a path must not contain an empty segment ('//'): use '/a/b'"],
      ['//a', "invalid `path` '//a': a path must not contain an empty segment ('//'): use '/a'"],
    ])('%j is refused', (path, message) => {
      expect(errorOf(() => parseRoutePath(path)).problem).toBe(message);
      expect(routePathProblem(path)).toBe(message.slice(message.indexOf(': ') + 2));
    });

    test.each(['/', '/pets', '/a/b', '/a/b/c'])('%j passes', (path) => {
      expect(routePathProblem(path)).toBeUndefined();
      expect(() => parseRoutePath(path)).not.toThrow();
    });
  });

  describe('rule 2: a greedy variable only as the last segment', () => {
    test('greedy in the middle is refused', () => {
      expect(errorOf(() => parseRoutePath('/{proxy+}/x')).message).toBe(
        "invalid `path` '/{proxy+}/x': greedy variable '{proxy+}' must be the last segment: end the path there or use '{proxy}' [cdk-apigatewayv2:routePath]",
      );
      expect(routePathProblem('/a/{rest+}/{id}')).toMatch(/^greedy variable '\{rest\+\}' must be the last segment/);
    });

    test('greedy at the end passes', () => {
      expect(routePathProblem('/x/{proxy+}')).toBeUndefined();
    });
  });

  describe('rule 3: variables have a name, used once per path', () => {
    test.each([
      ['/{}', "invalid `path` '/{}': variable '{}' has no name: name it, e.g. '{id}'"],
      ['/a/{+}', "invalid `path` '/a/{+}': variable '{+}' has no name: name it, e.g. '{proxy+}'"],
    ])('nameless variable %j is refused', (path, message) => {
      expect(errorOf(() => parseRoutePath(path)).problem).toBe(message);
    });

    test('a named variable passes', () => {
      expect(routePathProblem('/{a}')).toBeUndefined();
      expect(routePathProblem('/a/{p+}')).toBeUndefined();
    });

    test.each(['/a/{id}/b/{id}', '/a/{id}/b/{id+}', '/{id}/{id}'])('repeated name in %j is refused', (path) => {
      expect(errorOf(() => parseRoutePath(path)).message).toBe(
        `invalid \`path\` '${path}': variable name 'id' appears more than once: give each variable in a path its own name [cdk-apigatewayv2:routePath]`,
      );
    });

    test('distinct names pass', () => {
      expect(routePathProblem('/a/{id}/b/{bId}')).toBeUndefined();
      expect(routePathProblem('/a/{id}/b/{Id}')).toBeUndefined(); // case-sensitive names
    });
  });

  test('the error is scoped to the construct', () => {
    const scope = aScope();
    const error = errorOf(() => parseRoutePath('pets', scope));
    expect(error.constructPath).toBe('Stack/Route');
    expect(error.message).toBe("Stack/Route: invalid `path` 'pets': a path must start with '/': use '/pets' [cdk-apigatewayv2:routePath]");
  });

  test('routePathProblem gives the problem without the setting', () => {
    const problem = routePathProblem('/a/');
    expect(problem).toBe("a path must not end with '/': use '/a'");
  });

  describe('unresolved tokens are not checked', () => {
    const token = Token.asString({ Ref: 'X' });
    const lazy = Lazy.string({ produce: () => 'pets' });

    test.each([token, `/pets/${token}/`, `//${lazy}`, `no-slash-${token}`])('%j', (path) => {
      expect(routePathProblem(path)).toBeUndefined();
      expect(parseRoutePath(path)).toEqual([]);
    });
  });
});

describe('parseRouteKey', () => {
  test('a method and path', () => {
    expect(parseRouteKey('GET /pets/{id}')).toEqual({
      key: 'GET /pets/{id}',
      method: 'GET',
      path: '/pets/{id}',
      segments: [
        { kind: 'literal', value: 'pets' },
        { kind: 'variable', name: 'id' },
      ],
      isDefault: false,
      isUnresolved: false,
    });
  });

  test('$default', () => {
    const route = parseRouteKey('$default');
    expect(route).toEqual({ key: '$default', segments: [], isDefault: true, isUnresolved: false });
    expect(route.method).toBeUndefined();
    expect(route.path).toBeUndefined();
    expect(DEFAULT_ROUTE_KEY).toBe('$default');
  });

  test('the root path', () => {
    expect(parseRouteKey('ANY /')).toMatchObject({ method: 'ANY', path: '/', segments: [], isDefault: false });
  });

  test.each(METHODS)('method %s is accepted', (method) => {
    expect(parseRouteKey(`${method} /a`).method).toBe(method);
  });

  test('ROUTE_METHODS lists exactly the eight methods', () => {
    expect([...ROUTE_METHODS].sort()).toEqual([...METHODS].sort());
  });

  describe('rule 7: other methods are refused', () => {
    test('an unknown method', () => {
      expect(errorOf(() => parseRouteKey('FETCH /a')).message).toBe(
        "invalid `routeKey` 'FETCH /a': method 'FETCH' is not an HTTP API route method: use one of ANY, DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT [cdk-apigatewayv2:routeKey]",
      );
    });

    test('a lowercase method suggests the uppercase one', () => {
      expect(errorOf(() => parseRouteKey('get /a')).message).toBe(
        "invalid `routeKey` 'get /a': method 'get' is not an HTTP API route method: use 'GET' [cdk-apigatewayv2:routeKey]",
      );
    });

    test('an empty method', () => {
      expect(errorOf(() => parseRouteKey(' /a')).message).toMatch(/^invalid `routeKey` ' \/a': method '' is not/);
    });
  });

  test.each(['GET', 'GET/pets', '$DEFAULT', '', 'default'])('%j without a space is refused', (key) => {
    expect(errorOf(() => parseRouteKey(key)).message).toBe(
      `invalid \`routeKey\` '${key}': a route key is 'METHOD /path' or '$default': write it as e.g. 'GET /pets' [cdk-apigatewayv2:routeKey]`,
    );
  });

  test('path rules apply to the path of a key, naming `routeKey`', () => {
    expect(errorOf(() => parseRouteKey('GET pets')).message).toBe(
      "invalid `routeKey` 'GET pets': a path must start with '/': use '/pets' [cdk-apigatewayv2:routeKey]",
    );
    expect(errorOf(() => parseRouteKey('GET  /pets')).message).toBe(
      "invalid `routeKey` 'GET  /pets': a path must start with '/': use '/pets' [cdk-apigatewayv2:routeKey]",
    );
    expect(errorOf(() => parseRouteKey('POST /a/{x+}/b')).message).toMatch(
      /^invalid `routeKey` 'POST \/a\/\{x\+\}\/b': greedy variable '\{x\+\}' must be the last segment/,
    );
  });

  test('the error is scoped to the construct', () => {
    const error = errorOf(() => parseRouteKey('FETCH /a', aScope()));
    expect(error.constructPath).toBe('Stack/Route');
    expect(error.message).toMatch(/^Stack\/Route: invalid `routeKey` 'FETCH \/a'/);
  });

  describe('unresolved tokens', () => {
    test('a whole-token key is not split or checked', () => {
      const key = Token.asString({ Ref: 'RouteKey' });
      expect(parseRouteKey(key)).toEqual({ key, segments: [], isDefault: false, isUnresolved: true });
    });

    test('a key with a token in its path is split but the path is not checked', () => {
      const token = Token.asString({ Ref: 'X' });
      const key = `GET //pets/{id}/{id}/${token}/`;
      expect(parseRouteKey(key)).toEqual({
        key,
        method: 'GET',
        path: `//pets/{id}/{id}/${token}/`,
        segments: [],
        isDefault: false,
        isUnresolved: true,
      });
    });

    test('a resolved method is still checked', () => {
      const key = `FETCH /${Lazy.string({ produce: () => 'a' })}`;
      expect(errorOf(() => parseRouteKey(key)).message).toMatch(/method 'FETCH' is not an HTTP API route method/);
    });
  });
});

describe('RouteTable', () => {
  test('add returns the parsed route and records it in order', () => {
    const table = new RouteTable();
    expect(table.size).toBe(0);
    const route = table.add('GET /pets/{id}');
    expect(route).toEqual(parseRouteKey('GET /pets/{id}'));
    table.add('$default');
    table.add('POST /pets');
    expect(table.size).toBe(3);
    expect(table.routes().map((r) => r.key)).toEqual(['GET /pets/{id}', '$default', 'POST /pets']);
    expect(table.has('POST /pets')).toBe(true);
    expect(table.has('PUT /pets')).toBe(false);
    expect(table.get('GET /pets/{id}')).toBe(route);
    expect(table.get('GET /pets/{petId}')).toBeUndefined();
  });

  test('routes() is a copy', () => {
    const table = tableWith('GET /a');
    table.routes().pop();
    expect(table.size).toBe(1);
    expect(table.routes()).toHaveLength(1);
  });

  test('invalid keys are refused by add', () => {
    const table = new RouteTable();
    expect(errorOf(() => table.add('GET /a/')).message).toMatch(/^invalid `routeKey` 'GET \/a\/'/);
    expect(table.size).toBe(0);
  });

  describe('rule 4: duplicate keys', () => {
    test('the same method and path twice is refused', () => {
      const table = tableWith('GET /pets');
      expect(errorOf(() => table.add('GET /pets')).message).toBe(
        "duplicate `routeKey` 'GET /pets': an HTTP API has one route per method and path: remove the second route or change its method or path [cdk-apigatewayv2:duplicateRoute]",
      );
      expect(table.size).toBe(1);
    });

    test('$default twice is refused', () => {
      const table = tableWith('$default');
      expect(errorOf(() => table.add('$default')).message).toMatch(/^duplicate `routeKey` '\$default'/);
    });

    test('other methods, other paths and other cases of one path are different routes', () => {
      const table = tableWith('GET /a', 'ANY /a', 'POST /a', 'GET /A', 'GET /a/b', 'GET /', 'ANY /', '$default');
      expect(table.size).toBe(8);
    });

    test('the error is scoped to the construct', () => {
      const table = tableWith('GET /a');
      const error = errorOf(() => table.add('GET /a', aScope()));
      expect(error.constructPath).toBe('Stack/Route');
      expect(error.message).toMatch(/^Stack\/Route: duplicate `routeKey` 'GET \/a'/);
    });
  });

  describe('rule 5: conflicting variables on one level', () => {
    test('two names under the same parent conflict, and the message names both keys and the fix', () => {
      const table = tableWith('GET /pets/{id}');
      expect(errorOf(() => table.add('GET /pets/{petId}')).message).toBe(
        "conflicting `routeKey` 'GET /pets/{petId}': variable '{petId}' sits under '/pets' where route 'GET /pets/{id}' has '{id}', " +
          "and API Gateway allows one variable name per level: rename '{petId}' to '{id}' [cdk-apigatewayv2:routeVariableConflict]",
      );
      expect(table.has('GET /pets/{petId}')).toBe(false);
      expect(table.size).toBe(1);
    });

    test('across methods and with segments after the variable', () => {
      const table = tableWith('GET /pets/{id}');
      expect(errorOf(() => table.add('POST /pets/{petId}/toys')).problem).toMatch(
        /^conflicting `routeKey` 'POST \/pets\/\{petId\}\/toys': .*route 'GET \/pets\/\{id\}'.*rename '\{petId\}' to '\{id\}'$/,
      );
    });

    test('at the root level', () => {
      const table = tableWith('GET /{a}');
      expect(errorOf(() => table.add('GET /{b}/c')).message).toMatch(/variable '\{b\}' sits under '\/' where route 'GET \/\{a\}'/);
    });

    test('at a deeper level', () => {
      const table = tableWith('GET /orgs/{org}/a');
      expect(errorOf(() => table.add('PUT /orgs/{orgId}/b')).message).toMatch(
        /^conflicting `routeKey` 'PUT \/orgs\/\{orgId\}\/b': variable '\{orgId\}' sits under '\/orgs' where route 'GET \/orgs\/\{org\}\/a' has '\{org\}'/,
      );
    });

    test('under a parent that has a variable with the same name', () => {
      const table = tableWith('GET /a/{x}/{y}');
      expect(errorOf(() => table.add('GET /a/{x}/{z}/q')).message).toMatch(/variable '\{z\}' sits under '\/a\/\{x\}' where route 'GET \/a\/\{x\}\/\{y\}'/);
    });

    test('the route that introduced the name is the one named', () => {
      const table = tableWith('GET /pets/{id}', 'POST /pets/{id}/toys');
      expect(errorOf(() => table.add('DELETE /pets/{pid}')).message).toMatch(/where route 'GET \/pets\/\{id\}' has '\{id\}'/);
    });

    test('the error is scoped to the construct', () => {
      const table = tableWith('GET /pets/{id}');
      const error = errorOf(() => table.add('GET /pets/{petId}', aScope()));
      expect(error.constructPath).toBe('Stack/Route');
      expect(error.message).toMatch(/^Stack\/Route: conflicting `routeKey`/);
    });

    test('the same name under the same parent passes', () => {
      const table = tableWith('GET /pets/{id}', 'POST /pets/{id}/toys', 'GET /pets/{id}/toys/{toyId}', 'DELETE /pets/{id}');
      expect(table.size).toBe(4);
    });

    test('different names under different parents pass', () => {
      expect(tableWith('GET /pets/{id}', 'GET /owners/{ownerId}', 'GET /{root}').size).toBe(3);
      expect(tableWith('GET /orgs/{org}/a/{x}', 'GET /orgs/{org}/b/{y}').size).toBe(2);
      expect(tableWith('GET /a/{x}/b/{y}', 'GET /a/{x}/c/{z}').size).toBe(2);
    });

    test('a literal beside a variable passes', () => {
      expect(tableWith('GET /pets/{id}', 'GET /pets/dog', 'GET /pets/dog/{name}').size).toBe(3);
    });

    test('greedy variables never conflict', () => {
      expect(tableWith('GET /pets/{id}', 'GET /pets/{proxy+}').size).toBe(2);
      expect(tableWith('GET /pets/{proxy+}', 'GET /pets/{id}').size).toBe(2);
      expect(tableWith('GET /pets/{proxy+}', 'GET /pets/dog/{id}').size).toBe(2);
      expect(tableWith('GET /pets/{proxy+}', 'POST /pets/{rest+}', 'GET /{all+}', 'GET /{id}').size).toBe(4);
    });

    test('a refused route leaves no trace', () => {
      const table = tableWith('GET /pets/{id}');
      expect(() => table.add('GET /pets/{petId}')).toThrow(ApiGatewayV2Error);
      expect(table.routes().map((r) => r.key)).toEqual(['GET /pets/{id}']);
      // The level still belongs to `{id}`: `{petId}` is still refused and `{id}` still accepted.
      expect(() => table.add('POST /pets/{petId}')).toThrow(ApiGatewayV2Error);
      expect(table.add('POST /pets/{id}').key).toBe('POST /pets/{id}');
      // Nothing below the refused route's variable was recorded either.
      expect(() => table.add('PUT /pets/{petId}/toys/{t}')).toThrow(ApiGatewayV2Error);
      expect(table.add('GET /pets/{id}/toys/{toyId}').key).toBe('GET /pets/{id}/toys/{toyId}');
    });
  });

  describe('rule 8: unresolved tokens', () => {
    test('token keys are registered without path checks and never conflict', () => {
      const a = Token.asString({ Ref: 'A' });
      const b = Lazy.string({ produce: () => 'GET /pets/{petId}' });
      const table = tableWith('GET /pets/{id}', a, b, `GET /pets/{petId}/${a}`, `POST //${a}/`);
      expect(table.size).toBe(5);
      expect(table.get(a)).toMatchObject({ segments: [], isUnresolved: true });
      expect(table.get(`POST //${a}/`)).toMatchObject({ method: 'POST', segments: [], isUnresolved: true });
    });

    test('the same token key twice is a duplicate', () => {
      const key = `GET /${Token.asString({ Ref: 'A' })}`;
      const table = tableWith(key);
      expect(errorOf(() => table.add(key)).message).toMatch(/^duplicate `routeKey`/);
    });

    test('different token keys pass', () => {
      const table = tableWith(`GET /${Token.asString({ Ref: 'A' })}`, `GET /${Token.asString({ Ref: 'B' })}`);
      expect(table.size).toBe(2);
    });
  });

  test('adding 5,000 routes takes well under a second', () => {
    const keys: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const method = METHODS[i % METHODS.length];
      keys.push(`${method} /service${i % 40}/{serviceId}/items${i}/{itemId}/detail/{detailId}`);
    }
    const table = new RouteTable();
    const start = performance.now();
    for (const key of keys) {
      table.add(key);
    }
    const elapsed = performance.now() - start;
    expect(table.size).toBe(5000);
    expect(elapsed).toBeLessThan(2000);
  });
});

describe('properties', () => {
  /** A literal segment: any characters but `/`, never a whole `{...}` and never a token marker. */
  const literal = fc
    .string({ unit: fc.constantFrom('a', 'B', '7', '-', '_', '.', '~', ' ', '{', '}', '+', '$', '%', 'ü', '*'), minLength: 1, maxLength: 6 })
    .filter((s) => !(s.length >= 2 && s.startsWith('{') && s.endsWith('}')) && !s.includes('${'));
  const name = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '0', '_'), minLength: 1, maxLength: 4 });

  const literalPath = fc.array(literal, { maxLength: 5 }).map((texts) => `/${texts.join('/')}`);

  /** A valid path: literals and variables (names made unique by position), maybe ending in a greedy variable. */
  const validSegments: fc.Arbitrary<RouteSegment[]> = fc
    .tuple(
      fc.array(
        fc.oneof(
          literal.map((value): RouteSegment => ({ kind: 'literal', value })),
          name.map((n): RouteSegment => ({ kind: 'variable', name: n })),
        ),
        { maxLength: 5 },
      ),
      fc.option(name, { nil: undefined }),
    )
    .map(([segments, greedy]) =>
      [...segments, ...(greedy === undefined ? [] : [{ kind: 'greedy', name: greedy } as RouteSegment])].map(
        (s, i): RouteSegment => (s.kind === 'literal' ? s : { ...s, name: `${s.name}${i}` }),
      ),
    );
  const validPath = validSegments.map(join);

  test('(a) distinct method/path pairs with literal-only paths are all accepted', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.constantFrom(...METHODS), literalPath), {
          maxLength: 40,
          selector: ([method, path]) => `${method} ${path}`,
        }),
        (pairs) => {
          const keys = pairs.map(([method, path]) => `${method} ${path}`);
          const table = tableWith(...keys);
          expect(table.size).toBe(keys.length);
          expect(table.routes().map((r) => r.key)).toEqual(keys);
        },
      ),
    );
  });

  test('(b) adding the same key twice always throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(fc.constantFrom(...METHODS), validPath).map(([m, p]) => `${m} ${p}`), fc.constant('$default')),
        (key) => {
          const table = tableWith(key);
          expect(errorOf(() => table.add(key)).message).toMatch(/^duplicate `routeKey`/);
          expect(table.size).toBe(1);
        },
      ),
    );
  });

  test('(c) parsing round-trips: joining the segments gives the path', () => {
    fc.assert(
      fc.property(validPath, (path) => {
        expect(routePathProblem(path)).toBeUndefined();
        const segments = parseRoutePath(path);
        expect(join(segments)).toBe(path);
        expect(formatRoutePath(segments)).toBe(path);
      }),
    );
  });

  test('(c) segments round-trip through a path', () => {
    fc.assert(
      fc.property(validSegments, (segments) => {
        expect(parseRoutePath(formatRoutePath(segments))).toEqual(segments);
      }),
    );
  });

  test('routePathProblem and parseRoutePath agree on any string', () => {
    const anyPath = fc.string({ unit: fc.constantFrom('/', '{', '}', '+', 'a', 'b', ' '), maxLength: 12 });
    fc.assert(
      fc.property(anyPath, (path) => {
        const problem = routePathProblem(path);
        if (problem === undefined) {
          expect(join(parseRoutePath(path))).toBe(path);
        } else {
          expect(errorOf(() => parseRoutePath(path)).problem).toBe(`invalid \`path\` ${`'${path}'`}: ${problem}`);
        }
      }),
    );
  });

  test('routes whose variables are named by level never conflict', () => {
    const levelNamed = fc
      .array(fc.oneof(literal, fc.constant('{v}')), { maxLength: 5 })
      .map((texts) => `/${texts.map((t, i) => (t === '{v}' ? `{v${i}}` : t)).join('/')}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.constantFrom(...METHODS), levelNamed), { maxLength: 30, selector: ([m, p]) => `${m} ${p}` }),
        (pairs) => {
          expect(tableWith(...pairs.map(([m, p]) => `${m} ${p}`)).size).toBe(pairs.length);
        },
      ),
    );
  });

  test('two different variable names after a shared prefix always conflict', () => {
    fc.assert(
      fc.property(
        validSegments.map((s) => s.filter((x) => x.kind !== 'greedy').map((x) => (x.kind === 'variable' ? { ...x, name: `p${x.name}` } : x))),
        fc.tuple(name, name).filter(([a, b]) => a !== b),
        literalPath,
        fc.constantFrom(...METHODS),
        fc.constantFrom(...METHODS),
        (prefix, [a, b], tail, m1, m2) => {
          const first = `${m1} ${join([...prefix, { kind: 'variable', name: a }])}`;
          const second = `${m2} ${join([...prefix, { kind: 'variable', name: b }])}${tail === '/' ? '' : tail}`;
          const table = tableWith(first);
          const message = errorOf(() => table.add(second)).message;
          expect(message).toContain('conflicting `routeKey`');
          expect(message).toContain(`rename '{${b}}' to '{${a}}'`);
        },
      ),
    );
  });
});
