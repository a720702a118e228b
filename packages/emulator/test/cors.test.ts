// CORS as API Gateway does it, checked with curl: who answers a preflight, the headers sent,
// backend CORS headers dropped. browser-cors.test.ts checks the same app in Chromium.
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { buildCorsApp } from './cors-app';
import { curl, synth } from './util';

let emulator: Emulator;
let gatewayFirst: Emulator;

beforeAll(async () => {
  const assembly = synth(stack => buildCorsApp(stack, 'http://other.test'));
  emulator = await emulate({ assembly, localIssuer: true });
  gatewayFirst = await emulate({ assembly, localIssuer: true, corsPreflight: 'gateway' });
});

afterAll(async () => {
  await emulator?.close();
  await gatewayFirst?.close();
});

const preflight = (url: string, origin = 'http://app.test', method = 'POST', headers = 'content-type,x-custom') => curl([
  '-X', 'OPTIONS', url, '-H', `Origin: ${origin}`, '-H', `Access-Control-Request-Method: ${method}`, '-H', `Access-Control-Request-Headers: ${headers}`,
]);

test('a preflight no route takes is answered by the gateway: 204 with the configured headers', async () => {
  const response = await preflight(`${emulator.url('Shop')}/items`);
  expect(response.status).toBe(204);
  expect(response.headers).toEqual(expect.objectContaining({
    'access-control-allow-origin': ['http://app.test'],
    'access-control-allow-methods': ['GET,POST,PUT'],
    'access-control-allow-headers': ['content-type,x-custom,authorization'],
    'access-control-max-age': ['600'],
  }));
  expect(response.headers['access-control-expose-headers']).toBeUndefined();
  expect(emulator.requests[emulator.requests.length - 1].integration).toBe('CORS preflight answered by the gateway');
});

test('a preflight from an origin that is not allowed gets no CORS headers', async () => {
  const response = await preflight(`${emulator.url('Shop')}/items`, 'http://evil.test');
  expect(response.status).toBe(204);
  expect(Object.keys(response.headers).filter(name => name.startsWith('access-control-'))).toEqual([]);
});

test('a CORS request gets the origin and exposed headers; the backend\'s own CORS headers are dropped', async () => {
  const response = await curl([`${emulator.url('Shop')}/items`, '-H', 'Origin: http://app.test']);
  expect(response.status).toBe(200);
  expect(response.headers['access-control-allow-origin']).toEqual(['http://app.test']);
  expect(response.headers['access-control-expose-headers']).toEqual(['x-total']);
  const foreign = await curl([`${emulator.url('Shop')}/items`, '-H', 'Origin: http://evil.test']);
  expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  const noOrigin = await curl([`${emulator.url('Shop')}/items`]);
  expect(noOrigin.headers['access-control-allow-origin']).toBeUndefined();
});

test('a preflight that a route matches (ANY with an authorizer) goes through the route: 401', async () => {
  const response = await preflight(`${emulator.url('Shop')}/secure/orders`, 'http://app.test', 'GET', 'authorization');
  expect(response.status).toBe(401);
  expect(emulator.requests[emulator.requests.length - 1]).toEqual(expect.objectContaining({ routeKey: 'ANY /secure/{proxy+}', status: 401 }));
});

test('an unauthenticated OPTIONS route takes the preflight instead, and gets the CORS headers', async () => {
  const response = await preflight(`${emulator.url('Shop')}/fixed/orders`, 'http://app.test', 'GET', 'authorization');
  expect(response.status).toBe(204);
  expect(response.headers['access-control-allow-origin']).toEqual(['http://app.test']);
  expect(response.headers['access-control-allow-methods']).toEqual(['GET,POST,PUT']);
  expect(emulator.requests[emulator.requests.length - 1].routeKey).toBe('OPTIONS /fixed/{proxy+}');
});

test('`corsPreflight: gateway` answers every preflight before routing', async () => {
  const response = await preflight(`${gatewayFirst.url('Shop')}/secure/orders`, 'http://app.test', 'GET', 'authorization');
  expect(response.status).toBe(204);
  expect(response.headers['access-control-allow-origin']).toEqual(['http://app.test']);
});

test('OPTIONS without Access-Control-Request-Method is no preflight; an API without CORS routes OPTIONS like any method', async () => {
  expect((await curl(['-X', 'OPTIONS', `${emulator.url('Shop')}/items`, '-H', 'Origin: http://app.test'])).status).toBe(404);
  expect((await preflight(`${emulator.url('Plain')}/items`)).status).toBe(404);
});

test('allowed origin *: the header is *', async () => {
  const response = await preflight(`${emulator.url('Open')}/items`, 'http://anything.test', 'GET');
  expect(response.headers['access-control-allow-origin']).toEqual(['*']);
  expect(response.headers['access-control-allow-headers']).toEqual(['*']);
});
