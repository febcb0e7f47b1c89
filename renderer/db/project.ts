import Dexie from 'dexie';
import { applyFeedback, initialTuning, type TuningState } from '../../shared/analysis/index.ts';
import { belongsToCrisis } from '../../shared/crisis/topic.ts';
import { addTimeline, type CrisisRow, type FlagRow, type FlagState } from '../../shared/crisis/types.ts';
import { mergeSighting } from '../../shared/domain/authors.ts';
import { applyEvent } from '../../shared/domain/events.ts';
import type { LogEvent, LogPayload } from '../../shared/domain/log.ts';
import {
  applySeedState,
  emptyConversation,
  needsHistory,
  projectMessage,
  type MessageTime,
} from '../../shared/domain/projection.ts';
import type { Author, Conversation, Message } from '../../shared/domain/types.ts';
import { counterDeltas } from '../../shared/inbox/views.ts';
import { MAX_SEARCH_TOKENS, searchTokensOf } from '../../shared/search/tokenize.ts';
import { indexPublicReplies } from './publicReplies.ts';
import { applyRelation } from '../../shared/dashboard/relations.ts';
import {
  projectAlertsDerived,
  projectDeliveredDerived,
  projectFlagsDerived,
  projectMessagesDerived,
  removeDemoDerived,
} from './rollups.ts';
import { newOutboxEntry } from '../../shared/outbox/state.ts';
import type { WebcareDb } from './schema.ts';

/**
 * The one projection of the event log onto the inbox tables. Live writes (`commit` in log.ts)
 * and replay call the same function with the same event, so both produce the same rows. It runs
 * inside the caller's write transaction and must depend only on the event and the current rows
 * (wall time is the event's `at`, never `Date.now()`).
 */
export async function project(db: WebcareDb, ev: LogEvent): Promise<void> {
  const p = ev.payload;
  switch (p.type) {
    case 'account.added':
      await db.accounts.put(p.account);
      return;
    case 'messages.ingested':
      return projectIngest(db, p, ev.at);
    case 'conversation.changed': {
      const before = await db.conversations.get(p.conversationId);
      if (!before) return;
      const r = applyEvent(before, p.event, ev.at);
      if (r.ok) await putConversations(db, [[before, r.value]]);
      return;
    }
    case 'reply.queued':
    case 'note.added':
      return projectAgentMessage(db, p.message, p.type === 'reply.queued');
    case 'reply.delivered':
      return projectDelivered(db, p.messageId, p.remoteId, p.at);
    case 'label.created':
      await db.labels.put(p.label);
      return;
    case 'flags.scored':
      return projectFlags(db, p.set, p.cleared);
    case 'flag.decided':
      return projectDecision(db, p.conversationId, p.state, ev.at, ev.undoes !== null);
    case 'alerts.raised': {
      const known = await db.alerts.bulkGet(p.alerts.map((a) => a.id));
      const fresh = p.alerts.filter((_, i) => !known[i]);
      if (fresh.length) await db.alerts.bulkAdd(fresh);
      await projectAlertsDerived(db, fresh);
      return;
    }
    case 'crisis.started': {
      await db.crises.put(p.crisis);
      if (p.crisis.alertId) await db.alerts.update(p.crisis.alertId, { state: 'crisis' });
      return;
    }
    case 'crisis.ended': {
      const c = await db.crises.get(p.crisisId);
      if (!c || !c.active) return;
      await db.crises.put({
        ...c,
        active: 0,
        endedAt: ev.at,
        autoRepliesPaused: false,
        timeline: addTimeline(c.timeline, { kind: 'crisis-off', at: ev.at, ref: null }),
      });
      return;
    }
    case 'crisis.noted': {
      const c = await db.crises.get(p.crisisId);
      if (c) await db.crises.put({ ...c, timeline: addTimeline(c.timeline, p.entry) });
      return;
    }
    case 'demo.removed':
      return projectDemoRemoved(db);
    case 'author.watched':
      if (p.watch) await db.watchlist.put(p.watch);
      else await db.watchlist.delete(p.authorId);
      return;
    case 'relation.logged': {
      await db.relations.put(p.entry);
      const w = await db.watchlist.get(p.entry.authorId);
      if (w) await db.watchlist.put(applyRelation(w, p.entry));
      return;
    }
  }
}

/**
 * Counter changes, written as they are. They are never clamped at zero: a negative counter is
 * drift (a bug), which is recorded so that the self-check (counters.ts) can say so and repair it.
 */
export async function applyCounterDeltas(db: WebcareDb, deltas: Map<string, number>): Promise<void> {
  if (deltas.size === 0) return;
  const keys = [...deltas.keys()];
  const rows = await db.counters.bulkGet(keys);
  const next = keys.map((key, i) => ({ key, value: (rows[i]?.value ?? 0) + (deltas.get(key) ?? 0) }));
  await db.counters.bulkPut(next);
  if (next.some((r) => r.value < 0)) await db.meta.put({ key: 'counters-drift', value: true });
}

function addDeltas(into: Map<string, number>, from: Map<string, number>): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

async function putConversations(
  db: WebcareDb,
  changes: readonly (readonly [Conversation | null, Conversation])[],
): Promise<void> {
  if (changes.length === 0) return;
  await db.conversations.bulkPut(changes.map(([, after]) => after));
  const deltas = new Map<string, number>();
  for (const [before, after] of changes) addDeltas(deltas, counterDeltas(before, after));
  await applyCounterDeltas(db, deltas);
}

async function threadHistory(db: WebcareDb, conversationId: string): Promise<MessageTime[]> {
  return (
    await db.messages
      .where('[conversationId+createdAt]')
      .between([conversationId, Dexie.minKey], [conversationId, Dexie.maxKey])
      .toArray()
  ).map((m) => ({ createdAt: m.createdAt, direction: m.direction }));
}

async function projectIngest(
  db: WebcareDb,
  p: Extract<LogPayload, { type: 'messages.ingested' }>,
  at: number,
): Promise<void> {
  if (p.messages.length === 0) return;
  // Messages first: a reply that needs the thread's history finds the whole batch in it.
  await db.messages.bulkAdd(p.messages);
  const ids = [...new Set(p.messages.map((m) => m.conversationId))];
  const stored = await db.conversations.bulkGet(ids);
  const before = new Map<string, Conversation>();
  const convs = new Map<string, Conversation>();
  stored.forEach((c) => c && (before.set(c.id, c), convs.set(c.id, c)));
  for (const s of p.conversations) if (!convs.has(s.id)) convs.set(s.id, emptyConversation(s));

  const texts = new Map<string, string[]>();
  const history = new Map<string, MessageTime[]>();
  for (const m of p.messages) {
    const c = convs.get(m.conversationId);
    if (!c) continue;
    let h: MessageTime[] | undefined;
    if (needsHistory(c, m)) {
      h = history.get(c.id) ?? (await threadHistory(db, c.id));
      history.set(c.id, h);
    }
    convs.set(c.id, projectMessage(c, m, { backfill: p.backfill, ...(h ? { history: h } : {}) }));
    const list = texts.get(c.id) ?? [];
    list.push(m.text);
    texts.set(c.id, list);
  }
  for (const s of p.conversations) {
    const c = convs.get(s.id);
    if (c && s.initial) convs.set(s.id, applySeedState(c, s.initial, at));
  }

  // Authors, then the search words (the customer's name and handle are searchable).
  const authorIds = [...new Set(p.authors.map((a) => a.id))];
  const authorRows = await db.authors.bulkGet(authorIds);
  const authors = new Map<string, Author>();
  authorRows.forEach((a) => a && authors.set(a.id, a));
  for (const s of p.authors) authors.set(s.id, mergeSighting(authors.get(s.id), s));
  if (authors.size) await db.authors.bulkPut([...authors.values()]);
  for (const [id, list] of texts) {
    const c = convs.get(id)!;
    const customer = authors.get(c.authorId) ?? (await db.authors.get(c.authorId));
    convs.set(id, {
      ...c,
      searchTokens: searchTokensOf(
        [c.searchTokens.join(' '), c.subject, ...list, customer?.name, customer?.handle],
        MAX_SEARCH_TOKENS,
      ),
    });
  }

  await indexPublicReplies(db, p.messages, (id) => convs.get(id), at);
  await joinCrises(db, p.messages, convs, p.backfill);
  await putConversations(
    db,
    [...convs.values()].map((c) => [before.get(c.id) ?? null, c] as const),
  );
  // After the conversations: an author recomputed from history finds this batch's threads too.
  await projectMessagesDerived(
    db,
    p.messages,
    (id) => convs.get(id),
    (id) => !before.has(id),
    [...before.values()].flatMap((b) => {
      const after = convs.get(b.id);
      return after && after.authorId !== b.authorId
        ? [{ from: b.authorId, to: after.authorId, demo: b.demo }]
        : [];
    }),
  );
  const toAnalyse = [
    ...new Set(p.messages.filter((m) => m.direction === 'incoming').map((m) => m.conversationId)),
  ];
  if (toAnalyse.length)
    await db.analysisQueue.bulkPut(toAnalyse.map((conversationId) => ({ conversationId, queuedAt: at })));
}

/** New complaints about an active crisis's topic join it; a delivered public reply in it is its first response. */
async function joinCrises(
  db: WebcareDb,
  messages: readonly Message[],
  convs: Map<string, Conversation>,
  backfill: boolean,
): Promise<void> {
  if (backfill) return;
  const active = await db.crises.where('active').equals(1).toArray();
  if (active.length === 0) return;
  for (const crisis of active) {
    let next: CrisisRow = crisis;
    for (const m of messages) {
      const c = convs.get(m.conversationId);
      const brand = m.brand ?? c?.brand ?? null;
      if (!next.conversationIds.includes(m.conversationId)) {
        if (belongsToCrisis(next, { brand, createdAt: m.createdAt, text: m.text, direction: m.direction }))
          next = { ...next, conversationIds: [...next.conversationIds, m.conversationId] };
        else continue;
      }
      if (m.direction === 'outgoing' && m.public && m.delivery === 'sent' && m.createdAt >= next.startedAt)
        next = {
          ...next,
          timeline: addFirstResponse(next, m.id, m.createdAt),
        };
    }
    if (next !== crisis) await db.crises.put(next);
  }
}

function addFirstResponse(crisis: CrisisRow, ref: string, at: number) {
  if (crisis.timeline.some((t) => t.kind === 'first-public-response')) return crisis.timeline;
  return addTimeline(crisis.timeline, { kind: 'first-public-response', at, ref });
}

async function projectAgentMessage(db: WebcareDb, message: Message, reply: boolean): Promise<void> {
  const before = await db.conversations.get(message.conversationId);
  if (!before) return;
  await db.messages.add(message);
  const needs = needsHistory(before, message);
  const after = projectMessage(before, message, {
    backfill: false,
    ...(needs ? { history: await threadHistory(db, before.id) } : {}),
  });
  if (reply) {
    // The idempotency key is the reply's own id, fixed now and kept across every retry (email:
    // the Message-ID's local part, shared/channels/schemas.ts IdempotencyKeySchema).
    await db.outbox.add({
      ...newOutboxEntry({
        messageId: message.id,
        conversationId: message.conversationId,
        accountId: message.accountId,
        idempotencyKey: message.id,
        order: message.createdAt,
        now: message.createdAt,
      }),
      channel: message.channel,
    });
  }
  await indexPublicReplies(db, [message], () => before, message.createdAt);
  await putConversations(db, [[before, after]]);
}

async function projectDelivered(db: WebcareDb, messageId: string, remoteId: string | null, at: number) {
  const m = await db.messages.get(messageId);
  if (!m) return;
  // The delivery time is when the customer got the reply: the dashboard's response times use it.
  // For email the remote id is the Message-ID: a copy of the reply synced back (Sent, a Cc)
  // then dedupes onto this row through [accountId+rfcMessageId].
  const sent: Message = {
    ...m,
    delivery: 'sent',
    remoteId: remoteId ?? m.remoteId,
    deliveredAt: m.deliveredAt ?? at,
    ...(m.channel === 'email' && remoteId ? { rfcMessageId: remoteId } : {}),
  };
  await db.messages.put(sent);
  if (m.delivery !== 'sent') await projectDeliveredDerived(db, m, sent);
  const row = await db.outbox.where('messageId').equals(messageId).first();
  if (row && row.status !== 'sent')
    await db.outbox.put({ ...row, status: 'sent', remoteId, sentAt: at, leaseUntil: null, updatedAt: at });
  if (!sent.public) return;
  const active = await db.crises.where('active').equals(1).toArray();
  for (const c of active)
    if (c.conversationIds.includes(sent.conversationId) && at >= c.startedAt)
      await db.crises.put({ ...c, timeline: addFirstResponse(c, sent.id, at) });
}

function flagCounterDeltas(before: FlagRow | null | undefined, after: FlagRow | null): Map<string, number> {
  const d = new Map<string, number>();
  if (before) d.set(`flags:${before.state}`, -1);
  if (after) d.set(`flags:${after.state}`, (d.get(`flags:${after.state}`) ?? 0) + 1);
  for (const [k, v] of d) if (v === 0) d.delete(k);
  return d;
}

async function projectFlags(
  db: WebcareDb,
  set: readonly FlagRow[],
  cleared: readonly string[],
): Promise<void> {
  const ids = [...set.map((f) => f.conversationId), ...cleared];
  const existing = await db.flags.bulkGet(ids);
  const deltas = new Map<string, number>();
  set.forEach((f, i) => addDeltas(deltas, flagCounterDeltas(existing[i], f)));
  cleared.forEach((_, i) => addDeltas(deltas, flagCounterDeltas(existing[set.length + i], null)));
  if (cleared.length) await db.flags.bulkDelete([...cleared]);
  if (set.length) await db.flags.bulkPut([...set]);
  await applyCounterDeltas(db, deltas);
  await projectFlagsDerived(db, [
    ...set.map((f, i) => ({ id: f.conversationId, before: existing[i], after: f })),
    ...cleared.map((id, i) => ({ id, before: existing[set.length + i], after: null })),
  ]);
}

export const TUNING_KEY = 'tuning';

export async function readTuning(db: WebcareDb): Promise<TuningState> {
  return ((await db.meta.get(TUNING_KEY))?.value as TuningState | undefined) ?? initialTuning();
}

/**
 * A decision on a flag. An escalation or a dismissal is a verdict that tunes the threshold; a
 * decision taken back (undo) removes its verdict and the tuning is recomputed from the verdicts
 * that remain.
 */
async function projectDecision(
  db: WebcareDb,
  conversationId: string,
  state: FlagState,
  at: number,
  isUndo: boolean,
): Promise<void> {
  const flag = await db.flags.get(conversationId);
  if (!flag) return;
  const next: FlagRow = {
    ...flag,
    state,
    active: state === 'dismissed' ? 0 : 1,
    updatedAt: at,
    escalatedAt: state === 'escalated' ? (flag.escalatedAt ?? at) : isUndo ? null : flag.escalatedAt,
  };
  await db.flags.put(next);
  await applyCounterDeltas(db, flagCounterDeltas(flag, next));
  await projectFlagsDerived(db, [{ id: conversationId, before: flag, after: next }]);
  const tuning = await readTuning(db);
  let nextTuning: TuningState;
  if (state === 'escalated' || state === 'dismissed')
    nextTuning = applyFeedback(tuning, {
      conversationId,
      risk: flag.risk,
      verdict: state === 'escalated' ? 'escalate' : 'dismiss',
      at,
      codes: flag.reasons.map((r) => r.code),
    });
  else {
    const rest = tuning.feedback.filter((f) => f.conversationId !== conversationId);
    if (rest.length === tuning.feedback.length) return;
    nextTuning = rest.reduce(applyFeedback, initialTuning());
  }
  await db.meta.put({ key: TUNING_KEY, value: nextTuning });
}

/**
 * Removes every demo row; the agent's own data (demo = 0) stays. Counters are corrected by the
 * removed rows' own contributions (bounded by the demo's size), never recounted from the inbox.
 * The log keeps the demo's events: it is append-only, and replay removes the demo again here.
 */
async function projectDemoRemoved(db: WebcareDb): Promise<void> {
  const convs = await db.conversations.where('demo').equals(1).toArray();
  const ids = convs.map((c) => c.id);
  const idSet = new Set(ids);
  const deltas = new Map<string, number>();
  for (const c of convs) addDeltas(deltas, counterDeltas(c, null));
  const flags = await db.flags.bulkGet(ids);
  for (const f of flags) if (f) addDeltas(deltas, flagCounterDeltas(f, null));
  const demoMessageIds = new Set(await db.messages.where('demo').equals(1).primaryKeys());
  await db.messages.where('demo').equals(1).delete();
  await db.publicReplies.bulkDelete([...demoMessageIds]);
  const demoAuthorSet = new Set(await db.authors.where('demo').equals(1).primaryKeys());
  await db.authors.where('demo').equals(1).delete();
  await db.conversations.bulkDelete(ids);
  await db.drafts.bulkDelete(ids);
  await db.flags.bulkDelete(ids);
  await db.analysisQueue.bulkDelete(ids);
  await db.reads.where('conversationId').anyOf(ids).delete();
  await db.outbox.where('conversationId').anyOf(ids).delete();
  await db.alerts.filter((a) => a.messageIds.every((m) => demoMessageIds.has(m))).delete();
  const crises = await db.crises.toArray();
  for (const c of crises) {
    if (!c.conversationIds.some((id) => idSet.has(id))) continue;
    const left = c.conversationIds.filter((id) => !idSet.has(id));
    if (left.length === 0) await db.crises.delete(c.id);
    else await db.crises.put({ ...c, conversationIds: left });
  }
  await db.accounts.where('source').equals('demo').delete();
  await applyCounterDeltas(db, deltas);
  await removeDemoDerived(db);
  // The watchlist and the relationship log are small (people the team chose): filtered in full.
  await db.watchlist.filter((w) => demoAuthorSet.has(w.authorId)).delete();
  await db.relations.filter((r) => demoAuthorSet.has(r.authorId)).delete();
}
