import { spawnSync } from 'child_process';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'check-examples.js');

interface FakeType {
  readonly name: string;
  readonly kind: 'class' | 'interface';
  readonly datatype?: boolean;
  readonly abstract?: boolean;
  readonly base?: string;
  readonly interfaces?: string[];
  readonly example?: string;
}

/**
 * Runs the script's rules on an assembly of the given types, in package `lib`; the classes
 * named in `constructs` are constructs. Returns the share with an example and the problems.
 */
function check(types: FakeType[], constructs: string[] = []): { share: number; problems: string[] } {
  const assembly = {
    types: Object.fromEntries(types.map(({ example, ...type }) => [`lib.${type.name}`, {
      ...type,
      fqn: `lib.${type.name}`,
      docs: example ? { example } : {},
      locationInModule: { filename: `lib/${type.name}.ts` },
    }])),
  };
  const code = `const { exampleCoverage, problemsOf } = require(${JSON.stringify(SCRIPT)});
const constructs = ${JSON.stringify(constructs)};
const coverage = exampleCoverage(${JSON.stringify(assembly)}, (type) => constructs.includes(type.name));
console.log(JSON.stringify({ share: coverage.share, problems: problemsOf(coverage) }));`;
  const child = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

describe('scripts/check-examples.js', () => {
  test('counts classes and behavioural interfaces, not structs, and passes at 60%', () => {
    const result = check([
      { name: 'Api', kind: 'class', example: 'new lib.Api(this, "Api");' },
      { name: 'IApi', kind: 'interface', example: 'declare const api: lib.IApi;' },
      { name: 'Route', kind: 'class', example: 'new lib.Route("GET /");' },
      { name: 'Helper', kind: 'class' },
      { name: 'IHelper', kind: 'interface' },
      { name: 'ApiProps', kind: 'interface', datatype: true },
    ], ['Api']);
    expect(result).toEqual({ share: 0.6, problems: [] });
  });

  test('refuses fewer than 60%', () => {
    const result = check([
      { name: 'Api', kind: 'class', example: 'new lib.Api(this, "Api");' },
      { name: 'Helper', kind: 'class' },
    ]);
    expect(result.share).toBe(0.5);
    expect(result.problems).toEqual([
      'only 1 of 2 public classes and behavioural interfaces (50%) carry an @example; at least 60% must',
    ]);
  });

  test('refuses a construct class without an example, even above 60%', () => {
    const result = check([
      { name: 'Api', kind: 'class', example: 'new lib.Api(this, "Api");' },
      { name: 'Route', kind: 'class', example: 'new lib.Route(this, "Route");' },
      { name: 'Stage', kind: 'class' },
    ], ['Api', 'Stage']);
    expect(result.problems).toEqual([
      'the construct class lib.Stage (lib/Stage.ts) has no @example: every construct class needs one',
    ]);
  });

  test('an example names its type, or a class that extends or implements it', () => {
    const result = check([
      { name: 'ApiBase', kind: 'class', abstract: true, example: 'new lib.Api(this, "Api").metric("Count");' },
      { name: 'HttpApiBase', kind: 'class', abstract: true, base: 'lib.ApiBase', example: 'declare const api: lib.Api;' },
      { name: 'Api', kind: 'class', base: 'lib.HttpApiBase', interfaces: ['lib.IApi'], example: 'new lib.Api(this, "Api");' },
      { name: 'IRoot', kind: 'interface', example: 'declare const api: lib.Api;' },
      { name: 'IApi', kind: 'interface', interfaces: ['lib.IRoot'], example: 'new lib.Route(this, "Route");' },
      { name: 'Route', kind: 'class', example: 'declare const api: lib.Api; // no route here' },
    ]);
    expect(result.problems).toEqual([
      'the @example of lib.IApi (lib/IApi.ts) does not name IApi, nor a class that extends or implements it: show the type itself in use',
      'the @example of lib.Route (lib/Route.ts) does not name Route, nor a class that extends or implements it: show the type itself in use',
    ]);
  });

  test('a name inside a longer name does not count', () => {
    const result = check([
      { name: 'Api', kind: 'class', example: 'new lib.ApiKey(this, "Key");' },
      { name: 'ApiKey', kind: 'class', example: 'new lib.ApiKey(this, "Key");' },
    ]);
    expect(result.problems).toEqual([
      'the @example of lib.Api (lib/Api.ts) does not name Api, nor a class that extends or implements it: show the type itself in use',
    ]);
  });

  test('refuses an example that jsii cut short at an @ in a comment', () => {
    const result = check([
      { name: 'Stage', kind: 'class', example: 'new lib.Stage(this, "Stage"); // the@connections[object Object]' },
    ]);
    expect(result.problems).toEqual([
      'the @example of lib.Stage (lib/Stage.ts) is cut short where jsii read an `@` as a tag: write the comment without `@`',
    ]);
  });
});
