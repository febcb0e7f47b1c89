import Dexie from 'dexie';
import { crisisId, type ConversationEvidence, type CrisisStart } from '../../shared/crisis/start.ts';
import { belongsToCrisis, topicTerms, type CrisisTopic } from '../../shared/crisis/topic.ts';
import {
  addTimeline,
  type CrisisRow,
  type FlagRow,
  type FlagState,
  type HoldingStatement,
} from '../../shared/crisis/types.ts';
import type { Conversation, Message } from '../../shared/domain/types.ts';
import { CRISIS_PAUSE, applyOutboxEvent } from '../../shared/outbox/state.ts';
import { commit, writeTx } from './log.ts';
import type { WebcareDb } from './schema.ts';

/**
 * The social media manager's decisions on flags and crises, as log events (log.ts). A verdict
 * on a flag ("yes, escalate" / "not an escalation") also tunes the local threshold and is kept as
 * a label for retraining; the projection does both (project.ts), so undo and replay agree.
 */
export async function decideFlag(
  db: WebcareDb,
  conversationId: string,
  state: Exclude<FlagState, 'new'>,
  now: number,
  actor = 'me',
): Promise<FlagRow | null> {
  return writeTx(db, async () => {
    const flag = await db.flags.get(conversationId);
    if (!flag) return null;
    if (flag.state !== state)
      await commit(
        db,
        { type: 'flag.decided', conversationId, state, prior: flag.state },
        { actor, origin: 'agent', at: now, conversationId },
      );
    return (await db.flags.get(conversationId)) ?? null;
  });
}

/** How many flags one list shows at most (highest risk first, read through `[state+risk]`). */
export const FLAG_PAGE = 200;

/**
 * The flags in one state, highest risk first (at most `limit`, through the `[state+risk]` index:
 * the cost is the page, not the number of flags), with their conversations. Flags whose
 * conversation no longer exists are left out and reported as `orphans` (for `dropOrphanFlags`).
 */
export async function flagsWithConversations(
  db: WebcareDb,
  state: FlagState,
  limit = FLAG_PAGE,
): Promise<{ flags: FlagRow[]; conversations: Map<string, Conversation>; orphans: string[] }> {
  const rows = await db.flags
    .where('[state+risk]')
    .between([state, Dexie.minKey], [state, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();
  const convs = await db.conversations.bulkGet(rows.map((f) => f.conversationId));
  const flags: FlagRow[] = [];
  const conversations = new Map<string, Conversation>();
  const orphans: string[] = [];
  rows.forEach((f, i) => {
    const c = convs[i];
    if (c) {
      flags.push(f);
      conversations.set(c.id, c);
    } else orphans.push(f.conversationId);
  });
  return { flags, conversations, orphans };
}

/** Deletes the given flags whose conversation is (still) gone, checked in the same transaction. */
export async function dropOrphanFlags(db: WebcareDb, conversationIds: readonly string[]): Promise<number> {
  return writeTx(db, async () => {
    const convs = await db.conversations.bulkGet([...conversationIds]);
    const gone = conversationIds.filter((_, i) => !convs[i]);
    if (gone.length)
      await commit(
        db,
        { type: 'flags.scored', set: [], cleared: gone },
        { actor: 'system', origin: 'system', at: Date.now() },
      );
    return gone.length;
  });
}

/** How far back the evidence of a crisis started from a flag (no radar alert) may reach. */
export const FLAG_EVIDENCE_WINDOW_MS = 48 * 3_600_000;

/** What a crisis is started with (shared/crisis/start.ts). */
export type StartCrisisInput = CrisisStart;

/** A conversation's customer messages of the evidence window (an indexed range, oldest first). */
async function recentCustomerMessages(
  db: WebcareDb,
  conversationId: string,
  now: number,
): Promise<Message[]> {
  return (
    await db.messages
      .where('[conversationId+createdAt]')
      .between([conversationId, now - FLAG_EVIDENCE_WINDOW_MS], [conversationId, now + 1])
      .toArray()
  ).filter((m) => m.direction === 'incoming');
}

/** What a crisis from a conversation's flag is about: its customer messages of the evidence window. */
export async function conversationEvidence(
  db: WebcareDb,
  conversationId: string,
  now: number,
): Promise<ConversationEvidence> {
  const recent = await recentCustomerMessages(db, conversationId, now);
  return { messageIds: recent.map((m) => m.id), texts: recent.map((m) => m.text) };
}

/**
 * Switches crisis mode on for a brand and topic: pins the topic, routes its conversations to the
 * crisis view, pauses automatic replies and starts the timeline. Membership comes from the topic
 * and time window (shared/crisis/topic.ts): the alert's evidence (or the flag's conversation),
 * plus every conversation of the brand with a customer message about the topic since the first
 * evidence; new matching complaints join later by themselves (project.ts). The first mention is
 * the first piece of evidence, never an old unrelated complaint. One active crisis per brand and topic.
 */
export async function startCrisis(
  db: WebcareDb,
  input: StartCrisisInput,
  now: number,
  actor = 'me',
): Promise<CrisisRow> {
  return writeTx(db, async () => {
    const id = crisisId(input.brand, input.topic);
    const existing = await db.crises.get(id);
    if (existing?.active) return existing;
    const evidence = (await db.messages.bulkGet(input.alert?.messageIds ?? [])).filter(
      (m): m is Message => !!m && m.direction === 'incoming',
    );
    const seedMessages: Message[] = [];
    for (const cid of input.conversationIds)
      seedMessages.push(...(await recentCustomerMessages(db, cid, now)));
    // The first mention is the radar's first piece of evidence; only a crisis started from a flag
    // alone dates from that conversation's own complaint.
    const first = (evidence.length ? evidence : seedMessages).sort((a, b) => a.createdAt - b.createdAt)[0];
    const since = first?.createdAt ?? now;
    let terms = topicTerms(input.alert?.topic ?? input.topic, input.brand);
    if (terms.length === 0) terms = topicTerms(seedMessages.map((m) => m.text).join(' '), input.brand, 4);
    const topic: CrisisTopic = { brand: input.brand, terms, since };
    const members = new Set<string>([...input.conversationIds, ...evidence.map((m) => m.conversationId)]);
    // Everything the brand's customers said about the topic since then: a time window, not the inbox.
    await db.messages
      .where('createdAt')
      .between(since, now + 1)
      .each((m) => {
        if (!members.has(m.conversationId) && belongsToCrisis(topic, m)) members.add(m.conversationId);
      });
    const conversationIds = [...members];
    const flags = (await db.flags.bulkGet(conversationIds)).filter((f): f is FlagRow => !!f);
    let timeline = existing?.timeline ?? [];
    if (first)
      timeline = addTimeline(timeline, { kind: 'first-mention', at: first.createdAt, ref: first.id });
    if (input.alert)
      timeline = addTimeline(timeline, { kind: 'alert', at: input.alert.at, ref: input.alert.id });
    const firstFlag = flags.filter((f) => f.flaggedAt >= since).sort((a, b) => a.flaggedAt - b.flaggedAt)[0];
    if (firstFlag)
      timeline = addTimeline(timeline, {
        kind: 'flag',
        at: firstFlag.flaggedAt,
        ref: firstFlag.conversationId,
      });
    for (const f of flags)
      if (f.escalatedAt && f.escalatedAt >= since)
        timeline = addTimeline(timeline, { kind: 'escalated', at: f.escalatedAt, ref: f.conversationId });
    timeline = addTimeline(timeline, { kind: 'crisis-on', at: now, ref: null });
    const row: CrisisRow = {
      id,
      brand: input.brand,
      topic: input.topic,
      active: 1,
      startedAt: now,
      endedAt: null,
      alertId: input.alert?.id ?? null,
      conversationIds,
      terms,
      since,
      timeline,
      autoRepliesPaused: true,
    };
    await commit(db, { type: 'crisis.started', crisis: row }, { actor, origin: 'agent', at: now });
    return row;
  });
}

export async function endCrisis(db: WebcareDb, id: string, now: number, actor = 'me'): Promise<void> {
  await writeTx(db, async () => {
    const c = await db.crises.get(id);
    if (!c || !c.active) return;
    await commit(db, { type: 'crisis.ended', crisisId: id }, { actor, origin: 'agent', at: now });
    // Automatic replies held by the pause go back to the queue; the next claim holds them again
    // if another crisis that is still on pauses them too (the guard looks at active crises).
    const held = await db.outbox
      .where('[status+nextAttemptAt]')
      .between(['held', Dexie.minKey], ['held', Dexie.maxKey])
      .toArray();
    for (const row of held) {
      if (!row.heldReasons.some((r) => r.code === CRISIS_PAUSE)) continue;
      const released = applyOutboxEvent(row, { type: 'release', codes: [CRISIS_PAUSE] }, now);
      if (released.ok) await db.outbox.put({ ...row, ...released.entry });
    }
  });
}

/** Approved holding statements the crisis view offers (seeded with the demo; editable later). */
export const DEFAULT_STATEMENTS: HoldingStatement[] = [
  {
    id: 'holding-outage-nl',
    lang: 'nl',
    title: 'Storing: we weten het en werken eraan',
    body: 'We weten dat er op dit moment een storing is en dat je hier last van hebt. Onze technici werken eraan met de hoogste prioriteit. We houden je hier op de hoogte; de laatste stand van zaken staat ook op onze storingspagina. Sorry voor het ongemak.',
    approved: true,
  },
  {
    id: 'holding-outage-en',
    lang: 'en',
    title: 'Outage: we know and we are on it',
    body: 'We know there is an outage right now and that it affects you. Our engineers are working on it with top priority. We will keep you posted here; the latest status is also on our service status page. We are sorry for the trouble.',
    approved: true,
  },
  {
    id: 'holding-dm-nl',
    lang: 'nl',
    title: 'Persoonlijk oppakken via DM',
    body: 'Vervelend dat dit zo loopt, en terecht dat je het aankaart. We willen dit persoonlijk met je oplossen: stuur je ons een DM met je klantnummer? Dan zoeken we het direct uit.',
    approved: true,
  },
  {
    id: 'holding-dm-en',
    lang: 'en',
    title: 'Take it to DM personally',
    body: 'We are sorry this happened, and you are right to raise it. We want to sort this out with you personally: could you send us a DM with your customer number? We will look into it straight away.',
    approved: true,
  },
];
