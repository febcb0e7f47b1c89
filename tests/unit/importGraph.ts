// The import graph of the repository, for tests/unit/import-walls.test.ts: parsing a file's
// imports and walking them are pure functions, so the walls' test can also run them on a
// made-up graph and show that a wall breach is found.

/** One import of a file: what it names, and whether it exists only for the type checker. */
export interface ImportEdge {
  /** Where it leads: a repository path (`renderer/db/schema.ts`) or an npm package name. */
  to: string;
  /**
   * `import type …` / `export type … from`: erased when compiled, so it loads nothing. With
   * `verbatimModuleSyntax`, `import { type A } from` still loads its module: that is a value edge.
   */
  typeOnly: boolean;
  /** The names it imports (`default` for a default import; empty for `*` and side effects). */
  names: string[];
}

export type ImportGraph = ReadonlyMap<string, readonly ImportEdge[]>;

const IMPORT =
  /\b(import|export)\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]/g;

/** The names a clause such as `type { A, type B as C }` or `D, { E }` brings in. */
function clauseNames(clause: string): string[] {
  const body = clause.replace(/^type\s+/, '');
  const names: string[] = [];
  const braces = /\{([^}]*)\}/.exec(body);
  if (braces)
    for (const part of braces[1]!.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]!
        .trim();
      if (name) names.push(name);
    }
  const head = body
    .replace(/\{[^}]*\}/, '')
    .replace(/,/g, ' ')
    .trim();
  if (head && !head.startsWith('*')) names.push('default');
  return names;
}

/**
 * The imports in a file's text. `resolve` turns a specifier into a repository path or package
 * name, or `null` for what is not an edge (a file that does not exist, an asset).
 */
export function parseImports(text: string, resolve: (spec: string) => string | null): ImportEdge[] {
  const out: ImportEdge[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4] ?? m[5];
    if (!spec) continue;
    const to = resolve(spec);
    if (to === null) continue;
    const clause = m[2] ?? '';
    // `export const x = …` cannot end in `from '…'`; only re-exports and imports come here.
    const typeOnly = m[1] !== undefined && /^type\s/.test(clause);
    out.push({ to, typeOnly, names: m[3] ? clauseNames(clause) : [] });
  }
  return out;
}

/** A path of imports that breaks a wall: from the file it starts at to the forbidden module. */
export type Breach = string[];

/**
 * Every module reachable from `start` through imports that load code at run time (type-only
 * imports load nothing), with the path that reaches it; breadth first, so each path is a
 * shortest one.
 */
export function reachAtRunTime(graph: ImportGraph, start: string): Map<string, string[]> {
  const paths = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length) {
    const f = queue.shift()!;
    for (const e of graph.get(f) ?? [])
      if (!e.typeOnly && !paths.has(e.to)) {
        paths.set(e.to, [...paths.get(f)!, e.to]);
        queue.push(e.to);
      }
  }
  return paths;
}

/** For each of `sources`, the first module it reaches at run time that `forbidden` rejects. */
export function runTimeBreaches(
  graph: ImportGraph,
  sources: readonly string[],
  forbidden: (module: string) => boolean,
): Breach[] {
  const out: Breach[] = [];
  for (const s of sources)
    for (const [module, path] of reachAtRunTime(graph, s))
      if (forbidden(module)) {
        out.push(path);
        break;
      }
  return out;
}

/** Type-only imports of `sources` that `forbidden` rejects (the module and the names). */
export function typeImportBreaches(
  graph: ImportGraph,
  sources: readonly string[],
  forbidden: (edge: ImportEdge) => boolean,
): string[] {
  return sources.flatMap((s) =>
    (graph.get(s) ?? [])
      .filter((e) => e.typeOnly && forbidden(e))
      .map((e) => `${s} → type { ${e.names.join(', ')} } from ${e.to}`),
  );
}
