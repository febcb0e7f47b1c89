import { applyFeedback, type Verdict } from '../../shared/analysis/index.ts';
import {
  addTimeline,
  type AlertRow,
  type CrisisRow,
  type FlagRow,
  type FlagState,
  type HoldingStatement,
} from '../../shared/crisis/types.ts';
import type { Conversation, Message } from '../../shared/domain/types.ts';
import { readTuning, TUNING_KEY } from '../analysis/analyze.ts';
import type { WebcareDb } from './schema.ts';

/**
 * The social media manager's decisions on flags and crises. A verdict on a flag ("yes,
 * escalate" / "not an escalation") also tunes the local threshold and is kept as a label for
 * retraining (STYLE.md §5: multi-table writes in one transaction).
 */
export async function decideFlag(
  db: WebcareDb,
  conversationId: string,
  state: Exclude<FlagState, 'new'>,
  now: number,
): Promise<FlagRow | null> {
  return db.transaction('rw', [db.flags, db.meta], async () => {
    const flag = await db.flags.get(conversationId);
    if (!flag) return null;
    const next: FlagRow = {
      ...flag,
      state,
      active: state === 'dismissed' ? 0 : 1,
      updatedAt: now,
      escalatedAt: state === 'escalated' ? (flag.escalatedAt ?? now) : flag.escalatedAt,
    };
    await db.flags.put(next);
    const verdict: Verdict | null =
      state === 'escalated' ? 'escalate' : state === 'dismissed' ? 'dismiss' : null;
    if (verdict) {
      const tuning = applyFeedback(await readTuning(db), {
        conversationId,
        risk: flag.risk,
        verdict,
        at: now,
        codes: flag.reasons.map((r) => r.code),
      });
      await db.meta.put({ key: TUNING_KEY, value: tuning });
    }
    return next;
  });
}

/**
 * The flags in one state, highest risk first, with their conversations. Flags whose conversation
 * no longer exists are left out and reported as `orphans` (for `dropOrphanFlags`). The flags
 * table holds the flagged minority of the inbox, so this reads flags, not the inbox.
 */
export async function flagsWithConversations(
  db: WebcareDb,
  state: FlagState,
): Promise<{ flags: FlagRow[]; conversations: Map<string, Conversation>; orphans: string[] }> {
  const rows = (await db.flags.where('state').equals(state).toArray()).sort((a, b) => b.risk - a.risk);
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
  return db.transaction('rw', [db.conversations, db.flags], async () => {
    const convs = await db.conversations.bulkGet([...conversationIds]);
    const gone = conversationIds.filter((_, i) => !convs[i]);
    await db.flags.bulkDelete(gone);
    return gone.length;
  });
}

/** Conversations behind an alert's evidence plus the brand's open flags: what the crisis view shows. */
export async function crisisConversations(
  db: WebcareDb,
  brand: string,
  messageIds: readonly string[],
  include: readonly string[] = [],
): Promise<string[]> {
  const messages = (await db.messages.bulkGet([...messageIds])).filter((m): m is Message => !!m);
  const ids = new Set([...include, ...messages.map((m) => m.conversationId)]);
  const flags = await db.flags.where('[active+risk]').between([1, 0], [1, 101]).toArray();
  for (const f of flags) if (f.brand === brand) ids.add(f.conversationId);
  return [...ids];
}

/**
 * Switches crisis mode on for a brand and topic: pins the topic, routes its conversations to the
 * crisis view, pauses automatic replies and starts the timeline with the first mention and the
 * first flag. One active crisis per brand and topic.
 */
export async function startCrisis(
  db: WebcareDb,
  input: { brand: string; topic: string; alert: AlertRow | null; conversationIds: string[] },
  now: number,
): Promise<CrisisRow> {
  return db.transaction('rw', [db.crises, db.alerts, db.messages, db.flags], async () => {
    const id = `crisis-${input.brand}-${input.topic}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    const existing = await db.crises.get(id);
    if (existing?.active) return existing;
    const evidence = (await db.messages.bulkGet(input.alert?.messageIds ?? [])).filter(
      (m): m is Message => !!m,
    );
    const conversationMessages = await Promise.all(
      input.conversationIds.map((cid) =>
        db.messages.where('[conversationId+createdAt]').between([cid, 0], [cid, Infinity]).first(),
      ),
    );
    const first = [...evidence, ...conversationMessages.filter((m): m is Message => !!m)].sort(
      (a, b) => a.createdAt - b.createdAt,
    )[0];
    const flags = (await db.flags.bulkGet(input.conversationIds)).filter((f): f is FlagRow => !!f);
    let timeline = existing?.timeline ?? [];
    if (first)
      timeline = addTimeline(timeline, { kind: 'first-mention', at: first.createdAt, ref: first.id });
    if (input.alert)
      timeline = addTimeline(timeline, { kind: 'alert', at: input.alert.at, ref: input.alert.id });
    const firstFlag = flags.sort((a, b) => a.flaggedAt - b.flaggedAt)[0];
    if (firstFlag)
      timeline = addTimeline(timeline, {
        kind: 'flag',
        at: firstFlag.flaggedAt,
        ref: firstFlag.conversationId,
      });
    for (const f of flags)
      if (f.escalatedAt)
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
      conversationIds: input.conversationIds,
      timeline,
      autoRepliesPaused: true,
    };
    await db.crises.put(row);
    if (input.alert) await db.alerts.update(input.alert.id, { state: 'crisis' });
    return row;
  });
}

export async function endCrisis(db: WebcareDb, id: string, now: number): Promise<void> {
  await db.transaction('rw', [db.crises], async () => {
    const c = await db.crises.get(id);
    if (!c || !c.active) return;
    await db.crises.put({
      ...c,
      active: 0,
      endedAt: now,
      autoRepliesPaused: false,
      timeline: addTimeline(c.timeline, { kind: 'crisis-off', at: now, ref: null }),
    });
  });
}

/** Records the first public reply in a conversation of an active crisis on its timeline. */
export async function recordReply(
  db: WebcareDb,
  message: Pick<Message, 'id' | 'conversationId' | 'public' | 'createdAt'>,
): Promise<void> {
  if (!message.public) return;
  await db.transaction('rw', [db.crises], async () => {
    const active = await db.crises.where('active').equals(1).toArray();
    for (const c of active) {
      if (!c.conversationIds.includes(message.conversationId)) continue;
      if (c.timeline.some((t) => t.kind === 'first-public-response')) continue;
      await db.crises.put({
        ...c,
        timeline: addTimeline(c.timeline, {
          kind: 'first-public-response',
          at: message.createdAt,
          ref: message.id,
        }),
      });
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
