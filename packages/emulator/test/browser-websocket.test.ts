// A browser's WebSocket against an emulated WebSocket API: Debian's Chromium, driven by
// playwright-core, connects from a page (the token in the query string, as browsers cannot set
// headers), exchanges messages, receives a post to its connection, and sees a refused
// handshake. Where Chromium is not installed, the tests are reported as skipped, by name.
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import type { BrowserContext, Page } from 'playwright-core';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { browserTest, HAS_CHROMIUM, launchChromium, SKIPPED } from './browser';
import { stubServer, synth } from './util';
import { buildWebSocketApp } from './websocket-app';

let emulator: Emulator;
let pages: Awaited<ReturnType<typeof stubServer>>;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  pages = await stubServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>chat</title>');
  });
  emulator = await emulate({ assembly: synth(buildWebSocketApp) });
  browser = await launchChromium();
  page = browser.pages()[0] ?? await browser.newPage();
  await page.goto(pages.url);
}, 60000);

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  await pages?.close();
});

browserTest(`the page connects with its token, sends JSON and plain text, and gets the route responses${SKIPPED}`, async () => {
  const url = `${emulator.url('Chat', 'prod')}?token=ann`;
  const received = await page.evaluate(async target => {
    const socket = new WebSocket(target);
    const frames: string[] = [];
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = () => reject(new Error('the connection failed'));
    });
    const next = () => new Promise<string>(resolve => {
      socket.onmessage = event => resolve(String(event.data));
    });
    socket.send(JSON.stringify({ action: 'echo', text: 'hello from Chromium' }));
    frames.push(await next());
    socket.send('not json');
    frames.push(await next());
    socket.close(1000);
    return frames;
  }, url);
  expect(received).toEqual(['hello from Chromium', 'default: not json']);
  const connect = emulator.requests.find(r => r.method === 'CONNECT' && r.status === 200)!;
  expect(connect.authorizer).toBe('CUSTOM Token: allowed');
});

browserTest(`a post to the browser's connection arrives as a message event${SKIPPED}`, async () => {
  const url = `${emulator.url('Chat', 'prod')}?token=ann`;
  await page.evaluate(async target => {
    const socket = new WebSocket(target);
    (globalThis as any).posted = new Promise(resolve => {
      socket.onmessage = event => resolve(String(event.data));
    });
    await new Promise(resolve => {
      socket.onopen = resolve;
    });
  }, url);
  const connectionId = [...emulator.requests].reverse().find(r => r.method === 'CONNECT' && r.status === 200)!.connectionId!;
  const client = new ApiGatewayManagementApiClient({ endpoint: emulator.callbackUrl('Chat', 'prod'), region: 'us-east-1', credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'test' } });
  await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'pushed to the browser' }));
  client.destroy();
  expect(await page.evaluate(() => (globalThis as any).posted)).toBe('pushed to the browser');
});

browserTest(`a handshake the authorizer refuses fails in the browser (close code 1006), and the log has the 403${SKIPPED}`, async () => {
  const url = `${emulator.url('Chat', 'prod')}?token=deny`;
  const outcome = await page.evaluate(async target => {
    const socket = new WebSocket(target);
    return new Promise<{ opened: boolean; code: number }>(resolve => {
      let opened = false;
      socket.onopen = () => {
        opened = true;
      };
      socket.onclose = event => resolve({ opened, code: event.code });
    });
  }, url);
  expect(outcome).toEqual({ opened: false, code: 1006 });
  expect(emulator.requests[emulator.requests.length - 1]).toEqual(expect.objectContaining({ method: 'CONNECT', status: 403 }));
});
