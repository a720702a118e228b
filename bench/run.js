#!/usr/bin/env node
// Benchmarks this library against aws-cdk-lib's own aws-apigatewayv2 modules on the same apps.
//
//   npm run bench                         full run: 30, 300, 1,000 and 3,000 routes, 5 pairs each,
//                                         then the load-time rows and the L1 floor
//   npm run bench -- --smoke              CI: one pair of everything (30 routes), checks the metrics only;
//                                         then bench/emulator.js --smoke (the local emulator's benchmark)
//   node bench/run.js [--pairs N] [--routes 30,300] [--cases lambda,url] [--write] [--smoke]
//                     [--lib DIR] [--note TEXT] [--only cases,load,floor] [--before DIR]
//                     [--load-pairs N] [--floor-pairs N] [--floor-routes N]
//
// Besides the route cases, three rows (bench/load.js and bench/app.js):
//   require   requiring this package and its two submodules and reading every export, against
//             aws-cdk-lib's three modules, in fresh processes (--load-pairs pairs, default 15);
//   small app requiring, building one HttpApi with a Lambda integration and a JWT authorizer,
//             and synthesizing, in fresh processes, against the same app on aws-cdk-lib;
//   L1 floor  construct plus synth of the lambda case at --floor-routes routes (default 300)
//             against the same template written with aws-cdk-lib's L1 classes alone
//             (--floor-pairs pairs, default 10), both warmed up before the clock.
// --before DIR also measures these rows, in the same run and interleaved pair by pair, for
// another compiled copy of lib/ (e.g. the commit before a change), so that a change is
// judged by ratios measured together.
//
// --lib benchmarks another compiled copy of lib/ (e.g. a clean export of a commit, built with
// jsii); --note adds a line to RESULTS.md (e.g. which commit that copy is).
//
// Every measurement is a fresh `node bench/app.js <lib> <case> <routes>` process. For each case
// and size it runs N pairs (ours and aws-cdk-lib), alternating which library goes first, and
// reports the median of the per-pair time ratios ours / aws-cdk-lib together with the medians
// of each metric. Each process loads and warms up both libraries before its clock starts (see
// bench/app.js), so the timed part starts from the same state. `--write` writes bench/RESULTS.md (with the machine) and bench/results.json.
// Run `npm run compile` first: the benchmark loads the compiled lib/**/*.js.
'use strict';

const { spawnSync, execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const APP = path.join(__dirname, 'app.js');
const LOAD = path.join(__dirname, 'load.js');
const RESULTS_MD = path.join(__dirname, 'RESULTS.md');
const RESULTS_JSON = path.join(__dirname, 'results.json');
const LIBS = ['ours', 'cdk'];
const LIB_NAMES = { ours: 'cdk-apigatewayv2', cdk: 'aws-cdk-lib' };
const CASES = ['lambda', 'url'];
const CASE_TITLES = {
  lambda: 'one shared HttpLambdaIntegration',
  url: 'a new HttpUrlIntegration per route, 50 backends',
};
const DEFAULT_ROUTES = [30, 300, 1000, 3000];
const DEFAULT_PAIRS = 5;
const ROWS = ['cases', 'load', 'floor'];
const DEFAULT_LOAD_PAIRS = 15;
const DEFAULT_FLOOR_PAIRS = 10;
const DEFAULT_FLOOR_ROUTES = 300;
/** The small app may take at most this much of aws-cdk-lib's time (the issue's target). */
const SMALL_APP_TARGET = 1.05;
/** The issue's figure for the L1 floor before the registry and the lazy loading: without --before, the floor must not exceed it. */
const FLOOR_TARGET = 1.1;
/**
 * The environment both libraries run in: no CloudFormation schema validation. BENCH_LIB_DIR
 * (set in main) points app.js at a copy of the compiled library.
 */
const CHILD_ENV = { ...process.env, CDK_VALIDATION: 'false' };
/** Hard quotas and limits the tables compare against. */
const QUOTA = { resources: 500, templateBytes: 1_000_000, integrations: 300, policyBytes: 20 * 1024 };

function parseArgs(argv) {
  const opts = { pairs: DEFAULT_PAIRS, routes: DEFAULT_ROUTES, cases: CASES, write: false, smoke: false,
    lib: path.join(ROOT, 'lib'), note: undefined, only: ROWS, loadPairs: DEFAULT_LOAD_PAIRS,
    floorPairs: DEFAULT_FLOOR_PAIRS, floorRoutes: DEFAULT_FLOOR_ROUTES, before: undefined };
  const positive = (arg, text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) fail(`${arg} takes a positive integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--pairs':
        opts.pairs = Number(value());
        if (!Number.isInteger(opts.pairs) || opts.pairs < 1) fail('--pairs takes a positive integer');
        break;
      case '--routes':
        opts.routes = value().split(',').map(Number);
        if (opts.routes.some(n => !Number.isInteger(n) || n < 1)) fail('--routes takes positive integers, e.g. 30,300');
        break;
      case '--cases':
        opts.cases = value().split(',');
        if (opts.cases.some(c => !CASES.includes(c))) fail(`--cases takes ${CASES.join(',')}`);
        break;
      case '--write':
        opts.write = true;
        break;
      case '--lib':
        opts.lib = path.resolve(value());
        break;
      case '--note':
        opts.note = value();
        break;
      case '--smoke':
        opts.smoke = true;
        break;
      case '--only':
        opts.only = value().split(',');
        if (opts.only.some(r => !ROWS.includes(r))) fail(`--only takes ${ROWS.join(',')}`);
        break;
      case '--load-pairs':
        opts.loadPairs = positive(arg, value());
        break;
      case '--floor-pairs':
        opts.floorPairs = positive(arg, value());
        break;
      case '--floor-routes':
        opts.floorRoutes = positive(arg, value());
        break;
      case '--before':
        opts.before = path.resolve(value());
        break;
      case '-h':
      case '--help':
        process.stdout.write('usage: node bench/run.js [--pairs N] [--routes 30,300,1000,3000] [--cases lambda,url] [--write] [--smoke] [--lib DIR] [--note TEXT]\n'
          + '                        [--only cases,load,floor] [--before DIR] [--load-pairs N] [--floor-pairs N] [--floor-routes N]\n');
        process.exit(0);
        break;
      default:
        fail(`unknown option ${arg}`);
    }
  }
  if (opts.smoke) {
    opts.pairs = 1;
    opts.routes = [30];
    opts.loadPairs = 1;
    opts.floorPairs = 1;
    opts.floorRoutes = 30;
  }
  if (opts.write && opts.only.length !== ROWS.length) fail('--write needs every row: leave out --only');
  return opts;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** Runs one app in a fresh process; returns its parsed JSON line. */
function runOne(lib, kase, routes, other, env = CHILD_ENV) {
  return runChild(APP, [lib, kase, String(routes), ...other ? [other] : []], env);
}

/** Runs a bench script in a fresh process; returns its parsed JSON line. */
function runChild(script, args, env = CHILD_ENV) {
  // --expose-gc lets bench/app.js collect the warm-up's garbage before its clock starts.
  const child = spawnSync(process.execPath, ['--expose-gc', script, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60 * 1000,
  });
  const what = `bench/${path.basename(script)} ${args.join(' ')}`;
  if (child.error || child.status !== 0) {
    const why = child.error ? child.error.message : `exit code ${child.status}${child.signal ? `, signal ${child.signal}` : ''}`;
    throw new Error(`${what} failed (${why}):\n${child.stderr}`);
  }
  const line = child.stdout.trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch (_e) {
    throw new Error(`${what} printed no JSON line:\n${child.stdout}\n${child.stderr}`);
  }
}

/** The median and range of per-pair ratios, and the medians of each side's metric. */
function pairSummary(pairs, ratioOf) {
  const ratios = pairs.map(ratioOf);
  return { ratio: median(ratios), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios), ratios };
}

/** The environment of the processes that run the library before the change (--before). */
function beforeEnv(beforeDir) {
  return { ...CHILD_ENV, BENCH_LIB_DIR: beforeDir };
}

/** One load-time pair: both libraries in fresh processes, in the given order. */
function loadPair(mode, order, env) {
  const pair = {};
  for (const lib of order) pair[lib] = runChild(LOAD, [mode, lib], env);
  return pair;
}

/** The medians and ratios of load-time pairs. */
function loadSummary(mode, runs) {
  const side = (lib, key) => median(runs.map(r => r[lib][key]));
  const summary = {
    mode, pairs: runs.length, ...pairSummary(runs, r => r.ours.ms / r.cdk.ms),
    cpuRatio: median(runs.map(r => r.ours.cpuMs / r.cdk.cpuMs)),
    ours: { ms: side('ours', 'ms'), cpuMs: side('ours', 'cpuMs'), modules: side('ours', 'modules') },
    cdk: { ms: side('cdk', 'ms'), cpuMs: side('cdk', 'cpuMs'), modules: side('cdk', 'modules') },
    runs,
  };
  if (mode === 'require') {
    summary.bareRatio = median(runs.map(r => r.ours.requireOnlyMs / r.cdk.requireOnlyMs));
    summary.ours.requireOnlyMs = side('ours', 'requireOnlyMs');
    summary.cdk.requireOnlyMs = side('cdk', 'requireOnlyMs');
  }
  return summary;
}

/**
 * The load-time rows: `mode` (require or small-app) of both libraries in fresh processes,
 * alternating which goes first, with the pairs of the library before the change (--before)
 * interleaved. Returns the per-pair ratios ours / aws-cdk-lib of wall and CPU time.
 */
function measureLoad(mode, pairs, log, beforeDir) {
  const runs = [];
  const beforeRuns = [];
  for (let p = 0; p < pairs; p++) {
    const order = p % 2 === 0 ? ['ours', 'cdk'] : ['cdk', 'ours'];
    const pair = loadPair(mode, order, CHILD_ENV);
    runs.push(pair);
    let line = `  ${mode} pair ${p + 1}/${pairs} (${order.join(' then ')}): ours ${pair.ours.ms} ms, aws-cdk-lib ${pair.cdk.ms} ms, `
      + `ratio ${fmt(pair.ours.ms / pair.cdk.ms, 2)}`;
    if (beforeDir) {
      const before = loadPair(mode, order, beforeEnv(beforeDir));
      beforeRuns.push(before);
      line += `; before the change ${fmt(before.ours.ms / before.cdk.ms, 2)}`;
    }
    log(line);
  }
  const summary = loadSummary(mode, runs);
  if (beforeDir) summary.before = loadSummary(mode, beforeRuns);
  const problems = [];
  if (mode === 'small-app') {
    for (const [i, r] of runs.entries()) {
      if (r.ours.resources !== r.cdk.resources) problems.push(`small app pair ${i + 1}: ${r.ours.resources} resources vs ${r.cdk.resources}`);
    }
  }
  return { summary, problems };
}

/** One L1-floor pair: this library and the L1 app in fresh processes, each loading both before the clock. */
function floorPair(routes, order, env) {
  const pair = {};
  for (const lib of order) pair[lib] = runOne(lib, 'lambda', routes, lib === 'ours' ? 'l1' : 'ours', env);
  return pair;
}

/** The medians and ratios of L1-floor pairs. */
function floorSummary(routes, runs) {
  return {
    routes, pairs: runs.length, ...pairSummary(runs, r => r.ours.timeMs / r.l1.timeMs),
    cpuRatio: median(runs.map(r => r.ours.cpuMs / r.l1.cpuMs)),
    identicalTemplates: runs.every(r => r.ours.templateHash === r.l1.templateHash),
    resources: runs[0].ours.resources,
    ours: { ms: median(runs.map(r => r.ours.timeMs)), cpuMs: median(runs.map(r => r.ours.cpuMs)) },
    l1: { ms: median(runs.map(r => r.l1.timeMs)), cpuMs: median(runs.map(r => r.l1.cpuMs)) },
    runs: runs.map(r => ({ ours: { timeMs: r.ours.timeMs, cpuMs: r.ours.cpuMs }, l1: { timeMs: r.l1.timeMs, cpuMs: r.l1.cpuMs } })),
  };
}

/**
 * The L1 floor: the lambda case at `routes` routes, this library against the same template
 * written with aws-cdk-lib's L1 classes, both loaded and warmed up before the clock in each
 * process, with the pairs of the library before the change (--before) interleaved. The
 * templates must be identical, and the modules loaded before the clock the same.
 */
function measureFloor(routes, pairs, log, beforeDir) {
  const runs = [];
  const beforeRuns = [];
  const problems = [];
  const check = (pair, what) => {
    if (pair.ours.templateHash !== pair.l1.templateHash) {
      problems.push(`${what}: the L1 template (${pair.l1.templateHash}) is not this library's (${pair.ours.templateHash})`);
    }
    if (pair.ours.modulesHash !== pair.l1.modulesHash || pair.ours.modulesTimed !== 0 || pair.l1.modulesTimed !== 0) {
      problems.push(`${what}: the timed parts did not start from the same modules`);
    }
  };
  for (let p = 0; p < pairs; p++) {
    const order = p % 2 === 0 ? ['ours', 'l1'] : ['l1', 'ours'];
    const pair = floorPair(routes, order, CHILD_ENV);
    check(pair, `L1 floor pair ${p + 1}`);
    runs.push(pair);
    let line = `  L1 floor ${routes} pair ${p + 1}/${pairs} (${order.join(' then ')}): ours ${pair.ours.timeMs} ms, L1 ${pair.l1.timeMs} ms, `
      + `ratio ${fmt(pair.ours.timeMs / pair.l1.timeMs, 2)}`;
    if (beforeDir) {
      const before = floorPair(routes, order, beforeEnv(beforeDir));
      check(before, `L1 floor pair ${p + 1} before the change`);
      beforeRuns.push(before);
      line += `; before the change ${fmt(before.ours.timeMs / before.l1.timeMs, 2)}`;
    }
    log(line);
  }
  const summary = floorSummary(routes, runs);
  if (beforeDir) summary.before = floorSummary(routes, beforeRuns);
  return { summary, problems };
}

/** The table of the load-time rows and the L1 floor. */
function loadTable(load) {
  const lines = [
    '| row | ours / reference, median (min-max) | ours | reference | CPU ratio | modules loaded, ours vs reference |',
    '| --- | --- | ---: | ---: | ---: | --- |',
  ];
  const req = load.require;
  if (req) {
    lines.push(`| require: package and 2 submodules, every export read, vs aws-cdk-lib's 3 modules | ${fmt(req.ratio, 2)}x (${fmt(req.ratioMin, 2)}-${fmt(req.ratioMax, 2)}) `
      + `| ${fmt(req.ours.ms, 1)} ms | ${fmt(req.cdk.ms, 1)} ms | ${fmt(req.cpuRatio, 2)} | ${fmt(req.ours.modules)} vs ${fmt(req.cdk.modules)} |`);
    lines.push(`| require alone, no export read (aws-cdk-lib's modules load nothing until then) | ${fmt(req.bareRatio, 2)}x `
      + `| ${fmt(req.ours.requireOnlyMs, 1)} ms | ${fmt(req.cdk.requireOnlyMs, 1)} ms | | |`);
    if (req.before) lines.push(beforeRow('require, before the change', req.before));
  }
  const app = load['small-app'];
  if (app) {
    lines.push(`| small app: require, one HttpApi with a Lambda integration and a JWT authorizer, synth | ${fmt(app.ratio, 2)}x (${fmt(app.ratioMin, 2)}-${fmt(app.ratioMax, 2)}) `
      + `| ${fmt(app.ours.ms, 1)} ms | ${fmt(app.cdk.ms, 1)} ms | ${fmt(app.cpuRatio, 2)} | ${fmt(app.ours.modules)} vs ${fmt(app.cdk.modules)} |`);
    if (app.before) lines.push(beforeRow('small app, before the change', app.before));
  }
  const floor = load.floor;
  if (floor) {
    lines.push(`| L1 floor: construct + synth of the lambda case at ${fmt(floor.routes)} routes vs the same template from L1 classes | `
      + `${fmt(floor.ratio, 2)}x (${fmt(floor.ratioMin, 2)}-${fmt(floor.ratioMax, 2)}) | ${fmt(floor.ours.ms)} ms | ${fmt(floor.l1.ms)} ms | ${fmt(floor.cpuRatio, 2)} `
      + `| same before the clock; templates ${floor.identicalTemplates ? 'identical' : '**differ**'} |`);
    if (floor.before) {
      const b = floor.before;
      lines.push(`| L1 floor, before the change | ${fmt(b.ratio, 2)}x (${fmt(b.ratioMin, 2)}-${fmt(b.ratioMax, 2)}) | ${fmt(b.ours.ms)} ms | ${fmt(b.l1.ms)} ms `
        + `| ${fmt(b.cpuRatio, 2)} | templates ${b.identicalTemplates ? 'identical' : '**differ**'} |`);
    }
  }
  return lines.join('\n');
}

/** A load-time row of the library before the change, measured in the same run (--before). */
function beforeRow(title, b) {
  return `| ${title} | ${fmt(b.ratio, 2)}x (${fmt(b.ratioMin, 2)}-${fmt(b.ratioMax, 2)}) | ${fmt(b.ours.ms, 1)} ms | ${fmt(b.cdk.ms, 1)} ms `
    + `| ${fmt(b.cpuRatio, 2)} | ${fmt(b.ours.modules)} vs ${fmt(b.cdk.modules)} |`;
}

/** The issue's load-time targets, checked against this run. */
function loadTargets(load) {
  const out = [];
  const app = load['small-app'];
  if (app) {
    const enough = app.pairs >= 10;
    out.push({ target: `small app at most ${fmt(SMALL_APP_TARGET, 2)}x aws-cdk-lib's (median of at least 10 pairs)`,
      met: enough ? app.ratio <= SMALL_APP_TARGET : undefined,
      value: `${fmt(app.ratio, 2)}x, median of ${app.pairs} pairs (range ${fmt(app.ratioMin, 2)}-${fmt(app.ratioMax, 2)})${enough ? '' : '; fewer than 10 pairs, not conclusive'}` });
  }
  const floor = load.floor;
  if (floor) {
    const before = floor.before ? floor.before.ratio : FLOOR_TARGET;
    const beforeText = floor.before ? `${fmt(before, 2)}x before the change, measured in this run` : `${fmt(before, 1)}x, the issue's figure for before`;
    out.push({ target: `L1 floor at ${fmt(floor.routes)} routes no worse than before (${beforeText})`,
      met: floor.pairs >= 5 ? floor.ratio <= before && floor.identicalTemplates : undefined,
      value: `${fmt(floor.ratio, 2)}x, median of ${floor.pairs} pairs (range ${fmt(floor.ratioMin, 2)}-${fmt(floor.ratioMax, 2)})` });
  }
  return out;
}

/** Problems with one measurement: metrics that cannot be right whatever the timing. */
function sanityProblems(m, kase, routes) {
  const problems = [];
  const expect = (ok, what) => { if (!ok) problems.push(`${m.lib} ${kase} ${routes}: ${what}`); };
  expect(m.routeCount === routes, `${m.routeCount} routes in the template, expected ${routes}`);
  expect(m.resources > routes, `${m.resources} resources for ${routes} routes`);
  expect(m.templateBytes > 0 && m.templateMinBytes > 0 && m.templateMinBytes <= m.templateBytes, 'template sizes');
  expect(m.timeMs > 0 && Number.isFinite(m.timeMs), `time ${m.timeMs} ms`);
  expect(m.maxRssMiB > 0, `peak RSS ${m.maxRssMiB} MiB`);
  if (kase === 'lambda') {
    expect(m.integrations === 1, `${m.integrations} integrations, expected 1 shared one`);
    const permissions = m.lib === 'ours' ? 1 : routes;
    expect(m.lambdaPermissions === permissions, `${m.lambdaPermissions} Lambda permissions, expected ${permissions}`);
    expect(m.policyBytes > 0, `policy of ${m.policyBytes} bytes`);
  } else {
    expect(m.integrations >= 1 && m.integrations <= routes, `${m.integrations} integrations for ${routes} routes`);
    expect(m.lambdaPermissions === 0, `${m.lambdaPermissions} Lambda permissions without a function`);
  }
  return problems;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Runs every pair of one case and size and summarizes them. */
function measure(kase, routes, pairs, log) {
  const runs = { ours: [], cdk: [] };
  const pairRatios = [];
  const startupRatios = [];
  const cpuRatios = [];
  const asymmetries = [];
  for (let p = 0; p < pairs; p++) {
    // Alternate which library goes first so that order effects (disk cache, CPU clocks) cancel.
    const order = p % 2 === 0 ? LIBS : [...LIBS].reverse();
    const pair = {};
    for (const lib of order) {
      pair[lib] = runOne(lib, kase, routes);
      runs[lib].push(pair[lib]);
    }
    pairRatios.push(pair.ours.timeMs / pair.cdk.timeMs);
    startupRatios.push((pair.ours.requireMs + pair.ours.warmupMs) / (pair.cdk.requireMs + pair.cdk.warmupMs));
    // The timed part must start from the same state on both sides: the same modules loaded
    // before the clock, and none loaded inside it.
    if (pair.ours.modulesHash !== pair.cdk.modulesHash || pair.ours.modulesBefore !== pair.cdk.modulesBefore) {
      asymmetries.push(`${kase} ${routes} pair ${p + 1}: different modules loaded before the clock `
        + `(ours ${pair.ours.modulesBefore}, ${pair.ours.modulesHash}; aws-cdk-lib ${pair.cdk.modulesBefore}, ${pair.cdk.modulesHash})`);
    }
    for (const lib of LIBS) {
      if (pair[lib].modulesTimed !== 0) {
        asymmetries.push(`${kase} ${routes} pair ${p + 1}: ${LIB_NAMES[lib]} loaded ${pair[lib].modulesTimed} module(s) inside the timed part`);
      }
    }
    cpuRatios.push(pair.ours.cpuMs / pair.cdk.cpuMs);
    log(`  ${kase} ${routes} pair ${p + 1}/${pairs} (${order.join(' then ')}): `
      + `ours ${pair.ours.timeMs} ms, aws-cdk-lib ${pair.cdk.timeMs} ms, ratio ${fmt(pairRatios[p], 2)}`);
  }
  const summary = { case: kase, routes, pairs, timeRatio: median(pairRatios), timeRatioMin: Math.min(...pairRatios),
    timeRatioMax: Math.max(...pairRatios), startupRatio: median(startupRatios), cpuRatio: median(cpuRatios), pairRatios };
  for (const lib of LIBS) {
    const rs = runs[lib];
    const deterministic = ['resources', 'routeCount', 'integrations', 'lambdaPermissions', 'policyBytes', 'templateBytes', 'templateMinBytes'];
    for (const key of deterministic) {
      if (new Set(rs.map(r => r[key])).size !== 1) {
        throw new Error(`${lib} ${kase} ${routes}: ${key} differs between runs: ${rs.map(r => r[key]).join(', ')}`);
      }
    }
    summary[lib] = {
      timeMs: median(rs.map(r => r.timeMs)),
      cpuMs: median(rs.map(r => r.cpuMs)),
      requireMs: median(rs.map(r => r.requireMs)),
      warmupMs: median(rs.map(r => r.warmupMs)),
      modulesBefore: median(rs.map(r => r.modulesBefore)),
      modulesTimed: Math.max(...rs.map(r => r.modulesTimed)),
      maxRssMiB: median(rs.map(r => r.maxRssMiB)),
      ...Object.fromEntries(deterministic.map(key => [key, rs[0][key]])),
      runs: rs.map(r => ({ timeMs: r.timeMs, cpuMs: r.cpuMs, requireMs: r.requireMs, warmupMs: r.warmupMs,
        otherRequireMs: r.otherRequireMs, otherWarmupMs: r.otherWarmupMs, modulesBefore: r.modulesBefore,
        modulesHash: r.modulesHash, modulesTimed: r.modulesTimed, maxRssMiB: r.maxRssMiB })),
    };
  }
  summary.resourceRatio = summary.ours.resources / summary.cdk.resources;
  summary.rssRatio = summary.ours.maxRssMiB / summary.cdk.maxRssMiB;
  return { summary, runs, asymmetries };
}

/** Most a cost may grow beyond linear between the two largest sizes and still count as linear. */
const LINEAR_ALLOWANCE = 1.2;

/**
 * How cost grows with routes, per case, library and measure (wall time, CPU time): the cost
 * per route at every size, the marginal cost per added route between consecutive sizes, and
 * how the cost grew between the two largest sizes relative to the growth in routes. A linear
 * cost with a fixed start-up part grows by less than the routes do (below 1x); work that scans
 * every route for each new route grows by up to the square of it (3x from 1,000 to 3,000 routes).
 */
function linearity(summaries, cases, sizes) {
  const out = [];
  if (sizes.length < 2) return out;
  for (const kase of cases) {
    for (const lib of LIBS) {
      for (const measure of ['timeMs', 'cpuMs']) {
        const points = sizes.map(n => summaries.find(s => s.case === kase && s.routes === n)[lib][measure]);
        const perRoute = points.map((t, i) => t / sizes[i]);
        const marginal = sizes.slice(1).map((n, i) => (points[i + 1] - points[i]) / (n - sizes[i]));
        const k = sizes.length - 1;
        out.push({
          case: kase, lib, measure, sizes, perRouteMs: perRoute, marginalMs: marginal,
          perRouteRatio: perRoute[k] / perRoute[0],
          growthVsLinear: (points[k] / points[k - 1]) / (sizes[k] / sizes[k - 1]),
        });
      }
    }
  }
  return out;
}

function fmt(x, digits = 0) {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function kb(bytes) {
  return bytes >= 1_000_000 ? `${fmt(bytes / 1_000_000, 2)} MB` : `${fmt(bytes / 1000, 1)} KB`;
}

/** `value` bold when it is over a hard quota. */
function overQuota(value, quota, text) {
  return value > quota ? `**${text}**` : text;
}

function detailTable(summaries) {
  const lines = [
    '| case | routes | lib | time ms | time ratio ours/aws (min-max) | CPU ms | CPU ratio | require ms | warm-up ms | start-up ratio | peak RSS MiB | resources | template | integrations | Lambda permissions | policy bytes |',
    '| --- | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of summaries) {
    for (const lib of LIBS) {
      const m = s[lib];
      const ours = lib === 'ours';
      const ratio = ours ? `${fmt(s.timeRatio, 2)} (${fmt(s.timeRatioMin, 2)}-${fmt(s.timeRatioMax, 2)})` : '';
      lines.push(`| ${s.case} | ${fmt(s.routes)} | ${LIB_NAMES[lib]} | ${fmt(m.timeMs)} | ${ratio} | ${fmt(m.cpuMs)} | ${ours ? fmt(s.cpuRatio, 2) : ''} `
        + `| ${fmt(m.requireMs)} | ${fmt(m.warmupMs)} | ${ours ? fmt(s.startupRatio, 2) : ''} | ${fmt(m.maxRssMiB)} `
        + `| ${overQuota(m.resources, QUOTA.resources, fmt(m.resources))} | ${overQuota(m.templateBytes, QUOTA.templateBytes, kb(m.templateBytes))} `
        + `| ${overQuota(m.integrations, QUOTA.integrations, fmt(m.integrations))} | ${fmt(m.lambdaPermissions)} `
        + `| ${overQuota(m.policyBytes, QUOTA.policyBytes, m.policyBytes ? fmt(m.policyBytes) : '-')} |`);
    }
  }
  return lines.join('\n');
}

/** The compact table for the README: one row per case and size, ours vs aws-cdk-lib. */
function summaryTable(summaries) {
  const lines = [
    '| case | routes | time ours / aws-cdk-lib | resources | template | Lambda permissions | Lambda policy | integrations | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of summaries) {
    const o = s.ours;
    const c = s.cdk;
    const policy = o.policyBytes || c.policyBytes
      ? `${overQuota(o.policyBytes, QUOTA.policyBytes, kb(o.policyBytes))} vs ${overQuota(c.policyBytes, QUOTA.policyBytes, kb(c.policyBytes))}`
      : '-';
    lines.push(`| ${s.case} | ${fmt(s.routes)} | ${fmt(s.timeRatio, 2)}x `
      + `| ${overQuota(o.resources, QUOTA.resources, fmt(o.resources))} vs ${overQuota(c.resources, QUOTA.resources, fmt(c.resources))} `
      + `| ${overQuota(o.templateBytes, QUOTA.templateBytes, kb(o.templateBytes))} vs ${overQuota(c.templateBytes, QUOTA.templateBytes, kb(c.templateBytes))} `
      + `| ${fmt(o.lambdaPermissions)} vs ${fmt(c.lambdaPermissions)} | ${policy} `
      + `| ${overQuota(o.integrations, QUOTA.integrations, fmt(o.integrations))} vs ${overQuota(c.integrations, QUOTA.integrations, fmt(c.integrations))} `
      + `| ${fmt(o.maxRssMiB)} vs ${fmt(c.maxRssMiB)} MiB |`);
  }
  return lines.join('\n');
}

const MEASURE_NAMES = { timeMs: 'wall', cpuMs: 'CPU' };

function linearityTable(lin) {
  if (lin.length === 0) return '(one size only: no linearity check)';
  const sizes = lin[0].sizes;
  const steps = sizes.slice(1).map((n, i) => `${fmt(sizes[i])}→${fmt(n)}`);
  const k = sizes.length - 1;
  const lines = [
    `| case | lib | time | ms per route at ${sizes.map(n => fmt(n)).join(' / ')} | marginal ms per added route, ${steps.join(' / ')} `
      + `| growth ${fmt(sizes[k - 1])}→${fmt(sizes[k])} routes vs linear |`,
    '| --- | --- | --- | --- | --- | ---: |',
  ];
  for (const l of lin) {
    lines.push(`| ${l.case} | ${LIB_NAMES[l.lib]} | ${MEASURE_NAMES[l.measure]} | ${l.perRouteMs.map(x => fmt(x, 2)).join(' / ')} `
      + `| ${l.marginalMs.map(x => fmt(x, 2)).join(' / ')} | ${fmt(l.growthVsLinear, 2)}x |`);
  }
  return lines.join('\n');
}

/** The issue's targets, checked against this run. */
function targets(summaries, lin) {
  const out = [];
  const at300 = summaries.find(s => s.case === 'lambda' && s.routes === 300);
  if (at300) {
    out.push({ target: 'one Lambda behind 300 routes: resources at most 0.55x aws-cdk-lib', met: at300.resourceRatio <= 0.55,
      value: `${at300.ours.resources} / ${at300.cdk.resources} = ${fmt(at300.resourceRatio, 3)}x` });
    out.push({ target: 'one Lambda behind 300 routes: one Lambda permission', met: at300.ours.lambdaPermissions === 1,
      value: `${at300.ours.lambdaPermissions} (aws-cdk-lib: ${at300.cdk.lambdaPermissions})` });
    out.push({ target: 'one Lambda behind 300 routes: policy under 1 KB', met: at300.ours.policyBytes < 1024,
      value: `${at300.ours.policyBytes} bytes (aws-cdk-lib: ${fmt(at300.cdk.policyBytes)} bytes)` });
  }
  const enoughPairs = summaries.every(s => s.pairs >= 5);
  for (const s of summaries) {
    out.push({ target: `time at most 1.0x aws-cdk-lib: ${s.case}, ${fmt(s.routes)} routes`, met: enoughPairs ? s.timeRatio <= 1.0 : undefined,
      value: `${fmt(s.timeRatio, 2)}x, median of ${s.pairs} pairs (range ${fmt(s.timeRatioMin, 2)}-${fmt(s.timeRatioMax, 2)})`
        + (enoughPairs ? '' : '; fewer than 5 pairs, not conclusive') });
  }
  for (const l of lin.filter(x => x.lib === 'ours' && x.measure === 'timeMs')) {
    const k = l.sizes.length - 1;
    out.push({ target: `cost growing linearly with routes: ${l.case}`, met: l.growthVsLinear <= LINEAR_ALLOWANCE,
      value: `time grew ${fmt(l.growthVsLinear, 2)}x as fast as the routes from ${fmt(l.sizes[k - 1])} to ${fmt(l.sizes[k])} `
        + `(linear: at most ${fmt(LINEAR_ALLOWANCE, 1)}x with noise; a scan of all routes per route: up to ${fmt(l.sizes[k] / l.sizes[k - 1], 1)}x); `
        + `time per route at ${fmt(l.sizes[k])} vs ${fmt(l.sizes[0])} routes: ${fmt(l.perRouteRatio, 2)}x` });
  }
  return out;
}

function targetsTable(ts) {
  return ['| target | met | measured |', '| --- | --- | --- |',
    ...ts.map(t => `| ${t.target} | ${t.met === undefined ? 'not shown' : t.met ? 'yes' : '**no**'} | ${t.value} |`)].join('\n');
}

function machine(opts) {
  const cpus = os.cpus();
  let aws = 'unknown';
  try {
    aws = JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/package.json', { paths: [ROOT] }), 'utf8')).version;
  } catch (_e) {
    // leave unknown
  }
  let revision = `the compiled library in ${opts.lib}`;
  if (opts.lib === path.join(ROOT, 'lib')) {
    try {
      revision = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
      const dirty = execFileSync('git', ['status', '--porcelain', '--', 'lib'], { cwd: ROOT, encoding: 'utf8' }).trim();
      if (dirty) revision += ' with uncommitted changes in lib/';
    } catch (_e) {
      // not a git checkout
    }
  }
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    awsCdkLib: aws,
    revision,
  };
}

/** How many modules every process had loaded when the clock started, e.g. `331 modules in every run`. */
function modulesNote(summaries) {
  const counts = summaries.flatMap(s => LIBS.flatMap(lib => s[lib].runs.map(r => r.modulesBefore)));
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  return lo === hi ? `${fmt(lo)} modules in every run` : `${fmt(lo)}-${fmt(hi)} modules`;
}

function writeResults(opts, summaries, lin, ts, loadRows, m, started, elapsedS) {
  const quote = (arg) => (/^[\w./,=-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, '\'\\\'\'')}'`);
  const command = `node bench/run.js ${process.argv.slice(2).map(quote).join(' ')}`.trim();
  const fewPairs = summaries.some(s => s.pairs < 5);
  const md = `# Benchmark results

Written by \`${command}\` (see [bench/run.js](run.js)); do not edit by hand, run it again.

- Date: ${started.toISOString()}; the run took ${fmt(elapsedS)} s
- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}
- Node.js ${m.node}, aws-cdk-lib ${m.awsCdkLib}, cdk-apigatewayv2 at ${m.revision} (compiled lib/ fingerprint ${m.libFingerprint})
- Load average (1 min) at the start and end of the run: ${fmt(m.load.before, 2)} and ${fmt(m.load.after, 2)}${opts.note ? `\n- ${opts.note}` : ''}
- ${opts.pairs} alternating pairs per case and size${fewPairs ? ' (**fewer than the 5 the issue asks for**)' : ''}: each pair runs both
  libraries in fresh processes, ours first in odd pairs and aws-cdk-lib first in even ones

## What is measured

Each run is one \`node bench/app.js <lib> <case> <routes>\` process that builds one app: a stack
with an \`HttpApi\` (default stage) and \`<routes>\` routes \`GET /r{i}/items\`. The app code is
identical for both libraries (same construct ids, paths and props); only the \`require\` lines
differ.

- \`lambda\`: ${CASE_TITLES.lambda} on an inline \`lambda.Function\`.
- \`url\`: ${CASE_TITLES.url} (\`https://backend{i % 50}.example.com\`).

Both libraries run with the same settings: CDK's 500-resource synth check off (context
\`@aws-cdk/core:stackResourceLimit: 0\`, read by \`Stack.maxResources\` in aws-cdk-lib 2.276), and
the built-in CloudFormation schema validation off (\`CDK_VALIDATION=false\` in the child's
environment, read by \`App.synth()\`; it costs 1-1.5 s per synth and is not what is compared).
\`analyticsReporting\` is off; tree.json is written as usual.

- **before the clock**: every process, whatever the library under test, starts the same way.
  (1) It loads the library under test (this library's \`lib/\` and \`lib/integrations\`, or
  aws-cdk-lib's \`aws-apigatewayv2\` and \`aws-apigatewayv2-integrations\`) with \`aws-cdk-lib\`
  and \`aws-cdk-lib/aws-lambda\`: *require ms*. (2) It builds and synthesizes, with that
  library and the same code as the measured app, a warm-up app of each case with 1 route to a
  temporary directory: *warm-up ms*. This loads everything aws-cdk-lib loads lazily on first use
  (core's internals, \`aws-iam\`, parts of \`aws-lambda\`, the Cfn resources, ...) and runs
  every code path of the app once; it also loads core's \`Annotations\`, which larger apps load
  for their warnings (this library's quota warnings, aws-cdk-lib's template-size warning).
  (3) It loads the other library and runs the same warm-up apps with it (their times are in
  results.json only). So both libraries' modules are loaded and both have run once in every
  process, and the timed part starts from the same state for
  both: the run checks that the modules loaded before the clock are the same set in both
  processes of every pair (same count and same hash of their paths;
  ${modulesNote(summaries)}) and that no module is loaded inside the timed part, and reports a
  problem (exit code 1) otherwise.
- **time**: \`process.hrtime\` around constructing the app plus \`app.synth()\` (which writes the
  template and tree.json to a temporary directory), after the steps above and a full garbage
  collection (\`node --expose-gc\`), so that neither side's timed part pays for the warm-up's
  garbage: without it, which side a collection lands in decides small cases. The ratio is the
  median over the pairs of ours / aws-cdk-lib in the same pair; time ms is the median per
  library.
- **start-up**: *require ms* plus *warm-up ms* is each library's cost of loading and of its
  first, 1-route apps in a cold process. Both libraries load a module when one of its exports
  is first read, so most of it falls in *warm-up ms*. *Start-up ratio* is the median over the
  pairs of ours / aws-cdk-lib of require ms + warm-up ms. It is reported separately and not
  added to the time ratio; the load-time rows below measure it in the apps' own terms.
- **CPU**: \`process.cpuUsage()\` (user + system, all threads including the garbage collector)
  over the same part: it counts the work done rather than the time waited, so other processes
  competing for the cores disturb it less than the wall time.
- **peak RSS**: \`process.resourceUsage().maxRSS\` of the whole process (Node.js and aws-cdk-lib included).
- **resources**, **integrations**, **Lambda permissions**: counted in the synthesized template.
- **template**: bytes of the template file as synthesized (CDK's one-space indentation);
  results.json also has the minified size.
- **policy bytes**: an estimate of the resource policy Lambda stores for the function: per
  \`AWS::Lambda::Permission\`, a statement \`{"Sid","Effect":"Allow","Principal":{"Service":...},"Action","Resource":<function ARN>,"Condition":{"ArnLike":{"AWS:SourceArn":...}}}\`
  with tokens resolved to realistic values (partition \`aws\`, \`us-east-1\`, account
  \`123456789012\`, a 10-character API id, CloudFormation-style generated names for the function
  and the statement ids), inside \`{"Version":"2012-10-17","Id":"default","Statement":[...]}\`, minified.

Bold marks a value over a hard limit: ${QUOTA.resources} resources per stack, 1 MB per template, ${QUOTA.integrations}
integrations per API, 20 KB per Lambda resource policy.

## Summary (for the README)

${summaryTable(summaries)}

Time is the median over ${opts.pairs} alternating pairs of (this library / aws-cdk-lib) for
constructing and synthesizing the app, with both libraries loaded and warmed up before the clock
starts (see above; start-up costs are under *All metrics*); other columns are this
library vs aws-cdk-lib.

## Load time and the L1 floor

${loadTable(loadRows)}

- **require**: a fresh \`node bench/load.js require <lib>\` process per run; the clock runs from
  before the first require to after reading every export of this package, \`/integrations\` and
  \`/authorizers\` (or of aws-cdk-lib's \`aws-apigatewayv2\`, \`-integrations\` and
  \`-authorizers\`), which is what loads the classes' files in both libraries. The bare require
  (no export read) is beside it. ${loadRows.require.pairs} alternating pairs.
- **small app**: a fresh \`node bench/load.js small-app <lib>\` process per run; the clock runs
  from before the first require (of aws-cdk-lib, \`aws-lambda\` and the library) to the end of
  \`app.synth()\` of a stack with one Lambda function, one \`HttpApi\` (default stage), an
  \`HttpJwtAuthorizer\` as its default authorizer and one route to an \`HttpLambdaIntegration\`
  (8 resources with either library): what \`cdk synth\` of such an app costs beyond starting
  Node.js. ${loadRows['small-app'].pairs} alternating pairs; the ratio is the median of the
  per-pair ratios.
- **L1 floor**: \`node bench/app.js <ours|l1> lambda ${loadRows.floor.routes}\`, timed like the cases
  above (both the library and the L1 app loaded and warmed up before the clock). The L1 app
  writes, with \`CfnApi\`, \`CfnStage\`, \`CfnRoute\`, \`CfnIntegration\` and \`CfnPermission\` at
  this library's construct paths, the same template as this library (the run checks that the
  two templates are identical): what is left is the cost of the library's checks and objects.
  ${loadRows.floor.pairs} alternating pairs.
- Times move with the machine's load (above); compare the ratios, which come from pairs run
  back to back, not the absolute times of two runs.

## Targets

${targetsTable(ts)}

## All metrics

${detailTable(summaries)}

## Growth with routes

Medians from the table above; wall and CPU time of constructing and synthesizing.

${linearityTable(lin)}
`;
  // The emulator's sections (bench/emulator.js and bench/emulator-ws.js --write) are kept as they are.
  const previous = fs.existsSync(RESULTS_MD) ? fs.readFileSync(RESULTS_MD, 'utf8') : '';
  const emulatorSections = previous.match(/<!-- (emulator(?:-ws)?-bench):start -->[\s\S]*?<!-- \1:end -->/g) ?? [];
  fs.writeFileSync(RESULTS_MD, [md.replace(/\n*$/, ''), ...emulatorSections].join('\n\n') + (emulatorSections.length > 0 ? '\n' : ''));
  fs.writeFileSync(RESULTS_JSON, `${JSON.stringify({ command, date: started.toISOString(), elapsedS, machine: m, summaries, loadRows }, undefined, 1)}\n`);
}

/** Every file under a directory, relative to it, sorted. */
function filesUnder(dir, rel = '') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? filesUnder(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]))
    .sort();
}

/** TypeScript sources of a lib/ directory whose compiled .js is missing or older. */
function staleSources(lib) {
  return filesUnder(lib)
    .filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .filter(f => {
      const js = path.join(lib, f.replace(/\.ts$/, '.js'));
      return !fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(path.join(lib, f)).mtimeMs;
    })
    .map(f => path.join(path.relative(ROOT, lib), f));
}

/**
 * Copies the compiled library (every .js file under lib/) to a temporary directory, so that the whole run
 * measures one build even if lib/ is recompiled while it runs. Returns the copy's lib directory
 * and a fingerprint (sha256 of the files) for the results.
 */
function snapshotLib(lib) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigwv2-bench-lib-'));
  const hash = crypto.createHash('sha256');
  for (const f of filesUnder(lib).filter(name => name.endsWith('.js'))) {
    const text = fs.readFileSync(path.join(lib, f));
    hash.update(f).update(text);
    fs.mkdirSync(path.join(dir, 'lib', path.dirname(f)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'lib', f), text);
  }
  return { root: dir, libDir: path.join(dir, 'lib'), fingerprint: hash.digest('hex').slice(0, 12) };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(opts.lib, 'index.js')) || !fs.existsSync(path.join(opts.lib, 'integrations', 'index.js'))) {
    fail(`the library in ${opts.lib} is not compiled: run \`npm run compile\` first`);
  }
  const stale = staleSources(opts.lib);
  if (stale.length > 0) {
    const shown = stale.length > 5 ? [...stale.slice(0, 5), `and ${stale.length - 5} more`] : stale;
    fail(`the compiled library is older than its sources: run \`npm run compile\` first (${shown.join(', ')})`);
  }
  if (opts.before && !fs.existsSync(path.join(opts.before, 'index.js'))) {
    fail(`the library in ${opts.before} (--before) is not compiled`);
  }
  const snapshot = snapshotLib(opts.lib);
  const before = opts.before ? snapshotLib(opts.before) : undefined;
  CHILD_ENV.BENCH_LIB_DIR = snapshot.libDir;
  // The copy sits outside the repository: let it find aws-cdk-lib and constructs here, the
  // same instances app.js loads.
  CHILD_ENV.NODE_PATH = [path.join(ROOT, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
  try {
    run(opts, snapshot.fingerprint, before?.libDir);
  } finally {
    fs.rmSync(snapshot.root, { recursive: true, force: true });
    if (before) fs.rmSync(before.root, { recursive: true, force: true });
  }
}

function run(opts, libFingerprint, beforeDir) {
  const started = new Date();
  const loadBefore = os.loadavg()[0];
  const t0 = process.hrtime.bigint();
  const log = (line) => process.stderr.write(`${line}\n`);
  const sizes = [...opts.routes].sort((a, b) => a - b);
  const summaries = [];
  const problems = [];
  if (opts.only.includes('cases')) {
    for (const kase of opts.cases) {
      for (const routes of sizes) {
        let result;
        try {
          result = measure(kase, routes, opts.pairs, log);
        } catch (e) {
          problems.push(e.message);
          continue;
        }
        for (const lib of LIBS) {
          problems.push(...sanityProblems({ lib, ...result.summary[lib] }, kase, routes));
        }
        problems.push(...result.asymmetries);
        summaries.push(result.summary);
      }
    }
  }
  const loadRows = {};
  const attempt = (fn) => {
    try {
      const result = fn();
      problems.push(...result.problems);
      return result.summary;
    } catch (e) {
      problems.push(e.message);
      return undefined;
    }
  };
  if (opts.only.includes('load')) {
    loadRows.require = attempt(() => measureLoad('require', opts.loadPairs, log, beforeDir));
    loadRows['small-app'] = attempt(() => measureLoad('small-app', opts.loadPairs, log, beforeDir));
  }
  if (opts.only.includes('floor')) {
    loadRows.floor = attempt(() => measureFloor(opts.floorRoutes, opts.floorPairs, log, beforeDir));
  }
  const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
  const load = { before: loadBefore, after: os.loadavg()[0] };

  if (summaries.length > 0) {
    // A smoke run has one pair per case: its times are single samples, so no summary of ratios.
    const tables = opts.smoke ? [detailTable(summaries)] : [summaryTable(summaries), detailTable(summaries)];
    process.stdout.write(`\n${tables.join('\n\n')}\n`);
  }
  if (Object.values(loadRows).some(Boolean)) {
    process.stdout.write(`\n${loadTable(loadRows)}\n`);
  }
  const casesComplete = summaries.length === opts.cases.length * sizes.length;
  if (opts.smoke) {
    process.stdout.write(`\nsmoke run: ${summaries.length} case(s) and ${Object.values(loadRows).filter(Boolean).length} load row(s) `
      + `in ${fmt(elapsedS, 1)} s; timings above are single runs, not a comparison\n`);
    // The local emulator's benchmark has its own script; its smoke run checks that it works.
    process.stdout.write('\nbench/emulator.js --smoke\n');
    const emulatorBench = spawnSync(process.execPath, [path.join(__dirname, 'emulator.js'), '--smoke'], { stdio: 'inherit' });
    if (emulatorBench.status !== 0) problems.push(`bench/emulator.js --smoke exited with ${emulatorBench.status ?? emulatorBench.signal}`);
  } else {
    const lin = casesComplete ? linearity(summaries, opts.cases, sizes) : [];
    const ts = [...casesComplete ? targets(summaries, lin) : [], ...loadTargets(loadRows)];
    if (lin.length > 0) process.stdout.write(`\n${linearityTable(lin)}\n`);
    process.stdout.write(`\n${targetsTable(ts)}\n\ntotal ${fmt(elapsedS)} s\n`);
    const rowsComplete = ['require', 'small-app', 'floor'].every(row => loadRows[row]);
    if (opts.write && casesComplete && rowsComplete) {
      writeResults(opts, summaries, lin, ts, loadRows, { ...machine(opts), libFingerprint, load }, started, elapsedS);
      process.stdout.write(`wrote ${path.relative(ROOT, RESULTS_MD)} and ${path.relative(ROOT, RESULTS_JSON)}\n`);
    }
  }
  if (problems.length > 0) {
    process.stderr.write(`\nbench: ${problems.length} problem(s):\n${problems.map(p => `- ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

main();
