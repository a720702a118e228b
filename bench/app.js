#!/usr/bin/env node
// Builds and synthesizes ONE benchmark app in this process, then prints one JSON line with
// what it measured. bench/run.js starts it in a fresh process per measurement.
//
//   node bench/app.js <ours|cdk|l1> <lambda|url> <routes> [<other>]      (run `npm run compile` first)
//
//   ours    this library: require('../lib') and require('../lib/integrations') (or BENCH_LIB_DIR)
//   cdk     aws-cdk-lib's own modules: aws-cdk-lib/aws-apigatewayv2(-integrations)
//   l1      the floor: the template `ours` writes for the lambda case, written with aws-cdk-lib's
//           L1 classes alone (CfnApi, CfnStage, CfnRoute, CfnIntegration, CfnPermission) at the
//           same construct paths, so the two templates are identical (bench/run.js checks it)
//   other   the library the process also loads and warms up before the clock: `cdk` for `ours`
//           and the reverse by default; `l1` and `ours` for the floor's pairs
//   lambda  <routes> routes `GET /r{i}/items`, all on ONE HttpLambdaIntegration of one inline function
//   url     <routes> routes `GET /r{i}/items`, each with a NEW HttpUrlIntegration object
//           pointing at https://backend{i % 50}.example.com
//
// The app code is the same for both libraries: same construct ids, same paths, same props.
// Both run with CDK's 500-resource synth check off (context `@aws-cdk/core:stackResourceLimit`
// = 0, read by Stack.maxResources in aws-cdk-lib 2.276) and with the built-in CloudFormation
// schema validation off (`CDK_VALIDATION=false`, read by App.synth; bench/run.js sets it, and
// this file refuses to run without it so that no measurement includes it by accident).
//
// Before the clock starts, every process, whatever the library under test, does the same:
//   1. loads the library under test (this library's lib/ and lib/integrations, or aws-cdk-lib's
//      aws-apigatewayv2(-integrations)) with aws-cdk-lib and aws-cdk-lib/aws-lambda: requireMs;
//   2. builds and synthesizes a warm-up app with that library, once per case with 1 route, with
//      the same code as the measured app (buildApp): this loads whatever aws-cdk-lib loads lazily
//      on first use (core's internals, aws-iam, aws-lambda's parts, ...) and runs every code
//      path once: warmupMs. requireMs + warmupMs is the library's start-up cost in a cold process;
//   3. loads the other library and runs the same warm-up apps with it (otherRequireMs,
//      otherWarmupMs), so that both libraries' modules are loaded and both have run once in
//      every process, and the timed part starts from the same state on both sides.
// Then a full garbage collection (with --expose-gc, as bench/run.js starts it).
// Timed (wall clock and CPU): constructing the app (App, Stack, Function, HttpApi, routes) plus
// `app.synth()`, which writes the template and tree.json to a temporary directory. Not timed:
// the steps above and reading the template back. The result also counts the modules loaded
// before the clock (modulesBefore, with a hash of their paths, modulesHash) and inside the
// timed part (modulesTimed); bench/run.js checks that they match between the libraries.
//
// BENCH_SHOW_POLICY=1 also prints the estimated Lambda resource policy to stderr. To profile
// one run: CDK_VALIDATION=false node --cpu-prof bench/app.js ours url 3000
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

/**
 * The compiled library: ../lib, or the copy of it that bench/run.js takes when it starts
 * (BENCH_LIB_DIR, with NODE_PATH pointing at this repository's node_modules), so that one run
 * measures one build even if lib/ is recompiled meanwhile.
 */
const LIB_DIR = process.env.BENCH_LIB_DIR || path.join(__dirname, '..', 'lib');
const LIBS = ['ours', 'cdk', 'l1'];
/** The cases each library can build: the L1 floor is written for the lambda case. */
const LIB_CASES = { ours: ['lambda', 'url'], cdk: ['lambda', 'url'], l1: ['lambda'] };
const CASES = ['lambda', 'url'];
const BACKENDS = 50;

/** Placeholder values used to resolve the template's tokens into a realistic policy. */
const PLACEHOLDER = {
  partition: 'aws',
  region: 'us-east-1',
  account: '123456789012',
  urlSuffix: 'amazonaws.com',
};

function usage(message) {
  process.stderr.write(`${message}\nusage: node bench/app.js <${LIBS.join('|')}> <${CASES.join('|')}> <routes> [<other library>]\n`);
  process.exit(2);
}

/** Loads one library's apigatewayv2 modules (and the aws-cdk-lib modules the app uses directly). */
function loadLibrary(lib) {
  const cdk = require('aws-cdk-lib');
  const lambda = require('aws-cdk-lib/aws-lambda');
  if (lib === 'l1') {
    return { lib, cdk, lambda, cfn: require('aws-cdk-lib/aws-apigatewayv2'), constructs: require('constructs') };
  }
  const apigwv2 = lib === 'ours' ? require(path.join(LIB_DIR, 'index.js')) : require('aws-cdk-lib/aws-apigatewayv2');
  const integrations = lib === 'ours' ? require(path.join(LIB_DIR, 'integrations', 'index.js')) : require('aws-cdk-lib/aws-apigatewayv2-integrations');
  return { lib, cdk, lambda, apigwv2, integrations };
}

/**
 * Builds the benchmark app with one library's modules and synthesizes it to `outdir`: the
 * measured app and the warm-up apps run this same code.
 */
function buildApp(mods, kase, routes, outdir) {
  const { cdk, lambda, apigwv2, integrations } = mods;
  const app = new cdk.App({
    outdir,
    analyticsReporting: false,
    context: { '@aws-cdk/core:stackResourceLimit': 0 },
  });
  const stack = new cdk.Stack(app, 'BenchStack');
  if (mods.lib === 'l1') {
    buildL1Floor(mods, stack, routes);
    return { assembly: app.synth(), stack };
  }
  const api = new apigwv2.HttpApi(stack, 'HttpApi');
  if (kase === 'lambda') {
    const handler = new lambda.Function(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    });
    const integration = new integrations.HttpLambdaIntegration('Integration', handler);
    for (let i = 0; i < routes; i++) {
      api.addRoutes({ path: `/r${i}/items`, methods: [apigwv2.HttpMethod.GET], integration });
    }
  } else {
    for (let i = 0; i < routes; i++) {
      const integration = new integrations.HttpUrlIntegration(`Url${i}`, `https://backend${i % BACKENDS}.example.com`);
      api.addRoutes({ path: `/r${i}/items`, methods: [apigwv2.HttpMethod.GET], integration });
    }
  }
  return { assembly: app.synth(), stack };
}

/**
 * The lambda case as this library writes it, with aws-cdk-lib's L1 classes alone: the API and
 * its `$default` stage, one route per path, the one integration (under the first route) and the
 * one Lambda permission (under the API) that this library shares, at this library's construct
 * paths so that logical ids and the order of resources are the same.
 */
function buildL1Floor({ cdk, lambda, cfn, constructs }, stack, routes) {
  const apiScope = new constructs.Construct(stack, 'HttpApi');
  const api = new cfn.CfnApi(apiScope, 'Resource', { name: 'HttpApi', protocolType: 'HTTP' });
  new cfn.CfnStage(new constructs.Construct(apiScope, 'DefaultStage'), 'Resource', { apiId: api.ref, stageName: '$default', autoDeploy: true });
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  let integration;
  for (let i = 0; i < routes; i++) {
    const routeScope = new constructs.Construct(apiScope, `GET/r${i}/items`);
    if (!integration) {
      integration = new cfn.CfnIntegration(new constructs.Construct(routeScope, 'Integration'), 'Resource', {
        apiId: api.ref, integrationType: 'AWS_PROXY', integrationUri: handler.functionArn, payloadFormatVersion: '2.0',
      });
    }
    new cfn.CfnRoute(routeScope, 'Resource', {
      apiId: api.ref, routeKey: `GET /r${i}/items`, target: `integrations/${integration.ref}`, authorizationType: 'NONE',
    });
    if (i === 0) {
      new lambda.CfnPermission(apiScope, `InvokePermission-${cdk.Names.nodeUniqueId(handler.node)}`, {
        action: 'lambda:InvokeFunction',
        functionName: handler.functionArn,
        principal: 'apigateway.amazonaws.com',
        sourceArn: stack.formatArn({ service: 'execute-api', resource: api.ref, arnFormat: cdk.ArnFormat.SLASH_RESOURCE_NAME, resourceName: '*' }),
      });
    }
  }
}

/** Builds and synthesizes a 1-route app of every case with `mods`, each in a temporary directory removed after. */
function warmUp(lib, mods) {
  // aws-cdk-lib loads core's Annotations lazily, on the first warning or info. Larger apps reach
  // one (this library's quota warnings; aws-cdk-lib's stack near 1 MB of template or the resource
  // maximum) where a 1-route app does not: load it here so that it is not loaded on the clock.
  void mods.cdk.Annotations;
  for (const kase of LIB_CASES[lib]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `apigwv2-bench-warmup-${lib}-${kase}-`));
    try {
      buildApp(mods, kase, 1, dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The modules loaded so far: how many, and a hash of their paths (the library copy's directory left out). */
function loadedModules() {
  const names = Object.keys(require.cache).map((f) => (f.startsWith(LIB_DIR) ? `lib:${path.relative(LIB_DIR, f)}` : f)).sort();
  return { count: names.length, hash: crypto.createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 12) };
}

function main(argv) {
  const [lib, kase, routesText, otherText] = argv;
  if (!LIBS.includes(lib)) usage(`unknown library ${JSON.stringify(lib)}`);
  if (!LIB_CASES[lib].includes(kase)) usage(`unknown case ${JSON.stringify(kase)} for ${lib}`);
  const other = otherText ?? (lib === 'ours' ? 'cdk' : 'ours');
  if (!LIBS.includes(other) || other === lib) usage(`invalid other library ${JSON.stringify(otherText)}`);
  const routes = Number(routesText);
  if (!Number.isInteger(routes) || routes < 1) usage(`invalid number of routes ${JSON.stringify(routesText)}`);
  if (process.env.CDK_VALIDATION !== 'false') {
    usage('set CDK_VALIDATION=false (bench/run.js does): the benchmark measures both libraries without CDK\'s schema validation');
  }

  // Before the clock (see the top of this file): the library under test, cold, then the other
  // library, so that both sides start the timed part with the same modules loaded and warm.
  let t = process.hrtime.bigint();
  const mods = loadLibrary(lib);
  const requireMs = msSince(t);
  t = process.hrtime.bigint();
  warmUp(lib, mods);
  const warmupMs = msSince(t);
  t = process.hrtime.bigint();
  const otherMods = loadLibrary(other);
  const otherRequireMs = msSince(t);
  t = process.hrtime.bigint();
  warmUp(other, otherMods);
  const otherWarmupMs = msSince(t);
  const before = loadedModules();

  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `apigwv2-bench-${lib}-${kase}-`));
  // Collect the warm-up's garbage now (bench/run.js starts this process with --expose-gc), so
  // that neither side's timed part pays for a collection of what the warm-up left.
  if (typeof global.gc === 'function') global.gc();
  try {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const { assembly, stack } = buildApp(mods, kase, routes, outdir);
    const timeMs = msSince(start);
    const cpu = process.cpuUsage(cpuStart);
    const modulesTimed = Object.keys(require.cache).length - before.count;

    const artifact = assembly.getStackByName(stack.stackName);
    const templateText = fs.readFileSync(path.join(assembly.directory, artifact.templateFile), 'utf8');
    const template = JSON.parse(templateText);
    const metrics = measureTemplate(template, stack.stackName);
    metrics.templateBytes = Buffer.byteLength(templateText);
    // The same hash on two sides means the two apps wrote the same template (the L1 floor's check).
    metrics.templateHash = crypto.createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 12);
    const result = {
      lib,
      case: kase,
      routes,
      timeMs: round(timeMs, 1),
      // CPU time (user + system, all threads incl. GC) of the same part: less sensitive than the
      // wall time to other processes competing for the cores.
      cpuMs: round((cpu.user + cpu.system) / 1000, 1),
      requireMs: round(requireMs, 1),
      warmupMs: round(warmupMs, 1),
      otherRequireMs: round(otherRequireMs, 1),
      otherWarmupMs: round(otherWarmupMs, 1),
      modulesBefore: before.count,
      modulesHash: before.hash,
      modulesTimed,
      maxRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
      ...metrics,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Counts what the template holds and estimates the functions' resource policies. */
function measureTemplate(template, stackName) {
  const resources = template.Resources ?? {};
  const entries = Object.entries(resources);
  const ofType = (type) => entries.filter(([, r]) => r.Type === type);
  const permissions = ofType('AWS::Lambda::Permission');
  const apiIds = new Map(ofType('AWS::ApiGatewayV2::Api').map(([logicalId], i) => [logicalId, fakeId(i)]));
  const functionNames = new Map(ofType('AWS::Lambda::Function')
    .map(([logicalId, r]) => [logicalId, r.Properties?.FunctionName ?? physicalName(stackName, logicalId)]));
  const ctx = { apiIds, functionNames };

  // Lambda keeps one resource policy per function; its 20 KB limit applies to each.
  const statementsByFunction = new Map();
  for (const [logicalId, r] of permissions) {
    const p = r.Properties ?? {};
    const functionArn = resolve(p.FunctionName, ctx);
    const statement = {
      Sid: physicalName(stackName, logicalId),
      Effect: 'Allow',
      Principal: { Service: resolve(p.Principal, ctx) },
      Action: resolve(p.Action, ctx),
      Resource: functionArn,
    };
    if (p.SourceArn !== undefined) {
      statement.Condition = { ArnLike: { 'AWS:SourceArn': resolve(p.SourceArn, ctx) } };
    }
    const list = statementsByFunction.get(functionArn) ?? [];
    list.push(statement);
    statementsByFunction.set(functionArn, list);
  }
  const policies = [...statementsByFunction.values()]
    .map((Statement) => JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement }));
  if (process.env.BENCH_SHOW_POLICY === '1' && policies.length > 0) {
    process.stderr.write(`${policies[0]}\n`);
  }
  const policyBytes = policies.map((policy) => Buffer.byteLength(policy));

  return {
    resources: entries.length,
    routeCount: ofType('AWS::ApiGatewayV2::Route').length,
    integrations: ofType('AWS::ApiGatewayV2::Integration').length,
    lambdaPermissions: permissions.length,
    // The largest policy of any one function (there is one function in these apps); 0 without one.
    policyBytes: policyBytes.length > 0 ? Math.max(...policyBytes) : 0,
    // templateBytes (the file as synthesized, with CDK's one-space indentation) is set by the
    // caller; this is the same template minified.
    templateMinBytes: Buffer.byteLength(JSON.stringify(template)),
  };
}

/**
 * Resolves a template value to the string CloudFormation would pass to Lambda, with
 * placeholders: partition aws, us-east-1, account 123456789012, a 10-character API id,
 * and a generated function name.
 */
function resolve(value, ctx) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => resolve(v, ctx));
  if (value && typeof value === 'object') {
    if ('Ref' in value) return resolveRef(value.Ref, ctx);
    if ('Fn::GetAtt' in value) {
      const [logicalId, attr] = value['Fn::GetAtt'];
      if (ctx.functionNames.has(logicalId) && attr === 'Arn') return functionArn(ctx.functionNames.get(logicalId));
      return `${logicalId}.${attr}`;
    }
    if ('Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'];
      return parts.map((part) => resolve(part, ctx)).join(separator);
    }
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

function resolveRef(name, ctx) {
  switch (name) {
    case 'AWS::Partition': return PLACEHOLDER.partition;
    case 'AWS::Region': return PLACEHOLDER.region;
    case 'AWS::AccountId': return PLACEHOLDER.account;
    case 'AWS::URLSuffix': return PLACEHOLDER.urlSuffix;
    default:
      if (ctx.apiIds.has(name)) return ctx.apiIds.get(name);
      if (ctx.functionNames.has(name)) return ctx.functionNames.get(name);
      return name;
  }
}

function functionArn(name) {
  return `arn:${PLACEHOLDER.partition}:lambda:${PLACEHOLDER.region}:${PLACEHOLDER.account}:function:${name}`;
}

/** An API Gateway id: 10 lowercase letters and digits, e.g. `a1b2c3d4e5`. */
function fakeId(i) {
  return `a1b2c3d4e${i}`.slice(-10).padStart(10, 'x');
}

/**
 * The name CloudFormation generates for a resource without one, e.g. a permission's
 * statement id or a function's name: `{stack}-{logicalId}-{13 characters}`, at most 64.
 */
function physicalName(stackName, logicalId) {
  return `${stackName}-${logicalId}`.slice(0, 50) + '-1ABCDEFGHIJKL';
}

function msSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function round(x, digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

main(process.argv.slice(2));
