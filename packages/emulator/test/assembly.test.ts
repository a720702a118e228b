// Reading cloud assemblies: several stacks with cross-stack references (exports and CDK's weak
// references), nested stacks, CDK stages, code from assets and inline, intrinsic functions,
// URLs of the API in environment variables, apps written with aws-cdk-lib's own module, and
// the watch mode.
import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as cdkApigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cdkAuthorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cdkIntegrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from 'cdk-apigatewayv2';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { ECHO_HANDLER, echoedEvent, inlineFunction, synth, tempDir } from './util';

const CONTEXT = { 'aws:cdk:enable-path-metadata': true };

describe('several stacks, cross-stack references, nested stacks and stages', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    const outdir = tempDir();
    for (const weak of [false, true]) {
      // Exports and Fn::ImportValue (strong references), or Fn::GetStackOutput (weak ones).
      const app = new App({ outdir: path.join(outdir, weak ? 'weak' : 'strong'), context: { ...CONTEXT, ...(weak ? { '@aws-cdk/core:defaultCrossStackReferences': 'weak' } : {}) } });
      const prefix = weak ? 'Weak' : 'Strong';
      const backend = new Stack(app, `${prefix}Backend`);
      const fn = inlineFunction(backend, 'Echo', ECHO_HANDLER);
      const front = new Stack(app, `${prefix}Front`);
      const api = new HttpApi(front, 'Api', { apiName: weak ? 'WeakApi' : 'StrongApi' });
      api.addRoutes({ path: '/cross', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Cross', fn) });
      // Routes in a nested stack, on the parent's API (through the nested stack's parameters).
      const nested = new NestedStack(front, 'Routes');
      new HttpRoute(nested, 'Nested', { httpApi: api, routeKey: HttpRouteKey.with('/nested/{id}', HttpMethod.GET), integration: new HttpLambdaIntegration('Nested', fn) });
      app.synth();
    }
    // A CDK stage: its stacks are in a nested cloud assembly.
    const staged = new App({ outdir: path.join(outdir, 'staged'), context: CONTEXT });
    const stage = new Stage(staged, 'Prod');
    const stack = new Stack(stage, 'Service');
    new HttpApi(stack, 'Api', { apiName: 'StagedApi' })
      .addRoutes({ path: '/staged', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Staged', inlineFunction(stack, 'Echo', ECHO_HANDLER)) });
    staged.synth();
    // One assembly holding the three.
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({
      version: '36.0.0',
      artifacts: Object.fromEntries(['strong', 'weak', 'staged'].map(dir => [dir, { type: 'cdk:cloud-assembly', properties: { directoryName: dir } }])),
    }));
    emulator = await emulate({ assembly: outdir });
  });
  afterAll(() => emulator?.close());

  test('a function in another stack, referenced through an export (Fn::ImportValue) or a weak reference (Fn::GetStackOutput)', async () => {
    expect(emulator.warnings).toEqual([]);
    for (const api of ['StrongApi', 'WeakApi']) {
      const event = await echoedEvent(await fetch(`${emulator.url(api)}/cross`));
      expect(event.routeKey).toBe('GET /cross');
    }
  });

  test('routes in a nested stack belong to the parent\'s API', async () => {
    const event = await echoedEvent(await fetch(`${emulator.url('StrongApi')}/nested/5`));
    expect(event.pathParameters).toEqual({ id: '5' });
    expect(emulator.apis.find(a => a.name === 'StrongApi')!.routes.map(r => r.key).sort()).toEqual(['GET /cross', 'GET /nested/{id}']);
  });

  test('stacks of a CDK stage (a nested cloud assembly)', async () => {
    expect(emulator.apis.find(a => a.name === 'StagedApi')!.path).toBe('Prod/Service/Api');
    expect((await fetch(`${emulator.url('StagedApi')}/staged`)).status).toBe(200);
  });
});

describe('code, environment and intrinsics', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    const code = tempDir('asset-');
    fs.mkdirSync(path.join(code, 'src'));
    fs.writeFileSync(path.join(code, 'src', 'api.js'), 'exports.main = async () => ({ statusCode: 200, body: require("./helper").text });');
    fs.writeFileSync(path.join(code, 'src', 'helper.js'), 'exports.text = "from an asset folder";');
    const assembly = synth(stack => {
      const api = new HttpApi(stack, 'Api');
      // Calls its own API through the URL the template gives it.
      const caller = inlineFunction(stack, 'Caller', `
        exports.handler = async () => {
          const response = await fetch(process.env.API_URL + 'asset');
          return { url: process.env.API_URL, status: response.status, text: await response.text() };
        };`, { environment: { API_URL: api.url! } });
      api.addRoutes({ path: '/caller', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Caller', caller) });
      const asset = new lambda.Function(stack, 'Asset', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'src/api.main', code: lambda.Code.fromAsset(code) });
      api.addRoutes({ path: '/asset', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Asset', asset) });
      const bucketCode = new lambda.Function(stack, 'FromBucket', {
        runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler',
        code: lambda.Code.fromBucketV2(new s3.Bucket(stack, 'Code'), 'code.zip'),
      });
      api.addRoutes({ path: '/bucket', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Bucket', bucketCode) });
    });
    emulator = await emulate({ assembly });
  });
  afterAll(() => emulator?.close());

  test('code from an asset folder, with the handler in a subfolder', async () => {
    const response = await fetch(`${emulator.url()}/asset`);
    expect([response.status, await response.text()]).toEqual([200, 'from an asset folder']);
  });

  test('the API\'s URL in an environment variable points at the emulator, so a handler can call its API', async () => {
    const response: any = await (await fetch(`${emulator.url()}/caller`)).json();
    expect(response).toEqual({ url: `${emulator.url()}/`, status: 200, text: 'from an asset folder' });
  });

  test('code in an S3 bucket cannot run here: 502, with the reason at start', async () => {
    expect((await fetch(`${emulator.url()}/bucket`)).status).toBe(502);
    expect(emulator.warnings).toContainEqual(expect.stringMatching(/function Test\/FromBucket: its code is in an S3 bucket/));
  });
});

describe('apps written with aws-cdk-lib\'s own aws-apigatewayv2 module', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    const assembly = synth(stack => {
      const fn = inlineFunction(stack, 'Echo', ECHO_HANDLER);
      const api = new cdkApigw.HttpApi(stack, 'UpstreamApi', {
        corsPreflight: { allowOrigins: ['http://app.test'], allowMethods: [cdkApigw.CorsHttpMethod.GET] },
      });
      api.addRoutes({ path: '/books/{id}', methods: [cdkApigw.HttpMethod.GET], integration: new cdkIntegrations.HttpLambdaIntegration('Books', fn) });
      api.addRoutes({
        path: '/admin', methods: [cdkApigw.HttpMethod.GET], integration: new cdkIntegrations.HttpLambdaIntegration('Admin', fn),
        authorizer: new cdkAuthorizers.HttpJwtAuthorizer('Jwt', 'https://auth.example.com', { jwtAudience: ['admin'] }),
      });
    });
    emulator = await emulate({ assembly, localIssuer: true });
  });
  afterAll(() => emulator?.close());

  test('routes, path variables, JWT and CORS work as with this library', async () => {
    const event = await echoedEvent(await fetch(`${emulator.url('UpstreamApi')}/books/3`));
    expect(event.pathParameters).toEqual({ id: '3' });
    expect((await fetch(`${emulator.url('UpstreamApi')}/admin`)).status).toBe(401);
    const token = emulator.mintToken();
    expect((await fetch(`${emulator.url('UpstreamApi')}/admin`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const preflight = await fetch(`${emulator.url('UpstreamApi')}/books/3`, { method: 'OPTIONS', headers: { 'origin': 'http://app.test', 'access-control-request-method': 'GET' } });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, 'http://app.test']);
  });
});

describe('watch mode', () => {
  test('a new synth into the assembly folder is served without a restart, on the same port', async () => {
    const outdir = tempDir();
    const build = (route: string) => synth(stack => {
      new HttpApi(stack, 'Api').addRoutes({ path: route, methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Echo', inlineFunction(stack, 'Echo', ECHO_HANDLER)) });
    }, outdir);
    build('/before');
    const emulator = await emulate({ assembly: outdir, watch: true });
    try {
      const url = emulator.url();
      expect((await fetch(`${url}/before`)).status).toBe(200);
      expect((await fetch(`${url}/after`)).status).toBe(404);
      build('/after');
      const deadline = Date.now() + 10000;
      while ((await fetch(`${url}/after`)).status !== 200) {
        if (Date.now() > deadline) throw new Error('the new synth was not served within 10 s');
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(emulator.url()).toBe(url);
      expect((await fetch(`${url}/before`)).status).toBe(404);
    } finally {
      await emulator.close();
    }
  });
});
