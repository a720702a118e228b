// Stage selection, API Gateway's route priority (the documented table and the observed
// tie-breaks), path decoding and the 404 body, through real HTTP requests (curl and fetch).
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, HttpStage } from 'cdk-apigatewayv2';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { curl, ECHO_HANDLER, echoedEvent, inlineFunction, synth } from './util';

let emulator: Emulator;

beforeAll(async () => {
  const assembly = synth(stack => {
    const fn = inlineFunction(stack, 'Echo', ECHO_HANDLER);
    let echo = new HttpLambdaIntegration('Echo', fn);
    // The routes of AWS's worked example (http-api-develop-routes), plus $default.
    const pets = new HttpApi(stack, 'Pets', { defaultIntegration: echo });
    for (const [path, method] of [['/pets/dog/1', HttpMethod.GET], ['/pets/dog/{id}', HttpMethod.GET], ['/pets/{proxy+}', HttpMethod.GET], ['/{proxy+}', HttpMethod.ANY]] as const) {
      pets.addRoutes({ path, methods: [method], integration: echo });
    }
    new HttpStage(stack, 'PetsDev', { httpApi: pets, stageName: 'dev', autoDeploy: true, stageVariables: { color: 'blue' } });

    // Tie-breaks: an exact method against ANY, path specificity, greedy variables.
    echo = new HttpLambdaIntegration('Echo', fn);
    const ties = new HttpApi(stack, 'Ties');
    ties.addRoutes({ path: '/pets/dog', methods: [HttpMethod.ANY], integration: echo });
    ties.addRoutes({ path: '/pets/{id}', methods: [HttpMethod.GET], integration: echo });
    ties.addRoutes({ path: '/files/{name}', methods: [HttpMethod.GET], integration: echo });
    ties.addRoutes({ path: '/files/{path+}', methods: [HttpMethod.GET], integration: echo });
    ties.addRoutes({ path: '/files/docs/{path+}', methods: [HttpMethod.GET], integration: echo });
    ties.addRoutes({ path: '/things', methods: [HttpMethod.GET], integration: echo });
    ties.addRoutes({ path: '/', methods: [HttpMethod.GET], integration: echo });

    // No $default stage: only /v1 is served.
    echo = new HttpLambdaIntegration('Echo', fn);
    const named = new HttpApi(stack, 'Named', { createDefaultStage: false });
    named.addRoutes({ path: '/hello', methods: [HttpMethod.GET], integration: echo });
    new HttpStage(stack, 'NamedV1', { httpApi: named, stageName: 'v1', autoDeploy: true });
    new HttpRoute(stack, 'Unused', { httpApi: named, routeKey: HttpRouteKey.with('/bye', HttpMethod.POST), integration: echo });
  });
  emulator = await emulate({ assembly });
});

afterAll(() => emulator?.close());

async function routeOf(api: string, method: string, path: string, stage?: string): Promise<string> {
  const response = await curl(['--path-as-is', '-X', method, emulator.url(api, stage) + path]);
  if (response.status !== 200) return `${response.status} ${response.body}`;
  return JSON.parse(response.body).event.routeKey;
}

test('the documented example of route selection, through curl', async () => {
  expect(await routeOf('Pets', 'GET', '/pets/dog/1')).toBe('GET /pets/dog/1');
  expect(await routeOf('Pets', 'GET', '/pets/dog/2')).toBe('GET /pets/dog/{id}');
  expect(await routeOf('Pets', 'GET', '/pets/cat/1')).toBe('GET /pets/{proxy+}');
  expect(await routeOf('Pets', 'POST', '/test/5')).toBe('ANY /{proxy+}');
  // Nothing else matches `/`: `{proxy+}` needs at least one segment.
  expect(await routeOf('Pets', 'GET', '/')).toBe('$default');
});

test('observed tie-breaks: exact method before path specificity, literals before variables, greedy last', async () => {
  expect(await routeOf('Ties', 'GET', '/pets/dog')).toBe('GET /pets/{id}');
  expect(await routeOf('Ties', 'DELETE', '/pets/dog')).toBe('ANY /pets/dog');
  expect(await routeOf('Ties', 'GET', '/files/readme')).toBe('GET /files/{name}');
  expect(await routeOf('Ties', 'GET', '/files/a/b')).toBe('GET /files/{path+}');
  expect(await routeOf('Ties', 'GET', '/files/docs/a')).toBe('GET /files/docs/{path+}');
  expect(await routeOf('Ties', 'GET', '/')).toBe('GET /');
});

test('a method without a route, and a path without one, answer 404 Not Found', async () => {
  for (const [method, path] of [['POST', '/things'], ['GET', '/nothing'], ['GET', '/files']]) {
    const response = await curl(['-X', method, emulator.url('Ties') + path]);
    expect(response.status).toBe(404);
    expect(response.body).toBe('{"message":"Not Found"}');
    expect(response.headers['content-type']).toEqual(['application/json']);
    expect(response.headers['apigw-requestid']?.[0]).toMatch(/^[A-Za-z0-9_-]{15}=$/);
  }
});

test('path variables: decoded, the greedy one without its leading slash; a trailing slash is ignored', async () => {
  let event = await echoedEvent(await fetch(`${emulator.url('Ties')}/files/docs/a/b%20c.txt`));
  expect(event.pathParameters).toEqual({ path: 'a/b c.txt' });
  expect(event.rawPath).toBe('/files/docs/a/b c.txt');

  event = await echoedEvent(await fetch(`${emulator.url('Pets')}/pets/dog/1/`));
  expect(event.routeKey).toBe('GET /pets/dog/1');
  expect(event.rawPath).toBe('/pets/dog/1/');
});

test('the path is decoded before routing: %2F separates segments', async () => {
  expect(await routeOf('Pets', 'GET', '/pets/dog%2F1')).toBe('GET /pets/dog/1');
  expect(await routeOf('Ties', 'GET', '/files/a%2Fb')).toBe('GET /files/{path+}');
  const event = JSON.parse((await curl(['--path-as-is', `${emulator.url('Pets')}/pets/dog/x%3Fy?q=a%20b&q=c`])).body).event;
  expect(event.pathParameters).toEqual({ id: 'x?y' });
  expect(event.rawQueryString).toBe('q=a%20b&q=c');
  expect(event.queryStringParameters).toEqual({ q: 'a b,c' });
});

test('stages: a named stage is served under its name, with its variables; the path keeps the stage', async () => {
  const event = await echoedEvent(await fetch(`${emulator.url('Pets', 'dev')}/pets/dog/1`));
  expect(event.requestContext.stage).toBe('dev');
  expect(event.rawPath).toBe('/dev/pets/dog/1');
  expect(event.requestContext.http.path).toBe('/dev/pets/dog/1');
  expect(event.routeKey).toBe('GET /pets/dog/1');
  expect(event.stageVariables).toEqual({ color: 'blue' });

  const root = await echoedEvent(await fetch(`${emulator.url('Pets')}/pets/dog/1`));
  expect(root.requestContext.stage).toBe('$default');
  expect(root.stageVariables).toBeUndefined();
});

test('without a $default stage, paths outside the named stages answer 404', async () => {
  expect(emulator.urls.Named).toEqual({ v1: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/) });
  expect(await routeOf('Named', 'GET', '/hello', 'v1')).toBe('GET /hello');
  const response = await curl([`${emulator.url('Named', 'v1').replace(/\/v1$/, '')}/hello`]);
  expect(response.status).toBe(404);
  expect(response.body).toBe('{"message":"Not Found"}');
});

test('the request log names the route, the integration and the status', async () => {
  const before = emulator.requests.length;
  await fetch(`${emulator.url('Pets')}/pets/cat/9`);
  expect(emulator.requests.slice(before)).toEqual([expect.objectContaining({
    api: 'Pets', stage: '$default', method: 'GET', path: '/pets/cat/9', routeKey: 'GET /pets/{proxy+}',
    integration: 'Lambda Test/Echo', status: 200,
  })]);
});
