// The folder walls, checked on the real import graph (direct and indirect imports), so that a
// re-export or a helper in between cannot tunnel through them. ESLint's restricted imports check
// each file's own imports; this walks the graph.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseImports,
  runTimeBreaches,
  typeImportBreaches,
  type ImportEdge,
  type ImportGraph,
} from './importGraph.ts';

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

/** A file's imports: relative ones resolved to repository paths, npm packages by name. */
function edges(file: string): ImportEdge[] {
  return parseImports(readFileSync(join(ROOT, file), 'utf8'), (spec) => {
    if (!spec.startsWith('.')) return spec;
    const target = relative(ROOT, resolve(ROOT, dirname(file), spec.replace(/\?.*$/, '')));
    return fileSet.has(target) ? target : null;
  });
}
const graph: ImportGraph = new Map(files.map((f) => [f, edges(f)]));
const local = (f: string) => (graph.get(f) ?? []).map((e) => e.to).filter((g) => fileSet.has(g));

/** Everything `file` reaches through imports (type-only ones too), with the path that reaches it. */
function reach(file: string): Map<string, string[]> {
  const paths = new Map<string, string[]>([[file, [file]]]);
  const queue = [file];
  while (queue.length) {
    const f = queue.shift()!;
    for (const g of local(f))
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
    expect(local('renderer/db/ingest.ts')).toContain('renderer/db/log.ts');
  });

  it('shared/ imports only shared/', () => {
    const bad = files
      .filter((f) => f.startsWith('shared/'))
      .flatMap((f) =>
        local(f)
          .filter((g) => !g.startsWith('shared/'))
          .map((g) => `${f} → ${g}`),
      );
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
        local(f)
          .filter((g) => g.startsWith('shared/demo/'))
          .map((g) => `${f} → ${g}`),
      );
    expect(bad).toEqual([]);
  });

  it('presentational components never reach the database, not even indirectly', () => {
    const components = files.filter((f) => f.startsWith('renderer/components/') && !isTest(f));
    expect(components.length).toBeGreaterThan(20);
    expect(runTimeBreaches(graph, components, isDatabase).map((p) => p.join(' → '))).toEqual([]);
    // Row and report types are data, not the database: those may be imported as types. The
    // handle (WebcareDb) and Dexie's own types are the database, even as types.
    expect(typeImportBreaches(graph, components, isDatabaseType)).toEqual([]);
  });
});

/** The database: its modules (renderer/db/, the live-query hooks of renderer/data/) and Dexie. */
function isDatabase(module: string): boolean {
  return (
    module.startsWith('renderer/db/') ||
    module.startsWith('renderer/data/') ||
    /^dexie(-react-hooks)?(\/|$)/.test(module)
  );
}
function isDatabaseType(e: ImportEdge): boolean {
  return /^dexie(-react-hooks)?(\/|$)/.test(e.to) || e.names.includes('WebcareDb');
}

describe('the database wall finds what breaks it (on a made-up graph)', () => {
  const made = (texts: Record<string, string>): ImportGraph =>
    new Map(
      Object.entries(texts).map(([file, text]) => [
        file,
        parseImports(text, (spec) => (spec.startsWith('.') ? posix.join(posix.dirname(file), spec) : spec)),
      ]),
    );
  const graph = made({
    'renderer/components/Clean.tsx': `import { a } from '../../shared/x.ts';\nimport type { OutboxRow } from '../db/schema.ts';`,
    'renderer/components/Direct.tsx': `import { useLiveQuery } from 'dexie-react-hooks';`,
    'renderer/components/Indirect.tsx': `import {\n  helper,\n} from '../app/helper.ts';`,
    'renderer/app/helper.ts': `export { listTemplates } from '../db/templates.ts';`,
    'renderer/components/Inline.tsx': `import { type Template } from '../db/templates.ts';`,
    'renderer/components/Handle.tsx': `import type { WebcareDb } from '../db/schema.ts';`,
    'renderer/components/Lazy.tsx': `const m = import('../db/repo.ts');`,
  });
  const sources = [...graph.keys()].filter((f) => f.startsWith('renderer/components/'));

  it('reads type-only imports, inline type specifiers, re-exports and dynamic imports', () => {
    expect(graph.get('renderer/components/Clean.tsx')).toEqual([
      { to: 'shared/x.ts', typeOnly: false, names: ['a'] },
      { to: 'renderer/db/schema.ts', typeOnly: true, names: ['OutboxRow'] },
    ]);
    expect(graph.get('renderer/components/Inline.tsx')![0]!.typeOnly).toBe(false);
    expect(graph.get('renderer/app/helper.ts')).toEqual([
      { to: 'renderer/db/templates.ts', typeOnly: false, names: ['listTemplates'] },
    ]);
  });

  it('reports a direct import, one through a helper, a dynamic import and an inline type import', () => {
    expect(runTimeBreaches(graph, sources, isDatabase)).toEqual([
      ['renderer/components/Direct.tsx', 'dexie-react-hooks'],
      ['renderer/components/Indirect.tsx', 'renderer/app/helper.ts', 'renderer/db/templates.ts'],
      ['renderer/components/Inline.tsx', 'renderer/db/templates.ts'],
      ['renderer/components/Lazy.tsx', 'renderer/db/repo.ts'],
    ]);
  });

  it('lets row types through as types, never the database handle', () => {
    expect(typeImportBreaches(graph, sources, isDatabaseType)).toEqual([
      'renderer/components/Handle.tsx → type { WebcareDb } from renderer/db/schema.ts',
    ]);
  });
});
