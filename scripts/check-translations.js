#!/usr/bin/env node
// Checks the README snippets and the `@example`s of the doc comments as jsii-rosetta
// translated them (.jsii.tabl.json, which `jsii-rosetta extract` writes) with each language's
// own parser, so a translation that would not even parse cannot reach the Python, Java or Go
// documentation unnoticed:
//
//   python  compile() in one python3 process, the snippet as a module; and "python keys": every
//           string key of a dict literal is in the TypeScript snippet too (rosetta writes
//           `backendHost` of a map as `backend_host`, which changes what the map says)
//   java    JavacTask.parse() in one JVM (scripts/ParseJava.java): the snippet's imports, then
//           a class whose one method holds the rest of the snippet
//   go      gofmt -e: `package snippet`, the snippet's imports, then a function holding the rest;
//           and "go names": every method call names an exported (capitalized) method, as Go
//           requires of every jsii method; rosetta writes the name in lower case when it cannot
//           resolve the method in the assembly; and "go index": no slice is indexed with
//           `jsii.Number(...)`, which rosetta writes for an index inside a call's arguments
//
// Snippets are fragments: rosetta compiles each inside a fixture (rosetta/default.ts-fixture),
// where the snippet runs in a Stack's constructor, and translates only the snippet. The
// wrappers above put it in the same place in each language, and keep its lines in order: a
// misplaced import or a bad statement still fails. A tool that is not installed is skipped
// by name (gofmt: `apt-get install golang-go`). C# is not checked: no C# parser is installed.
//
// A failure listed under "Known translation failures" in CONTRIBUTING.md is reported and does
// not fail the check; a listed failure that no longer happens does, so the list stays true.
//
//   node scripts/check-translations.js     (after `npm run compile && npm run rosetta`)
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const KNOWN_FAILURES_FILE = 'CONTRIBUTING.md';
const KNOWN_FAILURES_HEADING = '### Known translation failures';
const CHECKS = ['python', 'python keys', 'java', 'go', 'go names', 'go index'];

/**
 * The ```ts blocks of a Markdown file, each with its text and its name: the heading above it,
 * numbered (`#2`) when the heading has several blocks.
 */
function codeBlocks(file) {
  const full = path.join(root, file);
  const lines = fs.existsSync(full) ? fs.readFileSync(full, 'utf8').split('\n') : [];
  const blocks = [];
  let heading = '(top)';
  let fence; // the open fence: { typescript, body }
  for (const line of lines) {
    if (fence) {
      if (/^\s*```\s*$/.test(line)) {
        if (fence.typescript) blocks.push({ heading, text: fence.body.join('\n').trim() });
        fence = undefined;
      } else {
        fence.body.push(line);
      }
    } else if (/^\s*```/.test(line)) {
      fence = { typescript: /^\s*```ts\b/.test(line), body: [] };
    } else if (/^#{1,6} /.test(line)) {
      heading = line.replace(/^#+ /, '').trim();
    }
  }
  const perHeading = new Map();
  for (const block of blocks) perHeading.set(block.heading, [...(perHeading.get(block.heading) ?? []), block]);
  return blocks.map((block) => {
    const siblings = perHeading.get(block.heading);
    return { text: block.text, name: siblings.length > 1 ? `${block.heading} #${siblings.indexOf(block) + 1}` : block.heading };
  });
}

/**
 * Where each snippet comes from, in words a maintainer finds: `README.md › Heading`. The
 * snippet is looked up by its text: rosetta keeps the line a snippet had when it was first
 * translated, and reuses that translation while the snippet does not change.
 */
function snippetNames(snippets) {
  const blocks = new Map();
  const blocksOf = (file) => {
    if (!blocks.has(file)) blocks.set(file, codeBlocks(file));
    return blocks.get(file);
  };
  return snippets.map((snippet) => {
    const api = snippet.location?.api ?? {};
    if (api.api === 'moduleReadme') {
      // A submodule's README is lib/<submodule>/README.md (jsii reads it from the folder).
      const [, submodule] = api.moduleFqn.split('.');
      const file = submodule ? `lib/${submodule}/README.md` : 'README.md';
      const text = (snippet.translations?.$?.source ?? '').trim();
      const block = blocksOf(file).find((b) => b.text === text);
      return `${file} › ${block ? block.name : '(not found: the README changed after `npm run rosetta`)'}`;
    }
    if (api.api === 'type') return `@example of ${api.fqn}`;
    if (api.api === 'member') return `@example of ${api.fqn}#${api.memberName}`;
    return JSON.stringify(snippet.location);
  });
}

/**
 * Splits a translation into its leading lines (imports, blank lines and comments, kept at the
 * top of the file) and the rest (the statements that go inside a method or function).
 */
function splitHeader(source, isHeaderLine) {
  const lines = source.split('\n');
  let count = 0;
  let inBlock = false;
  for (const line of lines) {
    if (inBlock) {
      inBlock = !/^\s*\)/.test(line);
    } else if (/^import \($/.test(line)) {
      inBlock = true;
    } else if (!(line.trim() === '' || isHeaderLine(line))) {
      break;
    }
    count++;
  }
  return { header: lines.slice(0, count), body: lines.slice(count) };
}

/** A wrapped source and how to map its line numbers back to the snippet's. */
function wrap(header, before, body, after) {
  const text = [...before, ...header, ...after.open, ...body, ...after.close].join('\n') + '\n';
  return {
    text,
    snippetLine: (line) => {
      const headerStart = before.length + 1;
      const bodyStart = headerStart + header.length + after.open.length;
      if (line >= headerStart && line < headerStart + header.length) return line - before.length;
      if (line >= bodyStart && line < bodyStart + body.length) return line - before.length - after.open.length;
      return undefined;
    },
  };
}

function wrapJava(source, index) {
  const { header, body } = splitHeader(source, (line) => /^import (static )?[\w.*]+;\s*$/.test(line) || /^\s*\/\//.test(line));
  return wrap(header, [], body, {
    open: [`class Snippet${index} {`, '  void snippet() throws Exception {'],
    close: ['  }', '}'],
  });
}

function wrapGo(source) {
  const { header, body } = splitHeader(source, (line) => /^import (\w+ )?"[^"]*"\s*$/.test(line) || /^\s*\/\//.test(line));
  return wrap(header, ['package snippet'], body, { open: ['func snippet() {'], close: ['}'] });
}

/** Runs a tool; `undefined` when it is not installed. */
function runTool(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error && result.error.code === 'ENOENT') return undefined;
  if (result.error) throw result.error;
  return result;
}

/** Parses `file:line:column: message` lines into failures of the snippets written to files. */
function failuresFromDiagnostics(output, files, wrapped) {
  const failures = [];
  for (const line of output.split('\n')) {
    const match = /^(.*?):(\d+):(\d+): (.*)$/.exec(line.trim());
    if (!match) continue;
    const index = files.findIndex((file) => path.resolve(file) === path.resolve(match[1]));
    if (index < 0) continue;
    failures.push({ index, line: wrapped[index].snippetLine(Number(match[2])), message: match[4] });
  }
  return failures;
}

function checkPython(sources) {
  const program = [
    'import json, sys',
    'failures = []',
    'for index, source in enumerate(json.load(sys.stdin)):',
    '    try:',
    "        compile(source, 'snippet', 'exec', dont_inherit=True)",
    '    except (SyntaxError, ValueError) as error:',
    "        failures.append({'index': index, 'line': getattr(error, 'lineno', None), 'message': getattr(error, 'msg', str(error))})",
    'print(json.dumps(failures))',
  ].join('\n');
  const result = runTool('python3', ['-c', program], { input: JSON.stringify(sources) });
  if (!result) return { skipped: 'python3 is not installed' };
  if (result.status !== 0) throw new Error(`python3 failed:\n${result.stderr}`);
  return { failures: JSON.parse(result.stdout) };
}

function checkWithFiles(sources, dir, suffix, wrapOne, command, args) {
  const wrapped = sources.map(wrapOne);
  const files = wrapped.map((w, index) => {
    const file = path.join(dir, `snippet${String(index + 1).padStart(3, '0')}${suffix}`);
    fs.writeFileSync(file, w.text);
    return file;
  });
  const result = runTool(command, [...args, ...files]);
  if (!result) return undefined;
  const failures = failuresFromDiagnostics(`${result.stdout}\n${result.stderr}`, files, wrapped);
  if (result.status !== 0 && failures.length === 0) {
    throw new Error(`${command} failed:\n${result.stdout}${result.stderr}`);
  }
  return { failures };
}

function checkJava(sources, dir) {
  const result = checkWithFiles(sources, dir, '.java', wrapJava, 'java', [path.join(__dirname, 'ParseJava.java')]);
  return result ?? { skipped: 'java is not installed' };
}

function checkGo(sources, dir) {
  const result = checkWithFiles(sources, dir, '.go', wrapGo, 'gofmt', ['-e', '-l']);
  return result ?? { skipped: 'gofmt is not installed (Debian and Ubuntu: apt-get install golang-go)' };
}

/**
 * Go method calls that start with a lower-case letter. Every jsii method is exported in Go
 * (`AddRoutes`), and snippets declare no Go methods of their own, so such a call is a method
 * rosetta could not resolve and named by guessing.
 */
function checkGoNames(sources) {
  const failures = [];
  sources.forEach((source, index) => {
    source.split('\n').forEach((line, i) => {
      const code = line.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""').replace(/\/\/.*$/, '');
      for (const match of code.matchAll(/\.([a-z]\w*)\(/g)) {
        failures.push({ index, line: i + 1, member: match[1], message: `\`${match[1]}\` is not an exported Go name: rosetta did not resolve this method` });
      }
    });
  });
  return { failures };
}

/**
 * String keys of Python dict literals that the TypeScript snippet does not hold: rosetta turned
 * a map key into snake case, as it does with property names.
 */
function checkPythonKeys(sources, typescript) {
  const failures = [];
  sources.forEach((source, index) => {
    source.split('\n').forEach((line, i) => {
      for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)":/g)) {
        if (!typescript[index].includes(match[1])) {
          failures.push({ index, line: i + 1, message: `the key "${match[1]}" is not in the TypeScript snippet: rosetta renamed a map key` });
        }
      }
    });
  });
  return { failures };
}

/** Go slices indexed with a pointer (`values[jsii.Number(0)]`), which Go refuses. */
function checkGoIndex(sources) {
  const failures = [];
  sources.forEach((source, index) => {
    source.split('\n').forEach((line, i) => {
      if (/\w\[jsii\.Number\(/.test(line)) {
        failures.push({ index, line: i + 1, message: 'a slice indexed with jsii.Number(...): Go indexes with an int' });
      }
    });
  });
  return { failures };
}

/** The rows of the known-failures table: `| check | snippet | cause |`. */
function readKnownFailures() {
  const file = path.join(root, KNOWN_FAILURES_FILE);
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  const start = lines.findIndex((line) => line.trim() === KNOWN_FAILURES_HEADING);
  if (start < 0) return [];
  const known = [];
  for (let i = start + 1; i < lines.length && !/^#{1,3} /.test(lines[i]); i++) {
    const cells = lines[i].trim().startsWith('|') ? lines[i].trim().slice(1, -1).split('|').map((cell) => cell.trim().replace(/`/g, '')) : [];
    if (cells.length < 3 || !CHECKS.includes(cells[0])) continue;
    known.push({ check: cells[0], snippet: cells[1], cause: cells[2] });
  }
  return known;
}

function checkTranslations({ tablet = path.join(root, '.jsii.tabl.json') } = {}) {
  if (!fs.existsSync(tablet)) {
    console.error(`check-translations: no ${path.relative(root, tablet)}; run \`npm run rosetta\` first`);
    return false;
  }
  const snippets = Object.values(JSON.parse(fs.readFileSync(tablet, 'utf8')).snippets);
  const names = snippetNames(snippets);
  const sourcesOf = (language) => snippets.map((snippet) => snippet.translations?.[language]?.source ?? '');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-apigatewayv2-translations-'));
  let results;
  try {
    results = {
      'python': checkPython(sourcesOf('python')),
      'python keys': checkPythonKeys(sourcesOf('python'), sourcesOf('$')),
      'java': checkJava(sourcesOf('java'), dir),
      'go': checkGo(sourcesOf('go'), dir),
      'go names': checkGoNames(sourcesOf('go')),
      'go index': checkGoIndex(sourcesOf('go')),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // A known failure names its snippet, or (for "go names") the method rosetta did not resolve.
  const known = readKnownFailures();
  const entryFor = (check, failure) => known.find((k) => k.check === check
    && (k.snippet === names[failure.index] || (failure.member !== undefined && k.snippet === failure.member)));
  const unexpected = [];
  const summary = [];
  for (const check of CHECKS) {
    const result = results[check];
    if (result.skipped) {
      summary.push(`  ${check.padEnd(11)} skipped: ${result.skipped}`);
      continue;
    }
    const failing = [...new Set(result.failures.map((f) => f.index))];
    const unknown = result.failures.filter((failure) => !entryFor(check, failure));
    const knownOnly = failing.filter((index) => !unknown.some((f) => f.index === index));
    summary.push(`  ${check.padEnd(11)} ${snippets.length - failing.length}/${snippets.length} pass`
      + (knownOnly.length ? `, ${knownOnly.length} fail as listed in ${KNOWN_FAILURES_FILE}` : ''));
    const language = check.split(' ')[0];
    for (const index of [...new Set(unknown.map((f) => f.index))]) {
      // The first error of a snippet, with its line; later errors often follow from it.
      const [first, ...more] = unknown.filter((f) => f.index === index);
      const code = first.line ? sourcesOf(language)[index].split('\n')[first.line - 1] : undefined;
      unexpected.push(`${check}: ${names[index]}${first.line ? `, line ${first.line}` : ''}: ${first.message}`
        + (more.length ? ` (and ${more.length} more)` : '')
        + (code !== undefined ? `\n      ${code.trim()}` : ''));
    }
    // A listed failure that no longer happens: the list must say what is true now.
    for (const entry of known.filter((k) => k.check === check)) {
      if (!result.failures.some((failure) => entryFor(check, failure) === entry)) {
        unexpected.push(`${check}: "${entry.snippet}" is listed in ${KNOWN_FAILURES_FILE} but does not fail: remove it from the list`);
      }
    }
  }
  const examples = snippets.filter((snippet) => snippet.location?.api?.api !== 'moduleReadme').length;
  console.log(`check-translations: ${snippets.length} snippets (${snippets.length - examples} from READMEs, ${examples} @examples), `
    + `as jsii-rosetta translated them\n${summary.join('\n')}`);
  if (unexpected.length > 0) {
    console.log(`check-translations: ${unexpected.length} failure(s):\n- ${unexpected.join('\n- ')}`);
    return false;
  }
  return true;
}

module.exports = { checkTranslations };

if (require.main === module) {
  process.exit(checkTranslations() ? 0 : 1);
}
