// The jest helper, as a user of the emulator would test their own app with it.
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { HttpJwtAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { HttpLambdaIntegration, HttpSqsIntegration } from 'cdk-apigatewayv2/integrations';
import { HandshakeRefusedError, useEmulator } from 'cdk-apigatewayv2-emulator/jest';
import { ECHO_HANDLER, inlineFunction } from './util';
import { buildWebSocketApp } from './websocket-app';

/** The user's app, as their own code would build it. */
function createApp(): App {
  const app = new App();
  const stack = new Stack(app, 'Orders');
  const api = new HttpApi(stack, 'OrdersApi');
  api.addRoutes({
    path: '/orders/{id}', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Get', inlineFunction(stack, 'GetOrder', ECHO_HANDLER)),
    authorizer: new HttpJwtAuthorizer('Jwt', 'https://auth.example.com', { jwtAudience: ['orders'] }),
  });
  api.addRoutes({ path: '/orders', methods: [HttpMethod.POST], integration: new HttpSqsIntegration('Queue', { queue: new sqs.Queue(stack, 'Incoming') }) });
  return app;
}

const api = useEmulator({ app: createApp, localIssuer: true });

beforeEach(() => api.clearRecords());

test('fetch a path of the API with a minted token', async () => {
  const response = await api.fetch('/orders/1', { headers: { authorization: `Bearer ${api.mintToken({ subject: 'ann' })}` } });
  expect(response.status).toBe(200);
  const { event }: any = await response.json();
  expect(event.requestContext.authorizer.jwt.claims.sub).toBe('ann');
  expect(api.requests).toEqual([expect.objectContaining({ routeKey: 'GET /orders/{id}', status: 200, integration: 'Lambda Orders/GetOrder' })]);
});

test('the service calls an integration would have made', async () => {
  await api.fetch('/orders', { method: 'POST', body: JSON.stringify({ MessageBody: 'one book' }), headers: { 'content-type': 'application/json' } });
  expect(api.serviceCalls).toEqual([expect.objectContaining({ subtype: 'SQS-SendMessage', parameters: expect.objectContaining({ MessageBody: 'one book' }) })]);
});

test('the construct paths come from the app, synthesized as the CDK CLI does', () => {
  expect(api.apis.map(a => a.path)).toEqual(['Orders/OrdersApi']);
  expect(api.warnings).toEqual([]);
});

describe('a WebSocket API', () => {
  const chat = useEmulator({
    app: () => {
      const app = new App();
      buildWebSocketApp(new Stack(app, 'Test'));
      return app;
    },
  });

  test('connect() opens a connection with a query string; next() waits for frames; the records have each event', async () => {
    const socket = await chat.connect({ api: 'Chat', stage: 'prod', query: { token: 'ann' } });
    socket.send(JSON.stringify({ action: 'echo', text: 'one' }));
    socket.send(JSON.stringify({ action: 'echo', text: 'two' }));
    expect([await socket.next(), await socket.next()].sort()).toEqual(['one', 'two']);
    expect(await socket.close()).toEqual({ code: 1000, reason: '' });
    expect(chat.requests.filter(r => r.api === 'Chat').map(r => r.method)).toEqual(expect.arrayContaining(['CONNECT', 'MESSAGE', 'MESSAGE']));
  });

  test('a refused handshake rejects with its status', async () => {
    await expect(chat.connect({ api: 'Chat', stage: 'prod', query: { token: 'deny' } })).rejects.toEqual(expect.objectContaining({ status: 403 }));
    await expect(chat.connect({ api: 'Chat', stage: 'prod' })).rejects.toBeInstanceOf(HandshakeRefusedError);
  });

  test('callbackUrl() is the stage\'s @connections base URL', () => {
    expect(chat.callbackUrl('Chat', 'prod')).toBe(chat.url('Chat', 'prod').replace(/^ws/, 'http'));
  });
});
