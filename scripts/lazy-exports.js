#!/usr/bin/env node
// Rewrites the compiled index.js files of lib/ so that each module loads when one of its exports
// is first read, as aws-cdk-lib's own modules do. `npm run compile` runs it after jsii.
//
//   node scripts/lazy-exports.js [LIB_DIR]      (default: lib)
//
// TypeScript compiles `export * from './api'` into `__exportStar(require("./api"), exports)`,
// which loads every file of the library when the package is required: an app that uses one
// HttpApi paid for the WebSocket constructs, every integration and every authorizer. This
// script replaces each such line with one getter per name the module exports, which requires
// the module on first read and then replaces itself with the value; `export * as integrations`
// becomes a getter of the submodule. Only the JavaScript changes: the jsii assembly, the
// declaration files and the names exported stay as jsii wrote them, and tests (which run the
// TypeScript sources) see the same modules.
//
// An index.js holding anything but these re-exports is refused, so that a new kind of
// statement cannot be dropped silently. An index already rewritten (jsii leaves a file it did
// not need to emit again as it was) is kept, and read for its names.
'use strict';

const fs = require('fs');
const path = require('path');

const MARK = '// Lazy exports, written by scripts/lazy-exports.js';
const EXPORT_STAR = /^__exportStar\(require\("(\.[^"]+)"\), exports\);$/;
const EXPORT_NAMESPACE = /^exports\.([A-Za-z_$][\w$]*) = __importStar\(require\("(\.[^"]+)"\)\);$/;
/** Statements TypeScript writes in an index.js beside the re-exports: helpers, markers, declarations. */
const BOILERPLATE = [
  /^"use strict";$/,
  /^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);$/,
  /^exports\.[\w$]+ = (exports\.[\w$]+ = )*void 0;$/,
  /^\/\/# sourceMappingURL=/,
];

/** Every index.js under a directory. */
function indexFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return indexFiles(full);
    return entry.name === 'index.js' ? [full] : [];
  });
}

/** The compiled file a relative require from `fromFile` loads. */
function resolveRequire(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [`${base}.js`, path.join(base, 'index.js')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${fromFile}: cannot resolve require("${spec}")`);
}

/** The statements of an index.js that TypeScript wrote, its helper functions left out. */
function statements(file, text) {
  // The helpers (__createBinding, __exportStar, ...) are `var __x = (this && this.__x) || ...;`
  // definitions that span lines; everything after them is one statement a line.
  const lines = text.split('\n');
  const firstStatement = lines.findIndex(line => line.startsWith('Object.defineProperty(exports, "__esModule"'));
  if (firstStatement < 0) throw new Error(`${file}: no __esModule marker; is this a file TypeScript compiled?`);
  return lines.slice(firstStatement).filter(line => line.trim() !== '');
}

/** The names a compiled module exports, following the re-exports of an index. */
function exportedNames(file, cache = new Map()) {
  if (cache.has(file)) return cache.get(file);
  const text = fs.readFileSync(file, 'utf8');
  const names = new Set();
  if (text.includes(MARK)) {
    for (const match of text.matchAll(/^lazy\("([^"]+)"/gm)) names.add(match[1]);
    cache.set(file, names);
    return names;
  }
  for (const match of text.matchAll(/\bexports\.([A-Za-z_$][\w$]*)\s*=(?!=)/g)) names.add(match[1]);
  for (const match of text.matchAll(/^__exportStar\(require\("(\.[^"]+)"\), exports\);$/gm)) {
    for (const name of exportedNames(resolveRequire(file, match[1]), cache)) names.add(name);
  }
  names.delete('__esModule');
  cache.set(file, names);
  return names;
}

/** The rewritten index: one lazy getter per exported name. */
function lazyIndex(file, cache) {
  const text = fs.readFileSync(file, 'utf8');
  if (text.includes(MARK)) return text;
  const getters = [];
  const seen = new Set();
  for (const line of statements(file, text)) {
    let match;
    if ((match = EXPORT_STAR.exec(line))) {
      const spec = match[1];
      for (const name of [...exportedNames(resolveRequire(file, spec), cache)].sort()) {
        // `export *` keeps the first module's binding of a name, as __exportStar does.
        if (seen.has(name)) continue;
        seen.add(name);
        getters.push(`lazy(${JSON.stringify(name)}, () => require(${JSON.stringify(spec)})[${JSON.stringify(name)}]);`);
      }
    } else if ((match = EXPORT_NAMESPACE.exec(line))) {
      seen.add(match[1]);
      getters.push(`lazy(${JSON.stringify(match[1])}, () => require(${JSON.stringify(match[2])}));`);
    } else if (!BOILERPLATE.some(pattern => pattern.test(line))) {
      throw new Error(`${file}: unexpected statement in an index, which this script cannot make lazy: ${line}`);
    }
  }
  return [
    '"use strict";',
    MARK,
    '// (see it for why): each export is a getter that loads its module on first read.',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    'function lazy(name, load) {',
    '    Object.defineProperty(exports, name, {',
    '        enumerable: true,',
    '        configurable: true,',
    '        get() {',
    '            const value = load();',
    '            Object.defineProperty(exports, name, { enumerable: true, configurable: true, value });',
    '            return value;',
    '        },',
    '    });',
    '}',
    ...getters,
    '',
  ].join('\n');
}

/**
 * Loads every rewritten index and reads each of its exports: a name whose getter finds nothing
 * would be an export lost in the rewrite. Returns how many exports were read.
 */
function check(files) {
  let read = 0;
  for (const file of files) {
    const exported = require(file);
    for (const name of Object.keys(exported)) {
      if (exported[name] === undefined) throw new Error(`${file}: the export ${name} is undefined after the rewrite`);
      read += 1;
    }
  }
  return read;
}

function main() {
  const lib = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'lib'));
  const files = indexFiles(lib);
  if (files.length === 0) throw new Error(`no index.js under ${lib}: run jsii first`);
  const cache = new Map();
  // Read every index before writing any: the names of an index come from its modules as compiled.
  const rewritten = files.map(file => [file, lazyIndex(file, cache)]);
  for (const [file, text] of rewritten) fs.writeFileSync(file, text);
  const read = check(files);
  process.stdout.write(`lazy exports: ${rewritten.length} index files in ${path.relative(process.cwd(), lib) || '.'}, ${read} exports checked\n`);
}

module.exports = { lazyIndex, exportedNames };

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`lazy-exports: ${e.message}\n`);
    process.exit(1);
  }
}
