// HTTP_PROXY integrations forwarded for real (with stage variables and parameter mapping), and
// AWS service integrations recorded instead of called.
import { createHash } from 'crypto';
import { Duration } from 'aws-cdk-lib';
import { CfnIntegration } from 'aws-cdk-lib/aws-apigatewayv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, HttpStage, MappingValue, ParameterMapping } from 'cdk-apigatewayv2';
import { HttpEventBridgeIntegration, HttpSqsIntegration, HttpUrlIntegration } from 'cdk-apigatewayv2/integrations';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { curl, stubServer, synth } from './util';

let emulator: Emulator;
let backend: Awaited<ReturnType<typeof stubServer>>;

beforeAll(async () => {
  backend = await stubServer((req, res) => {
    if (req.url?.startsWith('/slow')) {
      setTimeout(() => res.end('late'), 2000).unref();
      return;
    }
    const status = req.url?.includes('fail') ? 500 : req.url?.includes('missing') ? 404 : 200;
    res.writeHead(status, { 'content-type': 'text/plain', 'x-backend': 'stub', 'access-control-allow-origin': '*', 'set-cookie': ['s1=a', 's2=b'] });
    res.end(`backend saw ${req.method} ${req.url}`);
  });
  const assembly = synth(stack => {
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.GET, HttpMethod.POST], integration: new HttpUrlIntegration('Book', 'https://catalog.example.com/v2/books/{id}') });
    api.addRoutes({ path: '/files/{path+}', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Files', 'https://catalog.example.com/static/{path}') });
    api.addRoutes({ path: '/staged', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Staged', 'https://${stageVariables.backend}/staged-target') });
    api.addRoutes({ path: '/slow', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Slow', 'https://catalog.example.com/slow', { timeout: Duration.millis(300) }) });
    api.addRoutes({ path: '/unreachable', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Unreachable', 'https://unreachable.example.com/') });
    api.addRoutes({
      path: '/mapped/{id}',
      methods: [HttpMethod.GET],
      integration: new HttpUrlIntegration('Mapped', 'https://catalog.example.com/mapped', {
        parameterMapping: new ParameterMapping()
          .appendHeader('x-request-id', MappingValue.contextVariable('requestId'))
          .appendHeader('x-item', MappingValue.requestPathParam('id'))
          .removeHeader('x-secret')
          .overwriteQueryString('page', MappingValue.requestHeader('x-page'))
          .overwritePath(MappingValue.custom('/rewritten/${request.path.id}')),
      }),
    });
    api.addRoutes({ path: '/status/{code}', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Status', 'https://catalog.example.com/{code}') });
    // Response mapping has no L2 setting: set it on the L1.
    const status = api.node.findAll().find((c): c is CfnIntegration => c instanceof CfnIntegration && c.node.path.includes('Status'))!;
    status.addPropertyOverride('ResponseParameters', {
      500: { 'overwrite:statuscode': '503', 'append:header.x-mapped': '$context.requestId' },
      404: { 'overwrite:header.x-backend': 'renamed', 'remove:header.set-cookie': "''" },
    });
    new HttpRoute(stack, 'Fallback', { httpApi: api, routeKey: HttpRouteKey.DEFAULT, integration: new HttpUrlIntegration('Fallback', 'https://catalog.example.com/fallback') });
    new HttpStage(stack, 'Dev', { httpApi: api, stageName: 'dev', autoDeploy: true, stageVariables: { backend: 'catalog.example.com' } });

    const queue = new sqs.Queue(stack, 'Orders');
    api.addRoutes({ path: '/orders', methods: [HttpMethod.POST], integration: new HttpSqsIntegration('Orders', { queue }) });
    api.addRoutes({
      path: '/orders/{id}/notes',
      methods: [HttpMethod.POST],
      integration: new HttpSqsIntegration('Notes', {
        queue,
        parameterMapping: new ParameterMapping()
          .custom('QueueUrl', queue.queueUrl)
          .custom('MessageBody', '$request.body.note')
          .custom('MessageGroupId', '$request.path.id'),
      }),
    });
    const bus = new events.EventBus(stack, 'Bus');
    api.addRoutes({ path: '/events', methods: [HttpMethod.POST], integration: new HttpEventBridgeIntegration('Events', { eventBusRef: bus.eventBusRef }) });
  });
  emulator = await emulate({
    assembly,
    httpProxy: { 'https://catalog.example.com': backend.url, 'https://unreachable.example.com': 'http://127.0.0.1:9' },
  });
});

afterAll(async () => {
  await emulator?.close();
  await backend?.close();
});

const lastBackendRequest = () => backend.requests[backend.requests.length - 1];

describe('HTTP_PROXY', () => {
  test('forwards method, path variables, query, headers and body; passes the response through', async () => {
    const response = await curl(['-X', 'POST', `${emulator.url()}/books/42?lang=en&lang=fr`, '-H', 'x-client: 1', '--data', 'payload']);
    expect(response.status).toBe(200);
    expect(response.body).toBe('backend saw POST /v2/books/42?lang=en&lang=fr');
    expect(response.headers['x-backend']).toEqual(['stub']);
    expect(response.headers['set-cookie']).toEqual(['s1=a', 's2=b']);
    const seen = lastBackendRequest();
    expect(seen.body).toBe('payload');
    expect(seen.headers).toEqual(expect.objectContaining({
      'host': backend.url.replace('http://', ''),
      'x-client': '1',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
    }));
    expect(emulator.requests[emulator.requests.length - 1].integration).toBe(`HTTP_PROXY https://catalog.example.com/v2/books/42 via ${backend.url}/v2/books/42?lang=en&lang=fr`);
  });

  test('a greedy path variable keeps its slashes; the $default route appends the whole path', async () => {
    expect((await curl([`${emulator.url()}/files/css/site.css`])).body).toBe('backend saw GET /static/css/site.css');
    expect((await curl([`${emulator.url()}/anything/else?x=1`])).body).toBe('backend saw GET /fallback/anything/else?x=1');
  });

  test('stage variables in the URI are filled from the stage', async () => {
    expect((await curl([`${emulator.url(undefined, 'dev')}/staged`])).body).toBe('backend saw GET /staged-target');
  });

  test('the backend status passes through; timeouts answer 504 and unreachable backends 502', async () => {
    expect((await curl([`${emulator.url()}/books/fail`])).status).toBe(500);
    const started = Date.now();
    const slow = await curl([`${emulator.url()}/slow`]);
    expect([slow.status, slow.body]).toEqual([504, '{"message":"Gateway Timeout"}']);
    expect(Date.now() - started).toBeLessThan(1500);
    const unreachable = await curl([`${emulator.url()}/unreachable`]);
    expect([unreachable.status, unreachable.body]).toEqual([502, '{"message":"Bad Gateway"}']);
  });

  test('request parameter mapping: headers appended and removed, query overwritten, path rewritten', async () => {
    const response = await curl([`${emulator.url()}/mapped/7?page=1&keep=yes`, '-H', 'x-secret: hush', '-H', 'x-page: 3']);
    expect(response.body).toBe('backend saw GET /rewritten/7?keep=yes&page=3');
    const seen = lastBackendRequest();
    expect(seen.headers['x-request-id']).toBe(response.headers['apigw-requestid'][0]);
    expect(seen.headers['x-item']).toBe('7');
    expect(seen.headers['x-secret']).toBeUndefined();
  });

  test('response parameter mapping per status code: status overwritten, headers added, changed, removed', async () => {
    const failed = await curl([`${emulator.url()}/status/fail`]);
    expect(failed.status).toBe(503);
    expect(failed.headers['x-mapped']).toEqual(failed.headers['apigw-requestid']);
    const missing = await curl([`${emulator.url()}/status/missing`]);
    expect(missing.status).toBe(404);
    expect(missing.headers['x-backend']).toEqual(['renamed']);
    expect(missing.headers['set-cookie']).toBeUndefined();
    const ok = await curl([`${emulator.url()}/status/ok`]);
    expect(ok.headers['x-backend']).toEqual(['stub']);
  });
});

describe('AWS service integrations', () => {
  test('SQS-SendMessage: recorded with its mapped parameters, answered as SQS would, never sent', async () => {
    // The default mapping reads `$request.body.MessageBody`: a body without it leaves a required parameter empty.
    const response = await fetch(`${emulator.url()}/orders`, { method: 'POST', body: '{"other":1}', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(500);
    expect(emulator.requests[emulator.requests.length - 1].error).toBe('the SQS-SendMessage parameters MessageBody have no value for this request');
    const sent = await fetch(`${emulator.url()}/orders/o-1/notes`, { method: 'POST', body: JSON.stringify({ note: 'ring twice' }), headers: { 'content-type': 'application/json' } });
    expect(sent.status).toBe(200);
    const answer: any = await sent.json();
    expect(answer.SendMessageResponse.SendMessageResult).toEqual(expect.objectContaining({
      MD5OfMessageBody: createHash('md5').update('ring twice').digest('hex'),
      MessageId: expect.any(String),
    }));
    const call = emulator.serviceCalls[emulator.serviceCalls.length - 1];
    expect(call).toEqual(expect.objectContaining({
      subtype: 'SQS-SendMessage',
      routeKey: 'POST /orders/{id}/notes',
      parameters: {
        QueueUrl: expect.stringMatching(/^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/Test-Orders/),
        MessageBody: 'ring twice',
        MessageGroupId: 'o-1',
      },
    }));
  });

  test('EventBridge-PutEvents: the default mapping reads the body', async () => {
    const body = { Detail: { orderId: 1 }, DetailType: 'OrderPlaced', Source: 'shop' };
    const response = await fetch(`${emulator.url()}/events`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(await response.json()).toEqual({ Entries: [{ EventId: expect.any(String) }], FailedEntryCount: 0 });
    expect(emulator.serviceCalls[emulator.serviceCalls.length - 1].parameters).toEqual({
      Detail: '{"orderId":1}',
      DetailType: 'OrderPlaced',
      Source: 'shop',
      EventBusName: 'TestBus4E4D4B0D',
    });
  });
});
