import { classifyMessage, isDelivered } from '../dashboard/rollups.ts';
import type { Message } from '../domain/types.ts';
import type { CrisisRow, TimelineEntry } from './types.ts';

/** The crisis chart counts per five minutes. */
export const CRISIS_BIN_MS = 5 * 60_000;
/** At most a day of bins (288): a longer crisis shows its last 24 hours. */
export const CRISIS_CHART_MAX_BINS = 288;
/** The chart starts a little before the first evidence, so the first mention is not on the edge. */
const LEAD_MS = 15 * 60_000;

/** The timeline events the chart marks, in this order of importance. */
export const CRISIS_CHART_EVENTS = ['first-mention', 'alert', 'escalated', 'first-public-response'] as const;
export type CrisisChartEvent = (typeof CRISIS_CHART_EVENTS)[number];

export type CrisisChartMessage = Pick<
  Message,
  'conversationId' | 'authorId' | 'createdAt' | 'direction' | 'public' | 'text' | 'lang' | 'delivery'
>;

export interface CrisisChartInput {
  crisis: Pick<CrisisRow, 'since' | 'startedAt' | 'endedAt' | 'timeline'>;
  /** The messages of the crisis's conversations (others are not counted). */
  messages: readonly CrisisChartMessage[];
  /** Followers per author id (null or missing: no known reach). */
  followers: ReadonlyMap<string, number | null>;
  /** When each flag of the crisis's conversations was raised. */
  flaggedAt: readonly number[];
  now: number;
}

export interface CrisisSeries {
  /** Bin start times (epoch ms), every CRISIS_BIN_MS. */
  bins: number[];
  /** Customer messages per bin, and how many of them read negative. */
  mentions: number[];
  negative: number[];
  /** Net sentiment per bin, (positive − negative) / mentions in −1..1; null without mentions. */
  sentiment: (number | null)[];
  /** Followers of the customers who wrote in the bin: how many people could see it. */
  reach: number[];
  flags: number[];
  /** Our public replies that reached the channel. */
  responses: number[];
  /** Each marked event once (the first of its kind), with the bin it falls in. */
  events: { kind: CrisisChartEvent; at: number; bin: number }[];
}

const firstOf = (timeline: readonly TimelineEntry[], kind: TimelineEntry['kind']): number | null =>
  timeline.reduce<number | null>((m, e) => (e.kind === kind && (m === null || e.at < m) ? e.at : m), null);

/**
 * The crisis timeline chart's series: per five minutes the mentions (customer messages in the
 * crisis's conversations), their sentiment, their reach, the flags raised and our public
 * responses, with the timeline's first mention, alert, escalation and first public response.
 * Pure: `now` closes the chart of a running crisis. Where the timeline has no first mention,
 * the first customer message since the crisis's first evidence is it.
 */
export function crisisSeries(input: CrisisChartInput): CrisisSeries {
  const { crisis, now } = input;
  const incoming = input.messages.filter((m) => m.direction === 'incoming');
  const ours = input.messages.filter((m) => m.public && isDelivered(m) && m.createdAt >= crisis.since);
  const firstIncoming = incoming.reduce<number | null>(
    (m, x) => (x.createdAt >= crisis.since && (m === null || x.createdAt < m) ? x.createdAt : m),
    null,
  );
  const at: Record<CrisisChartEvent, number | null> = {
    'first-mention': firstOf(crisis.timeline, 'first-mention') ?? firstIncoming,
    alert: firstOf(crisis.timeline, 'alert'),
    escalated: firstOf(crisis.timeline, 'escalated') ?? firstOf(crisis.timeline, 'crisis-on'),
    // Only the timeline's: a response counts once the channel accepted it during the crisis (as
    // in the report), not an earlier reply in one of its conversations.
    'first-public-response': firstOf(crisis.timeline, 'first-public-response'),
  };

  const end = Math.max(crisis.endedAt ?? now, crisis.since + CRISIS_BIN_MS);
  const to = Math.ceil(end / CRISIS_BIN_MS) * CRISIS_BIN_MS;
  const earliest = Math.min(crisis.since, ...Object.values(at).filter((x): x is number => x !== null));
  let from = Math.floor((earliest - LEAD_MS) / CRISIS_BIN_MS) * CRISIS_BIN_MS;
  from = Math.max(from, to - CRISIS_CHART_MAX_BINS * CRISIS_BIN_MS);
  const n = Math.max(1, (to - from) / CRISIS_BIN_MS);
  const zeros = () => new Array<number>(n).fill(0);
  const s: CrisisSeries = {
    bins: Array.from({ length: n }, (_, i) => from + i * CRISIS_BIN_MS),
    mentions: zeros(),
    negative: zeros(),
    sentiment: new Array<number | null>(n).fill(null),
    reach: zeros(),
    flags: zeros(),
    responses: zeros(),
    events: [],
  };
  const binOf = (t: number): number | null => {
    if (t < from || t >= to) return null;
    return Math.floor((t - from) / CRISIS_BIN_MS);
  };
  const positive = zeros();
  for (const m of incoming) {
    const i = binOf(m.createdAt);
    if (i === null) continue;
    const { polarity } = classifyMessage(m.text, m.lang);
    s.mentions[i]! += 1;
    if (polarity === 'negative') s.negative[i]! += 1;
    if (polarity === 'positive') positive[i]! += 1;
    s.reach[i]! += input.followers.get(m.authorId) ?? 0;
  }
  for (let i = 0; i < n; i++)
    if (s.mentions[i]! > 0) s.sentiment[i] = (positive[i]! - s.negative[i]!) / s.mentions[i]!;
  for (const t of input.flaggedAt) {
    const i = binOf(t);
    if (i !== null) s.flags[i]! += 1;
  }
  for (const m of ours) {
    const i = binOf(m.createdAt);
    if (i !== null) s.responses[i]! += 1;
  }
  for (const kind of CRISIS_CHART_EVENTS) {
    const t = at[kind];
    const i = t === null ? null : binOf(t);
    if (t !== null && i !== null) s.events.push({ kind, at: t, bin: i });
  }
  s.events.sort((a, b) => a.at - b.at);
  return s;
}
