// The command: it prints the routes and URLs it serves, logs each request, takes the
// overrides, and stops on Ctrl-C.
import { spawn, spawnSync } from 'child_process';
import type { ChildProcessWithoutNullStreams } from 'child_process';
import * as path from 'path';
import { HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { HttpJwtAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { HttpLambdaIntegration, HttpUrlIntegration } from 'cdk-apigatewayv2/integrations';
import { openTestSocket } from 'cdk-apigatewayv2-emulator/jest';
import { curl, inlineFunction, stubServer, synth } from './util';
import { buildWebSocketApp } from './websocket-app';

const BIN = path.join(__dirname, '..', 'bin', 'cdk-apigatewayv2-emulator');
let assembly: string;
let backend: Awaited<ReturnType<typeof stubServer>>;

beforeAll(async () => {
  backend = await stubServer((_req, res) => res.end('from the backend'));
  assembly = synth(stack => {
    const api = new HttpApi(stack, 'Shop');
    const fn = inlineFunction(stack, 'Greeter', 'exports.handler = async () => { console.log("greeting someone"); return process.env.GREETING; };');
    api.addRoutes({ path: '/hello', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Hello', fn) });
    api.addRoutes({
      path: '/private', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Private', fn),
      authorizer: new HttpJwtAuthorizer('Jwt', 'https://auth.example.com', { jwtAudience: ['shop'] }),
    });
    api.addRoutes({ path: '/catalog', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Catalog', 'https://catalog.example.com/items') });
  });
});

afterAll(() => backend?.close());

/** Starts the command and resolves once it serves, with its output so far and a way to stop it. */
function start(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ctrl-C to stop')) resolve({ child, output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', code => reject(new Error(`exited with ${code}: ${out}`)));
    setTimeout(() => reject(new Error(`did not start: ${out}`)), 20000).unref();
  });
}

test('serves the assembly: prints routes and URLs, logs each request and the function output, stops on SIGINT', async () => {
  const { child, output } = await start([
    assembly, '--port', '0', '--local-issuer', '--env', 'Greeter:GREETING=hi there',
    '--http-proxy', `https://catalog.example.com=${backend.url}`,
  ]);
  const url = /\$default\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output())![1];
  expect(output()).toMatch(/HTTP API Shop \(Test\/Shop\)/);
  expect(output()).toMatch(/GET \/hello\s+Lambda Test\/Greeter \(nodejs20\.x\)\s+auth NONE/);
  expect(output()).toMatch(/GET \/private\s+Lambda Test\/Greeter \(nodejs20\.x\)\s+auth JWT Jwt/);

  expect((await curl([`${url}/hello`])).body).toBe('hi there');
  expect((await curl([`${url}/catalog`])).body).toBe('from the backend');
  const issuer = /local issuer (http:\/\/127\.0\.0\.1:\d+)/.exec(output())![1];
  const token = JSON.parse((await curl(['-X', 'POST', `${issuer}/token`, '--data', '{}'])).body).access_token;
  expect((await curl([`${url}/private`, '-H', `authorization: Bearer ${token}`])).status).toBe(200);
  expect((await curl([`${url}/private`])).status).toBe(401);

  await new Promise(resolve => setTimeout(resolve, 200));
  expect(output()).toMatch(/GET \/hello -> 200 in \d+ ms Shop \$default route 'GET \/hello', Lambda Test\/Greeter/);
  expect(output()).toMatch(/\[Test\/Greeter\] greeting someone/);
  expect(output()).toMatch(/GET \/private -> 401 in \d+ ms Shop \$default route 'GET \/private', JWT Jwt: no token in \$request\.header\.Authorization/);

  const exited = new Promise<number | null>(resolve => child.on('exit', resolve));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
});

test('serves WebSocket APIs: ws:// URLs and @connections URLs, one line per handshake, message and disconnect, the idle limit', async () => {
  const { child, output } = await start([synth(buildWebSocketApp), '--port', '0', '--ws-idle-timeout', '0.5']);
  try {
    expect(output()).toMatch(/WEBSOCKET API Chat \(Test\/Chat\)/);
    const match = /prod\s+(ws:\/\/127\.0\.0\.1:\d+\/prod)\s+\(@connections: (http:\/\/127\.0\.0\.1:\d+\/prod)\/@connections\/\{connectionId\}\)/.exec(output())!;
    expect(match[2]).toBe(match[1].replace(/^ws/, 'http'));
    expect(output()).toMatch(/echo\s+Lambda Test\/Handler \(nodejs20\.x\), two-way\s+auth NONE/);
    expect(output()).toMatch(/\$connect\s+Lambda Test\/Handler \(nodejs20\.x\)\s+auth CUSTOM Token/);
    expect(output()).toMatch(/mock\s+MOCK \(not emulated\), two-way/);
    expect(output()).toMatch(/warning: route 'mock' of WEBSOCKET API Chat/);

    const socket = await openTestSocket(`${match[1]}?token=ann`);
    socket.send('{"action":"echo","text":"over the command line"}');
    expect(await socket.next()).toBe('over the command line');
    expect((await socket.closed).code).toBe(1001);
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(output()).toMatch(/CONNECT \/prod -> 200 in \d+ ms Chat prod connection [A-Za-z0-9_-]{15}= route '\$connect', CUSTOM Token: allowed, Lambda Test\/Handler/);
    expect(output()).toMatch(/MESSAGE \/prod -> 200 in \d+ ms Chat prod connection [A-Za-z0-9_-]{15}= route 'echo', Lambda Test\/Handler/);
    expect(output()).toMatch(/DISCONNECT \/prod -> 200 in \d+ ms Chat prod connection [A-Za-z0-9_-]{15}= route '\$disconnect', Lambda Test\/Handler \(closed by the gateway \(1001\): Idle timeout\)/);

    const exited = new Promise<number | null>(resolve => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('--help, and bad arguments named with their fix', () => {
  const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/Usage: cdk-apigatewayv2-emulator \[ASSEMBLY\]/);
  const bad = spawnSync(process.execPath, [BIN, '--env', 'NOPE'], { encoding: 'utf8' });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/invalid `--env` 'NOPE': use FUNCTION:NAME=VALUE/);
  const missing = spawnSync(process.execPath, [BIN, '/nonexistent/cdk.out', '--port', '0'], { encoding: 'utf8' });
  expect(missing.status).toBe(1);
  expect(missing.stderr).toMatch(/no cloud assembly at '\/nonexistent\/cdk\.out'.*run `cdk synth` first/);
  const idle = spawnSync(process.execPath, [BIN, '--ws-idle-timeout', 'soon'], { encoding: 'utf8' });
  expect(idle.status).toBe(2);
  expect(idle.stderr).toMatch(/invalid `--ws-idle-timeout` 'soon': use a number of seconds above 0 and at most 86400/);
});
