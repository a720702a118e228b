import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inspect } from 'util';
import { App, Aws, CfnParameter, Fn, Lazy, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpRouteKey, HttpStage } from '../../lib';
import { HttpUrlIntegration } from '../../lib/integrations';
import { ApiGatewayV2Error, shown } from '../../lib/private/error';
import { errorOf, newStack } from '../support';

const ROOT = path.join(__dirname, '..', '..');

/** The first `at` line of an error's stack. */
function firstFrame(error: Error): string {
  return (error.stack ?? '').split('\n').find(line => /^\s+at /.test(line)) ?? '';
}

/** The line of this file that calls `fn` (the line the refusal should point at). */
function lineOf(marker: string): number {
  return fs.readFileSync(__filename, 'utf8').split('\n').findIndex(line => line.includes(marker)) + 1;
}

describe('how a refusal reaches the user', () => {
  test('the stack of a refusal from a method starts at the caller\'s line', () => {
    const api = new HttpApi(newStack(), 'Api');
    const error = errorOf(() => api.addRoutes({ path: 'books', integration: new HttpUrlIntegration('Books', 'https://example.com') })); // caller: addRoutes
    expect(error.stack).toMatch(/^ApiGatewayV2Error: Stack\/Api: invalid route `path` 'books'/);
    expect(firstFrame(error)).toContain(`${__filename}:${lineOf('// caller: addRoutes')}:`);
    expect(error.stack).not.toContain(path.join(ROOT, 'lib') + path.sep);
  });

  test('the stack of a refusal from a constructor, a static helper or a value object starts at the caller\'s line', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const fromConstructor = errorOf(() => new HttpStage(stack, 'Stage', { httpApi: api, stageName: 'my stage' })); // caller: constructor
    expect(firstFrame(fromConstructor)).toContain(`${__filename}:${lineOf('// caller: constructor')}:`);
    const fromStatic = errorOf(() => HttpRouteKey.with('books', HttpMethod.GET)); // caller: static
    expect(firstFrame(fromStatic)).toContain(`${__filename}:${lineOf('// caller: static')}:`);
    const fromValue = errorOf(() => new HttpUrlIntegration('Books', 'example.com')); // caller: value object
    expect(firstFrame(fromValue)).toContain(`${__filename}:${lineOf('// caller: value object')}:`);
  });

  test('the message names the construct and ends with the id; the id, path and problem are properties', () => {
    const stack = newStack();
    const error = errorOf(() => new HttpStage(stack, 'Stage', { httpApi: new HttpApi(stack, 'Api'), stageName: 'my stage' }));
    expect(error.message).toBe("Stack/Stage: invalid `stageName` 'my stage': use 1 to 128 letters, digits, '-' and '_', or '$default' "
      + '[cdk-apigatewayv2:stageName]');
    expect(error.id).toBe('cdk-apigatewayv2:stageName');
    expect(error.constructPath).toBe('Stack/Stage');
    expect(error.problem).toBe("invalid `stageName` 'my stage': use 1 to 128 letters, digits, '-' and '_', or '$default'");
    expect(error.name).toBe('ApiGatewayV2Error');
  });

  test('Node.js prints the error without an object dump: no own enumerable properties', () => {
    const error = errorOf(() => new HttpStage(newStack(), 'Stage', { httpApi: new HttpApi(newStack('Other'), 'Api'), stageName: 'a b' }));
    expect(Object.keys(error)).toEqual([]);
    const printed = inspect(error);
    expect(printed.startsWith('ApiGatewayV2Error: Stack/Stage: invalid `stageName`')).toBe(true);
    expect(printed).not.toMatch(/\{\s*$|constructPath|\[cdk-apigatewayv2:stageName\]\s*\{/m);
  });

  test('a refusal raised when the app is synthesized (a validation) names the construct path and the setting', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const api = new HttpApi(stack, 'Api');
    new HttpStage(stack, 'Stage', { httpApi: api, stageName: 'prod', routeSettings: [{ routeKey: HttpRouteKey.with('/missing', HttpMethod.GET), throttle: { rateLimit: 1 } }] });
    expect(() => app.synth()).toThrow(/\[Stack\/Stage\] `routeSettings` name route 'GET \/missing', .* \[cdk-apigatewayv2:unknownStageRoute\]/);
  });

  describe('end to end: a JavaScript app run with node', () => {
    /** Runs an app that refuses on its line 6 against `library`; returns stderr. */
    function runApp(library: string, preload: string[] = [], env: NodeJS.ProcessEnv = {}): { appFile: string; stderr: string } {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refusal-'));
      const appFile = path.join(dir, 'app.js');
      fs.writeFileSync(appFile, [
        `const { App, Stack } = require(${JSON.stringify(require.resolve('aws-cdk-lib'))});`,
        `const apigwv2 = require(${JSON.stringify(library)});`,
        'const app = new App();',
        "const api = new apigwv2.HttpApi(new Stack(app, 'Stack'), 'Api');",
        '// the next line refuses',
        "api.addRoutes({ path: 'books', integration: new apigwv2.HttpNoneAuthorizer() });",
        'app.synth();',
      ].join('\n'));
      const child = spawnSync(process.execPath, [...preload.flatMap(p => ['-r', p]), appFile], {
        encoding: 'utf8', env: { ...process.env, ...env, NODE_OPTIONS: '' },
      });
      expect(child.status).toBe(1);
      return { appFile, stderr: child.stderr };
    }

    function expectCallerFirst({ appFile, stderr }: { appFile: string; stderr: string }): void {
      expect(stderr).toContain("ApiGatewayV2Error: Stack/Api: invalid route `path` 'books': a path must start with '/': use '/books' "
        + '[cdk-apigatewayv2:routePath]\n');
      const frames = stderr.split('\n').filter(line => /^\s+at /.test(line));
      expect(frames[0]).toContain(`${appFile}:6:`);
      // No object dump of the error's properties after the stack.
      expect(stderr).not.toMatch(/constructPath|^\s*\}\s*$/m);
    }

    // The compiled library when `npm run compile` wrote it after the last change to lib/ (as
    // `npm test` does), else the TypeScript sources through ts-node (slower, about 3 s).
    const compiled = path.join(ROOT, 'lib', 'index.js');
    const newestSource = Math.max(...fs.readdirSync(path.join(ROOT, 'lib'), { recursive: true, withFileTypes: true })
      .filter(entry => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
      .map(entry => fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs));
    const compiledIsFresh = fs.existsSync(compiled) && fs.statSync(compiled).mtimeMs >= newestSource;

    test(`against the ${compiledIsFresh ? 'compiled library' : 'TypeScript sources (ts-node)'}, the first frame is the app's line`, () => {
      expectCallerFirst(compiledIsFresh ? runApp(compiled) : runApp(path.join(ROOT, 'lib', 'index.ts'), [require.resolve('ts-node/register')], {
        TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PREFER_TS_EXTS: 'true', TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json'),
      }));
    });
  });
});

describe('shown(): values in messages', () => {
  test('is total: any value JavaScript can pass is shown, never thrown on', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    const throwing = { toJSON: () => { throw new Error('no'); } };
    const cases: Array<[unknown, string]> = [
      [undefined, 'undefined'],
      [null, 'null'],
      [Number.NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [-Infinity, '-Infinity'],
      [10n, '10n'],
      [Symbol('s'), 'Symbol(s)'],
      [function named() {}, 'function named'],
      [true, 'true'],
      ['', "''"],
      [[1, 'a'], '[1,"a"]'],
      [cycle, '{"a":1,"self":"(cycle)"}'],
      [{ n: 10n, f: Number.NaN }, '{"n":"10n","f":"NaN"}'],
      [throwing, '(a value that cannot be shown)'],
      [Object.create(null), '{}'],
    ];
    for (const [value, text] of cases) {
      expect(shown(value)).toBe(text);
    }
  });

  test('is safe: line breaks and control characters are escaped, long values cut', () => {
    expect(shown('a\nb\r\tc\u0000\u001b[31m\u2028')).toBe("'a\\nb\\r\\tc\\u0000\\u001b[31m\\u2028'");
    expect(shown({ k: 'a\nb' })).toBe('{"k":"a\\nb"}');
    expect(shown('x'.repeat(200))).toHaveLength(80);
    expect(shown('x'.repeat(200)).endsWith('...')).toBe(true);
  });

  test('shows tokens as their unresolved form, without resolving them', () => {
    const stack = newStack();
    expect(shown(Lazy.string({ produce: () => 'x' }))).toMatch(/^'\$\{Token\[TOKEN\.\d+\]\}'$/);
    expect(shown(new CfnParameter(stack, 'P', { type: 'Number' }).valueAsNumber)).toMatch(/^-1\.8881545897\d*e\+289$/);
    expect(shown(Aws.REGION)).toMatch(/^'\$\{Token\[AWS\.Region\.\d+\]\}'$/);
    expect(shown(Fn.importValue('X'))).toMatch(/^'\$\{Token\[TOKEN\.\d+\]\}'$/);
    expect(shown(Lazy.any({ produce: () => ({}) }))).toBe('(a token)');
  });

  test('the error class keeps its prototype', () => {
    expect(errorOf(() => HttpRouteKey.with(''))).toBeInstanceOf(ApiGatewayV2Error);
  });
});
