#!/usr/bin/env node
// Builds the packages for every jsii language:
//   dist/js                    the npm package (built for real)
//   dist/python, dist/java, dist/dotnet, dist/go
//                              generated sources only: the Python, Maven, NuGet and Go
//                              registries these would build against cannot be reached here
// then checks what can be checked on this machine: the Python sources compile, and the README
// reached every language translated by jsii-rosetta.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const tablet = path.join(root, '.jsii.tabl.json');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };

function run(command, args) {
  console.log(`$ ${path.relative(root, command) || command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`package: '${path.basename(command)}' failed with exit code ${result.status}`);
    process.exit(1);
  }
}

function filesUnder(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full, suffix));
    else if (entry.name.endsWith(suffix)) found.push(full);
  }
  return found;
}

const problems = [];
function check(condition, message) {
  if (!condition) problems.push(message);
}

if (!fs.existsSync(path.join(root, '.jsii'))) {
  console.error('package: no .jsii assembly; run `npm run compile` first');
  process.exit(1);
}
// The tablet holds the README snippets translated into each language.
run(bin('jsii-rosetta'), ['extract', '--strict']);
fs.rmSync(dist, { recursive: true, force: true });
run(bin('jsii-pacmak'), ['--targets', 'js', '--outdir', 'dist', '--no-npmignore', '--rosetta-tablet', tablet]);
run(bin('jsii-pacmak'), ['--code-only', '--targets', 'python', 'java', 'dotnet', 'go', '--outdir', 'dist', '--no-npmignore', '--rosetta-tablet', tablet]);

// JavaScript: the npm tarball.
check(filesUnder(path.join(dist, 'js'), '.tgz').length === 1, 'dist/js holds no npm tarball');

// Python: every source compiles, and the README shows Python.
const pythonSources = filesUnder(path.join(dist, 'python'), '.py');
check(pythonSources.length > 0, 'dist/python holds no Python sources');
if (pythonSources.length > 0) {
  const compiled = spawnSync('python3', ['-m', 'py_compile', ...pythonSources], { stdio: 'inherit' });
  check(compiled.status === 0, 'the generated Python sources do not compile');
}
const pythonReadme = path.join(dist, 'python', 'README.md');
const pythonDocs = fs.existsSync(pythonReadme) ? fs.readFileSync(pythonReadme, 'utf8') : '';
check(/^from cdk_apigatewayv2(\.integrations)? import /m.test(pythonDocs) || /^import cdk_apigatewayv2/m.test(pythonDocs),
  'dist/python/README.md shows no Python import of cdk_apigatewayv2');
check(!/^import \* as apigwv2 from/m.test(pythonDocs), 'dist/python/README.md still holds TypeScript imports');

// Java, .NET and Go: sources exist, and the package docs carry translated snippets.
const translated = [
  ['java', '.java', /import io\.github\.cdkapigatewayv2/],
  ['dotnet', '.cs', /using Cdk\.ApiGatewayV2/],
  ['go', '.go', /github\.com\/cdk-apigatewayv2\/cdk-apigatewayv2-go/],
];
for (const [language, suffix, pattern] of translated) {
  const sources = filesUnder(path.join(dist, language), suffix);
  check(sources.length > 0, `dist/${language} holds no ${suffix} sources`);
  const docs = [...sources, ...filesUnder(path.join(dist, language), '.md')];
  check(docs.some(file => pattern.test(fs.readFileSync(file, 'utf8'))), `dist/${language} holds no translated README snippet`);
}

if (problems.length > 0) {
  console.error(`package: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
const count = (language, suffix) => filesUnder(path.join(dist, language), suffix).length;
console.log(`package: dist/js (npm tarball), dist/python (${count('python', '.py')} .py, compiled), `
  + `dist/java (${count('java', '.java')} .java), dist/dotnet (${count('dotnet', '.cs')} .cs), dist/go (${count('go', '.go')} .go)`);
