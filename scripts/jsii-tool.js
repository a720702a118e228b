#!/usr/bin/env node
// Runs a jsii tool of this repository (jsii, jsii-rosetta, jsii-pacmak, jsii-docgen) with the
// node that runs this script, without the banner jsii prints on every run under Node 20
// ("Node 20 is end-of-life"): npm scripts cannot set an environment variable the same way in
// every shell, so this sets JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION here. Newer Node
// versions are not affected, and a release that reaches end-of-life later still shows the
// banner. See CONTRIBUTING.md for the supported Node versions.
//
//   node scripts/jsii-tool.js <tool> [args...]
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const SILENCED_NODE_MAJOR = '20';
const VARIABLE = 'JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION';

/** The environment for a jsii tool: the caller's, with Node 20 added to the silenced versions. */
function jsiiToolEnv(env = process.env) {
  const silenced = (env[VARIABLE] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  return { ...env, [VARIABLE]: [...new Set([...silenced, SILENCED_NODE_MAJOR])].join(',') };
}

/** The JavaScript file of a tool's command, from its package.json `bin`. */
function toolScript(tool) {
  const root = path.resolve(__dirname, '..');
  const manifest = path.join(root, 'node_modules', tool, 'package.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(`jsii-tool: ${tool} is not installed in node_modules: run \`npm ci\``);
  }
  const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const script = typeof bin === 'string' ? bin : bin?.[tool];
  if (!script) throw new Error(`jsii-tool: the package ${tool} has no command named ${tool}`);
  return path.join(path.dirname(manifest), script);
}

module.exports = { jsiiToolEnv, toolScript };

if (require.main === module) {
  const [tool, ...args] = process.argv.slice(2);
  if (!tool) {
    console.error('usage: node scripts/jsii-tool.js <jsii|jsii-rosetta|jsii-pacmak|jsii-docgen> [args...]');
    process.exit(2);
  }
  const result = spawnSync(process.execPath, [toolScript(tool), ...args], { stdio: 'inherit', env: jsiiToolEnv() });
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
}
