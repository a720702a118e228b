#!/usr/bin/env node
// Builds the packages for every jsii language:
//   dist/js                    the npm package (built for real)
//   dist/python, dist/java, dist/dotnet, dist/go
//                              generated sources only: the Python, Maven, NuGet and Go
//                              registries these would build against cannot be reached here
// then checks what can be checked on this machine: the README snippets and `@example`s
// jsii-rosetta translated parse in Python, Java and Go (scripts/check-translations.js), the
// Python sources compile, and the README and the examples reached every language translated.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { checkTranslations } = require('./check-translations');
const { jsiiToolEnv, toolScript } = require('./jsii-tool');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const tablet = path.join(root, '.jsii.tabl.json');

/** Runs a jsii tool with this node (no shell, so the same on every platform). */
function run(tool, args) {
  console.log(`$ ${tool} ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [toolScript(tool), ...args], { cwd: root, env: jsiiToolEnv(), stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`package: '${tool}' failed with exit code ${result.status}`);
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
// The tablet holds the README snippets and @examples translated into each language; check
// them before generating documentation from them.
run('jsii-rosetta', ['extract', '--strict']);
if (!checkTranslations({ tablet })) {
  console.error('package: translated snippets fail to parse; see CONTRIBUTING.md, "Checking the translations"');
  process.exit(1);
}
fs.rmSync(dist, { recursive: true, force: true });
run('jsii-pacmak', ['--targets', 'js', '--outdir', 'dist', '--no-npmignore', '--rosetta-tablet', tablet]);
run('jsii-pacmak', ['--code-only', '--targets', 'python', 'java', 'dotnet', 'go', '--outdir', 'dist', '--no-npmignore', '--rosetta-tablet', tablet]);

// JavaScript: the npm tarball, and a TypeScript app that imports it under both the old and the
// new module resolution (`node10` ignores package.json `exports`, so `typesVersions` must map
// the submodules).
const tarballs = filesUnder(path.join(dist, 'js'), '.tgz');
check(tarballs.length === 1, 'dist/js holds no npm tarball');
if (tarballs.length === 1) checkConsumer(tarballs[0]);

function checkConsumer(tarball) {
  const app = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'cdk-apigatewayv2-consumer-'));
  const installed = path.join(app, 'node_modules', 'cdk-apigatewayv2');
  fs.mkdirSync(installed, { recursive: true });
  spawnSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], { stdio: 'inherit' });
  for (const dep of ['aws-cdk-lib', 'constructs']) {
    fs.symlinkSync(path.join(root, 'node_modules', dep), path.join(app, 'node_modules', dep), 'dir');
  }
  fs.writeFileSync(path.join(app, 'app.ts'), [
    "import { App, Stack } from 'aws-cdk-lib';",
    "import * as apigwv2 from 'cdk-apigatewayv2';",
    "import { HttpUrlIntegration } from 'cdk-apigatewayv2/integrations';",
    "import { HttpIamAuthorizer } from 'cdk-apigatewayv2/authorizers';",
    "const api = new apigwv2.HttpApi(new Stack(new App(), 'S'), 'Api', { defaultAuthorizer: new HttpIamAuthorizer() });",
    "api.addRoutes({ path: '/x', integration: new HttpUrlIntegration('X', 'https://example.com') });",
    '',
  ].join('\n'));
  for (const [module, resolution] of [['commonjs', 'node10'], ['node16', 'node16']]) {
    const compiled = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict',
      '--skipLibCheck', '--module', module, '--moduleResolution', resolution, '--target', 'es2022', 'app.ts'],
    { cwd: app, encoding: 'utf8' });
    check(compiled.status === 0, `a TypeScript app cannot import the package with moduleResolution ${resolution}:\n${compiled.stdout}${compiled.stderr}`);
  }
  const ran = spawnSync(process.execPath, ['-e', "require('cdk-apigatewayv2'); require('cdk-apigatewayv2/integrations'); require('cdk-apigatewayv2/authorizers')"],
    { cwd: app, encoding: 'utf8' });
  check(ran.status === 0, `node cannot require the package and its submodules:\n${ran.stderr}`);
  fs.rmSync(app, { recursive: true, force: true });
}

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

// Each submodule's README reached Python as a module docstring, translated.
for (const folder of ['', 'integrations', 'authorizers']) {
  const init = path.join(dist, 'python', 'src', 'cdk_apigatewayv2', folder, '__init__.py');
  const text = fs.existsSync(init) ? fs.readFileSync(init, 'utf8') : '';
  check(/^(from cdk_apigatewayv2(\.\w+)? import |import cdk_apigatewayv2(\.\w+)* as )/m.test(text) && /\(self, "/.test(text),
    `the documentation of module cdk_apigatewayv2${folder ? '.' + folder : ''} shows no snippet translated into Python`);
}

// Java, .NET and Go: sources exist, and each README (root and submodules) carries snippets
// translated into the language.
const translated = [
  ['java', '.java', 'package-info.java', /import io\.github\.cdkapigatewayv2/],
  ['dotnet', '.cs', 'NamespaceDoc.cs', /using Cdk\.ApiGatewayV2/],
  ['go', '.go', 'README.md', /```go/],
];
for (const [language, suffix, docFile, pattern] of translated) {
  check(filesUnder(path.join(dist, language), suffix).length > 0, `dist/${language} holds no ${suffix} sources`);
  const docs = filesUnder(path.join(dist, language), docFile);
  check(docs.length === 3, `dist/${language} holds ${docs.length} ${docFile} files, not one per module (3)`);
  for (const doc of docs) {
    check(pattern.test(fs.readFileSync(doc, 'utf8')), `${path.relative(root, doc)} holds no snippet translated into ${language}`);
  }
}

// The @examples reached each language's documentation of their class, translated: HttpApi's
// (lib/http/api.ts) as the sample.
const examples = [
  ['python', '__init__.py', /Example::\n\n\s+import cdk_apigatewayv2\.integrations as integrations[\s\S]*?http_api = apigwv2\.HttpApi\(self, "HttpApi"\)/],
  ['java', 'HttpApi.java', /Example:[\s\S]*?<pre>[\s\S]*?HttpApi httpApi = new HttpApi\(this, "HttpApi"\);/],
  ['dotnet', 'HttpApi.cs', /<example>[\s\S]*?var httpApi = new HttpApi\(this, "HttpApi"\);/],
  ['go', 'HttpApi.go', /\/\/ Example:[\s\S]*?httpApi := apigwv2\.NewHttpApi\(this, jsii\.String\("HttpApi"\)\)/],
];
for (const [language, docFile, pattern] of examples) {
  const files = filesUnder(path.join(dist, language), docFile);
  check(files.some((file) => pattern.test(fs.readFileSync(file, 'utf8'))),
    `dist/${language} shows no @example of HttpApi translated into ${language}`);
}

if (problems.length > 0) {
  console.error(`package: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
const count = (language, suffix) => filesUnder(path.join(dist, language), suffix).length;
console.log(`package: dist/js (npm tarball), dist/python (${count('python', '.py')} .py, compiled), `
  + `dist/java (${count('java', '.java')} .java), dist/dotnet (${count('dotnet', '.cs')} .cs), dist/go (${count('go', '.go')} .go)`);
