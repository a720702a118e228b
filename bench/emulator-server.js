#!/usr/bin/env node
// One server of the emulator benchmark (bench/emulator.js starts it in its own process):
//
//   node bench/emulator-server.js emulator <assembly> <instances>   the emulator serving the app
//   node bench/emulator-server.js bare <handler-dir> <instances>    a bare node:http server that hands
//                                                                   each request to the same handler,
//                                                                   in the same isolation (worker threads,
//                                                                   one invocation at a time each)
//   node bench/emulator-server.js startup <assembly>                 start the emulator, report, exit
//   node bench/emulator-server.js ws-emulator <assembly> <instances> the emulator serving the WebSocket app
//                                                                   (prints its @connections URL too)
//   node bench/emulator-server.js ws-bare <handler-dir> <instances> a bare `ws` server that hands each
//                                                                   message to the same handler, in the
//                                                                   same isolation, and sends back its body
//
// Prints `READY <url>` once it serves (the startup mode prints `STARTED <ms> <routes>` and exits).
'use strict';

const http = require('http');
const path = require('path');
const { Worker } = require('worker_threads');
const { WebSocketServer } = require('ws');

const [mode, target, instances] = process.argv.slice(2);

async function main() {
  if (mode === 'emulator' || mode === 'startup') {
    const { emulate } = require('cdk-apigatewayv2-emulator');
    const emulator = await emulate({ assembly: target, maxInstancesPerFunction: Number(instances ?? 8) });
    if (mode === 'startup') {
      const routes = emulator.apis.reduce((sum, api) => sum + api.routes.length, 0);
      process.stdout.write(`STARTED ${performance.now().toFixed(1)} ${routes}\n`);
      await emulator.close();
      return;
    }
    process.stdout.write(`READY ${emulator.url()}\n`);
  } else if (mode === 'bare') {
    const url = await bareServer(target, Number(instances));
    process.stdout.write(`READY ${url}\n`);
  } else if (mode === 'ws-emulator') {
    const { emulate } = require('cdk-apigatewayv2-emulator');
    const emulator = await emulate({ assembly: target, maxInstancesPerFunction: Number(instances ?? 8) });
    process.stdout.write(`READY ${emulator.url('Bench', 'bench')} ${emulator.callbackUrl('Bench', 'bench')}\n`);
  } else if (mode === 'ws-bare') {
    const url = await bareWebSocketServer(target, Number(instances));
    process.stdout.write(`READY ${url}\n`);
  } else {
    process.stderr.write('usage: node bench/emulator-server.js emulator|bare|startup|ws-emulator|ws-bare <assembly-or-handler-dir> [instances]\n');
    process.exitCode = 2;
  }
}

/** The worker of the bare server: loads the handler, runs one invocation per message. */
const BARE_WORKER = `
const { parentPort, workerData } = require('worker_threads');
const { handler } = require(workerData.file);
parentPort.on('message', async ({ id, event }) => {
  const result = await handler(JSON.parse(event), {});
  parentPort.postMessage({ id, payload: JSON.stringify(result) });
});
`;

/** A pool of `size` worker threads running the handler, one event at a time each: `run(event)` resolves with the result, as JSON. */
function workerPool(handlerDir, size) {
  const idle = [];
  const queue = [];
  const pending = new Map();
  let nextId = 1;
  const dispatch = () => {
    while (queue.length > 0 && idle.length > 0) {
      const worker = idle.pop();
      const job = queue.shift();
      pending.set(job.id, { worker, done: job.done });
      worker.postMessage({ id: job.id, event: job.event });
    }
  };
  for (let i = 0; i < size; i++) {
    const worker = new Worker(BARE_WORKER, { eval: true, workerData: { file: path.join(handlerDir, 'index.js') } });
    worker.on('message', ({ id, payload }) => {
      const job = pending.get(id);
      pending.delete(id);
      idle.push(job.worker);
      job.done(payload);
      dispatch();
    });
    idle.push(worker);
  }
  return {
    run: (event, done) => {
      queue.push({ id: nextId++, event, done });
      dispatch();
    },
  };
}

/** node:http, and a pool of `size` worker threads running the handler, one request at a time each. */
function bareServer(handlerDir, size) {
  const pool = workerPool(handlerDir, size);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const event = JSON.stringify({ rawPath: req.url, requestContext: { http: { method: req.method } } });
      pool.run(event, payload => {
        const result = JSON.parse(payload);
        res.writeHead(result.statusCode, { 'content-type': 'text/plain' });
        res.end(result.body);
      });
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

/** A `ws` server, and the same pool: each message goes to the handler, its result's body back to the client. */
function bareWebSocketServer(handlerDir, size) {
  const pool = workerPool(handlerDir, size);
  const server = http.createServer((_req, res) => res.end());
  const sockets = new WebSocketServer({ server });
  let nextConnection = 1;
  sockets.on('connection', socket => {
    const connectionId = String(nextConnection++);
    socket.on('message', data => {
      const event = JSON.stringify({ body: data.toString(), requestContext: { routeKey: 'echo', connectionId } });
      pool.run(event, payload => socket.send(JSON.parse(payload).body));
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(`ws://127.0.0.1:${server.address().port}`)));
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
