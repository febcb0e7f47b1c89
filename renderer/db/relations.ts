import Dexie from 'dexie';
import type { AuthorStats } from '../../shared/dashboard/authors.ts';
import {
  validateRelation,
  type RelationEntry,
  type RelationError,
  type WatchList,
  type WatchRow,
} from '../../shared/dashboard/relations.ts';
import {
  normalizeHandle,
  parseWatchlistCsv,
  type WatchlistImportReport,
} from '../../shared/dashboard/watchlistCsv.ts';
import { randomId } from '../../shared/domain/ids.ts';
import type { Author } from '../../shared/domain/types.ts';
import { commit, writeTx } from './log.ts';
import type { WebcareDb } from './schema.ts';

/** A refused relationship-log entry: `code` is translated by the UI (dashboard.relations.errors). */
export class RelationRejected extends Error {
  constructor(readonly code: RelationError) {
    super(code);
  }
}

/** Puts an author on a watchlist (or changes list and owner), or takes them off (`list` null). */
export async function watchAuthor(
  db: WebcareDb,
  authorId: string,
  change: { list: WatchList; owner: string } | null,
  actor: string,
  now: number,
): Promise<void> {
  await writeTx(db, async () => {
    const author = await db.authors.get(authorId);
    if (!author) throw new RelationRejected('unknown-author');
    const before = await db.watchlist.get(authorId);
    const watch: WatchRow | null = change
      ? {
          authorId,
          list: change.list,
          owner: change.owner,
          addedAt: before?.addedAt ?? now,
          lastContactAt: before?.lastContactAt ?? null,
          nextCheckIn: before?.nextCheckIn ?? null,
          demo: author.demo,
        }
      : null;
    if (!before && !watch) return;
    await commit(db, { type: 'author.watched', authorId, watch }, { actor, origin: 'agent', at: now });
  });
}

/**
 * Imports a watchlist CSV (shared/dashboard/watchlistCsv.ts): every row whose handle matches an
 * author in the inbox (any channel: the same handle on X and Instagram is put on the list twice)
 * goes on its list, all in one transaction with one event per author; rows without a match are
 * listed as `unknown-author` with their line. An owner in the file wins; otherwise an author
 * already watched keeps theirs and a new one gets the importing agent. Reads the authors once
 * (a person's action, not the interaction path).
 */
export async function importWatchlist(
  db: WebcareDb,
  text: string,
  actor: string,
  now: number,
): Promise<WatchlistImportReport> {
  const { rows, errors } = parseWatchlistCsv(text);
  const report: WatchlistImportReport = { added: 0, updated: 0, errors: [...errors] };
  if (rows.length === 0) return report;
  const wanted = new Set(rows.map((r) => r.handle));
  const byHandle = new Map<string, Author[]>();
  await db.authors.each((a) => {
    const h = a.handle ? normalizeHandle(a.handle) : null;
    if (h && wanted.has(h)) byHandle.set(h, [...(byHandle.get(h) ?? []), a]);
  });
  await writeTx(db, async () => {
    for (const row of rows) {
      const authors = byHandle.get(row.handle);
      if (!authors) {
        report.errors.push({ line: row.line, code: 'unknown-author', value: row.handle });
        continue;
      }
      for (const author of authors) {
        const before = await db.watchlist.get(author.id);
        const watch: WatchRow = {
          authorId: author.id,
          list: row.list,
          owner: row.owner || before?.owner || actor,
          addedAt: before?.addedAt ?? now,
          lastContactAt: before?.lastContactAt ?? null,
          nextCheckIn: before?.nextCheckIn ?? null,
          demo: author.demo,
        };
        if (before) report.updated++;
        else report.added++;
        await commit(
          db,
          { type: 'author.watched', authorId: author.id, watch },
          { actor, origin: 'agent', at: now },
        );
      }
    }
  });
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}

/** Logs a contact, note or agreement with an author; refuses bad input without losing anything. */
export async function logRelation(
  db: WebcareDb,
  input: Pick<RelationEntry, 'authorId' | 'kind' | 'text' | 'nextCheckIn'>,
  actor: string,
  now: number,
): Promise<RelationEntry> {
  const entry: RelationEntry = {
    id: randomId('rel'),
    authorId: input.authorId,
    kind: input.kind,
    text: input.text.trim(),
    at: now,
    by: actor,
    nextCheckIn: input.nextCheckIn,
  };
  const error = validateRelation({ ...input, at: now });
  if (error) throw new RelationRejected(error);
  await writeTx(db, async () => {
    if (!(await db.authors.get(input.authorId))) throw new RelationRejected('unknown-author');
    await commit(db, { type: 'relation.logged', entry }, { actor, origin: 'agent', at: now });
  });
  return entry;
}

export function relationsOf(db: WebcareDb, authorId: string, limit = 100): Promise<RelationEntry[]> {
  return db.relations
    .where('[authorId+at]')
    .between([authorId, Dexie.minKey], [authorId, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();
}

export interface DirectoryRow {
  author: Author;
  stats: AuthorStats | null;
  watch: WatchRow | null;
}

async function join(db: WebcareDb, authors: Author[]): Promise<DirectoryRow[]> {
  const ids = authors.map((a) => a.id);
  const [stats, watch] = await Promise.all([db.authorStats.bulkGet(ids), db.watchlist.bulkGet(ids)]);
  return authors.map((author, i) => ({ author, stats: stats[i] ?? null, watch: watch[i] ?? null }));
}

/** The author directory by reach, a page at a time (keyset on the followers index). */
export async function directoryByReach(db: WebcareDb, limit = 100): Promise<DirectoryRow[]> {
  return join(db, await db.authors.orderBy('followers').reverse().limit(limit).toArray());
}

/** Everyone on a watchlist (the watchlists are small: people the team chose). */
export async function watched(db: WebcareDb): Promise<DirectoryRow[]> {
  const rows = await db.watchlist.orderBy('addedAt').toArray();
  const authors = await db.authors.bulkGet(rows.map((r) => r.authorId));
  return join(
    db,
    authors.filter((a): a is Author => !!a),
  );
}

/** The newest converts or relapses, from the status index. */
export async function byStatus(
  db: WebcareDb,
  status: 'converted' | 'relapsed' | 'complainer',
  limit = 50,
): Promise<DirectoryRow[]> {
  const stats = await db.authorStats
    .where('[status+statusAt]')
    .between([status, Dexie.minKey], [status, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();
  const authors = await db.authors.bulkGet(stats.map((s) => s.authorId));
  return join(
    db,
    authors.filter((a): a is Author => !!a),
  );
}

export async function authorRow(db: WebcareDb, authorId: string): Promise<DirectoryRow | null> {
  const a = await db.authors.get(authorId);
  return a ? (await join(db, [a]))[0]! : null;
}
