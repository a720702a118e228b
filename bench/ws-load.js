#!/usr/bin/env node
// The load of the emulator's WebSocket benchmark (bench/emulator.js runs it in its own process):
// C clients connect to the URL, then each sends a message and waits for the answer, again and
// again, for a warm-up and then S measured seconds. Prints one line of JSON: round trips per
// second, latency percentiles (ms), the counts, and errors (unexpected answers, closes).
//
//   node bench/ws-load.js <ws-url> <clients> <seconds> <warm-up seconds>
'use strict';

const { WebSocket } = require('ws');

const [url, clientsArg, secondsArg, warmupArg] = process.argv.slice(2);
const CLIENTS = Number(clientsArg);
const SECONDS = Number(secondsArg);
const WARMUP = Number(warmupArg ?? 1);
const MESSAGE = JSON.stringify({ action: 'echo', text: 'ping' });

function connect() {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused with ${res.statusCode}`)));
  });
}

async function main() {
  const sockets = [];
  for (let i = 0; i < CLIENTS; i++) sockets.push(await connect());
  let measuring = false;
  let stopping = false;
  let roundTrips = 0;
  let errors = 0;
  const latencies = [];
  const loop = socket => new Promise(resolve => {
    let sent = 0n;
    const send = () => {
      if (stopping) {
        resolve();
        return;
      }
      sent = process.hrtime.bigint();
      socket.send(MESSAGE);
    };
    socket.on('message', data => {
      if (String(data) !== 'ping') errors++;
      if (measuring) {
        roundTrips++;
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
      }
      send();
    });
    socket.on('close', () => {
      if (!stopping) errors++;
      resolve();
    });
    send();
  });
  const running = sockets.map(loop);
  await new Promise(resolve => setTimeout(resolve, WARMUP * 1000));
  measuring = true;
  const started = process.hrtime.bigint();
  await new Promise(resolve => setTimeout(resolve, SECONDS * 1000));
  measuring = false;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  stopping = true;
  // Each loop ends at its next answer; a lost answer must not hang the benchmark. One per client.
  // eslint-disable-next-line @cdklabs/promiseall-no-unbounded-parallelism
  await Promise.race([Promise.all(running), new Promise(resolve => setTimeout(resolve, 5000))]);
  for (const socket of sockets) socket.terminate();
  latencies.sort((a, b) => a - b);
  const pick = q => (latencies.length === 0 ? 0 : Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 100) / 100);
  process.stdout.write(`${JSON.stringify({ rps: roundTrips / elapsed, p50: pick(0.5), p99: pick(0.99), total: roundTrips, errors })}\n`);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
