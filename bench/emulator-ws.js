#!/usr/bin/env node
// Benchmarks the local emulator's WebSocket APIs (packages/emulator), pairwise in one run:
//
// - round trips: the emulator serving a WebSocket API (52 routes, route selection on
//   `$request.body.action`, a two-way `echo` route: a Lambda proxy integration with a trivial
//   handler and a route response) against a bare `ws` server that hands each message to the same
//   handler with the same isolation (worker threads, one invocation at a time each, the same
//   number of them) and sends back its body. Each server runs in its own process; the load comes
//   from bench/ws-load.js in another (C clients, each sending a message and waiting for its
//   answer, again and again), on loopback, bounded in time. Pairs alternate which server goes
//   first; ratios are medians over the pairs.
// - @connections posts: autocannon POSTs to one connection's @connections URL (a well-formed SigV4
//   header, as the default `signed` mode takes), and a client of this process receives each post.
//
//   node bench/emulator-ws.js              full run: 3 pairs of 5 s per set-up, posts once per set-up
//   node bench/emulator-ws.js --smoke      CI: 1 pair of 1 s, posts for 1 s; checks that it all works
//   node bench/emulator-ws.js [--pairs N] [--duration S] [--connections C] [--instances N] [--pin] [--write]
//
// --pin and --write as in bench/emulator.js (this one writes the emulator-ws-bench section).
// Run `npm run compile` and `npm run build -w cdk-apigatewayv2-emulator` first.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { WebSocket } = require('ws');
const { ROOT, SETUP, autocannon, benchApp, fmt, measurePairs, median, nodeCommand, parseArgs, runLines, setups, startServer, stop, writeSection } = require('./emulator-lib');

const LOAD = path.join(__dirname, 'ws-load.js');
/** The handler of both servers: the message's `text` back; its connection id to `whoami`. */
const HANDLER = 'exports.handler = async (event) => ({ statusCode: 200, body: event.requestContext.routeKey === "whoami" ? event.requestContext.connectionId : JSON.parse(event.body).text });\n';
/** A well-formed SigV4 header: the `signed` mode checks the form, not the signature. */
const AUTHORIZATION = `AWS4-HMAC-SHA256 Credential=AKIABENCH/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;

/** Synthesizes the benchmark's WebSocket app; returns the assembly folder and the handler's folder. */
function synthBenchApp() {
  const { WebSocketApi, WebSocketStage } = require(path.join(ROOT, 'lib'));
  const { WebSocketLambdaIntegration } = require(path.join(ROOT, 'lib', 'integrations'));
  const { dir, handlerDir, app, stack, fn } = benchApp(HANDLER);
  const integration = new WebSocketLambdaIntegration('Handler', fn);
  const api = new WebSocketApi(stack, 'Api', { apiName: 'Bench' });
  for (let i = 0; i < 50; i++) api.addRoute(`r${i}`, { integration, returnResponse: true });
  api.addRoute('echo', { integration, returnResponse: true });
  api.addRoute('whoami', { integration, returnResponse: true });
  new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'bench', autoDeploy: true });
  return { assembly: app.synth().directory, handlerDir, dir };
}

/** bench/ws-load.js against a URL (pinned to CPU 1 when `pin`): round trips per second and latency percentiles. */
function load(url, opts, pin, seconds, warmup) {
  const [command, args] = nodeCommand([LOAD, url, String(opts.connections), String(seconds), String(warmup)], pin ? 1 : undefined);
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: (seconds + warmup + 30) * 1000 });
  if (result.status !== 0) throw new Error(`bench/ws-load.js failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

async function measureRoundTrips(args, opts, pin) {
  const server = await startServer(args, pin);
  try {
    // The warm-up (not measured) starts the workers and lets the JIT do the hot paths.
    return load(server.url, opts, pin, opts.duration, opts.smoke ? 1 : 2);
  } finally {
    await stop(server.child);
  }
}

/** Opens a client of this process on the emulator, asks its connection id, and counts the frames posted to it. */
async function receiver(url) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const id = await new Promise(resolve => {
    socket.once('message', data => resolve(String(data)));
    socket.send('{"action":"whoami"}');
  });
  const counter = { socket, id, frames: 0 };
  socket.on('message', () => counter.frames++);
  return counter;
}

/** Waits until no frame has arrived for 200 ms (at most 5 s). */
async function settled(client) {
  const until = Date.now() + 5000;
  for (let seen = -1; seen !== client.frames && Date.now() < until;) {
    seen = client.frames;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/** @connections posts per second: autocannon POSTs to one connection, which receives each. */
async function measurePosts(assembly, opts, pin) {
  const server = await startServer(['ws-emulator', assembly, String(opts.instances)], pin);
  try {
    const client = await receiver(server.urls[0]);
    const url = `${server.urls[1]}/@connections/${encodeURIComponent(client.id)}`;
    const args = ['-m', 'POST', '-H', `authorization:${AUTHORIZATION}`, '-b', 'a post of the benchmark'];
    autocannon(url, opts.smoke ? 1 : 2, opts.connections, pin, args);
    await settled(client);
    const before = client.frames;
    const result = autocannon(url, opts.duration, opts.connections, pin, args);
    // Every post answered 200 has its frame on the way; posts autocannon left unanswered at the end may add some.
    await settled(client);
    client.socket.terminate();
    return { ...result, received: client.frames - before };
  } finally {
    await stop(server.child);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), 'emulator-ws');
  const began = process.hrtime.bigint();
  const { assembly, handlerDir, dir } = synthBenchApp();
  const problems = [];
  const runs = [];
  try {
    for (const pinned of setups(opts)) {
      const pairs = await measurePairs(opts.pairs, async kind => {
        const result = kind === 'emulator'
          ? await measureRoundTrips(['ws-emulator', assembly, String(opts.instances)], opts, pinned)
          : await measureRoundTrips(['ws-bare', handlerDir, String(opts.instances)], opts, pinned);
        if (result.errors > 0 || result.total === 0) problems.push(`${kind}: ${result.errors} errors, ${result.total} round trips`);
        return result;
      }, (pair, i) => {
        process.stdout.write(`${SETUP(pinned)}, pair ${i + 1}: emulator ${fmt(pair.emulator.rps)} round trips/s p99 ${pair.emulator.p99} ms; bare ${fmt(pair.bare.rps)} round trips/s p99 ${pair.bare.p99} ms\n`);
      });
      const posts = await measurePosts(assembly, opts, pinned);
      if (posts.non2xx > 0 || posts.errors > 0 || posts.received < posts.ok) {
        problems.push(`@connections: ${posts.non2xx} non-2xx answers, ${posts.errors} errors, ${posts.received} frames for ${posts.ok} posts answered 200`);
      }
      process.stdout.write(`${SETUP(pinned)}, @connections: ${fmt(posts.rps)} posts/s p99 ${posts.p99} ms, ${posts.received} frames for ${posts.ok} posts answered 200\n`);
      runs.push({
        pinned,
        pairs,
        posts,
        emulator: { rps: median(pairs.map(p => p.emulator.rps)), p50: median(pairs.map(p => p.emulator.p50)), p99: median(pairs.map(p => p.emulator.p99)) },
        bare: { rps: median(pairs.map(p => p.bare.rps)), p50: median(pairs.map(p => p.bare.p50)), p99: median(pairs.map(p => p.bare.p99)) },
        throughputRatio: median(pairs.map(p => p.emulator.rps / p.bare.rps)),
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const result = { opts, runs, seconds: Number(process.hrtime.bigint() - began) / 1e9 };
  const table = tables(result);
  process.stdout.write(`\n${table}\n`);
  if (opts.write && !opts.smoke) writeSection('emulator-ws-bench', sectionText(result, table));
  if (opts.smoke) process.stdout.write(`\nsmoke run in ${fmt(result.seconds, 1)} s: single short runs, not a comparison\n`);
  if (problems.length > 0) {
    process.stderr.write(`\nbench/emulator-ws: ${problems.length} problem(s):\n${problems.map(p => `- ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

function tables(r) {
  const rows = [
    '| set-up | server | round trips/s | p50 ms | p99 ms |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const run of r.runs) {
    rows.push(`| ${SETUP(run.pinned)} | emulator (route selection, event, worker, route response) | ${fmt(run.emulator.rps)} | ${run.emulator.p50} | ${run.emulator.p99} |`);
    rows.push(`| ${SETUP(run.pinned)} | bare \`ws\` + the same worker pool | ${fmt(run.bare.rps)} | ${run.bare.p50} | ${run.bare.p99} |`);
  }
  rows.push('', '| set-up | @connections posts/s | p50 ms | p99 ms | posts answered 200 | frames received |', '| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const run of r.runs) {
    rows.push(`| ${SETUP(run.pinned)} | ${fmt(run.posts.rps)} | ${run.posts.p50} | ${run.posts.p99} | ${fmt(run.posts.ok)} | ${fmt(run.posts.received)} |`);
  }
  // A smoke run's single short measurements (the JIT still warming up) are no comparison.
  if (r.opts.smoke) return rows.join('\n');
  rows.push('', '| target | set-up | met | measured |', '| --- | --- | --- | --- |');
  for (const run of r.runs) {
    rows.push(`| round trips at least 0.5x the bare server | ${SETUP(run.pinned)} | ${run.throughputRatio >= 0.5 ? 'yes' : 'no'} | ${fmt(run.throughputRatio, 2)}x, median of ${run.pairs.length} pair(s) (${run.pairs.map(p => fmt(p.emulator.rps / p.bare.rps, 2)).join(', ')}) |`);
  }
  return rows.join('\n');
}

function sectionText(r, table) {
  return `## Local emulator: WebSocket APIs

Written by \`node bench/emulator-ws.js --write\` (see [bench/emulator-ws.js](emulator-ws.js)); do not edit by hand, run it again.

${runLines(r.seconds)}
- Round trips: ${r.opts.connections} clients of [bench/ws-load.js](ws-load.js) in another process, each sending
  \`{"action":"echo","text":"ping"}\` and waiting for the answer, again and again, for ${r.opts.duration} s after a 2 s
  warm-up, on loopback; ${r.opts.pairs} alternating pairs per set-up (*shared cores* and *pinned* as above).
- Both servers run the handler \`${HANDLER.trim()}\` in ${r.opts.instances} worker threads, one invocation at a time
  each. The emulator serves a WebSocket API of 52 routes (route selection on \`$request.body.action\`, the
  \`echo\` route two-way) with a Lambda proxy integration; the bare \`ws\` server passes a minimal event and
  sends back the result's body.
- @connections posts: autocannon, ${r.opts.connections} connections, POSTs to one connection's
  \`/bench/@connections/{id}\` for ${r.opts.duration} s after a warm-up, which a client in the benchmark's process receives;
  the emulator alone (there is no bare counterpart).

${table}`;
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
