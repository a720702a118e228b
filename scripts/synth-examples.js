#!/usr/bin/env node
// Synthesizes every example app (examples/*/cdk.json) with this repository's own CDK CLI, then
// prints what each template holds: per API its routes with their integrations and authorizers,
// its stages, and the stack's number of CloudFormation resources.
//
//   node scripts/synth-examples.js [example ...]     (run `npm run compile` first)
//
// Exits with 1 when an example fails to synthesize or reports a warning.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples');
// The file node_modules/.bin/cdk links to, run by this node: works the same on every platform.
const CDK_CLI = path.join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');

/** Route methods in the order people read them. */
const METHOD_ORDER = ['ANY', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];

function main(argv) {
  if (!fs.existsSync(CDK_CLI)) {
    console.error('the aws-cdk CLI is not installed: run `npm ci` first');
    return 1;
  }
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
    console.error('the library is not compiled: run `npm run compile` first (`npm run example` does both)');
    return 1;
  }
  const all = fs.readdirSync(EXAMPLES, { withFileTypes: true })
    .filter(entry => entry.isDirectory() && fs.existsSync(path.join(EXAMPLES, entry.name, 'cdk.json')))
    .map(entry => entry.name)
    .sort();
  const unknown = argv.filter(name => !all.includes(name));
  if (unknown.length > 0) {
    console.error(`no example app named ${unknown.join(', ')}; the examples are: ${all.join(', ')}`);
    return 1;
  }
  const names = argv.length > 0 ? argv : all;
  if (names.length === 0) {
    console.error('no example apps (folders with a cdk.json) in examples/');
    return 1;
  }

  const failed = [];
  for (const name of names) {
    if (!synthAndSummarize(name)) failed.push(name);
  }
  if (failed.length > 0) {
    console.error(`\nfailed: ${failed.join(', ')}`);
    return 1;
  }
  return 0;
}

/** Synthesizes one example and prints its summary; returns whether it succeeded. */
function synthAndSummarize(name) {
  const dir = path.join(EXAMPLES, name);
  const outdir = path.join(dir, 'cdk.out');
  fs.rmSync(outdir, { recursive: true, force: true });

  const started = process.hrtime.bigint();
  // --no-notices: no fetch of the notices feed. --no-lookups: the examples are environment
  // agnostic, so a context lookup (which needs AWS credentials) is a bug. --strict: any warning
  // fails the synth, a construct's or the template validation's (e.g. a deprecated Lambda
  // runtime). The CLI's own messages go straight through.
  const result = spawnSync(process.execPath, [CDK_CLI, 'synth', '--quiet', '--no-notices', '--no-lookups', '--strict', '-o', outdir], {
    cwd: dir,
    stdio: 'inherit',
    env: {
      ...process.env,
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true',
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `cdk synth exited with ${result.status ?? result.signal}`;
    console.error(`examples/${name}: synth failed (${why})`);
    return false;
  }

  console.log(`\nexamples/${name}: synthesized in ${seconds.toFixed(1)} s`);
  for (const stack of readAssembly(outdir)) {
    printStack(stack);
  }
  return true;
}

/** The stacks of a cloud assembly, nested assemblies (stages) included. */
function readAssembly(dir) {
  const manifest = readJson(path.join(dir, 'manifest.json'));
  const stacks = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      const displayName = artifact.displayName ?? id;
      stacks.push({ name: displayName, template: readJson(path.join(dir, artifact.properties.templateFile)) });
    } else if (artifact.type === 'cdk:cloud-assembly') {
      stacks.push(...readAssembly(path.join(dir, artifact.properties.directoryName)));
    }
  }
  return stacks;
}

function printStack(stack) {
  const resources = stack.template.Resources ?? {};
  const ofType = type => Object.entries(resources).filter(([, r]) => r.Type === type);
  const apis = ofType('AWS::ApiGatewayV2::Api');

  for (const [apiId, api] of apis) {
    const props = api.Properties ?? {};
    const belongs = ([, r]) => refOf(r.Properties?.ApiId) === apiId;
    console.log(`  ${props.ProtocolType ?? '?'} API ${show(props.Name)} (${stack.name}/${apiId})`);

    const routes = ofType('AWS::ApiGatewayV2::Route').filter(belongs).map(([, r]) => describeRoute(r.Properties ?? {}, resources));
    routes.sort(byRouteKey);
    console.log(`    routes (${routes.length}):`);
    printTable(routes.map(r => [r.key, ...r.integration, r.auth]), '      ');

    const stages = ofType('AWS::ApiGatewayV2::Stage').filter(belongs);
    console.log(`    stages (${stages.length}):`);
    for (const [, stage] of stages) {
      printStage(stage.Properties ?? {});
    }
  }
  if (apis.length === 0) {
    console.log(`  ${stack.name}: no API Gateway v2 API`);
  }

  const counts = new Map();
  for (const r of Object.values(resources)) {
    const type = r.Type.replace(/^AWS::/, '');
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const byType = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => `${t} ${n}`).join(', ');
  console.log(`  stack ${stack.name}: ${Object.keys(resources).length} CloudFormation resources (${byType})`);
}

function describeRoute(props, resources) {
  const integrationId = refOf(props.Target);
  const integration = resources[integrationId]?.Properties;
  return {
    key: show(props.RouteKey),
    integration: integration ? describeIntegration(integration, resources) : ['?', show(props.Target)],
    auth: describeAuth(props, resources),
  };
}

/** The integration's type and its target: a URL, a function, an AWS service action. */
function describeIntegration(props, resources) {
  const uri = props.IntegrationUri;
  const uriType = resources[refOf(uri)]?.Type;
  let target = show(uri);
  if (props.IntegrationSubtype) target = props.IntegrationSubtype;
  else if (uriType === 'AWS::Lambda::Function' || uriType === 'AWS::Lambda::Alias') target = `Lambda ${show(uri)}`;
  else if (props.ConnectionType === 'VPC_LINK') target = `VPC link ${show(props.ConnectionId)} -> ${show(uri)}`;
  return [props.IntegrationType, target];
}

function describeAuth(props, resources) {
  const type = props.AuthorizationType ?? 'NONE';
  const authorizerId = refOf(props.AuthorizerId);
  if (!authorizerId) return `auth ${type}`;
  const authorizer = resources[authorizerId]?.Properties ?? {};
  const scopes = props.AuthorizationScopes?.length ? ` scopes ${props.AuthorizationScopes.join(' ')}` : '';
  return `auth ${type} ${show(authorizer.Name ?? authorizerId)}${scopes}`;
}

function printStage(props) {
  const parts = [];
  if (props.AutoDeploy) parts.push('auto-deploy');
  const throttle = describeSettings(props.DefaultRouteSettings);
  if (throttle) parts.push(throttle);
  if (props.AccessLogSettings) parts.push(`access logs -> ${show(props.AccessLogSettings.DestinationArn)}`);
  console.log(`      ${String(show(props.StageName)).padEnd(10)} ${parts.join(', ') || '-'}`);
  const routeSettings = Object.entries(props.RouteSettings ?? {});
  printTable(routeSettings.map(([key, settings]) => [key, describeSettings(settings) || '-']), '        route ');
}

/** Throttle and metrics settings of a stage or route, e.g. `throttle 10 rps / burst 5`. */
function describeSettings(settings) {
  if (!settings) return '';
  const parts = [];
  const rate = settings.ThrottlingRateLimit;
  const burst = settings.ThrottlingBurstLimit;
  if (rate !== undefined || burst !== undefined) {
    parts.push(`throttle ${rate ?? '-'} rps / burst ${burst ?? '-'}`);
  }
  if (settings.DetailedMetricsEnabled) parts.push('detailed metrics');
  if (settings.LoggingLevel) parts.push(`logging ${settings.LoggingLevel}`);
  return parts.join(', ');
}

/** Prints rows as left-aligned columns. */
function printTable(rows, indent) {
  const widths = [];
  for (const row of rows) {
    row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  }
  for (const row of rows) {
    console.log(indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
  }
}

function byRouteKey(a, b) {
  const [methodA, pathA = ''] = a.key.split(' ');
  const [methodB, pathB = ''] = b.key.split(' ');
  return pathA.localeCompare(pathB) || METHOD_ORDER.indexOf(methodA) - METHOD_ORDER.indexOf(methodB);
}

/** The logical id a value refers to: `{ Ref }`, `{ Fn::GetAtt }`, or the first one inside a `Fn::Join`. */
function refOf(value) {
  if (!value || typeof value !== 'object') return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  if (Array.isArray(value['Fn::GetAtt'])) return value['Fn::GetAtt'][0];
  if (Array.isArray(value['Fn::Join'])) {
    for (const part of value['Fn::Join'][1]) {
      const ref = refOf(part);
      if (ref) return ref;
    }
  }
  return undefined;
}

/** A template value as text: strings as they are, references by the logical id they name. */
function show(value) {
  if (value === undefined) return '-';
  if (typeof value !== 'object') return String(value);
  if (typeof value.Ref === 'string') return value.Ref;
  if (Array.isArray(value['Fn::GetAtt'])) {
    const [id, attr] = value['Fn::GetAtt'];
    return attr === 'Arn' ? id : `${id}.${attr}`;
  }
  if (Array.isArray(value['Fn::Join'])) {
    return value['Fn::Join'][1].map(show).join(value['Fn::Join'][0]);
  }
  return JSON.stringify(value);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

process.exitCode = main(process.argv.slice(2));
