import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** A temporary folder, removed when the process exits. */
export function tempDir(prefix = 'emulator-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Synthesizes an app with one stack `Test` that `build` fills; returns the assembly folder. */
export function synth(build: (stack: Stack, app: App) => void, outdir = tempDir()): string {
  // The construct paths in metadata, as the CDK CLI has them written.
  const app = new App({ outdir, context: { '@aws-cdk/core:stackResourceLimit': 0, 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'Test');
  build(stack, app);
  return app.synth().directory;
}

/** A Node.js function with inline code (`exports.handler = ...`). */
export function inlineFunction(stack: Stack, id: string, code: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(code),
    timeout: Duration.seconds(5),
    ...props,
  });
}

/** A handler that answers with the event it received, as JSON. */
export const ECHO_HANDLER = `
exports.handler = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ event, remaining: context.getRemainingTimeInMillis() > 0, functionName: context.functionName }),
});
`;

export interface CurlResult {
  readonly status: number;
  readonly headers: Record<string, string[]>;
  readonly body: string;
}

/**
 * Runs curl (asynchronously: the emulator under test runs in this process) and parses the
 * status line, headers and body of the last response.
 */
export function curl(args: string[]): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-s', '-i', '--max-time', '20', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error) {
        reject(error);
        return;
      }
      const blocks = stdout.split('\r\n\r\n');
      let i = 0;
      while (i < blocks.length - 1 && /^HTTP\/[\d.]+ 1\d\d/.test(blocks[i])) i++;
      const [statusLine, ...headerLines] = blocks[i].split('\r\n');
      const headers: Record<string, string[]> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        (headers[line.slice(0, colon).toLowerCase()] ??= []).push(line.slice(colon + 1).trim());
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: blocks.slice(i + 1).join('\r\n\r\n') });
    });
  });
}

/** A local HTTP server for tests (a backend, a JWKS host); closed with `close()`. */
export async function stubServer(handler: http.RequestListener): Promise<{ url: string; requests: StubRequest[]; close: () => Promise<void> }> {
  const requests: StubRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      handler(req, res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>(resolve => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

export interface StubRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** The event a function built with ECHO_HANDLER received. */
export async function echoedEvent(response: Response): Promise<any> {
  const text = await response.text();
  try {
    return JSON.parse(text).event;
  } catch {
    throw new Error(`not an echoed event (status ${response.status}): ${text}`);
  }
}
