// CORS in a real browser: Debian's Chromium, driven by playwright-core, loads a page from one
// origin and calls the emulated API on another. Where Chromium is not installed, the tests are
// reported as skipped, by name.
import type { BrowserContext, Page } from 'playwright-core';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { buildCorsApp, ISSUER } from './cors-app';
import { browserTest, HAS_CHROMIUM, launchChromium, SKIPPED } from './browser';
import { stubServer, synth } from './util';

let emulator: Emulator;
let pages: Awaited<ReturnType<typeof stubServer>>;
let browser: BrowserContext;
let page: Page;

interface FetchOutcome {
  readonly ok: boolean;
  readonly status?: number;
  readonly error?: string;
}

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  pages = await stubServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>shop</title>');
  });
  // The page's origin is the one the API allows.
  const assembly = synth(stack => buildCorsApp(stack, pages.url));
  emulator = await emulate({ assembly, localIssuer: true });
  browser = await launchChromium();
  page = browser.pages()[0] ?? await browser.newPage();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  await pages?.close();
});

/** Runs `fetch` in the page; resolves with its outcome, a rejection included. */
async function browserFetch(pageUrl: string, url: string, init: Record<string, unknown>): Promise<FetchOutcome> {
  if (page.url() !== `${pageUrl}/`) await page.goto(pageUrl);
  return page.evaluate(async ([target, options]) => {
    try {
      const response = await fetch(target, options as RequestInit);
      await response.text();
      return { ok: true, status: response.status };
    } catch (e) {
      return { ok: false, error: String(e) };
    }
  }, [url, init] as const);
}

browserTest(`an allowed origin with a custom header: the preflight passes and the request resolves${SKIPPED}`, async () => {
  const outcome = await browserFetch(pages.url, `${emulator.url('Shop')}/items`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-custom': '1' }, body: '{}',
  });
  expect(outcome).toEqual({ ok: true, status: 200 });
  const methods = emulator.requests.slice(-2).map(r => `${r.method} ${r.status}`);
  expect(methods).toEqual(['OPTIONS 204', 'POST 200']);
});

browserTest(`an origin that is not allowed: the browser refuses the response${SKIPPED}`, async () => {
  const other = pages.url.replace('127.0.0.1', 'localhost');
  const outcome = await browserFetch(other, `${emulator.url('Shop')}/items`, {});
  expect(outcome).toEqual({ ok: false, error: expect.stringContaining('TypeError') });
});

browserTest(`credentials with an API that allows any origin (*): the browser refuses${SKIPPED}`, async () => {
  const outcome = await browserFetch(pages.url, `${emulator.url('Open')}/items`, { credentials: 'include' });
  expect(outcome).toEqual({ ok: false, error: expect.stringContaining('TypeError') });
  expect((await browserFetch(pages.url, `${emulator.url('Open')}/items`, {})).ok).toBe(true);
});

browserTest(`ANY /{proxy+} with a JWT authorizer takes the preflight, which fails without a token${SKIPPED}`, async () => {
  const token = emulator.mintToken({ issuer: ISSUER });
  const outcome = await browserFetch(pages.url, `${emulator.url('Shop')}/secure/orders`, { headers: { authorization: `Bearer ${token}` } });
  expect(outcome).toEqual({ ok: false, error: expect.stringContaining('TypeError') });
  expect(emulator.requests[emulator.requests.length - 1]).toEqual(expect.objectContaining({ method: 'OPTIONS', status: 401 }));
});

browserTest(`an unauthenticated OPTIONS route fixes it: the request with its token resolves${SKIPPED}`, async () => {
  const token = emulator.mintToken({ issuer: ISSUER });
  const outcome = await browserFetch(pages.url, `${emulator.url('Shop')}/fixed/orders`, { headers: { authorization: `Bearer ${token}` } });
  expect(outcome).toEqual({ ok: true, status: 200 });
});

browserTest(`the backend's own access-control-allow-origin: * does not let a foreign origin in${SKIPPED}`, async () => {
  const other = pages.url.replace('127.0.0.1', 'localhost');
  const outcome = await browserFetch(other, `${emulator.url('Shop')}/items`, {});
  expect(outcome.ok).toBe(false);
  expect(emulator.requests[emulator.requests.length - 1]).toEqual(expect.objectContaining({ method: 'GET', status: 200 }));
});
