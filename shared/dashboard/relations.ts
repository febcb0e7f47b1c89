/**
 * Influencer dialogue: watchlists and a relationship log per author. Both are shared state, so
 * they are log events (`author.watched`, `relation.logged`) applied by the projection; these are
 * the rows and the rules, pure.
 */
export const WATCH_LISTS = ['influencer', 'press', 'politics', 'consumer', 'partner', 'vip'] as const;
export type WatchList = (typeof WATCH_LISTS)[number];

export interface WatchRow {
  authorId: string;
  list: WatchList;
  /** The colleague who keeps the dialogue going (agent id, '' for nobody yet). */
  owner: string;
  addedAt: number;
  /** Newest logged contact (a relationship-log entry of kind `contact`). */
  lastContactAt: number | null;
  /** The next check-in someone agreed to, if any. */
  nextCheckIn: number | null;
  demo: 0 | 1;
}

export const RELATION_KINDS = ['contact', 'note', 'agreement'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export interface RelationEntry {
  id: string;
  authorId: string;
  kind: RelationKind;
  text: string;
  /** When it happened (event time). */
  at: number;
  /** Agent id. */
  by: string;
  /** A check-in date agreed in this entry (replaces the watch row's next check-in). */
  nextCheckIn: number | null;
}

/** No contact for this long puts an influencer on the reminder list. */
export const CONTACT_REMINDER_MS = 60 * 24 * 3_600_000;
export const MAX_RELATION_TEXT = 2000;

export type RelationError = 'empty' | 'too-long' | 'kind' | 'check-in-past' | 'unknown-author';

/** Checks an entry before it is logged; returns an error code (translated by the UI) or null. */
export function validateRelation(
  e: Pick<RelationEntry, 'kind' | 'text' | 'nextCheckIn' | 'at'>,
): RelationError | null {
  if (!(RELATION_KINDS as readonly string[]).includes(e.kind)) return 'kind';
  const text = e.text.trim();
  if (!text) return 'empty';
  if (text.length > MAX_RELATION_TEXT) return 'too-long';
  if (e.nextCheckIn !== null && e.nextCheckIn < e.at - 24 * 3_600_000) return 'check-in-past';
  return null;
}

/** The watch row after an entry: contacts move the last contact, any entry may set the next check-in. */
export function applyRelation(w: WatchRow, e: RelationEntry): WatchRow {
  return {
    ...w,
    lastContactAt: e.kind === 'contact' ? Math.max(w.lastContactAt ?? -Infinity, e.at) : w.lastContactAt,
    nextCheckIn: e.nextCheckIn ?? w.nextCheckIn,
  };
}

export type Reminder = { kind: 'check-in'; due: number } | { kind: 'no-contact'; since: number | null };

/**
 * Whether an influencer needs attention at `now`: an agreed check-in that is due, or no contact
 * (logged, or a delivered reply) for 60 days, counted from when they were added if never.
 */
export function reminderFor(w: WatchRow, lastReplyAt: number | null, now: number): Reminder | null {
  if (w.nextCheckIn !== null && w.nextCheckIn <= now) return { kind: 'check-in', due: w.nextCheckIn };
  const last = Math.max(w.lastContactAt ?? -Infinity, lastReplyAt ?? -Infinity);
  const since = Number.isFinite(last) ? last : null;
  if (now - (since ?? w.addedAt) >= CONTACT_REMINDER_MS) return { kind: 'no-contact', since };
  return null;
}
