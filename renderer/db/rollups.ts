import Dexie from 'dexie';
import type { AlertRow, FlagRow } from '../../shared/crisis/types.ts';
import { authorEventOf, type AuthorEvent } from '../../shared/dashboard/authors.ts';
import { deriveAll } from '../../shared/dashboard/recompute.ts';
import {
  alertContribution,
  applyDeltas,
  classifyMessage,
  compact,
  factChange,
  flagContribution,
  foldResponseFact,
  isEmptyRow,
  mergeDeltas,
  messageContribution,
  responseFactOf,
  type FactMessage,
  type MessageClass,
  type ResponseFact,
  type RollupDeltas,
  type RollupRow,
} from '../../shared/dashboard/rollups.ts';
import type { Conversation, Message } from '../../shared/domain/types.ts';
import { AUTHOR_STATUS_COUNTS, updateAuthorStats } from './authorStats.ts';
import type { WebcareDb } from './schema.ts';

/** What the dashboard shows as the current backlog. */
export interface Backlog {
  open: number;
  perChannel: { channel: string; open: number }[];
  perAgent: { agent: string; open: number }[];
  flagsOpen: number;
}

/**
 * The dashboard's side of the projection (rollups, first-response facts, author stats): called
 * from project.ts inside the event's write transaction, with the rows the projection already
 * has, so the figures change together with what they count. Reads here are bounded by the change
 * (its keys, its conversations' threads, its authors' histories), never by the inbox.
 */
export async function applyRollupDeltas(db: WebcareDb, deltas: RollupDeltas): Promise<void> {
  const d = compact(deltas);
  if (d.size === 0) return;
  const keys = [...d.keys()];
  const stored = await db.rollups.bulkGet(keys);
  const rows = new Map<string, RollupRow>();
  stored.forEach((r) => r && rows.set(r.key, r));
  const next = applyDeltas(rows, d);
  // A row that went back to all zeros is dropped, as a recompute would never write it.
  const empty = next.filter(isEmptyRow).map((r) => r.key);
  await db.rollups.bulkPut(next.filter((r) => !isEmptyRow(r)));
  if (empty.length) await db.rollups.bulkDelete(empty);
}

async function thread(db: WebcareDb, conversationId: string): Promise<Message[]> {
  return db.messages
    .where('[conversationId+createdAt]')
    .between([conversationId, Dexie.minKey], [conversationId, Dexie.maxKey])
    .toArray();
}

/** Author events of messages, by the customer they concern (outgoing: the conversation's customer). */
function authorEvents(
  messages: readonly Message[],
  conversation: (id: string) => Pick<Conversation, 'authorId' | 'demo'> | undefined,
  classes: ReadonlyMap<string, MessageClass>,
): Map<string, { demo: 0 | 1; events: AuthorEvent[] }> {
  const out = new Map<string, { demo: 0 | 1; events: AuthorEvent[] }>();
  for (const m of messages) {
    const c = conversation(m.conversationId);
    const author = m.direction === 'incoming' ? m.authorId : c?.authorId;
    const e = author ? authorEventOf(m, classes.get(m.id) ?? null) : null;
    if (!author || !e) continue;
    const entry = out.get(author) ?? { demo: c?.demo ?? m.demo, events: [] };
    entry.events.push(e);
    out.set(author, entry);
  }
  return out;
}

/**
 * New messages (already stored): their counts, their conversations' first-response facts and
 * their authors' stats. `isNew` tells which conversations did not exist before the batch (their
 * thread is the batch itself, so nothing needs reading).
 */
export async function projectMessagesDerived(
  db: WebcareDb,
  messages: readonly Message[],
  conversation: (id: string) => Pick<Conversation, 'authorId' | 'demo'> | undefined,
  isNew: (conversationId: string) => boolean,
  /** Conversations whose customer changed (an older message from someone else arrived). */
  movedCustomers: readonly { from: string; to: string; demo: 0 | 1 }[] = [],
): Promise<void> {
  if (messages.length === 0) return;
  const classes = new Map<string, MessageClass>();
  for (const m of messages)
    if (m.direction === 'incoming') classes.set(m.id, classifyMessage(m.text, m.lang));
  const deltas: RollupDeltas = new Map();
  const byConversation = new Map<string, FactMessage[]>();
  for (const m of messages) {
    mergeDeltas(deltas, messageContribution(m, classes.get(m.id) ?? null));
    const list = byConversation.get(m.conversationId) ?? [];
    list.push(m);
    byConversation.set(m.conversationId, list);
  }
  const ids = [...byConversation.keys()];
  const facts = await db.responseFacts.bulkGet(ids);
  const put: ResponseFact[] = [];
  const drop: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const before = facts[i] ?? null;
    const added = byConversation.get(id)!;
    let after: ResponseFact | null;
    if (!before && isNew(id)) after = responseFactOf(added);
    else {
      const folded = foldResponseFact(before, added);
      after = folded === 'recompute' ? responseFactOf(await thread(db, id)) : folded;
    }
    if (after === before) continue;
    mergeDeltas(deltas, factChange(before, after));
    if (after) put.push(after);
    else drop.push(id);
  }
  if (put.length) await db.responseFacts.bulkPut(put);
  if (drop.length) await db.responseFacts.bulkDelete(drop);
  await applyRollupDeltas(db, deltas);
  // Our replies in a conversation belong to its customer: when that changes, both are recounted.
  const recompute = new Map<string, 0 | 1>();
  for (const m of movedCustomers) recompute.set(m.from, m.demo).set(m.to, m.demo);
  await updateAuthorStats(db, authorEvents(messages, conversation, classes), recompute);
}

/** A reply the channel accepted: it counts from now on, may be the first response, and is a contact. */
export async function projectDeliveredDerived(db: WebcareDb, before: Message, after: Message): Promise<void> {
  const deltas = messageContribution(after, null);
  mergeDeltas(deltas, messageContribution(before, null), -1);
  const fact = (await db.responseFacts.get(after.conversationId)) ?? null;
  const folded = foldResponseFact(fact, [after]);
  const next = folded === 'recompute' ? responseFactOf(await thread(db, after.conversationId)) : folded;
  if (next !== fact) {
    mergeDeltas(deltas, factChange(fact, next));
    if (next) await db.responseFacts.put(next);
  }
  await applyRollupDeltas(db, deltas);
  const conv = await db.conversations.get(after.conversationId);
  if (conv)
    await updateAuthorStats(
      db,
      authorEvents([after], () => conv, new Map()),
    );
}

async function demoOf(db: WebcareDb, ids: readonly string[]): Promise<Map<string, 0 | 1>> {
  const convs = await db.conversations.bulkGet([...ids]);
  const out = new Map<string, 0 | 1>();
  convs.forEach((c, i) => out.set(ids[i]!, c?.demo ?? 0));
  return out;
}

/** Flag rows replaced (`before` → `after`, either may be absent). */
export async function projectFlagsDerived(
  db: WebcareDb,
  changes: readonly { id: string; before: FlagRow | null | undefined; after: FlagRow | null }[],
): Promise<void> {
  if (changes.length === 0) return;
  const demo = await demoOf(
    db,
    changes.map((c) => c.id),
  );
  const deltas: RollupDeltas = new Map();
  for (const c of changes) {
    const d = demo.get(c.id) ?? 0;
    mergeDeltas(deltas, flagContribution(c.after, d));
    mergeDeltas(deltas, flagContribution(c.before, d), -1);
  }
  await applyRollupDeltas(db, deltas);
}

/** New radar alerts; an alert is demo data when all of its evidence is. */
export async function projectAlertsDerived(db: WebcareDb, alerts: readonly AlertRow[]): Promise<void> {
  if (alerts.length === 0) return;
  const deltas: RollupDeltas = new Map();
  for (const a of alerts) {
    const msgs = await db.messages.bulkGet(a.messageIds);
    const demo: 0 | 1 = msgs.length > 0 && msgs.every((m) => m?.demo === 1) ? 1 : 0;
    mergeDeltas(deltas, alertContribution(a, demo));
  }
  await applyRollupDeltas(db, deltas);
}

/** Demo removal: the demo's rollups, facts and author stats are rows of their own (demo = 1). */
export async function removeDemoDerived(db: WebcareDb): Promise<void> {
  await db.rollups.where('demo').equals(1).delete();
  await db.responseFacts.where('demo').equals(1).delete();
  await db.authorStats.where('demo').equals(1).delete();
  const row = ((await db.meta.get(AUTHOR_STATUS_COUNTS))?.value as Record<string, number> | undefined) ?? {};
  await db.meta.put({
    key: AUTHOR_STATUS_COUNTS,
    value: Object.fromEntries(Object.entries(row).filter(([k]) => !k.startsWith('1:'))),
  });
}

/** The rollup rows of hours [from, to): bounded by the period and the channels, not the inbox. */
export function readRollups(db: WebcareDb, from: number, to: number): Promise<RollupRow[]> {
  return db.rollups.where('hour').between(from, to, true, false).toArray();
}

/**
 * Recomputes the rollups, facts and author stats from the rows and replaces the stored ones
 * (command "Recount dashboard"). It reads the whole inbox, so it runs only when asked; it
 * returns how many rollup rows were wrong.
 */
export async function recountDashboard(db: WebcareDb): Promise<number> {
  return db.transaction(
    'rw',
    [
      db.messages,
      db.flags,
      db.alerts,
      db.conversations,
      db.rollups,
      db.responseFacts,
      db.authorStats,
      db.meta,
    ],
    async () => {
      const derived = deriveAll({
        messages: await db.messages.toArray(),
        conversations: await db.conversations.toArray(),
        flags: await db.flags.toArray(),
        alerts: await db.alerts.toArray(),
      });
      const fresh = new Map(derived.rollups.map((r) => [r.key, r]));
      const stored = new Map((await db.rollups.toArray()).map((r) => [r.key, r]));
      let wrong = 0;
      for (const key of new Set([...fresh.keys(), ...stored.keys()])) {
        const a = fresh.get(key);
        const b = stored.get(key);
        if (
          !a ||
          !b ||
          JSON.stringify({ ...a }, Object.keys(a).sort()) !== JSON.stringify({ ...b }, Object.keys(a).sort())
        )
          wrong++;
      }
      await db.rollups.clear();
      await db.rollups.bulkPut(derived.rollups);
      await db.responseFacts.clear();
      await db.responseFacts.bulkPut(derived.facts);
      await db.authorStats.clear();
      await db.authorStats.bulkPut(derived.authorStats);
      await db.meta.put({ key: AUTHOR_STATUS_COUNTS, value: derived.statusCounts });
      return wrong;
    },
  );
}

/** Current backlog from the counters (bounded by channels, statuses and agents, not the inbox). */
export async function readBacklog(db: WebcareDb): Promise<Backlog> {
  const [channels, agents, open, flagsNew, flagsAck] = await Promise.all([
    db.counters.where('key').startsWith('channel:').toArray(),
    db.counters.where('key').startsWith('assignee:').toArray(),
    db.counters.get('status:open'),
    db.counters.get('flags:new'),
    db.counters.get('flags:acknowledged'),
  ]);
  const perChannel = channels
    .filter((c) => c.key.endsWith(':open') && c.value > 0)
    .map((c) => ({ channel: c.key.slice('channel:'.length, -':open'.length), open: c.value }))
    .sort((a, b) => b.open - a.open);
  const perAgent = agents
    .filter((c) => c.key.endsWith(':open') && c.value > 0)
    .map((c) => ({ agent: c.key.slice('assignee:'.length, -':open'.length), open: c.value }))
    .sort((a, b) => b.open - a.open);
  return {
    open: open?.value ?? 0,
    perChannel,
    perAgent,
    flagsOpen: (flagsNew?.value ?? 0) + (flagsAck?.value ?? 0),
  };
}
