// The folder walls, checked on the real import graph (direct and indirect imports), so that a
// re-export or a helper in between cannot tunnel through them. ESLint's restricted imports check
// each file's own imports; this walks the graph.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SKIP = new Set([
  'node_modules',
  'dist',
  'release',
  'test-results',
  '.git',
  '.scratch',
  'playwright-report',
]);
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(relative(ROOT, p));
  }
  return out;
}

const files = walk(ROOT);
const fileSet = new Set(files);

/** Relative imports of a file, resolved to repository paths (npm packages are not edges). */
function edges(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec || !spec.startsWith('.')) continue;
    const target = relative(ROOT, resolve(ROOT, dirname(file), spec.replace(/\?.*$/, '')));
    if (fileSet.has(target)) out.push(target);
  }
  return out;
}
const graph = new Map(files.map((f) => [f, edges(f)]));

/** Everything `file` reaches through imports, with the path that reaches it. */
function reach(file: string): Map<string, string[]> {
  const paths = new Map<string, string[]>([[file, [file]]]);
  const queue = [file];
  while (queue.length) {
    const f = queue.shift()!;
    for (const g of graph.get(f) ?? [])
      if (!paths.has(g)) {
        paths.set(g, [...paths.get(f)!, g]);
        queue.push(g);
      }
  }
  return paths;
}

const isTest = (f: string) =>
  /\.test\.tsx?$/.test(f) || f.startsWith('tests/') || f.startsWith('renderer/test/');
const production = files.filter(
  (f) => !isTest(f) && /^(renderer|electron|shared|bin)\//.test(f) && !f.endsWith('vite.config.ts'),
);

describe('import walls', () => {
  it('the graph was read (sanity)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get('renderer/db/ingest.ts')).toContain('renderer/db/log.ts');
  });

  it('shared/ imports only shared/', () => {
    const bad = files
      .filter((f) => f.startsWith('shared/'))
      .flatMap((f) => (graph.get(f) ?? []).filter((g) => !g.startsWith('shared/')).map((g) => `${f} → ${g}`));
    expect(bad).toEqual([]);
  });

  it('renderer/ never reaches electron/, not even through another module', () => {
    const bad: string[] = [];
    for (const f of files.filter((x) => x.startsWith('renderer/'))) {
      for (const [g, path] of reach(f)) if (g.startsWith('electron/')) bad.push(path.join(' → '));
    }
    expect(bad).toEqual([]);
  });

  it('production code never imports shared/demo/: only the demo seeder does', () => {
    const bad = production
      .filter((f) => !f.startsWith('shared/demo/') && f !== 'renderer/db/demo.ts')
      .flatMap((f) =>
        (graph.get(f) ?? []).filter((g) => g.startsWith('shared/demo/')).map((g) => `${f} → ${g}`),
      );
    expect(bad).toEqual([]);
  });
});
