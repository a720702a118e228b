import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'lazy-exports.js');

/** The helpers and marker TypeScript writes at the top of a compiled index.js. */
const PRELUDE = `"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    Object.defineProperty(o, k2, { enumerable: true, get: function() { return m[k]; } });
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
var __importStar = (this && this.__importStar) || function (mod) { return mod; };
Object.defineProperty(exports, "__esModule", { value: true });
`;

/** A module that records its loading in `globalThis.loaded`. */
function leaf(name: string, exportsText: string): string {
  return `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n(globalThis.loaded ??= []).push(${JSON.stringify(name)});\n${exportsText}\n`;
}

/** A compiled library as TypeScript writes it: an index re-exporting two modules and a submodule namespace. */
function compiledLibrary(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-exports-'));
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'index.js'), `${PRELUDE}exports.sub = void 0;
__exportStar(require("./a"), exports);
__exportStar(require("./b"), exports);
exports.sub = __importStar(require("./sub"));
//# sourceMappingURL=data:application/json;base64,e30=
`);
  fs.writeFileSync(path.join(dir, 'a.js'), leaf('a', 'exports.Kind = exports.Thing = void 0;\nclass Thing {}\nexports.Thing = Thing;\nvar Kind;\n(function (Kind) { Kind["ONE"] = "one"; })(Kind || (exports.Kind = Kind = {}));\nexports.helper = helper;\nfunction helper() { return 1; }'));
  fs.writeFileSync(path.join(dir, 'b.js'), leaf('b', 'exports.Other = void 0;\nclass Other {}\nexports.Other = Other;'));
  fs.writeFileSync(path.join(dir, 'sub', 'index.js'), `${PRELUDE}__exportStar(require("./c"), exports);\n`);
  fs.writeFileSync(path.join(dir, 'sub', 'c.js'), leaf('c', 'exports.Deep = void 0;\nclass Deep {}\nexports.Deep = Deep;'));
  return dir;
}

function run(script: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Runs `code` in a fresh process with `lib` as the library; returns what it prints as JSON. */
function inProcess(lib: string, code: string): any {
  const child = spawnSync(process.execPath, ['-e', `const lib = require(${JSON.stringify(lib)}); ${code}`], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout);
}

describe('scripts/lazy-exports.js', () => {
  test('every name stays exported, with the same value, and modules load on first read', () => {
    const lib = compiledLibrary();
    const before = inProcess(lib, 'console.log(JSON.stringify({ keys: Object.keys(lib).sort(), subKeys: Object.keys(lib.sub) }))');
    expect(run(SCRIPT, lib)).toMatchObject({ status: 0, stdout: expect.stringContaining('lazy exports: 2 index files') });

    const after = inProcess(lib, `
      const loadedAtRequire = [...(globalThis.loaded ?? [])];
      const thing = lib.Thing;
      const sameValue = thing === require(${JSON.stringify(path.join(lib, 'a.js'))}).Thing && lib.Kind.ONE === 'one' && lib.helper() === 1;
      const loadedAfterThing = [...globalThis.loaded];
      console.log(JSON.stringify({ keys: Object.keys(lib).sort(), subKeys: Object.keys(lib.sub), loadedAtRequire, loadedAfterThing, sameValue,
        deep: typeof lib.sub.Deep, loadedAtEnd: globalThis.loaded }));`);
    expect(after.keys).toEqual(before.keys);
    expect(after.subKeys).toEqual(before.subKeys);
    expect(after.loadedAtRequire).toEqual([]);
    expect(after.loadedAfterThing).toEqual(['a']);
    expect(after.sameValue).toBe(true);
    expect(after.deep).toBe('function');
    expect(after.loadedAtEnd).toEqual(['a', 'c']);
  });

  test('a second run keeps the rewritten indexes', () => {
    const lib = compiledLibrary();
    expect(run(SCRIPT, lib).status).toBe(0);
    const first = fs.readFileSync(path.join(lib, 'index.js'), 'utf8');
    expect(run(SCRIPT, lib).status).toBe(0);
    expect(fs.readFileSync(path.join(lib, 'index.js'), 'utf8')).toBe(first);
  });

  test('an index with a statement it cannot make lazy is refused, not dropped', () => {
    const lib = compiledLibrary();
    fs.appendFileSync(path.join(lib, 'index.js'), 'console.log("side effect");\n');
    const result = run(SCRIPT, lib);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unexpected statement in an index, which this script cannot make lazy: console.log("side effect");');
  });
});
