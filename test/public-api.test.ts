import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import type { Builder as BuilderType, Entry, Place } from './support/public-api';
import { Builder, classOf, edgeValues, entriesOf, place, readAssembly, takes, targetsOf, tokenValues } from './support/public-api';
import { HttpApiDefinition } from '../lib';
import { ApiGatewayV2Error } from '../lib/private/error';
import { ENTRIES } from '../lib/private/signatures';

/*
 * Every public constructor, method and static method of the three modules (read from the jsii
 * assembly, so a new one is covered as soon as it compiles), called from JavaScript with edge
 * values and tokens in each argument and each prop of a struct argument, one at a time over a
 * valid call. The app is synthesized after each call.
 */

const types = readAssembly();
const entries = entriesOf(types);

/** Runs: every case by default (about 5,200: 15 s here); FC_NUM_RUNS=N samples N of them, for a quicker local run. */
const EDGE_RUNS = Number(process.env.FC_NUM_RUNS ?? 0);

interface Case {
  readonly entry: Entry;
  readonly at: Place;
  readonly label: string;
  readonly value: string;
  readonly make: (b: BuilderType) => unknown;
}

/** Calls `entry` with its valid arguments, the case's value at its place (if any), then synthesizes the app. */
function call(entry: Entry, c?: Case): void {
  const builder = new Builder(types);
  const args = builder.args(entry);
  if (c) place(builder, types, entry, args, c.at, c.make(builder));
  const Class = classOf(entry.type.fqn) as any;
  if (entry.kind === 'constructor') {
    new Class(...args);
  } else if (entry.kind === 'static') {
    Class[entry.callable.name!](...args);
  } else {
    const instance = builder.instance(entry.type.fqn) as any;
    instance[entry.callable.name!](...args);
  }
  builder.app.synth();
}

/** 'ok', 'refused' (this library's error, thrown or reported by a validation at synth) or what else was thrown. */
function outcome(c: Case): string {
  return outcomeWithMessage(c).replace(/^refused: [^]*$/, 'refused');
}

/** As `outcome`, with a refusal's message: `refused: {message}`. */
function outcomeWithMessage(c: Case): string {
  try {
    call(c.entry, c);
    return 'ok';
  } catch (error) {
    const e = error as Error;
    if (e instanceof ApiGatewayV2Error) return `refused: ${e.message}`;
    // CDK reports the problems of `node.addValidation()` as one error: refused if all are ours.
    const problems = e.message.split('\n').filter(line => /^\s*\[/.test(line));
    if (/^Validation failed/.test(e.message) && problems.length > 0 && problems.every(line => /\[cdk-apigatewayv2:\w+\]$/.test(line))) {
      return `refused: ${problems.join('\n')}`;
    }
    return `${e.name}: ${e.message.split('\n')[0]}`;
  }
}

function describeCase(c: Case): string {
  return `${c.entry.name}(${c.label} = ${c.value})`;
}

describe('every public entry point', () => {
  test('the assembly lists the entry points of the three modules', () => {
    expect(entries.length).toBeGreaterThan(150);
    expect(entries.map(e => e.name)).toEqual(expect.arrayContaining(['HttpApi.new', 'HttpApiBase.addRoutes', 'HttpRouteKey.with',
      'integrations.HttpUrlIntegration.new', 'authorizers.HttpJwtAuthorizer.new', 'WebSocketApiBase.addRoute']));
  });

  test('lib/private/signatures.ts, which the argument checks read, follows the assembly', () => {
    const child = spawnSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'signatures.js'), '--check'], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
  });

  test('every entry point lib/ checks (checkArguments) is one the assembly declares', () => {
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
      entry.isDirectory() ? files(path.join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path.join(dir, entry.name)] : []);
    const checked = files(path.join(__dirname, '..', 'lib')).flatMap(file =>
      [...fs.readFileSync(file, 'utf8').matchAll(/checkArguments\('([^']+)'/g)].map(match => match[1]));
    expect(checked.length).toBeGreaterThan(150);
    expect(checked.filter(name => !(name in ENTRIES))).toEqual([]);
    // A check of parameters that are all unused (`bind(_options)`) checks nothing.
    expect(checked.filter(name => ENTRIES[name]?.length > 0 && ENTRIES[name].every(([param]) => param.startsWith('_')))).toEqual([]);
  });

  test('every kind of HttpApiDefinition refuses a missing scope in bind() with this library\'s error', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'definition-')), 'api.json');
    fs.writeFileSync(file, JSON.stringify({ openapi: '3.0.1', info: { title: 'a', version: '1' }, paths: {} }));
    const bucket = s3.Bucket.fromBucketName(new Stack(new App(), 'Stack'), 'B', 'specs');
    for (const definition of [HttpApiDefinition.fromInline({ openapi: '3.0.1', info: { title: 'a', version: '1' }, paths: {} }),
      HttpApiDefinition.fromFile(file), HttpApiDefinition.fromAsset(file), HttpApiDefinition.fromBucket(bucket, 'api.json', { etag: 'x' })]) {
      expect(() => definition.bind(undefined as any)).toThrow(ApiGatewayV2Error);
      expect(() => definition.bindAfterCreate(undefined as any, undefined as any)).toThrow(ApiGatewayV2Error);
    }
  });

  test.each(entries.map(e => [e.name, e] as const))('%s: its valid call succeeds', (_name, entry) => {
    call(entry);
  });
});

describe('JavaScript callers get this library\'s error, never a TypeError from inside it', () => {
  const cases: Case[] = entries.flatMap(entry => targetsOf(types, entry).flatMap(target =>
    edgeValues().map(edge => ({ entry, at: target.place, label: target.label, value: edge.label, make: edge.make }))));

  test('undefined, null, \'\', NaN, Infinity and -Infinity in every argument and prop: success or a refusal', () => {
    expect(cases.length).toBeGreaterThan(4000);
    fc.assert(fc.property(fc.integer({ min: 0, max: cases.length - 1 }), (i) => {
      const result = outcome(cases[i]);
      if (result !== 'ok' && result !== 'refused') throw new Error(`${describeCase(cases[i])}: ${result}`);
    }), EDGE_RUNS > 0 ? { numRuns: EDGE_RUNS } : { numRuns: cases.length, examples: cases.map((_, i) => [i]) });
  });

  test('the issue\'s three crashes are refusals that name the setting', () => {
    const find = (name: string, label: string): Case => cases.find(c => c.entry.name === name && c.label === label && c.value === 'undefined')!;
    for (const [name, label] of [['WebSocketApiBase.addRoute', 'routeKey'], ['HttpStage.new', 'routeSettings[0].routeKey'], ['HttpRouteKey.with', 'path']]) {
      const c = find(name, name === 'HttpStage.new' ? `props.${label}` : label);
      let thrown: unknown;
      try {
        call(c.entry, c);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ApiGatewayV2Error);
      expect((thrown as Error).message).toContain(`missing \`${label}\``);
    }
  });
});

/**
 * Where a token cannot go, by aws-cdk-lib's own rules, whatever this library does: a construct id
 * (CDK refuses tokens in ids), and a key of the template (a stage variable name, a WebSocket route
 * settings key, a logical id) that only resolves at deploy time: CloudFormation's keys are
 * literal, so aws-cdk-lib's synthesis refuses it (a Lazy string, resolved at synth, is fine).
 */
const TOKENS_CDK_REFUSES: Array<{ where: RegExp; error: RegExp; lazyToo: boolean }> = [
  { where: /\.new\(id = |\.addStage\(id = |\.from\w+\(id = /, error: /^ComponentsContainUnresolvedTokens: .*ID components may not include unresolved tokens/, lazyToo: true },
  { where: /^StageBase\.addStageVariable\(name = |routeSettings\[0\]\.routeKey = |^WebSocketStage\.addRouteSettings\(routeKey = |\.overrideLogicalId = /,
    error: /^KeyMustResolveToString: .*is used as the key in a map so must resolve to a string/, lazyToo: false },
];

/**
 * Whether a token's refusal is not about the token: the literal it stands for (what the Lazy
 * values produce) at the same place is refused with the same message (numbers in construct ids
 * aside). That happens deep in a struct the test builds, where a required neighbour is
 * refused by a rule of its own (a route settings entry for a route the API does not have, a
 * `domainMapping` in `defaultStageOptions`). A value check that refused the token would print the
 * token, not the literal, so it never matches.
 */
function refusedAlike(c: Case, result: string): boolean {
  if (!result.startsWith('refused: ')) return false;
  const literal = c.value.includes('number') ? 1 : 'lazy';
  const literalResult = outcomeWithMessage({ ...c, value: String(literal), make: () => literal });
  const normalized = (text: string): string => text.replace(/\d+/g, '#');
  return normalized(literalResult) === normalized(result);
}

describe('tokens are never refused for being tokens', () => {
  const cases: Case[] = entries.flatMap(entry => targetsOf(types, entry).flatMap(target =>
    (['string', 'number'] as const).filter(kind => takes(target.type, kind)).flatMap(kind =>
      tokenValues(kind).map(token => ({ entry, at: target.place, label: target.label, value: token.label, make: token.make })))));

  test('a Lazy, a CfnParameter, Aws.REGION or Fn.importValue in every string and number argument and prop: no error', () => {
    expect(cases.length).toBeGreaterThan(800);
    const failures = cases.flatMap(c => {
      const result = outcomeWithMessage(c);
      if (result === 'ok') return [];
      const allowed = TOKENS_CDK_REFUSES.some(rule => rule.where.test(describeCase(c)) && rule.error.test(result) && (rule.lazyToo || c.value !== 'Lazy.string'))
        || refusedAlike(c, result);
      return allowed ? [] : [`${describeCase(c)}: ${result}`];
    });
    expect(failures).toEqual([]);
  });

  test('`defaultStageOptions.stageName` takes a token', () => {
    const c = cases.find(k => k.entry.name === 'HttpApi.new' && k.label === 'props.defaultStageOptions.stageName' && k.value === 'CfnParameter string')!;
    expect(outcome(c)).toBe('ok');
  });
});
