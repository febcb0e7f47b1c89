import type { Polarity } from '../analysis/index.ts';
import type { Message } from '../domain/types.ts';
import { classifyMessage, deliveredAt, isDelivered, type MessageClass } from './rollups.ts';

/**
 * Per-author statistics for the author directory and complainer-to-ambassador tracking, kept by
 * the projection like the dashboard rollups.
 *
 * Definition (README, "Complainer to ambassador"): an author is a **complainer** from their first
 * negative message (negative polarity or a complaint). Our **reply** is the first delivered reply
 * in one of their conversations written at or after that message. They are **converted** when
 * their newest public message after that reply is neutral or positive, and **relapsed** when a
 * public message after the reply was neutral or positive but their newest one is negative again.
 * A complainer who has not written publicly since our reply stays a complainer.
 */
export const AUTHOR_STATUSES = ['none', 'complainer', 'converted', 'relapsed'] as const;
export type AuthorStatus = (typeof AUTHOR_STATUSES)[number];

export const WEEK_MS = 7 * 24 * 3_600_000;

export interface AuthorStats {
  authorId: string;
  demo: 0 | 1;
  incoming: number;
  complaints: number;
  negative: number;
  neutral: number;
  positive: number;
  /** Per epoch week: [negative, neutral, positive] customer messages (the sentiment trend). */
  weeks: Record<string, [number, number, number]>;
  firstNegativeAt: number | null;
  repliedAt: number | null;
  /** First neutral-or-positive public message after our reply. */
  recoveredAt: number | null;
  lastPublicAt: number | null;
  lastPublicPolarity: Polarity | null;
  lastIncomingAt: number | null;
  /** Newest delivered reply to them (the last contact from our side). */
  lastContactAt: number | null;
  /** Event time of the newest fact folded in: older arrivals make the fold start over. */
  latestAt: number;
  latestId: string;
  status: AuthorStatus;
  /** When the status last changed (the time of the message that changed it). */
  statusAt: number;
}

export type AuthorEvent =
  | { id: string; at: number; kind: 'in'; polarity: Polarity; complaint: boolean; public: boolean }
  | { id: string; at: number; kind: 'reply'; deliveredAt: number };

function empty(authorId: string, demo: 0 | 1): AuthorStats {
  return {
    authorId,
    demo,
    incoming: 0,
    complaints: 0,
    negative: 0,
    neutral: 0,
    positive: 0,
    weeks: {},
    firstNegativeAt: null,
    repliedAt: null,
    recoveredAt: null,
    lastPublicAt: null,
    lastPublicPolarity: null,
    lastIncomingAt: null,
    lastContactAt: null,
    latestAt: -Infinity,
    latestId: '',
    status: 'none',
    statusAt: 0,
  };
}

const order = (a: AuthorEvent, b: AuthorEvent) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function statusOf(s: AuthorStats): AuthorStatus {
  if (s.firstNegativeAt === null) return 'none';
  if (s.repliedAt === null || s.lastPublicAt === null || s.lastPublicAt < s.repliedAt) return 'complainer';
  if (s.lastPublicPolarity !== 'negative') return 'converted';
  return s.recoveredAt !== null ? 'relapsed' : 'complainer';
}

/**
 * Folds events into the stats, in time order. Events older than what was folded before mean the
 * history must be read again (`'recompute'`): the first complaint or our first reply may move.
 */
export function foldAuthor(
  stats: AuthorStats | null,
  authorId: string,
  demo: 0 | 1,
  events: readonly AuthorEvent[],
): AuthorStats | 'recompute' {
  const sorted = [...events].sort(order);
  const first = sorted[0];
  if (!first) return stats ?? empty(authorId, demo);
  if (stats && order(first, { id: stats.latestId, at: stats.latestAt, kind: 'reply', deliveredAt: 0 }) <= 0)
    return 'recompute';
  const s: AuthorStats = stats ? { ...stats, weeks: { ...stats.weeks } } : empty(authorId, demo);
  for (const e of sorted) {
    if (e.kind === 'in') {
      s.incoming++;
      s[e.polarity]++;
      if (e.complaint) s.complaints++;
      const w = String(Math.floor(e.at / WEEK_MS));
      const cell: [number, number, number] = [...(s.weeks[w] ?? [0, 0, 0])] as [number, number, number];
      cell[e.polarity === 'negative' ? 0 : e.polarity === 'neutral' ? 1 : 2]++;
      s.weeks[w] = cell;
      s.lastIncomingAt = e.at;
      const negative = e.polarity === 'negative' || e.complaint;
      if (negative && s.firstNegativeAt === null) s.firstNegativeAt = e.at;
      if (e.public) {
        s.lastPublicAt = e.at;
        s.lastPublicPolarity = negative ? 'negative' : e.polarity;
        if (!negative && s.repliedAt !== null && s.recoveredAt === null) s.recoveredAt = e.at;
      }
    } else {
      s.lastContactAt = Math.max(s.lastContactAt ?? -Infinity, e.deliveredAt);
      if (s.firstNegativeAt !== null && s.repliedAt === null) s.repliedAt = e.at;
    }
    s.latestAt = e.at;
    s.latestId = e.id;
    const status = statusOf(s);
    if (status !== s.status) {
      s.status = status;
      s.statusAt = e.at;
    }
  }
  return s;
}

/** The stats from an author's whole history (what the fold must always equal). */
export function authorStatsOf(authorId: string, demo: 0 | 1, events: readonly AuthorEvent[]): AuthorStats {
  return foldAuthor(null, authorId, demo, events) as AuthorStats;
}

/** The sentiment trend of the last `n` weeks up to `now`: net score per week (-1..1), null if silent. */
export function sentimentTrend(s: AuthorStats, now: number, n = 8): (number | null)[] {
  const cur = Math.floor(now / WEEK_MS);
  const out: (number | null)[] = [];
  for (let w = cur - n + 1; w <= cur; w++) {
    const c = s.weeks[String(w)];
    const total = c ? c[0] + c[1] + c[2] : 0;
    out.push(c && total ? (c[2] - c[0]) / total : null);
  }
  return out;
}

/** What a stored message means for its author's stats (a customer message, or our delivered reply). */
export function authorEventOf(m: Message, cls: MessageClass | null): AuthorEvent | null {
  if (m.direction === 'incoming') {
    const c = cls ?? classifyMessage(m.text, m.lang);
    return {
      id: m.id,
      at: m.createdAt,
      kind: 'in',
      polarity: c.polarity,
      complaint: c.kind === 'complaint',
      public: m.public,
    };
  }
  if (isDelivered(m)) return { id: m.id, at: m.createdAt, kind: 'reply', deliveredAt: deliveredAt(m) };
  return null;
}

/** Key of the stored per-status totals (`meta['author-status-counts']`): demo flag and status. */
export const statusCountKey = (s: Pick<AuthorStats, 'demo' | 'status'>): string => `${s.demo}:${s.status}`;

/** The status totals of a set of stats (authors without a complaint are not counted). */
export function statusCountsOf(stats: Iterable<AuthorStats>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of stats) if (s.status !== 'none') out[statusCountKey(s)] = (out[statusCountKey(s)] ?? 0) + 1;
  return out;
}
