// API Gateway's limits and refusals: payload size, Lambda's invocation payload limit, and a
// disabled execute-api endpoint.
import { HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { curl, ECHO_HANDLER, inlineFunction, synth, tempDir } from './util';
import * as fs from 'fs';
import * as path from 'path';

let emulator: Emulator;

beforeAll(async () => {
  const assembly = synth(stack => {
    const echo = inlineFunction(stack, 'Echo', ECHO_HANDLER);
    const big = inlineFunction(stack, 'Big', 'exports.handler = async () => ({ statusCode: 200, body: "x".repeat(7 * 1024 * 1024) });');
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/echo', methods: [HttpMethod.POST], integration: new HttpLambdaIntegration('Echo', echo) });
    api.addRoutes({ path: '/big', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Big', big) });
    const closed = new HttpApi(stack, 'Closed', { disableExecuteApiEndpoint: true });
    closed.addRoutes({ path: '/echo', methods: [HttpMethod.POST], integration: new HttpLambdaIntegration('ClosedEcho', echo) });
  });
  emulator = await emulate({ assembly });
});

afterAll(() => emulator?.close());

test('a body over 10 MB answers 413', async () => {
  const file = path.join(tempDir(), 'big.bin');
  fs.writeFileSync(file, Buffer.alloc(10 * 1024 * 1024 + 1, 1));
  const response = await curl(['-X', 'POST', `${emulator.url('Api')}/echo`, '-H', 'content-type: application/octet-stream', '--data-binary', `@${file}`]);
  expect(response.status).toBe(413);
});

test('an event over Lambda\'s 6 MB answers 413; a result over 6 MB answers 500', async () => {
  const body = 'a'.repeat(6 * 1024 * 1024);
  const response = await fetch(`${emulator.url('Api')}/echo`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });
  expect([response.status, await response.text()]).toEqual([413, '{"message":"Request Too Long"}']);
  const small = await fetch(`${emulator.url('Api')}/echo`, { method: 'POST', body: 'a'.repeat(1024 * 1024), headers: { 'content-type': 'text/plain' } });
  expect(small.status).toBe(200);
  const big = await fetch(`${emulator.url('Api')}/big`);
  expect([big.status, await big.text()]).toEqual([500, '{"message":"Internal Server Error"}']);
  expect(emulator.requests[emulator.requests.length - 1].error).toMatch(/larger than Lambda's 6291456 bytes/);
});

test('an API whose execute-api endpoint is disabled answers 403 Forbidden', async () => {
  const response = await curl(['-X', 'POST', `${emulator.url('Closed')}/echo`]);
  expect([response.status, response.body]).toEqual([403, '{"message":"Forbidden"}']);
});
