import { extractSignals, scoreSignals, type Polarity } from '../analysis/index.ts';
import type { FlagRow } from '../crisis/types.ts';
import type { Message } from '../domain/types.ts';

/**
 * Dashboard rollups: per hour × channel × brand (× demo, so that removing the demo removes its
 * rows), counts that the projection keeps up to date in the same transaction as the change they
 * count. The dashboard reads the rows of its period (bounded by period × channels × brands, never
 * by the size of the inbox). Every contribution is a pure function of one stored row, and a
 * change applies `contribution(after) - contribution(before)`, so any order of arrival and a
 * full recompute from the rows (`recomputeRollups`) give the same numbers.
 */
export const HOUR_MS = 3_600_000;

/** The first-response target the dashboard measures against (one hour, the webcare norm). */
export const RESPONSE_TARGET_MS = HOUR_MS;

/** Response-time bins (upper bounds, exclusive); the last bin is everything slower. */
export const RESPONSE_BINS_MS = [15 * 60_000, HOUR_MS, 4 * HOUR_MS, 24 * HOUR_MS] as const;
export const RESPONSE_BIN_KEYS = ['rt15m', 'rt1h', 'rt4h', 'rt24h', 'rtSlower'] as const;

export const METRICS = [
  /** Customer messages. */
  'incoming',
  'negative',
  'neutral',
  'positive',
  /** Customer messages by kind: complaint, question, praise (the rest are `incoming` only). */
  'complaints',
  'questions',
  'praise',
  /** Delivered replies (sent by the channel, or ingested from it). */
  'outgoing',
  /** Conversations whose first customer message fell in this hour and got a delivered reply. */
  'responded',
  /** ... and those still without one. */
  'unanswered',
  'responseMs',
  'withinTarget',
  ...RESPONSE_BIN_KEYS,
  /** Escalation flags by the hour they were raised, and those escalated. */
  'flags',
  'escalated',
  /** Radar alerts (brand level: channel `*`). */
  'alerts',
] as const;
export type Metric = (typeof METRICS)[number];

export type Counts = Partial<Record<Metric, number>>;

export interface RollupRow extends Record<Metric, number> {
  /** `${hour}|${channel}|${brand}|${demo}` */
  key: string;
  hour: number;
  channel: string;
  brand: string;
  demo: 0 | 1;
}

/** Deltas keyed by rollup key. */
export type RollupDeltas = Map<string, Counts>;

export const hourOf = (t: number): number => Math.floor(t / HOUR_MS) * HOUR_MS;

export function rollupKey(hour: number, channel: string, brand: string | null, demo: 0 | 1): string {
  return `${hour}|${channel}|${brand ?? ''}|${demo}`;
}

export function parseRollupKey(key: string): Pick<RollupRow, 'hour' | 'channel' | 'brand' | 'demo'> {
  const [hour, channel, brand, demo] = key.split('|');
  return { hour: Number(hour), channel: channel ?? '', brand: brand ?? '', demo: demo === '1' ? 1 : 0 };
}

export function emptyRow(key: string): RollupRow {
  const row = { key, ...parseRollupKey(key) } as RollupRow;
  for (const m of METRICS) row[m] = 0;
  return row;
}

export function addDelta(into: RollupDeltas, key: string, counts: Counts, sign = 1): void {
  const d = into.get(key) ?? {};
  for (const [m, v] of Object.entries(counts) as [Metric, number][]) if (v) d[m] = (d[m] ?? 0) + sign * v;
  into.set(key, d);
}

export function mergeDeltas(into: RollupDeltas, from: RollupDeltas, sign = 1): void {
  for (const [k, c] of from) addDelta(into, k, c, sign);
}

/** Applies deltas to rows (a pure step; the repository reads and writes the rows). */
export function applyDeltas(rows: ReadonlyMap<string, RollupRow>, deltas: RollupDeltas): RollupRow[] {
  const out: RollupRow[] = [];
  for (const [key, d] of deltas) {
    const row = { ...(rows.get(key) ?? emptyRow(key)) };
    let changed = false;
    for (const [m, v] of Object.entries(d) as [Metric, number][])
      if (v) {
        row[m] += v;
        changed = true;
      }
    if (changed) out.push(row);
  }
  return out;
}

export type MessageKind = 'complaint' | 'question' | 'praise' | 'other';

export interface MessageClass {
  polarity: Polarity;
  kind: MessageKind;
}

/**
 * What the dashboard counts a customer message as: the shipped polarity and complaint models
 * (pure and deterministic, so replay scores the same). A complaint is a complaint whatever else
 * it says; otherwise a question (a question cue or mark) is a question, and praise (a praise cue
 * or a positive message) praise.
 */
export function classifyMessage(text: string, lang: string | null): MessageClass {
  const sig = extractSignals(text, lang);
  const s = scoreSignals('', sig, { texts: false, maxReasons: 0 });
  const kind: MessageKind = s.isComplaint
    ? 'complaint'
    : sig.values['cue.question'] > 0 || text.includes('?')
      ? 'question'
      : sig.values['cue.praise'] > 0 || s.polarity === 'positive'
        ? 'praise'
        : 'other';
  return { polarity: s.polarity, kind };
}

/** Whether an outgoing message reached the customer (a reply written here is delivered once sent). */
export function isDelivered(m: Pick<Message, 'direction' | 'delivery'>): boolean {
  return m.direction === 'outgoing' && (m.delivery === null || m.delivery === 'sent');
}

/** When a delivered reply reached the customer: the channel's acceptance, or its own time. */
export function deliveredAt(m: Pick<Message, 'createdAt' | 'deliveredAt'>): number {
  return m.deliveredAt ?? m.createdAt;
}

/** One stored message's contribution (customer message: volume and class; reply: once delivered). */
export function messageContribution(m: Message, cls: MessageClass | null): RollupDeltas {
  const d: RollupDeltas = new Map();
  if (m.direction === 'incoming') {
    const c = cls ?? classifyMessage(m.text, m.lang);
    const counts: Counts = { incoming: 1, [c.polarity]: 1 };
    if (c.kind === 'complaint') counts.complaints = 1;
    if (c.kind === 'question') counts.questions = 1;
    if (c.kind === 'praise') counts.praise = 1;
    addDelta(d, rollupKey(hourOf(m.createdAt), m.channel, m.brand, m.demo), counts);
  } else if (isDelivered(m)) {
    addDelta(d, rollupKey(hourOf(deliveredAt(m)), m.channel, m.brand, m.demo), { outgoing: 1 });
  }
  return d;
}

/**
 * The first response of a conversation: its first customer message, and the earliest delivered
 * reply written at or after it (only delivered replies count: a reply still in the outbox has not
 * answered anyone). Stored per conversation so the rollup can move its contribution when an older
 * message or a faster reply arrives later.
 */
export interface ResponseFact {
  conversationId: string;
  channel: string;
  brand: string;
  demo: 0 | 1;
  firstIncomingAt: number;
  respondedAt: number | null;
}

export type FactMessage = Pick<
  Message,
  | 'conversationId'
  | 'channel'
  | 'brand'
  | 'demo'
  | 'direction'
  | 'delivery'
  | 'createdAt'
  | 'deliveredAt'
  | 'id'
>;

/** The fact from all of a conversation's messages (ties broken by id, like the projection). */
export function responseFactOf(messages: readonly FactMessage[]): ResponseFact | null {
  let first: FactMessage | null = null;
  for (const m of messages)
    if (
      m.direction === 'incoming' &&
      (!first || m.createdAt < first.createdAt || (m.createdAt === first.createdAt && m.id < first.id))
    )
      first = m;
  if (!first) return null;
  let respondedAt: number | null = null;
  for (const m of messages)
    if (isDelivered(m) && m.createdAt >= first.createdAt) {
      const t = deliveredAt(m);
      if (respondedAt === null || t < respondedAt) respondedAt = t;
    }
  return {
    conversationId: first.conversationId,
    channel: first.channel,
    brand: first.brand ?? '',
    demo: first.demo,
    firstIncomingAt: first.createdAt,
    respondedAt,
  };
}

/**
 * Folds new messages of one conversation into its fact without reading the thread, when that is
 * possible: `null` means the first customer message moved earlier (a back-dated arrival), so
 * replies between the old and the new start may count and the caller recomputes from the thread.
 */
export function foldResponseFact(
  fact: ResponseFact | null,
  added: readonly FactMessage[],
): ResponseFact | 'recompute' {
  if (!fact) return 'recompute';
  const earlier = added.some((m) => m.direction === 'incoming' && m.createdAt < fact.firstIncomingAt);
  if (earlier) return 'recompute';
  let respondedAt = fact.respondedAt;
  for (const m of added)
    if (isDelivered(m) && m.createdAt >= fact.firstIncomingAt) {
      const t = deliveredAt(m);
      if (respondedAt === null || t < respondedAt) respondedAt = t;
    }
  return respondedAt === fact.respondedAt ? fact : { ...fact, respondedAt };
}

export function responseBin(ms: number): (typeof RESPONSE_BIN_KEYS)[number] {
  const i = RESPONSE_BINS_MS.findIndex((b) => ms < b);
  return RESPONSE_BIN_KEYS[i === -1 ? RESPONSE_BIN_KEYS.length - 1 : i]!;
}

export function factContribution(f: ResponseFact | null): RollupDeltas {
  const d: RollupDeltas = new Map();
  if (!f) return d;
  const key = rollupKey(hourOf(f.firstIncomingAt), f.channel, f.brand, f.demo);
  if (f.respondedAt === null) addDelta(d, key, { unanswered: 1 });
  else {
    // A reply sent before the customer's message was written (clock skew) counts as immediate.
    const ms = Math.max(0, f.respondedAt - f.firstIncomingAt);
    addDelta(d, key, {
      responded: 1,
      responseMs: ms,
      withinTarget: ms <= RESPONSE_TARGET_MS ? 1 : 0,
      [responseBin(ms)]: 1,
    });
  }
  return d;
}

export function factChange(before: ResponseFact | null, after: ResponseFact | null): RollupDeltas {
  const d = factContribution(after);
  mergeDeltas(d, factContribution(before), -1);
  return d;
}

/** A flag row's contribution: by the hour it was raised, on its conversation's channel and brand. */
export function flagContribution(f: FlagRow | null | undefined, demo: 0 | 1): RollupDeltas {
  const d: RollupDeltas = new Map();
  if (!f) return d;
  addDelta(d, rollupKey(hourOf(f.flaggedAt), f.channel, f.brand, demo), {
    flags: 1,
    escalated: f.state === 'escalated' ? 1 : 0,
  });
  return d;
}

export function alertContribution(a: { at: number; brand: string }, demo: 0 | 1): RollupDeltas {
  const d: RollupDeltas = new Map();
  addDelta(d, rollupKey(hourOf(a.at), '*', a.brand, demo), { alerts: 1 });
  return d;
}

/** Drops zero deltas so equal states write nothing. */
export function compact(d: RollupDeltas): RollupDeltas {
  const out: RollupDeltas = new Map();
  for (const [k, c] of d) {
    const kept: Counts = {};
    let any = false;
    for (const [m, v] of Object.entries(c) as [Metric, number][])
      if (v) {
        kept[m] = v;
        any = true;
      }
    if (any) out.set(k, kept);
  }
  return out;
}

/** Rows that are all zeros carry nothing; recompute leaves them out, so comparisons skip them. */
export function isEmptyRow(r: RollupRow): boolean {
  return METRICS.every((m) => r[m] === 0);
}

/**
 * The rollups from scratch, from stored rows: what the incremental path must always equal. Used
 * by tests and by the "Recount dashboard" repair (which reads the whole inbox, on request only).
 */
export function recomputeRollups(input: {
  messages: Iterable<Message>;
  /** Classes already computed for customer messages, by message id (computed here otherwise). */
  classes?: ReadonlyMap<string, MessageClass>;
  flags: Iterable<{ flag: FlagRow; demo: 0 | 1 }>;
  alerts: Iterable<{ at: number; brand: string; demo: 0 | 1 }>;
}): Map<string, RollupRow> {
  const deltas: RollupDeltas = new Map();
  const byConversation = new Map<string, Message[]>();
  for (const m of input.messages) {
    mergeDeltas(deltas, messageContribution(m, input.classes?.get(m.id) ?? null));
    const list = byConversation.get(m.conversationId) ?? [];
    list.push(m);
    byConversation.set(m.conversationId, list);
  }
  for (const list of byConversation.values()) mergeDeltas(deltas, factContribution(responseFactOf(list)));
  for (const { flag, demo } of input.flags) mergeDeltas(deltas, flagContribution(flag, demo));
  for (const a of input.alerts) mergeDeltas(deltas, alertContribution(a, a.demo));
  const rows = new Map<string, RollupRow>();
  for (const r of applyDeltas(new Map(), compact(deltas))) if (!isEmptyRow(r)) rows.set(r.key, r);
  return rows;
}
