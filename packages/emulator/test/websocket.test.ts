// WebSocket APIs with the `ws` client: the handshake ($connect, its Lambda authorizer and
// identity sources, the integration's answer), route selection, the events handlers receive,
// two-way routes, API Gateway's error frames, and $disconnect.
import * as aws4 from 'aws4';
import { HandshakeRefusedError, openTestSocket, useEmulator } from 'cdk-apigatewayv2-emulator/jest';
import { WebSocket } from 'ws';
import { synth } from './util';
import { buildWebSocketApp, eventLogger, eventually } from './websocket-app';

const logger = eventLogger();
const api = useEmulator({ assembly: synth(buildWebSocketApp), logger });
/**
 * The newest record other than a $disconnect: a socket an earlier test closed logs its $disconnect
 * whenever its function returns, which may be after this test's own request.
 */
const lastRecord = () => [...api.requests].reverse().find(record => record.method !== 'DISCONNECT')!;
const connectChat = (token = 'ann', extra: Record<string, string> = {}) => api.connect({ api: 'Chat', stage: 'prod', query: { token, ...extra } });
/** The events of a connection, logged by the handler, oldest first. */
const eventsOf = (connectionId: string) => logger.events.filter(e => e.requestContext.connectionId === connectionId);

describe('the handshake: $connect and its authorizer', () => {
  test('an allowed token connects; the authorizer gets the REQUEST event with the $connect method ARN', async () => {
    const socket = await connectChat('ann');
    const connect = api.requests.find(r => r.method === 'CONNECT' && r.status === 200 && r.connectionId !== undefined)!;
    expect(connect).toEqual(expect.objectContaining({ protocol: 'WEBSOCKET', api: 'Chat', routeKey: '$connect', authorizer: 'CUSTOM Token: allowed', integration: 'Lambda Test/Handler' }));
    const event = logger.authorizerEvents[logger.authorizerEvents.length - 1];
    expect(event).toEqual(expect.objectContaining({
      type: 'REQUEST',
      methodArn: expect.stringMatching(/^arn:aws:execute-api:us-east-1:123456789012:[a-z0-9]{10}\/prod\/\$connect$/),
      queryStringParameters: { token: 'ann' },
      multiValueQueryStringParameters: { token: ['ann'] },
      stageVariables: { color: 'blue' },
    }));
    // The authorizer sees the handshake headers, Connection and Upgrade included [doc].
    expect(event.headers).toEqual(expect.objectContaining({ Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'content-length': '0' }));
    expect(event.requestContext).toEqual(expect.objectContaining({ routeKey: '$connect', eventType: 'CONNECT', connectionId: connect.connectionId, stage: 'prod' }));
    await socket.close();
  });

  test.each([
    ['a missing identity source answers 401 without invoking the authorizer', undefined, 401, /identity source route\.request\.querystring\.token is missing/],
    ['a Deny policy answers 403', 'deny', 403, /the policy denies arn:aws:execute-api:.*\/prod\/\$connect/],
    ['throwing Unauthorized answers 401', 'throw-unauthorized', 401, /threw Unauthorized/],
    ['another error answers 500', 'throw', 500, /the authorizer failed: Error: the user store is down/],
    ['a response without a policy answers 500', 'invalid', 500, /no `policyDocument`/],
  ])('%s', async (_what, token, status, note) => {
    const invocations = logger.authorizerEvents.length;
    const refused = await api.connect({ api: 'Chat', stage: 'prod', query: token === undefined ? {} : { token } }).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(HandshakeRefusedError);
    expect((refused as HandshakeRefusedError).status).toBe(status);
    expect(lastRecord()).toEqual(expect.objectContaining({ method: 'CONNECT', status, authorizer: expect.stringMatching(note) }));
    expect(logger.authorizerEvents.length).toBe(token === undefined ? invocations : invocations + 1);
  });

  test('the $connect integration refuses with its status code and body; a thrown error answers 500', async () => {
    const refused = await connectChat('ann', { connect: 'refuse' }).catch((e: HandshakeRefusedError) => e);
    expect([(refused as HandshakeRefusedError).status, (refused as HandshakeRefusedError).body]).toEqual([418, 'no teapots here']);
    const failed = await connectChat('ann', { connect: 'throw' }).catch((e: HandshakeRefusedError) => e);
    expect((failed as HandshakeRefusedError).status).toBe(500);
    expect(lastRecord().error).toMatch(/the function failed: Error: cannot connect/);
  });

  test('a result without a status code accepts the connection; a Sec-WebSocket-Protocol header selects the subprotocol', async () => {
    const plain = await connectChat('ann', { connect: 'nothing' });
    await plain.close();
    const socket = await api.connect({ api: 'Chat', stage: 'prod', query: { token: 'ann', connect: 'protocol' }, protocols: ['chat.v1', 'chat.v2'] });
    expect(socket.socket.protocol).toBe('chat.v2');
    await socket.close();
  });

  test('an unknown stage, or a path below the stage, is refused with 403', async () => {
    for (const stage of ['beta', 'prod/more']) {
      const url = api.url('Chat', 'prod').replace(/\/prod$/, `/${stage}`);
      const error = await new Promise<number>(resolve => {
        const ws = new WebSocket(`${url}?token=ann`);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
      });
      expect(error).toBe(403);
    }
  });

  test('IAM on $connect: a presigned URL or signed headers connect; an unsigned handshake is refused with 403', async () => {
    const url = new URL(api.url('Signed', 'dev'));
    const credentials = { accessKeyId: 'AKIALOCALTEST0000001', secretAccessKey: 'secret' };
    const presigned = aws4.sign({ host: url.host, path: `${url.pathname}?X-Amz-Expires=60`, service: 'execute-api', region: 'us-east-1', signQuery: true }, credentials);
    await (await openTestSocket(`ws://${url.host}${presigned.path}`)).close();
    const lastConnect = () => [...api.requests].reverse().find(r => r.method === 'CONNECT');
    expect(lastConnect()).toEqual(expect.objectContaining({ api: 'Signed', status: 200, authorizer: 'AWS_IAM: signed' }));
    const headers = aws4.sign({ host: url.host, path: url.pathname, service: 'execute-api', region: 'us-east-1' }, credentials).headers;
    await (await openTestSocket(url.href, { headers })).close();
    const refused = await openTestSocket(url.href).catch((e: HandshakeRefusedError) => e);
    expect((refused as HandshakeRefusedError).status).toBe(403);
    expect(lastConnect()!.authorizer).toMatch(/AWS_IAM: the request has no SigV4 signature/);
  });

  test('an API without a $connect route accepts every handshake', async () => {
    const socket = await api.connect({ api: 'Open', stage: 'dev' });
    expect(api.requests.filter(r => r.api === 'Open').map(r => [r.method, r.status, r.routeKey])).toEqual([['CONNECT', 200, undefined]]);
    await socket.close();
  });
});

describe('events', () => {
  test('$connect: headers in their case with the forwarding headers, the query, the authorizer\'s principal and context as strings', async () => {
    const socket = await api.connect({ api: 'Chat', stage: 'prod', query: { token: 'bob' }, headers: { 'X-Custom': 'one', 'User-Agent': 'tests/1.0' } });
    socket.send('{"action":"echo","text":"hi"}');
    await socket.next();
    const connectionId = lastRecord().connectionId!;
    const connect = eventsOf(connectionId).find(e => e.requestContext.eventType === 'CONNECT');
    expect(connect.headers).toEqual(expect.objectContaining({ 'X-Custom': 'one', 'User-Agent': 'tests/1.0', 'X-Forwarded-Proto': 'http', 'X-Forwarded-For': '127.0.0.1' }));
    expect(connect.headers.Upgrade).toBeUndefined();
    expect(connect.multiValueHeaders['X-Custom']).toEqual(['one']);
    expect(connect.queryStringParameters).toEqual({ token: 'bob' });
    expect(connect.isBase64Encoded).toBe(false);
    expect(connect.requestContext).toEqual({
      routeKey: '$connect',
      authorizer: { principalId: 'user-bob', user: 'bob', number: '7', flag: 'true' },
      eventType: 'CONNECT',
      extendedRequestId: expect.stringMatching(/^[A-Za-z0-9_-]{15}=$/),
      requestTime: expect.stringMatching(/^\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000$/),
      messageDirection: 'IN',
      stage: 'prod',
      connectedAt: expect.any(Number),
      requestTimeEpoch: expect.any(Number),
      identity: { userAgent: 'tests/1.0', sourceIp: '127.0.0.1' },
      requestId: expect.any(String),
      domainName: new URL(api.url('Chat', 'prod')).host,
      connectionId,
      apiId: api.apis.find(a => a.name === 'Chat')!.id,
    });
    expect(connect.stageVariables).toEqual({ color: 'blue' });

    const message = eventsOf(connectionId).find(e => e.requestContext.eventType === 'MESSAGE');
    expect(Object.keys(message).sort()).toEqual(['body', 'isBase64Encoded', 'requestContext', 'stageVariables']);
    expect(message.body).toBe('{"action":"echo","text":"hi"}');
    expect(message.requestContext).toEqual(expect.objectContaining({
      routeKey: 'echo', eventType: 'MESSAGE', messageId: expect.any(String), connectionId, connectedAt: connect.requestContext.connectedAt,
      authorizer: connect.requestContext.authorizer, identity: { userAgent: 'tests/1.0', sourceIp: '127.0.0.1' },
    }));

    await socket.close(4000, 'bye');
    const disconnect = await eventually(() => eventsOf(connectionId).find(e => e.requestContext.eventType === 'DISCONNECT'));
    expect(disconnect.headers).toEqual({ 'Host': connect.requestContext.domainName, 'x-api-key': '', 'X-Forwarded-For': '127.0.0.1', 'x-restapi': '' });
    expect(disconnect.requestContext).toEqual(expect.objectContaining({
      routeKey: '$disconnect', eventType: 'DISCONNECT', disconnectStatusCode: 4000, disconnectReason: 'bye', authorizer: connect.requestContext.authorizer,
    }));
  });
});

describe('route selection', () => {
  let socket: Awaited<ReturnType<typeof connectChat>>;
  beforeAll(async () => {
    socket = await connectChat('ann');
  });
  afterAll(() => socket.close());

  test('$request.body.action picks the route whose key it equals; any other value, and a missing one, go to $default', async () => {
    socket.send(JSON.stringify({ action: 'echo', text: 'hello' }));
    expect(await socket.next()).toBe('hello');
    socket.send(JSON.stringify({ action: 'Echo', text: 'hello' }));
    expect(await socket.next()).toBe('default: {"action":"Echo","text":"hello"}');
    socket.send(JSON.stringify({ text: 'no action' }));
    expect(await socket.next()).toBe('default: {"text":"no action"}');
    // A message cannot select $connect or $disconnect.
    socket.send(JSON.stringify({ action: '$disconnect' }));
    expect(await socket.next()).toBe('default: {"action":"$disconnect"}');
    expect(lastRecord()).toEqual(expect.objectContaining({ method: 'MESSAGE', routeKey: '$default', status: 200 }));
  });

  test('a message that is not JSON goes to $default', async () => {
    socket.send('plain text, {not json');
    expect(await socket.next()).toBe('default: plain text, {not json');
  });

  test('several variables with static text; no route and no $default: the Forbidden frame', async () => {
    const compound = await api.connect({ api: 'Compound', stage: 'dev' });
    compound.send(JSON.stringify({ service: 'chat', action: 'join' }));
    expect(await compound.next()).toBe('default: {"service":"chat","action":"join"}');
    expect(lastRecord()).toEqual(expect.objectContaining({ api: 'Compound', routeKey: 'chat/join', status: 200 }));
    compound.send(JSON.stringify({ service: 'chat', action: 'leave' }));
    const frame = JSON.parse(await compound.next());
    expect(frame).toEqual({ message: 'Forbidden', connectionId: expect.any(String), requestId: expect.any(String) });
    expect(lastRecord()).toEqual(expect.objectContaining({ status: 403, error: expect.stringContaining("no route has the key 'chat/leave'") }));
    compound.send('not json');
    expect(JSON.parse(await compound.next()).message).toBe('Forbidden');
    await compound.close();
  });

  test('a static expression selects its route for every JSON message; a message that is not JSON still goes to $default', async () => {
    const open = await api.connect({ api: 'Open', stage: 'dev' });
    open.send('{"action":"echo"}');
    expect(await open.next()).toBe('default: {"action":"echo"}');
    expect(lastRecord()).toEqual(expect.objectContaining({ api: 'Open', routeKey: 'fixed' }));
    open.send('not json');
    expect(JSON.parse(await open.next()).message).toBe('Forbidden');
    expect(lastRecord().error).toBe('the message is not JSON, and the API has no $default route');
    await open.close();
  });

  test('the error frame is written as API Gateway writes it', async () => {
    socket.send(JSON.stringify({ action: 'fail' }));
    expect(await socket.next()).toMatch(/^\{"message": "Internal server error", "connectionId":"[A-Za-z0-9_-]{15}=", "requestId":"[A-Za-z0-9_-]{15}="\}$/);
  });
});

describe('integrations and route responses', () => {
  let socket: Awaited<ReturnType<typeof connectChat>>;
  beforeAll(async () => {
    socket = await connectChat('ann');
  });
  afterAll(() => socket.close());

  test('a route without a route response sends nothing back', async () => {
    socket.send(JSON.stringify({ action: 'oneway' }));
    socket.send(JSON.stringify({ action: 'echo', text: 'after' }));
    expect(await socket.next()).toBe('after');
    expect(socket.messages).not.toContain('not sent: the route has no route response');
  });

  test('a failing function sends "Internal server error"; a slow one past the integration timeout "Endpoint request timed out"', async () => {
    socket.send(JSON.stringify({ action: 'fail' }));
    expect(JSON.parse(await socket.next()).message).toBe('Internal server error');
    expect(lastRecord()).toEqual(expect.objectContaining({ routeKey: 'fail', status: 500, error: expect.stringMatching(/the handler failed/) }));
    socket.send(JSON.stringify({ action: 'slow' }));
    expect(JSON.parse(await socket.next()).message).toBe('Endpoint request timed out');
    expect(lastRecord()).toEqual(expect.objectContaining({ routeKey: 'slow', status: 504, error: expect.stringMatching(/timeout of 500 ms/) }));
  });

  test('a body that is not a string is an integration error', async () => {
    socket.send(JSON.stringify({ action: 'badbody' }));
    expect(JSON.parse(await socket.next()).message).toBe('Internal server error');
    expect(lastRecord().error).toMatch(/`body` of the function's response must be a string, got object/);
  });

  test('a mock integration (VTL) is not emulated: the error frame, a log line and a warning', async () => {
    socket.send(JSON.stringify({ action: 'mock' }));
    expect(JSON.parse(await socket.next()).message).toBe('Internal server error');
    expect(lastRecord()).toEqual(expect.objectContaining({ routeKey: 'mock', integration: 'MOCK', error: expect.stringMatching(/needs request templates or integration responses \(VTL\)/) }));
    expect(api.warnings).toContainEqual(expect.stringMatching(/route 'mock' of WEBSOCKET API Chat .*MOCK integration needs request templates .*its messages get the error frame/));
  });
});

test('the APIs list their ws:// stage URLs, @connections base URLs and routes', () => {
  const chat = api.apis.find(a => a.name === 'Chat')!;
  expect(chat.protocol).toBe('WEBSOCKET');
  expect(chat.stages.prod).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/prod$/);
  expect(chat.callbackUrls!.prod).toBe(chat.stages.prod.replace(/^ws/, 'http'));
  expect(api.callbackUrl('Chat', 'prod')).toBe(chat.callbackUrls!.prod);
  expect(chat.routes).toContainEqual({ key: 'echo', integration: 'Lambda Test/Handler (nodejs20.x), two-way', authorization: 'NONE', jwtIssuer: undefined });
  expect(chat.routes).toContainEqual(expect.objectContaining({ key: '$connect', authorization: 'CUSTOM Token' }));
  expect(() => api.callbackUrl('Chat', 'beta')).toThrow(/API Chat has no stage 'beta': its stages are prod/);
});
