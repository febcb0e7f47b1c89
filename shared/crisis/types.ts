/**
 * Escalation flags, radar alerts and crisis mode as stored by the app. Reasons are stored as
 * code + value and rendered in the agent's language at display time.
 */
export interface StoredReason {
  code: string;
  value: string | number;
  weight: number;
}

export const FLAG_STATES = ['new', 'acknowledged', 'escalated', 'dismissed'] as const;
export type FlagState = (typeof FLAG_STATES)[number];

export interface FlagRow {
  conversationId: string;
  risk: number;
  threshold: number;
  severity: number;
  reasons: StoredReason[];
  state: FlagState;
  brand: string | null;
  channel: string;
  /** Epoch ms of the oldest unanswered public customer message, or null. */
  exposureSince: number | null;
  flaggedAt: number;
  updatedAt: number;
  escalatedAt: number | null;
  /** 1 while the flag needs attention (not dismissed, conversation not resolved); indexed with risk. */
  active: 0 | 1;
}

export interface AlertRow {
  id: string;
  kind: 'crisis' | 'escalation';
  /** Epoch ms (event time) at which the alert fired. */
  at: number;
  brand: string;
  topic: string;
  score: number;
  messageIds: string[];
  reasons: StoredReason[];
  state: 'new' | 'seen' | 'crisis';
}

export const TIMELINE_KINDS = [
  'first-mention',
  'alert',
  'flag',
  'escalated',
  'crisis-on',
  'first-public-response',
  'crisis-off',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  kind: TimelineKind;
  at: number;
  /** A message or conversation id the entry points at. */
  ref: string | null;
}

export interface CrisisRow {
  id: string;
  brand: string;
  topic: string;
  active: 0 | 1;
  startedAt: number;
  endedAt: number | null;
  alertId: string | null;
  conversationIds: string[];
  /** What the crisis is about (topic.ts): new complaints that match join it. */
  terms: string[];
  /** Epoch ms of the first evidence; earlier messages are not part of the crisis. */
  since: number;
  timeline: TimelineEntry[];
  /** Automatic replies (auto-acknowledgements, away messages) are held while a crisis runs. */
  autoRepliesPaused: boolean;
}

export interface HoldingStatement {
  id: string;
  lang: 'nl' | 'en';
  title: string;
  body: string;
  approved: boolean;
}

/** Adds a timeline entry once per kind+ref, keeping the timeline in time order. */
export function addTimeline(timeline: readonly TimelineEntry[], entry: TimelineEntry): TimelineEntry[] {
  if (timeline.some((t) => t.kind === entry.kind && t.ref === entry.ref)) return [...timeline];
  return [...timeline, entry].sort((a, b) => a.at - b.at);
}

/** The three moments the report is about: first mention, first flag, first public response. */
export function crisisClock(timeline: readonly TimelineEntry[]): {
  firstMention: number | null;
  flagged: number | null;
  firstResponse: number | null;
  responseMinutes: number | null;
} {
  const first = (k: TimelineKind) =>
    timeline
      .filter((t) => t.kind === k)
      .reduce<number | null>((m, t) => (m === null || t.at < m ? t.at : m), null);
  const firstMention = first('first-mention');
  const flagged = first('alert') ?? first('flag');
  const firstResponse = first('first-public-response');
  return {
    firstMention,
    flagged,
    firstResponse,
    responseMinutes:
      firstMention !== null && firstResponse !== null
        ? Math.round((firstResponse - firstMention) / 60_000)
        : null,
  };
}
