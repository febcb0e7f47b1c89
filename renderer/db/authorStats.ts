import Dexie from 'dexie';
import {
  authorEventOf,
  authorStatsOf,
  foldAuthor,
  statusCountKey,
  type AuthorEvent,
  type AuthorStats,
  type AuthorStatus,
} from '../../shared/dashboard/authors.ts';
import type { WebcareDb } from './schema.ts';

/** Totals per status, kept beside the rows (meta) so the directory never counts the table. */
export const AUTHOR_STATUS_COUNTS = 'author-status-counts';

/** Everything an author wrote and every delivered reply in their conversations (bounded by the author). */
async function historyOf(db: WebcareDb, authorId: string): Promise<AuthorEvent[]> {
  const own = await db.messages.where('authorId').equals(authorId).toArray();
  const convIds = await db.conversations.where('authorId').equals(authorId).primaryKeys();
  const events: AuthorEvent[] = [];
  for (const m of own) if (m.direction === 'incoming') events.push(authorEventOf(m, null)!);
  for (const id of convIds) {
    const msgs = await db.messages
      .where('[conversationId+createdAt]')
      .between([id, Dexie.minKey], [id, Dexie.maxKey])
      .toArray();
    for (const m of msgs)
      if (m.direction === 'outgoing') {
        const e = authorEventOf(m, null);
        if (e) events.push(e);
      }
  }
  return events;
}

function countDelta(into: Map<string, number>, s: AuthorStats | null, sign: number) {
  if (!s || s.status === 'none') return;
  const k = statusCountKey(s);
  into.set(k, (into.get(k) ?? 0) + sign);
}

async function applyStatusCounts(db: WebcareDb, d: Map<string, number>) {
  if ([...d.values()].every((v) => v === 0)) return;
  const row = ((await db.meta.get(AUTHOR_STATUS_COUNTS))?.value as Record<string, number> | undefined) ?? {};
  const next = { ...row };
  for (const [k, v] of d) if (v) next[k] = (next[k] ?? 0) + v;
  for (const [k, v] of Object.entries(next)) if (v === 0) delete next[k];
  await db.meta.put({ key: AUTHOR_STATUS_COUNTS, value: next });
}

/**
 * Folds new events into the authors' stats, inside the projection's transaction. `events` maps
 * an author id to what happened to them in this change; an author whose events arrive out of
 * time order is recomputed from their own history (bounded by that author, not the inbox).
 */
export async function updateAuthorStats(
  db: WebcareDb,
  events: ReadonlyMap<string, { demo: 0 | 1; events: AuthorEvent[] }>,
  /** Authors to recompute from history whatever arrived (a conversation changed customer). */
  recompute: ReadonlyMap<string, 0 | 1> = new Map(),
): Promise<void> {
  if (events.size === 0 && recompute.size === 0) return;
  const ids = [...new Set([...events.keys(), ...recompute.keys()])];
  const stored = await db.authorStats.bulkGet(ids);
  const put: AuthorStats[] = [];
  const counts = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const before = stored[i] ?? null;
    const { demo, events: evs } = events.get(id) ?? { demo: recompute.get(id) ?? 0, events: [] };
    const folded = recompute.has(id) ? 'recompute' : foldAuthor(before, id, before?.demo ?? demo, evs);
    const after =
      folded === 'recompute' ? authorStatsOf(id, before?.demo ?? demo, await historyOf(db, id)) : folded;
    countDelta(counts, before, -1);
    countDelta(counts, after, 1);
    put.push(after);
  }
  await db.authorStats.bulkPut(put);
  await applyStatusCounts(db, counts);
}

export async function readStatusCounts(db: WebcareDb): Promise<Record<AuthorStatus, number>> {
  const row = ((await db.meta.get(AUTHOR_STATUS_COUNTS))?.value as Record<string, number> | undefined) ?? {};
  const out: Record<AuthorStatus, number> = { none: 0, complainer: 0, converted: 0, relapsed: 0 };
  for (const [k, v] of Object.entries(row)) {
    const status = k.split(':')[1] as AuthorStatus;
    if (status in out) out[status] += v;
  }
  return out;
}
