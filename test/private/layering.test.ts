import * as fs from 'fs';
import * as path from 'path';

const LIB = path.join(__dirname, '..', '..', 'lib');

/** Every TypeScript source under a folder of lib/ (declaration files left out). */
function sources(folder: string): string[] {
  const dir = path.join(LIB, folder);
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const rel = path.join(folder, entry.name);
    if (entry.isDirectory()) return sources(rel);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/**
 * The folders of lib/ that a file's relative imports and requires reach, e.g. `private`,
 * `http`, and those of the modules it loads when first needed (`loadModule('http/vpc-link')`,
 * whose path is under lib/).
 */
function importedFolders(file: string): string[] {
  const text = fs.readFileSync(path.join(LIB, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)'(\.[^']*)'/g)].map(m => m[1]);
  const relative = specifiers.map(spec => path.relative(LIB, path.resolve(path.dirname(path.join(LIB, file)), spec)).split(path.sep)[0]);
  const loaded = [...text.matchAll(/loadModule<[^>]*>\('([^']+)'\)/g)].map(m => m[1].split('/')[0]);
  return [...relative, ...loaded];
}

/** `file imports folder` for every import of a file under `from` that reaches a folder in `forbidden`. */
function violations(from: string, forbidden: string[]): string[] {
  return sources(from).flatMap(file => importedFolders(file).filter(folder => forbidden.includes(folder)).map(folder => `${file} imports ${folder}/`));
}

describe('dependencies point one way', () => {
  test('the scan sees imports (a check that would pass on an empty scan proves nothing)', () => {
    expect(sources('private').length).toBeGreaterThan(10);
    expect(importedFolders(path.join('http', 'api.ts'))).toEqual(expect.arrayContaining(['private', 'common', 'http']));
    expect(importedFolders(path.join('common', 'stage-base.ts'))).toContain('common');
    expect(violations('http', ['private'])).not.toEqual([]);
  });

  test('lib/private is protocol-neutral: it imports neither lib/http nor lib/websocket', () => {
    expect(violations('private', ['http', 'websocket', 'common', 'integrations', 'authorizers'])).toEqual([]);
  });

  test('lib/common imports neither protocol', () => {
    expect(violations('common', ['http', 'websocket', 'integrations', 'authorizers'])).toEqual([]);
  });

  test('the core never imports the integrations and authorizers submodules', () => {
    for (const core of ['common', 'http', 'websocket', 'private']) {
      expect(violations(core, ['integrations', 'authorizers'])).toEqual([]);
    }
  });

  test('the two protocols do not import each other', () => {
    expect(violations('http', ['websocket'])).toEqual([]);
    expect(violations('websocket', ['http'])).toEqual([]);
  });
});
