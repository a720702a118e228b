import * as fs from 'fs';
import * as path from 'path';
import { CATALOG, type CatalogId, ID_PREFIX } from '../../lib/private/catalog';
import { HTTP_API_QUOTAS, Raise, WEBSOCKET_API_QUOTAS } from '../../lib/private/limits';

const ROOT = path.join(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib');

function sourcesOf(dir: string): Array<{ file: string; text: string }> {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map(entry => path.join(entry.parentPath, entry.name))
    .map(file => ({ file: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') }));
}

const sources = sourcesOf(LIB).filter(s => s.file !== path.join('lib', 'private', 'catalog.ts'));
const ids = Object.keys(CATALOG) as CatalogId[];

/** The rows of the README's table "Errors and warnings": id, kind, description. */
function readmeRows(): Map<string, { kind: string; description: string }> {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Errors and warnings\n');
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const rows = new Map<string, { kind: string; description: string }>();
  for (const line of section.split('\n')) {
    const match = /^\| `([^`]+)` \| (\w+) \| (.*) \|$/.exec(line);
    if (!match) continue;
    expect(rows.has(match[1])).toBe(false);
    rows.set(match[1], { kind: match[2], description: match[3] });
  }
  return rows;
}

/** Where an id is passed to the functions that take one, by the kind those functions take. */
const USES: Array<{ kind: 'error' | 'warning'; pattern: RegExp }> = [
  { kind: 'error', pattern: /\brefuse\(\s*'(\w+)'/g },
  { kind: 'error', pattern: /\bproblemOf\(\s*'(\w+)'/g },
  { kind: 'error', pattern: /\bbadDocument\([\w.]+,\s*'(\w+)'/g },
  { kind: 'warning', pattern: /\bwarn\([^,]+,\s*'(\w+)'/g },
  { kind: 'warning', pattern: /\b(?:warnDocument|importWarning)\([\w.]+,\s*'(\w+)'/g },
  { kind: 'warning', pattern: /\bwarning: '(\w+)'/g },
];

describe('the catalog of errors and warnings', () => {
  test('the README table lists every catalog entry, with its kind and description', () => {
    const rows = readmeRows();
    for (const id of ids) {
      expect({ id, row: rows.get(`${ID_PREFIX}${id}`) }).toEqual({ id, row: { kind: CATALOG[id].kind, description: CATALOG[id].description } });
    }
  });

  test('the README table lists nothing the catalog lacks', () => {
    const extra = [...readmeRows().keys()].filter(id => !id.startsWith(ID_PREFIX) || !(id.slice(ID_PREFIX.length) in CATALOG));
    expect(extra).toEqual([]);
  });

  test('every id lib/ passes is in the catalog, of the kind its function reports', () => {
    const used = new Set<string>();
    for (const { file, text } of sources) {
      for (const { kind, pattern } of USES) {
        for (const match of text.matchAll(pattern)) {
          const id = match[1];
          expect({ file, id, kind: CATALOG[id as CatalogId]?.kind }).toEqual({ file, id, kind });
          used.add(id);
        }
      }
    }
    // The scan finds the calls: it is not vacuous.
    expect(used.size).toBeGreaterThan(100);
  });

  test('every catalog id is used in lib/ (no dead ids)', () => {
    const all = sources.map(s => s.text).join('\n');
    const unused = ids.filter(id => !all.includes(`'${id}'`));
    expect(unused).toEqual([]);
  });

  test('warnings and errors reach the user only through the catalog', () => {
    for (const { file, text } of sources) {
      if (file === path.join('lib', 'private', 'error.ts')) continue;
      expect({ file, addWarning: /\.addWarning(V2)?\(/.test(text), newError: /new ApiGatewayV2Error\(/.test(text) })
        .toEqual({ file, addWarning: false, newError: false });
    }
  });

  test('ids are camel-case names, and every description is one line without a trailing period', () => {
    for (const id of ids) {
      expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(CATALOG[id].description).toMatch(/^[^\n|]+[^.]$/);
    }
  });

  test('every quota that AWS raises names the warning given past it', () => {
    for (const quota of [...Object.values(HTTP_API_QUOTAS), ...Object.values(WEBSOCKET_API_QUOTAS)]) {
      const warning = (quota as { warning?: CatalogId }).warning;
      expect({ counted: quota.counted, kind: warning && CATALOG[warning].kind })
        .toEqual({ counted: quota.counted, kind: quota.raise === Raise.NEVER ? undefined : 'warning' });
    }
  });
});
