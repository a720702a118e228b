// How functions run: each in its own worker threads, with its own environment and module
// state, Lambda's variables and dummy credentials, the AWS SDK resolvable, its timeout; a
// crash or a hang never takes the server down.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { inlineFunction, stubServer, synth, tempDir } from './util';

/** Reports its environment and module state. */
const STATE_HANDLER = `
let invocations = 0;
const { threadId } = require('worker_threads');
exports.handler = async (event) => {
  invocations += 1;
  const seen = process.env.SET_BY_OTHER;
  process.env.SET_BY_OTHER = process.env.AWS_LAMBDA_FUNCTION_NAME;
  if (event.queryStringParameters && event.queryStringParameters.sleep) {
    await new Promise(resolve => setTimeout(resolve, Number(event.queryStringParameters.sleep)));
  }
  return { invocations, threadId, seen: seen || null, env: process.env };
};
`;

/** Misbehaves according to `?do=`. */
const UNRULY_HANDLER = `
exports.handler = async (event) => {
  const what = event.queryStringParameters && event.queryStringParameters.do;
  if (what === 'sleep') await new Promise(resolve => setTimeout(resolve, 5000));
  if (what === 'spin') { const end = Date.now() + 60000; while (Date.now() < end) {} }
  if (what === 'exit') process.exit(3);
  if (what === 'late-crash') setTimeout(() => { throw new Error('thrown after the response'); }, 10);
  return { ok: true, threadId: require('worker_threads').threadId };
};
`;

const SDK_CJS = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
exports.handler = async () => {
  const client = new SQSClient({ endpoint: process.env.SQS_ENDPOINT });
  const sent = await client.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: 'from cjs' }));
  return { messageId: sent.MessageId, region: await client.config.region() };
};
`;

const SDK_ESM = `
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
export const handler = async () => {
  const client = new SQSClient({ endpoint: process.env.SQS_ENDPOINT });
  const sent = await client.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: 'from esm' }));
  return { messageId: sent.MessageId };
};
`;

let emulator: Emulator;
let sqsStub: Awaited<ReturnType<typeof stubServer>>;

beforeAll(async () => {
  // A stand-in for SQS (its JSON protocol), to see what the AWS SDK sends from a function.
  sqsStub = await stubServer((_req, res) => {
    const body = JSON.parse(sqsStub.requests[sqsStub.requests.length - 1].body || '{}');
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify({ MessageId: 'msg-1', MD5OfMessageBody: createHash('md5').update(body.MessageBody ?? '').digest('hex') }));
  });
  // Code outside any node_modules tree, as cdk.out assets of bundled functions are.
  const cjs = tempDir('sdk-cjs-');
  fs.writeFileSync(path.join(cjs, 'app.js'), SDK_CJS);
  const esm = tempDir('sdk-esm-');
  fs.writeFileSync(path.join(esm, 'app.mjs'), SDK_ESM);

  const assembly = synth(stack => {
    const api = new HttpApi(stack, 'Api');
    const add = (route: string, fn: lambda.IFunction, timeout?: Duration) => api.addRoutes({
      path: route, methods: [HttpMethod.GET], integration: new HttpLambdaIntegration(route.replace(/\W/g, ''), fn, timeout ? { timeout } : {}),
    });
    add('/first', inlineFunction(stack, 'First', STATE_HANDLER, { environment: { GREETING: 'hello from first' } }));
    add('/second', inlineFunction(stack, 'Second', STATE_HANDLER, { environment: { GREETING: 'hello from second' } }));
    add('/unruly', inlineFunction(stack, 'Unruly', UNRULY_HANDLER, { timeout: Duration.seconds(1) }));
    add('/slow-integration', inlineFunction(stack, 'SlowIntegration', UNRULY_HANDLER, { timeout: Duration.seconds(10) }), Duration.millis(300));
    const queue = new sqs.Queue(stack, 'Queue');
    const environment = { QUEUE_URL: queue.queueUrl, SQS_ENDPOINT: sqsStub.url };
    add('/sdk-cjs', new lambda.Function(stack, 'SdkCjs', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'app.handler', code: lambda.Code.fromAsset(cjs), environment }));
    add('/sdk-esm', new lambda.Function(stack, 'SdkEsm', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'app.handler', code: lambda.Code.fromAsset(esm), environment }));
    add('/python', new lambda.Function(stack, 'Python', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(event, context):\n  return {}\n') }));
    add('/node22', inlineFunction(stack, 'Node22', 'exports.handler = async () => process.version;', { runtime: lambda.Runtime.NODEJS_22_X }));
  });
  process.env.EMULATOR_TEST_SENTINEL = 'must not reach functions';
  emulator = await emulate({
    assembly,
    environment: { '*': { FOR_ALL: 'yes' }, First: { GREETING: 'overridden', EXTRA: 'by logical id' }, 'Test/Second': { EXTRA: 'by construct path' } },
  });
});

afterAll(async () => {
  await emulator?.close();
  await sqsStub?.close();
});

const json = async (url: string) => {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
};

test('each function has its environment: Lambda variables, dummy credentials, template and override values, nothing from the host', async () => {
  const { body } = await json(`${emulator.url()}/first`);
  expect(body.env).toEqual(expect.objectContaining({
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAEMULATORLOCAL000',
    AWS_SECRET_ACCESS_KEY: expect.any(String),
    AWS_SESSION_TOKEN: expect.any(String),
    AWS_LAMBDA_FUNCTION_NAME: expect.stringContaining('First'),
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
    LAMBDA_TASK_ROOT: expect.any(String),
    _HANDLER: 'index.handler',
    GREETING: 'overridden',
    EXTRA: 'by logical id',
    FOR_ALL: 'yes',
  }));
  expect(body.env.EMULATOR_TEST_SENTINEL).toBeUndefined();
  const second = await json(`${emulator.url()}/second`);
  expect(second.body.env).toEqual(expect.objectContaining({ GREETING: 'hello from second', EXTRA: 'by construct path', FOR_ALL: 'yes' }));
});

test('process.env and module state belong to one function: another function never sees them', async () => {
  const first1 = (await json(`${emulator.url()}/first`)).body;
  const first2 = (await json(`${emulator.url()}/first`)).body;
  const second = (await json(`${emulator.url()}/second`)).body;
  // The same environment again: its module state and its own process.env change carry over.
  expect(first2.threadId).toBe(first1.threadId);
  expect(first2.invocations).toBe(first1.invocations + 1);
  expect(first2.seen).toBe(first1.env.AWS_LAMBDA_FUNCTION_NAME);
  // The other function's change never reaches this one.
  expect(second.threadId).not.toBe(first1.threadId);
  expect(second.seen === null || second.seen === second.env.AWS_LAMBDA_FUNCTION_NAME).toBe(true);
});

test('overlapping invocations run in separate environments, one invocation at a time each', async () => {
  const started = Date.now();
  // eslint-disable-next-line @cdklabs/promiseall-no-unbounded-parallelism
  const results = await Promise.all([1, 2, 3].map(() => json(`${emulator.url()}/second?sleep=400`)));
  expect(Date.now() - started).toBeLessThan(1150);
  expect(new Set(results.map(r => r.body.threadId)).size).toBe(3);
});

test('the AWS SDK v3 resolves for code outside node_modules (CommonJS and ES modules) and signs with the dummy credentials', async () => {
  const cjs = await json(`${emulator.url()}/sdk-cjs`);
  expect(cjs).toEqual({ status: 200, body: { messageId: 'msg-1', region: 'us-east-1' } });
  const esm = await json(`${emulator.url()}/sdk-esm`);
  expect(esm).toEqual({ status: 200, body: { messageId: 'msg-1' } });
  const calls = sqsStub.requests.filter(r => r.headers['x-amz-target'] === 'AmazonSQS.SendMessage');
  expect(calls.map(c => JSON.parse(c.body))).toEqual([
    { QueueUrl: expect.stringMatching(/^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/Test-Queue/), MessageBody: 'from cjs' },
    { QueueUrl: expect.stringMatching(/^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/Test-Queue/), MessageBody: 'from esm' },
  ]);
  expect(calls[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEMULATORLOCAL000\/\d{8}\/us-east-1\/sqs\/aws4_request/);
});

test('a handler past its Timeout fails (500) and loses its environment; the next invocation gets a fresh one', async () => {
  const before = (await json(`${emulator.url()}/unruly`)).body.threadId;
  let started = Date.now();
  const slept = await json(`${emulator.url()}/unruly?do=sleep`);
  expect(slept).toEqual({ status: 500, body: { message: 'Internal Server Error' } });
  expect(Date.now() - started).toBeLessThan(2500);
  expect(emulator.requests[emulator.requests.length - 1].error).toMatch(/Task timed out after 1\.00 seconds/);

  // A synchronous endless loop cannot be interrupted from inside: the environment is ended.
  started = Date.now();
  expect((await json(`${emulator.url()}/unruly?do=spin`)).status).toBe(500);
  expect(Date.now() - started).toBeLessThan(2500);
  const after = await json(`${emulator.url()}/unruly`);
  expect(after.status).toBe(200);
  expect(after.body.threadId).not.toBe(before);
});

test('process.exit and a crash after the response end only that environment; the server goes on', async () => {
  const exited = await json(`${emulator.url()}/unruly?do=exit`);
  expect(exited.status).toBe(500);
  expect(emulator.requests[emulator.requests.length - 1].error).toMatch(/Runtime\.ExitError/);
  const crashed = await json(`${emulator.url()}/unruly?do=late-crash`);
  expect(crashed.status).toBe(200);
  await new Promise(resolve => setTimeout(resolve, 100));
  const next = await json(`${emulator.url()}/unruly`);
  expect(next.status).toBe(200);
  expect(next.body.threadId).not.toBe(crashed.body.threadId);
});

test('an integration timeout shorter than the handler answers 503 Service Unavailable', async () => {
  const started = Date.now();
  const response = await json(`${emulator.url()}/slow-integration?do=sleep`);
  expect(response).toEqual({ status: 503, body: { message: 'Service Unavailable' } });
  expect(Date.now() - started).toBeLessThan(1500);
});

test('a function whose runtime is not Node.js answers 502, with its runtime named in the log', async () => {
  const response = await json(`${emulator.url()}/python`);
  expect(response).toEqual({ status: 502, body: { message: 'Bad Gateway' } });
  expect(emulator.requests[emulator.requests.length - 1].error).toMatch(/runtime python3\.12/);
  expect(emulator.warnings).toContainEqual(expect.stringMatching(/Test\/Python has runtime python3\.12/));
});

test('a function for another Node.js version runs, with a warning', async () => {
  const response = await json(`${emulator.url()}/node22`);
  expect(response).toEqual({ status: 200, body: process.version });
  expect(emulator.warnings).toContainEqual(expect.stringMatching(/Test\/Node22 has runtime nodejs22\.x and runs here on Node\.js/));
});
