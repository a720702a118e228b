// WebSocket limits with the `ws` client: frame (32 KB) and message (128 KB) sizes close with
// 1009, binary frames with 1003; the idle timeout and the connection duration (scaled down
// here) close with 1001, then $disconnect; pings do not keep a connection alive.
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { openTestSocket } from 'cdk-apigatewayv2-emulator/jest';
import { synth } from './util';
import { buildWebSocketApp, eventLogger, eventually } from './websocket-app';

const logger = eventLogger();
let emulator: Emulator;
let idle: Emulator;
let short: Emulator;

beforeAll(async () => {
  const assembly = synth(buildWebSocketApp);
  emulator = await emulate({ assembly, logger });
  idle = await emulate({ assembly, logger, webSocket: { idleTimeoutSeconds: 0.4 } });
  short = await emulate({ assembly, logger, webSocket: { maxConnectionDurationSeconds: 0.5 } });
});

afterAll(async () => {
  await emulator?.close();
  await idle?.close();
  await short?.close();
});

const connect = (target: Emulator = emulator) => openTestSocket(`${target.url('Chat', 'prod')}?token=ann`);
const disconnectOf = (target: Emulator) => {
  const id = [...target.requests].reverse().find(r => r.method === 'CONNECT' && r.status === 200)!.connectionId!;
  return eventually(() => logger.events.find(e => e.requestContext.connectionId === id && e.requestContext.eventType === 'DISCONNECT'));
};

describe('sizes', () => {
  test('a message of 32 KB in one frame passes', async () => {
    const socket = await connect();
    const text = 'x'.repeat(32 * 1024 - 40);
    socket.send(JSON.stringify({ action: 'echo', text }));
    expect(await socket.next()).toBe(text);
    await socket.close();
  });

  test('one frame over 32 KB closes the connection with 1009, and the message is not delivered', async () => {
    const socket = await connect();
    socket.send(JSON.stringify({ action: 'echo', text: 'x'.repeat(40 * 1024) }));
    expect((await socket.closed).code).toBe(1009);
    expect(socket.messages).toEqual([]);
    const disconnect = await disconnectOf(emulator);
    expect(disconnect.requestContext.disconnectStatusCode).toBe(1009);
    expect(emulator.requests.filter(r => r.connectionId === disconnect.requestContext.connectionId).map(r => r.method)).toEqual(['CONNECT', 'DISCONNECT']);
  });

  test('a 100 KB message in frames of 32 KB passes; 130 KB closes with 1009', async () => {
    const send = (socket: Awaited<ReturnType<typeof connect>>, bytes: number) => {
      const message = Buffer.from(JSON.stringify({ action: 'echo', text: 'y'.repeat(bytes) }));
      for (let offset = 0; offset < message.length; offset += 32 * 1024) {
        socket.socket.send(message.subarray(offset, offset + 32 * 1024), { binary: false, fin: offset + 32 * 1024 >= message.length });
      }
    };
    const socket = await connect();
    send(socket, 100 * 1024);
    expect((await socket.next()).length).toBe(100 * 1024);
    send(socket, 130 * 1024);
    expect((await socket.closed).code).toBe(1009);
  });

  test('a binary frame closes the connection with 1003', async () => {
    const socket = await connect();
    socket.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await socket.closed).code).toBe(1003);
    expect((await disconnectOf(emulator)).requestContext.disconnectStatusCode).toBe(1003);
  });
});

describe('time', () => {
  test('idle: closed with 1001 after the idle timeout; messages from the client or posts to it keep the connection open, pings do not', async () => {
    const socket = await connect(idle);
    const opened = Date.now();
    // Messages every 200 ms for a second: still open.
    for (let i = 0; i < 5; i++) {
      await new Promise(resolve => setTimeout(resolve, 200));
      socket.send(JSON.stringify({ action: 'echo', text: String(i) }));
      expect(await socket.next()).toBe(String(i));
    }
    // Posts from the backend only, every 200 ms: still open.
    const connectionId = [...idle.requests].reverse().find(r => r.method === 'CONNECT' && r.status === 200)!.connectionId!;
    const client = new ApiGatewayManagementApiClient({ endpoint: idle.callbackUrl('Chat', 'prod'), region: 'us-east-1', credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'test' } });
    for (let i = 0; i < 5; i++) {
      await new Promise(resolve => setTimeout(resolve, 200));
      await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: `post ${i}` }));
      expect(await socket.next()).toBe(`post ${i}`);
    }
    client.destroy();
    // Pings only: closed.
    const pinger = setInterval(() => socket.socket.ping(), 100);
    const closed = await socket.closed;
    clearInterval(pinger);
    expect(closed.code).toBe(1001);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(2300);
    const disconnect = await disconnectOf(idle);
    expect(disconnect.requestContext).toEqual(expect.objectContaining({ disconnectStatusCode: 1001, disconnectReason: 'Idle timeout' }));
  });

  test('duration: closed with 1001 once the connection is as old as the limit, whatever its traffic', async () => {
    const socket = await connect(short);
    const opened = Date.now();
    const talker = setInterval(() => socket.send(JSON.stringify({ action: 'echo', text: 'busy' })), 50);
    const closed = await socket.closed;
    clearInterval(talker);
    expect(closed.code).toBe(1001);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(450);
    expect((await disconnectOf(short)).requestContext.disconnectReason).toBe('Maximum connection duration reached');
  });
});

test('close() ends open connections with 1001 and waits for them', async () => {
  const assembly = synth(buildWebSocketApp);
  const own = await emulate({ assembly });
  const socket = await openTestSocket(`${own.url('Chat', 'prod')}?token=ann`);
  await own.close();
  expect((await socket.closed).code).toBe(1001);
});

test('limits that are not a positive number of seconds are refused, naming the setting', async () => {
  const assembly = synth(buildWebSocketApp);
  await expect(emulate({ assembly, webSocket: { idleTimeoutSeconds: 0 } }))
    .rejects.toThrow('invalid `webSocket.idleTimeoutSeconds` 0: use a number of seconds above 0 and at most 86400');
  await expect(emulate({ assembly, webSocket: { maxConnectionDurationSeconds: Number.NaN } }))
    .rejects.toThrow(/invalid `webSocket.maxConnectionDurationSeconds` NaN/);
});
