// What the emulator's benchmarks (bench/emulator.js for HTTP APIs, bench/emulator-ws.js for
// WebSocket APIs) share: their options, the server processes (bench/emulator-server.js), the
// load by autocannon, pinning with taskset, and their sections of bench/RESULTS.md.
'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(__dirname, 'emulator-server.js');
const AUTOCANNON = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');
const RESULTS_MD = path.join(__dirname, 'RESULTS.md');
const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** The options both benchmarks take; `--smoke` makes a run single and short. */
function parseArgs(argv, name) {
  const opts = { pairs: 3, duration: 5, connections: 50, instances: 4, startups: 3, write: false, smoke: false, pin: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const number = () => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) fail(name, `${arg} takes a positive integer`);
      return value;
    };
    switch (arg) {
      case '--pairs': opts.pairs = number(); break;
      case '--duration': opts.duration = number(); break;
      case '--connections': opts.connections = number(); break;
      case '--instances': opts.instances = number(); break;
      case '--write': opts.write = true; break;
      case '--smoke': opts.smoke = true; break;
      case '--pin': opts.pin = true; break;
      default: fail(name, `unknown option ${arg}`);
    }
  }
  if (opts.smoke) Object.assign(opts, { pairs: 1, duration: 1, startups: 1 });
  if (opts.pin && !HAS_TASKSET) fail(name, '--pin needs taskset');
  return opts;
}

function fail(name, message) {
  process.stderr.write(`bench/${name}: ${message}\n`);
  process.exit(2);
}

/** The set-ups a run measures: shared cores (the targets), then pinned when taskset exists; `--pin` only pinned. */
function setups(opts) {
  return opts.pin ? [true] : opts.smoke || !HAS_TASKSET ? [false] : [false, true];
}

/** The command that runs `node <args>`, pinned to a CPU when `cpu` is given. */
function nodeCommand(args, cpu) {
  return cpu === undefined ? [process.execPath, args] : ['taskset', ['-c', String(cpu), process.execPath, ...args]];
}

/**
 * Starts a server process of bench/emulator-server.js (pinned to CPU 0 when `pin`); resolves with
 * the words after `READY` it prints (its URLs) and the process.
 */
function startServer(args, pin) {
  const [command, commandArgs] = nodeCommand([SERVER, ...args], pin ? 0 : undefined);
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
      const match = /READY ([^\n]+)\n/.exec(out);
      if (match) resolve({ url: match[1].split(' ')[0], urls: match[1].split(' '), child });
    });
    child.on('exit', code => reject(new Error(`server ${args[0]} exited with ${code}`)));
  });
}

function stop(child) {
  return new Promise(resolve => {
    child.removeAllListeners('exit');
    child.on('exit', resolve);
    child.kill('SIGKILL');
  });
}

/** autocannon against a URL (pinned to CPU 1 when `pin`): requests per second and latency percentiles. */
function autocannon(url, seconds, connections, pin, extraArgs = []) {
  const [command, args] = nodeCommand([AUTOCANNON, '--json', '-c', String(connections), '-d', String(seconds), ...extraArgs, url], pin ? 1 : undefined);
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: (seconds + 30) * 1000, maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`autocannon failed: ${result.stderr}`);
  const json = JSON.parse(result.stdout);
  return {
    rps: json.requests.average,
    p50: json.latency.p50,
    p99: json.latency.p99,
    total: json.requests.total,
    ok: json['2xx'],
    non2xx: json.non2xx,
    errors: json.errors + json.timeouts,
  };
}

/**
 * Measures the emulator and the bare server `count` times each, in pairs that alternate which goes
 * first; `measure(kind)` measures one, `report(pair, index)` prints a pair.
 */
async function measurePairs(count, measure, report) {
  const pairs = [];
  for (let i = 0; i < count; i++) {
    const pair = {};
    for (const kind of i % 2 === 0 ? ['emulator', 'bare'] : ['bare', 'emulator']) pair[kind] = await measure(kind);
    pairs.push(pair);
    report(pair, i);
  }
  return pairs;
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const SETUP = pinned => (pinned ? 'pinned: server on CPU 0, load on CPU 1' : 'shared cores');

/**
 * A CDK app of one stack `Bench` with one Node.js function `Handler` whose code (`handlerCode`,
 * in `<dir>/handler`) both the emulator and the bare server run; the caller adds an API to the
 * stack and synthesizes it to `<dir>/cdk.out`.
 */
function benchApp(handlerCode) {
  const { App, Stack, Duration } = require('aws-cdk-lib');
  const lambda = require('aws-cdk-lib/aws-lambda');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-bench-'));
  const handlerDir = path.join(dir, 'handler');
  fs.mkdirSync(handlerDir);
  fs.writeFileSync(path.join(handlerDir, 'index.js'), handlerCode);
  process.env.CDK_VALIDATION = 'false';
  const app = new App({ outdir: path.join(dir, 'cdk.out') });
  const stack = new Stack(app, 'Bench');
  const fn = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset(handlerDir), timeout: Duration.seconds(10),
  });
  return { dir, handlerDir, app, stack, fn };
}

/** The date, run time and machine lines of a section. */
function runLines(seconds) {
  const cpus = os.cpus();
  return `- Date: ${new Date().toISOString()}; the run took ${fmt(seconds)} s
- Machine: ${cpus[0]?.model.split(' ').slice(0, 2).join(' ')}, ${cpus.length} cores, Node.js ${process.version}; load average at the end ${fmt(os.loadavg()[0], 2)}`;
}

/** Replaces the section between `<!-- <marker>:start -->` and `<!-- <marker>:end -->` of bench/RESULTS.md, or appends it. */
function writeSection(marker, body) {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const section = `${start}\n${body}\n${end}`;
  const current = fs.readFileSync(RESULTS_MD, 'utf8');
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from
    ? current.slice(0, from) + section + current.slice(to + end.length)
    : `${current.replace(/\n*$/, '')}\n\n${section}\n`;
  fs.writeFileSync(RESULTS_MD, next);
  process.stdout.write(`wrote the ${marker} section of ${path.relative(ROOT, RESULTS_MD)}\n`);
}

module.exports = { ROOT, SERVER, benchApp, measurePairs, parseArgs, fail, setups, nodeCommand, startServer, stop, autocannon, median, fmt, SETUP, runLines, writeSection };
