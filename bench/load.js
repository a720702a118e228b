#!/usr/bin/env node
// Measures what a cold process pays to load a library, in THIS process, and prints one JSON
// line. bench/run.js starts it in a fresh process per measurement, alternating the libraries.
//
//   node bench/load.js require <ours|cdk>      (run `npm run compile` first)
//   node bench/load.js small-app <ours|cdk>
//
//   require    loads the library's three modules and reads every export, as an app that uses
//              them does: this library's lib/, lib/integrations and lib/authorizers, or
//              aws-cdk-lib's aws-apigatewayv2, -integrations and -authorizers. aws-cdk-lib's
//              modules load a class's file when the class is first read, so reading the exports
//              is what loads them; the bare require is reported beside (requireOnlyMs).
//   small-app  the smallest real app: requires aws-cdk-lib, aws-lambda and the library, builds
//              one HttpApi (default stage) with one route to a Lambda function through an
//              HttpLambdaIntegration and an HttpJwtAuthorizer as the default authorizer, and
//              synthesizes it to a temporary directory: what one `cdk synth` of it costs beyond
//              starting Node.js.
//
// The clock starts before the first require of aws-cdk-lib or the library and stops after the
// last step, so both libraries pay for aws-cdk-lib's core the same way. CDK_VALIDATION=false
// (bench/run.js sets it): the CloudFormation schema validation costs 1-1.5 s and is the same
// for both.
'use strict';

const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const fs = require('fs');
const os = require('os');
const path = require('path');

const LIB_DIR = process.env.BENCH_LIB_DIR || path.join(__dirname, '..', 'lib');
const MODES = ['require', 'small-app'];
const LIBS = ['ours', 'cdk'];

function usage(message) {
  process.stderr.write(`${message}\nusage: node bench/load.js <${MODES.join('|')}> <${LIBS.join('|')}>\n`);
  process.exit(2);
}

/** The library's three modules. */
function requireModules(lib) {
  return lib === 'ours'
    ? [require(path.join(LIB_DIR, 'index.js')), require(path.join(LIB_DIR, 'integrations', 'index.js')), require(path.join(LIB_DIR, 'authorizers', 'index.js'))]
    : [require('aws-cdk-lib/aws-apigatewayv2'), require('aws-cdk-lib/aws-apigatewayv2-integrations'), require('aws-cdk-lib/aws-apigatewayv2-authorizers')];
}

function msSince(t) {
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function round(x) {
  return Math.round(x * 10) / 10;
}

function main([mode, lib]) {
  if (!MODES.includes(mode)) usage(`unknown mode ${JSON.stringify(mode)}`);
  if (!LIBS.includes(lib)) usage(`unknown library ${JSON.stringify(lib)}`);
  if (process.env.CDK_VALIDATION !== 'false') usage('set CDK_VALIDATION=false (bench/run.js does)');
  const result = { mode, lib };

  if (mode === 'require') {
    const modules = requireModules(lib);
    result.requireOnlyMs = round(msSince(start));
    let exports = 0;
    for (const m of modules) {
      for (const name of Object.keys(m)) {
        void m[name];
        exports += 1;
      }
    }
    result.exports = exports;
  } else {
    const cdk = require('aws-cdk-lib');
    const lambda = require('aws-cdk-lib/aws-lambda');
    const [apigwv2, integrations, authorizers] = requireModules(lib);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `apigwv2-load-${lib}-`));
    try {
      const app = new cdk.App({ outdir, analyticsReporting: false });
      const stack = new cdk.Stack(app, 'SmallApp');
      const handler = new lambda.Function(stack, 'Handler', {
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      });
      const api = new apigwv2.HttpApi(stack, 'Api', {
        defaultAuthorizer: new authorizers.HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['client'] }),
      });
      api.addRoutes({ path: '/items', methods: [apigwv2.HttpMethod.GET], integration: new integrations.HttpLambdaIntegration('Items', handler) });
      const assembly = app.synth();
      result.resources = Object.keys(JSON.parse(fs.readFileSync(path.join(assembly.directory, 'SmallApp.template.json'), 'utf8')).Resources).length;
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  result.ms = round(msSince(start));
  const cpu = process.cpuUsage(cpuStart);
  result.cpuMs = round((cpu.user + cpu.system) / 1000);
  result.modules = Object.keys(require.cache).length;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2));
