#!/usr/bin/env node
// Benchmarks the local emulator (packages/emulator), pairwise in one run:
//
// - throughput and latency: the emulator serving an HTTP API (51 routes, CORS configured, one
//   Lambda proxy integration with payload 2.0 and a trivial handler) against a bare node:http
//   server that hands each request to the same handler with the same isolation (worker threads,
//   one invocation at a time each, the same number of them) and no API Gateway logic. Each server
//   runs in its own process; the load comes from
//   autocannon in another process, on loopback, bounded in time (--pin: each server pinned to CPU 0,
//   autocannon to CPU 1; by default they share the cores, as on a developer's machine). Pairs alternate
//   which server goes first; ratios are medians over the pairs.
// - start-up: a fresh `node` process starting the emulator on the 1,000-route example
//   (examples/http-large-api) until it serves, against the `cdk synth` that writes that assembly.
//
//   node bench/emulator.js                 full run: 3 pairs of 5 s, start-up 3 times, synth once
//   node bench/emulator.js --smoke         CI: 1 pair of 1 s, start-up once (synth only when the
//                                          example's cdk.out is missing); checks that it all works
//   node bench/emulator.js [--pairs N] [--duration S] [--connections C] [--instances N] [--pin] [--write]
//
// --pin runs each server on CPU 0 and the load on CPU 1 (taskset): the server's main thread and its
// workers then share one core, which measures CPU per request more than latency.
//
// --write replaces the emulator section of bench/RESULTS.md. Run `npm run compile` and
// `npm run build -w cdk-apigatewayv2-emulator` first.
//
// Then it runs bench/emulator-ws.js with the same options: the WebSocket APIs' benchmark, with a
// section of its own.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, SERVER, SETUP, autocannon, benchApp, measurePairs, fmt, median, parseArgs, runLines, setups, startServer, stop, writeSection } = require('./emulator-lib');

const CDK_CLI = path.join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');
const LARGE_EXAMPLE = path.join(ROOT, 'examples', 'http-large-api');

const HANDLER = 'exports.handler = async () => ({ statusCode: 200, body: "ok" });\n';

/** Synthesizes the benchmark app; returns the assembly folder and the handler's folder. */
function synthBenchApp() {
  const { HttpApi, HttpMethod, CorsHttpMethod } = require(path.join(ROOT, 'lib'));
  const { HttpLambdaIntegration } = require(path.join(ROOT, 'lib', 'integrations'));
  const { dir, handlerDir, app, stack, fn } = benchApp(HANDLER);
  const api = new HttpApi(stack, 'Api', { corsPreflight: { allowOrigins: ['https://app.example.com'], allowMethods: [CorsHttpMethod.GET] } });
  const integration = new HttpLambdaIntegration('Handler', fn);
  for (let i = 0; i < 50; i++) api.addRoutes({ path: `/r${i}/items/{id}`, methods: [HttpMethod.GET], integration });
  api.addRoutes({ path: '/items/{id}', methods: [HttpMethod.GET], integration });
  return { assembly: app.synth().directory, handlerDir, dir };
}

async function measure(args, url, opts, pin) {
  const server = await startServer(args, pin);
  try {
    // Warm-up, not measured: workers started, the JIT done with the hot paths.
    autocannon(server.url + url, opts.smoke ? 1 : 2, opts.connections, pin);
    return autocannon(server.url + url, opts.duration, opts.connections, pin);
  } finally {
    await stop(server.child);
  }
}

/** The wall time of one `cdk synth` of the 1,000-route example, into a temporary folder. */
function synthLargeExample() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-bench-large-'));
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [CDK_CLI, 'synth', '--quiet', '--no-notices', '--no-lookups', '-o', out], {
    cwd: LARGE_EXAMPLE, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: 'true' },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error('cdk synth of examples/http-large-api failed');
  return { ms, assembly: out };
}

/** The wall time from starting `node` to the emulator serving the assembly. */
function startup(assembly) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [SERVER, 'startup', assembly], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const match = /STARTED (\S+) (\d+)/.exec(result.stdout);
  if (!match) throw new Error(`the emulator did not start on ${assembly}`);
  return { ms, inProcessMs: Number(match[1]), routes: Number(match[2]) };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), 'emulator');
  const began = process.hrtime.bigint();
  const { assembly, handlerDir, dir } = synthBenchApp();
  const problems = [];
  const runs = [];
  try {
    // A full run measures both set-ups when it can: shared cores (the targets), then pinned.
    for (const pinned of setups(opts)) {
      const pairs = await measurePairs(opts.pairs, async kind => {
        const result = kind === 'emulator'
          ? await measure(['emulator', assembly, String(opts.instances)], '/items/42', opts, pinned)
          : await measure(['bare', handlerDir, String(opts.instances)], '/items/42', opts, pinned);
        if (result.non2xx > 0 || result.errors > 0 || result.total === 0) {
          problems.push(`${kind}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.total} requests`);
        }
        return result;
      }, (pair, i) => {
        process.stdout.write(`${SETUP(pinned)}, pair ${i + 1}: emulator ${fmt(pair.emulator.rps)} req/s p99 ${pair.emulator.p99} ms; bare ${fmt(pair.bare.rps)} req/s p99 ${pair.bare.p99} ms\n`);
      });
      const ratio = key => median(pairs.map(p => p.emulator[key] / p.bare[key]));
      runs.push({
        pinned,
        pairs,
        emulator: { rps: median(pairs.map(p => p.emulator.rps)), p50: median(pairs.map(p => p.emulator.p50)), p99: median(pairs.map(p => p.emulator.p99)) },
        bare: { rps: median(pairs.map(p => p.bare.rps)), p50: median(pairs.map(p => p.bare.p50)), p99: median(pairs.map(p => p.bare.p99)) },
        throughputRatio: ratio('rps'),
        p99Ratio: ratio('p99'),
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // Start-up on the 1,000-route example.
  const existing = path.join(LARGE_EXAMPLE, 'cdk.out');
  let synth;
  let largeAssembly = existing;
  if (!opts.smoke || !fs.existsSync(path.join(existing, 'manifest.json'))) {
    synth = synthLargeExample();
    largeAssembly = synth.assembly;
  }
  const startups = [];
  for (let i = 0; i < opts.startups; i++) startups.push(startup(largeAssembly));
  if (synth) fs.rmSync(synth.assembly, { recursive: true, force: true });
  if (startups.some(s => s.routes !== 1000)) problems.push(`the emulator served ${startups[0].routes} routes of the 1,000-route example`);

  const result = {
    opts,
    runs,
    startupMs: median(startups.map(s => s.ms)),
    startupInProcessMs: median(startups.map(s => s.inProcessMs)),
    synthMs: synth?.ms,
    seconds: Number(process.hrtime.bigint() - began) / 1e9,
  };
  const table = tables(result);
  process.stdout.write(`\n${table}\n`);
  if (opts.write && !opts.smoke) writeSection('emulator-bench', sectionText(result, table));
  if (opts.smoke) process.stdout.write(`\nsmoke run in ${fmt(result.seconds, 1)} s: single short runs, not a comparison\n`);
  if (problems.length > 0) {
    process.stderr.write(`\nbench/emulator: ${problems.length} problem(s):\n${problems.map(p => `- ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
  // The WebSocket APIs' benchmark, with the same options.
  process.stdout.write('\nbench/emulator-ws.js\n');
  const ws = spawnSync(process.execPath, [path.join(__dirname, 'emulator-ws.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (ws.status !== 0) {
    process.stderr.write(`bench/emulator: bench/emulator-ws.js exited with ${ws.status ?? ws.signal}\n`);
    process.exitCode = 1;
  }
}

function tables(r) {
  const rows = [
    '| set-up | server | req/s | p50 ms | p99 ms |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const run of r.runs) {
    rows.push(`| ${SETUP(run.pinned)} | emulator (routing, CORS, 2.0 event, worker, response parsing) | ${fmt(run.emulator.rps)} | ${run.emulator.p50} | ${run.emulator.p99} |`);
    rows.push(`| ${SETUP(run.pinned)} | bare node:http + the same worker pool | ${fmt(run.bare.rps)} | ${run.bare.p50} | ${run.bare.p99} |`);
  }
  // A smoke run's single short measurements (the JIT still warming up) are no comparison.
  if (r.opts.smoke) return [...rows, '', `start-up on the 1,000-route example: ${fmt(r.startupMs)} ms`].join('\n');
  rows.push('', '| target | set-up | met | measured |', '| --- | --- | --- | --- |');
  for (const run of r.runs) {
    rows.push(`| throughput at least 0.5x the bare server | ${SETUP(run.pinned)} | ${run.throughputRatio >= 0.5 ? 'yes' : 'no'} | ${fmt(run.throughputRatio, 2)}x, median of ${run.pairs.length} pair(s) (${run.pairs.map(p => fmt(p.emulator.rps / p.bare.rps, 2)).join(', ')}) |`);
    rows.push(`| p99 latency at most 2x the bare server | ${SETUP(run.pinned)} | ${run.p99Ratio <= 2 ? 'yes' : 'no'} | ${fmt(run.p99Ratio, 2)}x (${run.pairs.map(p => `${p.emulator.p99} vs ${p.bare.p99} ms`).join(', ')}) |`);
  }
  if (r.synthMs !== undefined) {
    const startupRatio = r.startupMs / r.synthMs;
    rows.push(`| start-up on the 1,000-route example at most 0.25x its \`cdk synth\` | - | ${startupRatio <= 0.25 ? 'yes' : 'no'} | ${fmt(startupRatio, 3)}x: ${fmt(r.startupMs)} ms (median of ${r.opts.startups}; ${fmt(r.startupInProcessMs)} ms of it after Node.js started) vs ${fmt(r.synthMs)} ms |`);
  } else {
    rows.push(`| start-up on the 1,000-route example | - | - | ${fmt(r.startupMs)} ms (smoke run: no synth to compare with) |`);
  }
  return rows.join('\n');
}

function sectionText(r, table) {
  return `## Local emulator

Written by \`node bench/emulator.js --write\` (see [bench/emulator.js](emulator.js)); do not edit by hand, run it again.

${runLines(r.seconds)}
- Load: autocannon, ${r.opts.connections} connections, ${r.opts.duration} s per measurement after a 2 s warm-up, on loopback;
  ${r.opts.pairs} alternating pairs per set-up. *Shared cores*: each server (its main thread and its workers)
  and autocannon run where the OS puts them, as on a developer's machine. *Pinned*: each server on CPU 0
  and autocannon on CPU 1 (taskset), so a server's main thread and its workers share one core: this
  weighs the CPU each request costs more than the latency.
- Both servers run the handler \`${HANDLER.trim()}\` in ${r.opts.instances} worker threads, one invocation
  at a time each. The emulator serves an HTTP API of 51 routes with CORS configured (\`GET /items/{id}\` is
  requested) and a payload 2.0 Lambda proxy integration; the bare server passes a minimal event.
- Start-up: wall time from spawning \`node\` to the emulator serving examples/http-large-api (1,000 routes in
  four nested stacks), against the wall time of \`cdk synth\` of that example (run once).

${table}`;
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
