import { emulate } from '../emulator';
import type { Emulator } from '../emulator';
import { EmulatorError } from '../errors';
import type { EmulateOptions } from '../options';
import { openTestSocket } from './test-socket';
import type { TestSocket } from './test-socket';

export { HandshakeRefusedError, openTestSocket } from './test-socket';
export type { CloseInfo, TestSocket } from './test-socket';

/** Something `app.synth()` can be called on: a CDK `App` or `Stage`. */
export interface Synthesizable {
  synth(): { readonly directory: string };
}

/** The settings of `useEmulator`. */
export interface UseEmulatorOptions extends Omit<EmulateOptions, 'assembly'> {
  /**
   * The cloud assembly to serve (`cdk.out`).
   * @default - `app` is synthesized
   */
  readonly assembly?: string;
  /**
   * Builds the CDK app to serve; it is synthesized (to a temporary folder, as `new App()` does
   * outside the CDK CLI) before the tests of the file run. Give this or `assembly`.
   */
  readonly app?: () => Synthesizable;
}

/** The emulator of a test file, usable in its tests once `beforeAll` has run. */
export interface EmulatorFixture extends Emulator {
  /** The running emulator. */
  readonly emulator: Emulator;
  /**
   * Sends a request with `fetch` to a path of a stage: `fetch('/books', { method: 'POST' })`.
   * `api` and `stage` pick the URL as `url(api, stage)` does.
   */
  fetch(path: string, init?: RequestInit & { api?: string; stage?: string }): Promise<Response>;
  /**
   * Opens a WebSocket connection to a stage of a WebSocket API, with a query string, headers
   * and subprotocols; resolves once it is open, rejects with a `HandshakeRefusedError` (its
   * `status`) when `$connect` refuses it. `api` and `stage` pick the URL as `url(api, stage)` does.
   */
  connect(init?: { api?: string; stage?: string; query?: Record<string, string>; headers?: Record<string, string>; protocols?: string[] }): Promise<TestSocket>;
  /** Forgets the requests and service calls recorded so far. */
  clearRecords(): void;
}

/**
 * Synthesizes an app in this process with the construct paths in metadata, as the CDK CLI has
 * them written (the CLI passes its context in `CDK_CONTEXT_JSON`).
 */
function synthesize(app: () => Synthesizable): string {
  const previous = process.env.CDK_CONTEXT_JSON;
  const context = previous ? JSON.parse(previous) as Record<string, unknown> : {};
  process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true, ...context });
  try {
    return app().synth().directory;
  } finally {
    if (previous === undefined) delete process.env.CDK_CONTEXT_JSON;
    else process.env.CDK_CONTEXT_JSON = previous;
  }
}

interface JestGlobals {
  beforeAll(fn: () => Promise<void>, timeout?: number): void;
  afterAll(fn: () => Promise<void>, timeout?: number): void;
}

/**
 * Starts the emulator for the tests of a file (in `beforeAll`) and stops it after them (in
 * `afterAll`). Works with Jest and other runners that define `beforeAll` and `afterAll` globals.
 *
 * ```ts
 * const api = useEmulator({ app: () => createApp(), localIssuer: true });
 * test('lists books', async () => {
 *   const response = await api.fetch('/books');
 *   expect(response.status).toBe(200);
 * });
 * test('echoes', async () => {
 *   const socket = await api.connect({ api: 'ChatApi', query: { token: 'ann' } });
 *   socket.send(JSON.stringify({ action: 'echo', text: 'hi' }));
 *   expect(await socket.next()).toBe('hi');
 *   await socket.close();
 * });
 * ```
 */
export function useEmulator(options: UseEmulatorOptions): EmulatorFixture {
  const globals = globalThis as unknown as Partial<JestGlobals>;
  if (typeof globals.beforeAll !== 'function' || typeof globals.afterAll !== 'function') {
    throw new EmulatorError('`useEmulator` needs a test runner with `beforeAll` and `afterAll` globals (Jest, Vitest with globals); elsewhere call `emulate()`');
  }
  if ((options.assembly === undefined) === (options.app === undefined)) {
    throw new EmulatorError('`useEmulator` needs exactly one of `assembly` (a cdk.out folder) and `app` (a function building the CDK app)');
  }
  let running: Emulator | undefined;
  const current = (): Emulator => {
    if (!running) throw new EmulatorError('the emulator is not running: use the fixture inside tests, after `beforeAll`');
    return running;
  };
  globals.beforeAll(async () => {
    const { app, assembly, ...rest } = options;
    running = await emulate({ ...rest, assembly: assembly ?? synthesize(app!) });
  }, 60000);
  globals.afterAll(async () => {
    await running?.close();
    running = undefined;
  }, 30000);
  return {
    get emulator() { return current(); },
    get apis() { return current().apis; },
    get urls() { return current().urls; },
    get issuerUrl() { return current().issuerUrl; },
    get requests() { return current().requests; },
    get serviceCalls() { return current().serviceCalls; },
    get warnings() { return current().warnings; },
    url: (api, stage) => current().url(api, stage),
    callbackUrl: (api, stage) => current().callbackUrl(api, stage),
    mintToken: tokenOptions => current().mintToken(tokenOptions),
    reload: () => current().reload(),
    close: () => current().close(),
    fetch: (path, init = {}) => {
      const { api, stage, ...rest } = init;
      return fetch(current().url(api, stage) + path, rest);
    },
    connect: (init = {}) => {
      const url = new URL(current().url(init.api, init.stage));
      for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.append(name, value);
      return openTestSocket(url.href, { headers: init.headers, protocols: init.protocols });
    },
    clearRecords: () => {
      (current().requests as unknown[]).splice(0);
      (current().serviceCalls as unknown[]).splice(0);
    },
  };
}
