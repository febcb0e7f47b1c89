import Dexie from 'dexie';
import type { AuthorStats } from '../../shared/dashboard/authors.ts';
import {
  validateRelation,
  type RelationEntry,
  type RelationError,
  type WatchList,
  type WatchRow,
} from '../../shared/dashboard/relations.ts';
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
