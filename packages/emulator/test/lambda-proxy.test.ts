// Lambda proxy integrations: the payload 1.0 and 2.0 events as a handler receives them, and
// how API Gateway turns handler results into responses, through real HTTP requests.
import { Duration } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, PayloadFormatVersion } from 'cdk-apigatewayv2';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { curl, ECHO_HANDLER, echoedEvent, inlineFunction, synth } from './util';

/** Answers according to the `{kind}` path variable. */
const RESPONSES = `
exports.handler = async (event) => {
  const kind = (event.pathParameters || {}).kind;
  switch (kind) {
    case 'string': return 'Hello from Lambda!';
    case 'object': return { message: 'hi', body: 'not a body' };
    case 'nothing': return undefined;
    case 'structured': return { statusCode: 201, headers: { 'x-custom': 'yes', 'x-number': 42 }, cookies: ['a=1; Path=/', 'b=2'], body: 'created' };
    case 'json': return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' };
    case 'binary': return { statusCode: 200, isBase64Encoded: true, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2, 255]).toString('base64') };
    case 'backend-cors': return { statusCode: 200, headers: { 'access-control-allow-origin': '*' }, body: 'x' };
    case 'bad-status': return { statusCode: 'teapot', body: 'x' };
    case 'object-body': return { statusCode: 200, body: { not: 'a string' } };
    case 'throw': throw new TypeError('something broke');
    case 'v1-multi': return { statusCode: 200, headers: { 'x-one': '1', 'x-many': 'overridden' }, multiValueHeaders: { 'x-many': ['a', 'b'] }, body: 'ok' };
    case 'v1-inferred': return { message: 'no status code' };
    default: return { statusCode: 400, body: 'unknown kind ' + kind };
  }
};
`;

let emulator: Emulator;

beforeAll(async () => {
  const assembly = synth(stack => {
    const api = new HttpApi(stack, 'Api');
    const echo = inlineFunction(stack, 'Echo', ECHO_HANDLER);
    const responses = inlineFunction(stack, 'Responses', RESPONSES);
    api.addRoutes({ path: '/v2/echo/{id}', methods: [HttpMethod.ANY], integration: new HttpLambdaIntegration('EchoV2', echo) });
    api.addRoutes({ path: '/v2/plain', methods: [HttpMethod.ANY], integration: new HttpLambdaIntegration('PlainV2', echo) });
    api.addRoutes({
      path: '/v1/echo/{id}',
      methods: [HttpMethod.ANY],
      integration: new HttpLambdaIntegration('EchoV1', echo, { payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 }),
    });
    api.addRoutes({ path: '/v2/responses/{kind}', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('ResponsesV2', responses) });
    api.addRoutes({
      path: '/v1/responses/{kind}',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('ResponsesV1', responses, { payloadFormatVersion: PayloadFormatVersion.VERSION_1_0, timeout: Duration.seconds(10) }),
    });
  });
  emulator = await emulate({ assembly });
});

afterAll(() => emulator?.close());

describe('payload format 2.0 event', () => {
  test('the documented fields, lowercase headers with duplicates joined, cookies apart, decoded query', async () => {
    const response = await curl([
      '-X', 'POST', `${emulator.url()}/v2/echo/a%20b?x=1&y=2&x=3&encoded=%C3%A9`,
      '-H', 'X-Dup: one', '-H', 'X-Dup: two', '-H', 'Cookie: c1=v1; c2=v2', '-A', 'curl-test',
      '-H', 'content-type: application/json', '--data', '{"hello":"world"}',
    ]);
    expect(response.status).toBe(200);
    const event = JSON.parse(response.body).event;
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'ANY /v2/echo/{id}',
      rawPath: '/v2/echo/a b',
      rawQueryString: 'x=1&y=2&x=3&encoded=%C3%A9',
      cookies: ['c1=v1', 'c2=v2'],
      headers: expect.objectContaining({ 'x-dup': 'one,two', 'content-type': 'application/json', 'user-agent': 'curl-test' }),
      queryStringParameters: { x: '1,3', y: '2', encoded: 'é' },
      requestContext: {
        accountId: '123456789012',
        apiId: expect.stringMatching(/^[a-z0-9]{10}$/),
        domainName: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        domainPrefix: '127',
        http: { method: 'POST', path: '/v2/echo/a b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl-test' },
        requestId: response.headers['apigw-requestid'][0],
        routeKey: 'ANY /v2/echo/{id}',
        stage: '$default',
        time: expect.stringMatching(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/),
        timeEpoch: expect.any(Number),
      },
      body: '{"hello":"world"}',
      pathParameters: { id: 'a b' },
      isBase64Encoded: false,
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.headers['x-forwarded-proto']).toBe('http');
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(10000);
  });

  test('empty fields are left out: no cookies, query, body, path parameters or stage variables', async () => {
    const event = await echoedEvent(await fetch(`${emulator.url()}/v2/plain`));
    expect(Object.keys(event).sort()).toEqual(['headers', 'isBase64Encoded', 'rawPath', 'rawQueryString', 'requestContext', 'routeKey', 'version']);
    expect(event.rawQueryString).toBe('');
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  test('bodies are text for text, JSON, XML and JavaScript content types, base64 for everything else', async () => {
    const cases: [string | undefined, boolean][] = [
      ['text/plain; charset=utf-8', false], ['application/json', false], ['application/xml', false], ['text/csv', false],
      ['application/javascript', false], ['application/octet-stream', true], ['application/x-www-form-urlencoded', true],
      ['image/png', true], [undefined, true],
    ];
    for (const [type, base64] of cases) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      const body = type === undefined ? new Uint8Array([104, 105]) : 'hi';
      const event = await echoedEvent(await fetch(`${emulator.url()}/v2/plain`, { method: 'POST', headers, body }));
      expect({ type, isBase64Encoded: event.isBase64Encoded }).toEqual({ type, isBase64Encoded: base64 });
      expect(base64 ? Buffer.from(event.body, 'base64').toString() : event.body).toBe('hi');
    }
  });
});

describe('payload format 1.0 event', () => {
  test('the REST-like shape: resource, path, single and multi-value headers and query, identity', async () => {
    const response = await curl([
      `${emulator.url()}/v1/echo/7?q=1&q=2`, '-H', 'X-Dup: one', '-H', 'X-Dup: two', '-A', 'curl-test',
    ]);
    const event = JSON.parse(response.body).event;
    expect(event).toEqual(expect.objectContaining({
      version: '1.0',
      resource: '/v1/echo/{id}',
      path: '/v1/echo/7',
      httpMethod: 'GET',
      queryStringParameters: { q: '2' },
      multiValueQueryStringParameters: { q: ['1', '2'] },
      pathParameters: { id: '7' },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    }));
    expect(event.headers['X-Dup']).toBe('two');
    expect(event.multiValueHeaders['X-Dup']).toEqual(['one', 'two']);
    expect(event.requestContext).toEqual(expect.objectContaining({
      httpMethod: 'GET',
      path: '/v1/echo/7',
      resourcePath: '/v1/echo/{id}',
      stage: '$default',
      requestId: response.headers['apigw-requestid'][0],
      requestTimeEpoch: expect.any(Number),
      authorizer: { claims: null, scopes: null },
      identity: expect.objectContaining({ sourceIp: '127.0.0.1', userAgent: 'curl-test', accessKey: null }),
    }));
  });
});

describe('payload format 2.0 responses', () => {
  const get = (kind: string) => curl([`${emulator.url()}/v2/responses/${kind}`]);

  test('a string or an object without statusCode is an inferred 200 application/json response', async () => {
    let response = await get('string');
    expect([response.status, response.headers['content-type'], response.body]).toEqual([200, ['application/json'], 'Hello from Lambda!']);
    response = await get('object');
    expect([response.status, response.headers['content-type'], response.body]).toEqual([200, ['application/json'], '{"message":"hi","body":"not a body"}']);
    response = await get('nothing');
    expect([response.status, response.body]).toEqual([200, 'null']);
  });

  test('a structured response: status, headers, each cookie its own set-cookie header', async () => {
    const response = await get('structured');
    expect(response.status).toBe(201);
    expect(response.headers['x-custom']).toEqual(['yes']);
    expect(response.headers['x-number']).toEqual(['42']);
    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2']);
    expect(response.headers['content-type']).toEqual(['text/plain; charset=utf-8']);
    expect(response.body).toBe('created');
    expect((await get('json')).headers['content-type']).toEqual(['application/json']);
  });

  test('isBase64Encoded bodies are decoded to bytes', async () => {
    const response = await fetch(`${emulator.url()}/v2/responses/binary`);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  test('invalid responses and thrown errors answer 500 Internal Server Error, with the reason in the log', async () => {
    for (const [kind, reason] of [['bad-status', 'statusCode'], ['object-body', '`body` must be a string'], ['throw', 'TypeError: something broke']]) {
      const response = await get(kind);
      expect([kind, response.status, response.body]).toEqual([kind, 500, '{"message":"Internal Server Error"}']);
      expect(emulator.requests[emulator.requests.length - 1].error).toContain(reason);
    }
  });
});

describe('payload format 1.0 responses', () => {
  test('headers and multiValueHeaders are merged', async () => {
    const response = await curl([`${emulator.url()}/v1/responses/v1-multi`]);
    expect(response.status).toBe(200);
    expect(response.headers['x-one']).toEqual(['1']);
    expect(response.headers['x-many']).toEqual(['a', 'b']);
  });

  test('a result without statusCode is invalid in 1.0: 500', async () => {
    const response = await curl([`${emulator.url()}/v1/responses/v1-inferred`]);
    expect([response.status, response.body]).toEqual([500, '{"message":"Internal Server Error"}']);
  });
});
