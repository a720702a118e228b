#!/usr/bin/env node
// Serves the WebSocket echo example (examples/websocket-echo, synthesized by
// scripts/synth-examples.js) with the local emulator (packages/emulator) and talks to it with two
// real `ws` clients: handshakes the Lambda authorizer refuses and lets in, the two-way `echo`
// route, `broadcast` (the handler posts to its sender through the @connections API, at the URL
// it builds from `requestContext.domainName`), `$default` for a message that is not JSON, and
// the closes. Prints each frame exchanged, then the emulator's log of the connections.
//
//   node scripts/emulate-websocket-example.js      (after `npm run compile`, the synth, and `npm run build -w cdk-apigatewayv2-emulator`)
//
// Exits with 1 when a handshake or a frame is not the one API Gateway would send.
'use strict';

const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ASSEMBLY = path.join(ROOT, 'examples', 'websocket-echo', 'cdk.out');

async function main() {
  const { emulate, formatRequest } = require('cdk-apigatewayv2-emulator');
  const { HandshakeRefusedError, openTestSocket } = require('cdk-apigatewayv2-emulator/jest');
  const emulator = await emulate({
    assembly: ASSEMBLY,
    // The AWS SDK in the handler would warn that its next versions need Node.js 22.
    environment: { '*': { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
    logger: {
      request: () => undefined,
      info: () => undefined,
      warn: message => console.log(`  note: ${message}`),
      functionOutput: (fn, _stream, line) => console.log(`    [${fn}] ${line}`),
    },
  });
  let failed = 0;
  const check = (ok, what) => {
    if (!ok) {
      failed++;
      console.log(`    UNEXPECTED: ${what}`);
    }
  };
  try {
    const url = emulator.url('EchoApi', 'prod');
    console.log(`\nexamples/websocket-echo served by the emulator at ${url} (@connections at ${emulator.callbackUrl('EchoApi', 'prod')}/@connections/{id}):`);

    const refused = async (query, status, what) => {
      const error = await openTestSocket(`${url}${query}`).then(socket => socket.close().then(() => undefined), e => e);
      const got = error instanceof HandshakeRefusedError ? error.status : 'open';
      console.log(`  connect ${query || '(no token)'} -> ${got}  ${what}`);
      check(got === status, `expected ${status}`);
    };
    await refused('', 401, 'the identity source (?token=) is missing: the authorizer is not invoked');
    await refused('?token=not%20a%20name', 403, 'the authorizer\'s policy denies $connect');

    const clients = {};
    for (const name of ['ann', 'bob']) {
      clients[name] = await openTestSocket(`${url}?token=${name}`);
      const id = [...emulator.requests].reverse().find(r => r.method === 'CONNECT' && r.status === 200).connectionId;
      console.log(`  connect ?token=${name} -> open, connection ${id}`);
    }
    const exchange = async (name, frame, expected, what) => {
      console.log(`  ${name} -> ${frame}`);
      clients[name].send(frame);
      for (const want of expected) {
        const got = await clients[name].next();
        console.log(`  ${name} <- ${got}`);
        check(got === want, `expected ${want}`);
      }
      console.log(`       (${what})`);
    };
    await exchange('ann', '{"action":"echo","text":"hello from ann"}', ['hello from ann'], 'the echo route\'s route response');
    await exchange('bob', '{"action":"broadcast","text":"hello from bob"}', ['{"from":"bob","text":"HELLO FROM BOB"}'], 'posted by the handler to its sender through @connections');
    await exchange('ann', 'not json', ['send {"action": "echo" or "broadcast", "text": "..."}'], 'not JSON: the $default route');
    await exchange('bob', '{"action":"echo","text":"bye"}', ['bye'], 'the echo route again');
    check(clients.ann.messages.length === 2 && clients.bob.messages.length === 2, 'each client received only its own frames');
    for (const name of ['ann', 'bob']) {
      const closed = await clients[name].close(1000, 'done');
      console.log(`  ${name} closes -> ${closed.code}`);
    }
    // $disconnect runs after the close.
    await new Promise(resolve => setTimeout(resolve, 300));
    console.log('\nthe emulator\'s log:');
    for (const record of emulator.requests) console.log(`  ${formatRequest(record)}`);
    check(emulator.requests.filter(r => r.method === 'DISCONNECT' && r.status === 200).length === 2, 'two $disconnect events');
  } finally {
    await emulator.close();
  }
  console.log(failed === 0 ? '\nthe emulator answered every handshake and message as API Gateway would' : `\n${failed} unexpected answers`);
  return failed === 0 ? 0 : 1;
}

main().then(code => { process.exitCode = code; }, error => {
  console.error(error);
  process.exitCode = 1;
});
