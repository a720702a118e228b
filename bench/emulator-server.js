#!/usr/bin/env node
// One server of the emulator benchmark (bench/emulator.js starts it in its own process):
//
//   node bench/emulator-server.js emulator <assembly> <instances>   the emulator serving the app
//   node bench/emulator-server.js bare <handler-dir> <instances>    a bare node:http server that hands
//                                                                   each request to the same handler,
//                                                                   in the same isolation (worker threads,
//                                                                   one invocation at a time each)
//   node bench/emulator-server.js startup <assembly>                 start the emulator, report, exit
//
// Prints `READY <url>` once it serves (the startup mode prints `STARTED <ms> <routes>` and exits).
'use strict';

const http = require('http');
const path = require('path');
const { Worker } = require('worker_threads');

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
  } else {
    process.stderr.write('usage: node bench/emulator-server.js emulator|bare|startup <assembly-or-handler-dir> [instances]\n');
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

/** node:http, and a pool of `size` worker threads running the handler, one request at a time each. */
function bareServer(handlerDir, size) {
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
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const event = JSON.stringify({ rawPath: req.url, requestContext: { http: { method: req.method } } });
      queue.push({
        id: nextId++,
        event,
        done: payload => {
          const result = JSON.parse(payload);
          res.writeHead(result.statusCode, { 'content-type': 'text/plain' });
          res.end(result.body);
        },
      });
      dispatch();
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
