// The @connections API through the AWS SDK's ApiGatewayManagementApiClient: from the test
// process at the stage's callback URL, and from inside handlers that build the endpoint from
// `requestContext.domainName` (https://, as the AWS docs show) or take the stage's callbackUrl
// from their environment.
import {
  ApiGatewayManagementApiClient, DeleteConnectionCommand, GetConnectionCommand, PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import * as aws4 from 'aws4';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { openTestSocket } from 'cdk-apigatewayv2-emulator/jest';
import { synth } from './util';
import { buildWebSocketApp, eventLogger, eventually } from './websocket-app';

const CREDENTIALS = { accessKeyId: 'AKIALOCALTEST0000001', secretAccessKey: 'local/test/secret/key/0000000000000000000' };
const logger = eventLogger();
let emulator: Emulator;
let verifying: Emulator;
let client: ApiGatewayManagementApiClient;

beforeAll(async () => {
  const assembly = synth(buildWebSocketApp);
  emulator = await emulate({ assembly, logger });
  verifying = await emulate({ assembly, iam: { mode: 'verify', credentials: [CREDENTIALS] } });
  client = new ApiGatewayManagementApiClient({ endpoint: emulator.callbackUrl('Chat', 'prod'), region: 'us-east-1', credentials: CREDENTIALS });
});

afterAll(async () => {
  client?.destroy();
  await emulator?.close();
  await verifying?.close();
});

const connect = (target: Emulator = emulator, token = 'ann') => openTestSocket(`${target.url('Chat', 'prod')}?token=${token}`);
const connectionIdOf = (target: Emulator = emulator) => [...target.requests].reverse().find(r => r.method === 'CONNECT' && r.status === 200)!.connectionId!;

describe('from the test process, at the stage\'s callback URL', () => {
  test('PostToConnection sends the data to the client as a text frame', async () => {
    const socket = await connect();
    const id = connectionIdOf();
    await client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'hello from the backend' }));
    expect(await socket.next()).toBe('hello from the backend');
    expect(emulator.requests[emulator.requests.length - 1]).toEqual(expect.objectContaining({
      method: 'POST', path: `/prod/@connections/${id}`, integration: '@connections PostToConnection', connectionId: id, status: 200,
    }));
    await socket.close();
  });

  test('GetConnection describes the connection, with dates the SDK parses', async () => {
    const socket = await connect();
    const before = Date.now();
    socket.send(JSON.stringify({ action: 'echo', text: 'activity' }));
    await socket.next();
    const info = await client.send(new GetConnectionCommand({ ConnectionId: connectionIdOf() }));
    expect(info.ConnectedAt).toBeInstanceOf(Date);
    expect(info.LastActiveAt!.getTime()).toBeGreaterThanOrEqual(info.ConnectedAt!.getTime());
    expect(info.LastActiveAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(info.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: '' });
    await socket.close();
  });

  test('DeleteConnection closes the connection (1000), and $disconnect says why', async () => {
    const socket = await connect();
    const id = connectionIdOf();
    await client.send(new DeleteConnectionCommand({ ConnectionId: id }));
    expect(await socket.closed).toEqual({ code: 1000, reason: '' });
    const disconnect = await eventually(() => logger.events.find(e => e.requestContext.connectionId === id && e.requestContext.eventType === 'DISCONNECT'));
    expect(disconnect.requestContext).toEqual(expect.objectContaining({ disconnectStatusCode: 1000, disconnectReason: 'Connection Closed Normally' }));
    // Closed: the connection is gone.
    await expect(client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x' }))).rejects.toMatchObject({ name: 'GoneException', $metadata: { httpStatusCode: 410 } });
  });

  test('an unknown connection answers 410 (GoneException) to every operation', async () => {
    for (const command of [
      new PostToConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=', Data: 'x' }),
      new GetConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=' }),
      new DeleteConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=' }),
    ]) {
      await expect(client.send(command as PostToConnectionCommand)).rejects.toMatchObject({ name: 'GoneException', $metadata: { httpStatusCode: 410 } });
    }
  });

  test('data over 128 KB answers 413 (PayloadTooLargeException); 128 KB passes', async () => {
    const socket = await connect();
    const id = connectionIdOf();
    await expect(client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x'.repeat(128 * 1024 + 1) })))
      .rejects.toMatchObject({ name: 'PayloadTooLargeException', $metadata: { httpStatusCode: 413 } });
    await client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'y'.repeat(128 * 1024) }));
    expect((await socket.next()).length).toBe(128 * 1024);
    await socket.close();
  });

  test('the path with @ encoded, and without the stage, reach the connection; an unsigned request answers 403', async () => {
    const socket = await connect();
    const id = connectionIdOf();
    const base = emulator.callbackUrl('Chat', 'prod');
    const { host } = new URL(base);
    for (const path of [`/prod/%40connections/${encodeURIComponent(id)}`, `/@connections/${encodeURIComponent(id)}`]) {
      const signed = aws4.sign({ host, path, method: 'POST', body: path, service: 'execute-api', region: 'us-east-1' }, CREDENTIALS);
      const response = await fetch(`http://${host}${path}`, { method: 'POST', headers: signed.headers as Record<string, string>, body: path });
      expect(response.status).toBe(200);
      expect(await socket.next()).toBe(path);
    }
    const unsigned = await fetch(`${base}/@connections/${id}`, { method: 'POST', body: 'x' });
    expect([unsigned.status, unsigned.headers.get('x-amzn-errortype'), await unsigned.text()]).toEqual([403, 'IncompleteSignatureException', '{"message":"Forbidden"}']);
    await socket.close();
  });
});

describe('from inside handlers', () => {
  test('https://${domainName}/${stage}, as the AWS docs build it, reaches the emulator: post, then get', async () => {
    const socket = await connect();
    socket.send(JSON.stringify({ action: 'self' }));
    expect(await socket.next()).toBe('posted by the handler');
    const answer = JSON.parse(await socket.next());
    expect(answer).toEqual(expect.objectContaining({ sourceIp: '127.0.0.1', endpoint: `https://${new URL(emulator.url('Chat', 'prod')).host}/prod` }));
    expect(Date.parse(answer.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(answer.connectedAt));
    await socket.close();
  });

  test('fetch to the same https URL reaches the emulator too', async () => {
    const socket = await connect();
    socket.send(JSON.stringify({ action: 'fetch' }));
    expect(await socket.next()).toBe('posted with fetch');
    expect(await socket.next()).toBe('fetch answered 200');
    await socket.close();
  });

  test('the stage\'s callbackUrl in the environment is the local one; a handler posts to another connection', async () => {
    const receiver = await connect(emulator, 'rita');
    const receiverId = connectionIdOf();
    const sender = await connect(emulator, 'sam');
    sender.send(JSON.stringify({ action: 'callback', to: receiverId }));
    expect(await receiver.next()).toBe(`via ${emulator.callbackUrl('Chat', 'prod')}`);
    await sender.close();
    await receiver.close();
  });

  test('a closed connection is GoneException with status 410 in the handler too', async () => {
    const socket = await connect();
    socket.send(JSON.stringify({ action: 'gone' }));
    expect(await socket.next()).toBe('GoneException 410');
    await socket.close();
  });

  test('DeleteConnection from a handler closes its own connection', async () => {
    const socket = await connect();
    socket.send(JSON.stringify({ action: 'kick' }));
    expect((await socket.closed).code).toBe(1000);
  });
});

describe('IAM verify mode', () => {
  test('a signature by configured credentials passes, others answer 403; handlers\' own credentials pass', async () => {
    const socket = await connect(verifying);
    const id = connectionIdOf(verifying);
    const endpoint = verifying.callbackUrl('Chat', 'prod');
    const good = new ApiGatewayManagementApiClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });
    await good.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'verified' }));
    expect(await socket.next()).toBe('verified');
    const bad = new ApiGatewayManagementApiClient({ endpoint, region: 'us-east-1', credentials: { ...CREDENTIALS, secretAccessKey: 'wrong' } });
    await expect(bad.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    expect(verifying.requests[verifying.requests.length - 1].error).toBe('the signature does not match');
    socket.send(JSON.stringify({ action: 'self' }));
    expect(await socket.next()).toBe('posted by the handler');
    good.destroy();
    bad.destroy();
    await socket.close();
  });
});
