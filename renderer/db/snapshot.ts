import { MAX_CHUNK_CHARS, type SnapshotInfo, type SnapshotReason } from '../../shared/backup/schemas.ts';
import Dexie, { RangeSet, cmp, type ObservabilitySet } from 'dexie';
import type { WebcareApi } from '../../shared/ipc/contract.ts';
import { OLDEST_SNAPSHOT_SCHEMA, upgradeSnapshotRows } from '../../shared/migrations/snapshot-rows.ts';
import { DB_VERSION, type WebcareDb } from './schema.ts';

/**
 * Snapshots of the whole inbox database, written to the data folder through main
 * (shared/backup/schemas.ts, electron/main/services/backups.ts), and restore from them.
 *
 * Format (JSON Lines): a header `{"format":"webcare-snapshot","version":1,"schema":4,
 * "createdAt":…,"counts":{table: rows}}`, one line per row `{"t":table,"r":row}`, and a trailer
 * `{"end":true,"rows":N}`. Main proves the bytes are the ones written (size, SHA-256); this file
 * proves they make a whole snapshot (header, every line, the trailer, the counts) before
 * anything in the database is touched. Secrets are never in IndexedDB, so never in a snapshot.
 */

export const SNAPSHOT_FORMAT = 'webcare-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  schema: number;
  createdAt: number;
  counts: Record<string, number>;
}

/** Why a snapshot cannot be restored; the UI words each code (storage.json `backup.problem`). */
export type SnapshotErrorCode =
  | 'missing'
  | 'manifest'
  | 'size'
  | 'checksum'
  | 'not-a-snapshot'
  | 'newer-schema'
  | 'older-schema'
  | 'truncated'
  | 'bad-line'
  | 'unknown-table'
  | 'counts';

export class SnapshotError extends Error {
  constructor(
    readonly code: SnapshotErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'SnapshotError';
  }
}

type Api = Pick<WebcareApi, 'invoke'>;

/** Rows per short read transaction while copying; writers get their turn between pages. */
export const SNAPSHOT_PAGE_ROWS = 500;
/** How long the copy waits for change reports (other tabs post theirs) before it trusts a quiet moment. */
const QUIET_MS = 120;
/** Catch-up rounds in short transactions before the last, single-transaction pass over what is left. */
const CATCH_UP_ROUNDS = 3;
const FINAL_PASSES = 4;

export interface SnapshotReadOptions {
  pageRows?: number;
  /** Called after every page (tests interleave writes here). */
  onPage?: (table: string, rows: number) => void | Promise<void>;
}

type Key = unknown;
/** Per table: the primary keys written since they were copied, or 'all' (a bulk or range write). */
type Dirty = Map<string, Set<string> | 'all'>;

const keyId = (k: Key) => JSON.stringify(k);

/**
 * A consistent copy of every table without one long read transaction (which in Chromium holds
 * every writer back until it ends: a 40 s stall of triage on a loaded machine). It copies each
 * table in pages of short read transactions while listening to Dexie's change reports
 * (`storagemutated`: this window's commits and, through its BroadcastChannel, other tabs'). Rows
 * written after they were copied are copied again, first in short rounds, then, once the reports
 * have been quiet for a moment, in one short transaction over only what is still dirty. Every row
 * in the result is then either untouched since it was read or read in that last transaction, so
 * the copy is the database as it was at the end of it: no message without its conversation, no
 * counter that disagrees with its rows.
 */
export async function readConsistently(
  db: WebcareDb,
  options: SnapshotReadOptions = {},
): Promise<Map<string, Map<string, unknown>>> {
  const pageRows = options.pageRows ?? SNAPSHOT_PAGE_ROWS;
  const dirty: Dirty = new Map();
  const prefix = `idb://${db.name}/`;
  const onMutated = (parts: ObservabilitySet) => {
    for (const [part, ranges] of Object.entries(parts)) {
      if (part === 'all') {
        for (const t of db.tables) dirty.set(t.name, 'all');
        continue;
      }
      if (!part.startsWith(prefix)) continue;
      const rest = part.slice(prefix.length);
      const slash = rest.indexOf('/');
      const table = rest.slice(0, slash);
      const index = rest.slice(slash + 1);
      if (index !== '' && index !== ':dels') continue;
      if (dirty.get(table) === 'all') continue;
      const set = (dirty.get(table) as Set<string> | undefined) ?? new Set<string>();
      for (const node of RangeSet(ranges)) {
        if (node.from === node.to || cmp(node.from, node.to) === 0) set.add(keyId(node.from));
        else {
          dirty.set(table, 'all');
          break;
        }
      }
      if (dirty.get(table) !== 'all') dirty.set(table, set);
    }
  };
  const copies = new Map<string, Map<string, unknown>>();
  const primaryKeyOf = (t: (typeof db.tables)[number]) => {
    const path = t.schema.primKey.keyPath;
    return (row: unknown) => Dexie.getByKeyPath(row as object, path as string | string[]) as Key;
  };
  const copyTable = async (t: (typeof db.tables)[number]) => {
    const keyOf = primaryKeyOf(t);
    const copy = new Map<string, unknown>();
    let last: Key = undefined;
    for (;;) {
      const page = await db.transaction('r', t, () =>
        (last === undefined ? t.orderBy(':id') : t.where(':id').above(last)).limit(pageRows).toArray(),
      );
      for (const row of page) copy.set(keyId(keyOf(row)), row);
      await options.onPage?.(t.name, page.length);
      if (page.length < pageRows) break;
      last = keyOf(page[page.length - 1]);
      // Let waiting writers in before the next page.
      await new Promise((r) => setTimeout(r, 0));
    }
    copies.set(t.name, copy);
  };
  const recopyKeys = async (t: (typeof db.tables)[number], ids: string[]) => {
    const copy = copies.get(t.name)!;
    const keys = ids.map((id) => JSON.parse(id) as Key);
    const rows = await t.bulkGet(keys as never[]);
    rows.forEach((row, i) => (row === undefined ? copy.delete(ids[i]!) : copy.set(ids[i]!, row)));
  };
  const quiet = () => new Promise((r) => setTimeout(r, QUIET_MS));

  Dexie.on('storagemutated', onMutated);
  try {
    for (const t of db.tables) await copyTable(t);
    // Short catch-up rounds: each copies again what was written meanwhile, page by page.
    for (let round = 0; round < CATCH_UP_ROUNDS && dirty.size > 0; round++) {
      const pending = new Map(dirty);
      dirty.clear();
      for (const [name, what] of pending) {
        const t = db.table(name);
        if (what === 'all') await copyTable(t);
        else {
          const ids = [...what];
          for (let i = 0; i < ids.length; i += pageRows)
            await db.transaction('r', t, () => recopyKeys(t, ids.slice(i, i + pageRows)));
        }
      }
    }
    // The last pass in ONE transaction over what is still dirty; repeated if a report of a write
    // committed before it arrives late (another tab's BroadcastChannel message). Under constant
    // writes it stops after a few passes: what is reported after the last one was written after it.
    for (let pass = 0; pass < FINAL_PASSES; pass++) {
      await quiet();
      if (dirty.size === 0) break;
      const pending = new Map(dirty);
      dirty.clear();
      const tables = [...pending.keys()].map((n) => db.table(n));
      await db.transaction('r', tables, async () => {
        for (const [name, what] of pending) {
          const t = db.table(name);
          if (what === 'all') {
            const keyOf = primaryKeyOf(t);
            const copy = new Map<string, unknown>();
            for (const row of await t.toArray()) copy.set(keyId(keyOf(row)), row);
            copies.set(name, copy);
          } else await recopyKeys(t, [...what]);
        }
      });
    }
  } finally {
    Dexie.on.storagemutated.unsubscribe(onMutated);
  }
  return copies;
}

/**
 * Copies the database consistently in short transactions (readConsistently), then streams the
 * lines to main; the network part runs after the reads, as Dexie requires.
 */
export async function writeSnapshot(
  db: WebcareDb,
  api: Api,
  reason: SnapshotReason,
  now: number,
  onProgress?: (done: number, total: number) => void,
  readOptions?: SnapshotReadOptions,
): Promise<SnapshotInfo> {
  const tables = db.tables;
  const copies = await readConsistently(db, readOptions);
  const rows = tables.map((t) => [...(copies.get(t.name)?.values() ?? [])]);
  const counts: Record<string, number> = {};
  tables.forEach((t, i) => (counts[t.name] = rows[i]!.length));
  const total = rows.reduce((n, r) => n + r.length, 0);
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    schema: DB_VERSION,
    createdAt: now,
    counts,
  };
  const { uploadId } = await api.invoke('backup:begin', { reason });
  let seq = 0;
  let buffer = '';
  let done = 0;
  const flush = async () => {
    if (!buffer) return;
    const text = buffer;
    buffer = '';
    await api.invoke('backup:append', { uploadId, seq: seq++, text });
  };
  const push = async (line: string) => {
    // A single row larger than a chunk goes in pieces (main just appends bytes).
    if (buffer.length + line.length + 1 > MAX_CHUNK_CHARS) await flush();
    const withNl = `${line}\n`;
    for (let i = 0; i < withNl.length; i += MAX_CHUNK_CHARS) {
      buffer += withNl.slice(i, i + MAX_CHUNK_CHARS);
      if (buffer.length >= MAX_CHUNK_CHARS) await flush();
    }
  };
  try {
    await push(JSON.stringify(header));
    for (let i = 0; i < tables.length; i++) {
      const t = tables[i]!.name;
      for (const r of rows[i]!) {
        await push(JSON.stringify({ t, r }));
        if (++done % 2000 === 0) onProgress?.(done, total);
      }
    }
    await push(JSON.stringify({ end: true, rows: total }));
    await flush();
    onProgress?.(total, total);
    return await api.invoke('backup:finish', { uploadId, createdAt: now, schema: DB_VERSION, counts });
  } catch (e) {
    await api.invoke('backup:abort', { uploadId }).catch(() => undefined);
    throw e;
  }
}

export interface ParsedSnapshot {
  info: SnapshotInfo;
  header: SnapshotHeader;
  tables: Map<string, unknown[]>;
}

/** Parses snapshot text line by line; throws SnapshotError for anything that is not a whole snapshot. */
export function parseSnapshotLines(lines: Iterable<string>, knownTables: ReadonlySet<string>) {
  let header: SnapshotHeader | null = null;
  let trailer: { end: true; rows: number } | null = null;
  const tables = new Map<string, unknown[]>();
  let rows = 0;
  let n = 0;
  for (const line of lines) {
    n++;
    if (line === '') continue;
    if (trailer) throw new SnapshotError('bad-line', `line ${n}: text after the end of the snapshot`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new SnapshotError('bad-line', `line ${n} is not JSON`);
    }
    const v = value as Record<string, unknown>;
    if (!header) {
      if (v.format !== SNAPSHOT_FORMAT || typeof v.schema !== 'number' || typeof v.counts !== 'object')
        throw new SnapshotError('not-a-snapshot', 'the first line is not a Webcare snapshot header');
      if (v.version !== SNAPSHOT_VERSION)
        throw new SnapshotError('not-a-snapshot', `snapshot format version ${String(v.version)}`);
      if (v.schema > DB_VERSION) throw new SnapshotError('newer-schema', `database version ${v.schema}`);
      if (v.schema < OLDEST_SNAPSHOT_SCHEMA)
        throw new SnapshotError('older-schema', `database version ${v.schema}`);
      header = v as unknown as SnapshotHeader;
      continue;
    }
    if (v.end === true) {
      trailer = { end: true, rows: Number(v.rows) };
      continue;
    }
    if (typeof v.t !== 'string' || typeof v.r !== 'object' || v.r === null)
      throw new SnapshotError('bad-line', `line ${n} is not a row`);
    if (!knownTables.has(v.t)) throw new SnapshotError('unknown-table', v.t);
    let list = tables.get(v.t);
    if (!list) tables.set(v.t, (list = []));
    list.push(v.r);
    rows++;
  }
  if (!header) throw new SnapshotError('not-a-snapshot', 'the file is empty');
  if (!trailer) throw new SnapshotError('truncated', `it ends after ${rows} rows without its last line`);
  if (trailer.rows !== rows)
    throw new SnapshotError('counts', `${rows} rows, the snapshot says ${trailer.rows}`);
  for (const [t, c] of Object.entries(header.counts))
    if ((tables.get(t)?.length ?? 0) !== c)
      throw new SnapshotError('counts', `${t}: ${tables.get(t)?.length ?? 0} rows, the header says ${c}`);
  return { header, tables };
}

/** Reads a stored snapshot through main and checks it whole; nothing is written. */
export async function readSnapshot(db: WebcareDb, api: Api, name: string): Promise<ParsedSnapshot> {
  const opened = await api.invoke('backup:open', { name });
  if (!opened.ok) throw new SnapshotError(opened.problem, opened.detail);
  const lines: string[] = [];
  let offset = 0;
  let rest = '';
  for (;;) {
    const chunk = await api.invoke('backup:read', { name, offset });
    const parts = (rest + chunk.text).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
    offset = chunk.nextOffset;
    if (chunk.done) break;
  }
  if (rest) lines.push(rest);
  const parsed = parseSnapshotLines(lines, new Set(db.tables.map((t) => t.name)));
  return { info: opened.info, ...parsed };
}

/**
 * Replaces the whole database with the snapshot in ONE transaction: if anything fails (a full
 * disk), it rolls back and the inbox is exactly as before. This device keeps its own id and a
 * clock at least as far as either side, so events written after the restore never reuse an id.
 */
export async function restoreSnapshot(db: WebcareDb, snapshot: ParsedSnapshot): Promise<void> {
  // A snapshot from an older build: its rows get the upgrades' rewrites first (pure, on a copy).
  const tables =
    snapshot.header.schema < DB_VERSION
      ? upgradeSnapshotRows(snapshot.header.schema, DB_VERSION, snapshot.tables).tables
      : snapshot.tables;
  await db.transaction('rw', db.tables, async () => {
    const device = await db.meta.get('device');
    const clock = await db.meta.get('clock');
    for (const t of db.tables) {
      await t.clear();
      const rows = tables.get(t.name);
      if (rows?.length) await t.bulkAdd(rows as never[]);
    }
    const restoredDevice = await db.meta.get('device');
    const restoredClock = (await db.meta.get('clock'))?.value as
      { deviceSeq?: number; hlc?: string } | undefined;
    const ownClock = clock?.value as { deviceSeq?: number; hlc?: string } | undefined;
    if (device && restoredDevice?.value === device.value && ownClock && restoredClock) {
      if ((ownClock.deviceSeq ?? 0) > (restoredClock.deviceSeq ?? 0)) await db.meta.put(clock!);
    } else if (device && restoredDevice && restoredDevice.value !== device.value) {
      // Another profile's snapshot: its events keep their device ids; this profile goes on as itself.
      await db.meta.put(device);
      if (clock) await db.meta.put(clock);
      else await db.meta.delete('clock');
    }
  });
}

/** The snapshots main keeps, newest first. */
export function listSnapshots(api: Api): Promise<SnapshotInfo[]> {
  return api.invoke('backup:list');
}
