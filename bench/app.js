#!/usr/bin/env node
// Builds and synthesizes ONE benchmark app in this process, then prints one JSON line with
// what it measured. bench/run.js starts it in a fresh process per measurement.
//
//   node bench/app.js <ours|cdk> <lambda|url> <routes>      (run `npm run compile` first)
//
//   ours    this library: require('../lib') and require('../lib/integrations') (or BENCH_LIB_DIR)
//   cdk     aws-cdk-lib's own modules: aws-cdk-lib/aws-apigatewayv2(-integrations)
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
// Timed (wall clock and CPU): constructing the app (App, Stack, Function, HttpApi, routes) plus
// `app.synth()`, which writes the template and tree.json to a temporary directory. Not timed:
// loading the modules (reported as requireMs) and reading the template back.
//
// BENCH_SHOW_POLICY=1 also prints the estimated Lambda resource policy to stderr. To profile
// one run: CDK_VALIDATION=false node --cpu-prof bench/app.js ours url 3000
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

/**
 * The compiled library: ../lib, or the copy of it that bench/run.js takes when it starts
 * (BENCH_LIB_DIR, with NODE_PATH pointing at this repository's node_modules), so that one run
 * measures one build even if lib/ is recompiled meanwhile.
 */
const LIB_DIR = process.env.BENCH_LIB_DIR || path.join(__dirname, '..', 'lib');
const LIBS = ['ours', 'cdk'];
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
  process.stderr.write(`${message}\nusage: node bench/app.js <${LIBS.join('|')}> <${CASES.join('|')}> <routes>\n`);
  process.exit(2);
}

function main(argv) {
  const [lib, kase, routesText] = argv;
  if (!LIBS.includes(lib)) usage(`unknown library ${JSON.stringify(lib)}`);
  if (!CASES.includes(kase)) usage(`unknown case ${JSON.stringify(kase)}`);
  const routes = Number(routesText);
  if (!Number.isInteger(routes) || routes < 1) usage(`invalid number of routes ${JSON.stringify(routesText)}`);
  if (process.env.CDK_VALIDATION !== 'false') {
    usage('set CDK_VALIDATION=false (bench/run.js does): the benchmark measures both libraries without CDK\'s schema validation');
  }

  // Load everything the app uses before the clock starts. aws-cdk-lib loads some of its
  // internals lazily on first use; those loads fall inside the timed part for both libraries.
  const requireStart = process.hrtime.bigint();
  const cdk = require('aws-cdk-lib');
  const lambda = require('aws-cdk-lib/aws-lambda');
  const apigwv2 = lib === 'ours' ? require(path.join(LIB_DIR, 'index.js')) : require('aws-cdk-lib/aws-apigatewayv2');
  const integrations = lib === 'ours' ? require(path.join(LIB_DIR, 'integrations', 'index.js')) : require('aws-cdk-lib/aws-apigatewayv2-integrations');
  const requireMs = msSince(requireStart);

  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `apigwv2-bench-${lib}-${kase}-`));
  try {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const app = new cdk.App({
      outdir,
      analyticsReporting: false,
      context: { '@aws-cdk/core:stackResourceLimit': 0 },
    });
    const stack = new cdk.Stack(app, 'BenchStack');
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
    const assembly = app.synth();
    const timeMs = msSince(start);
    const cpu = process.cpuUsage(cpuStart);

    const artifact = assembly.getStackByName(stack.stackName);
    const templateText = fs.readFileSync(path.join(assembly.directory, artifact.templateFile), 'utf8');
    const template = JSON.parse(templateText);
    const metrics = measureTemplate(template, stack.stackName);
    metrics.templateBytes = Buffer.byteLength(templateText);
    const result = {
      lib,
      case: kase,
      routes,
      timeMs: round(timeMs, 1),
      // CPU time (user + system, all threads incl. GC) of the same part: less sensitive than the
      // wall time to other processes competing for the cores.
      cpuMs: round((cpu.user + cpu.system) / 1000, 1),
      requireMs: round(requireMs, 1),
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
