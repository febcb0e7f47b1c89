import type { RelationEntry, WatchRow } from '../dashboard/relations.ts';
import type { AlertRow, CrisisRow, FlagRow, FlagState, TimelineEntry } from '../crisis/types.ts';
import type { IngestSource } from '../ingest/message.ts';
import type { Account } from './accounts.ts';
import type { ChannelKind } from './channels.ts';
import type { ConversationEvent, PriorFacts } from './events.ts';
import type { ConversationSeed } from './projection.ts';
import type { ConversationStatus, Label, Message, Priority } from './types.ts';

/**
 * The event log (v2): append-only and replayable. Every change of shared inbox state, by an
 * agent, the system, an import or a sync, is one `LogEvent`; one projection (renderer/db/project.ts)
 * applies it, live and on replay, so replaying the log into an empty database rebuilds the same
 * conversations, counters and flags. Per-agent state (what an agent has read, drafts) is not
 * shared state and is not in the log.
 *
 * An event never changes after it is written. Undo is a new event (with `undoes`) computed
 * against the state at the time of the undo, never an edit of the undone entry.
 */
export type Origin = 'agent' | 'system' | 'ingest';

/** What a message said about its author; merged into the author row by the projection. */
export interface AuthorSighting {
  id: string;
  accountId: string;
  channel: ChannelKind;
  handle: string | null;
  name: string | null;
  followers: number | null;
  verified: boolean;
  email: string | null;
  /** `createdAt` of the message it was read from. */
  seenAt: number;
  /** The sighting's message started a conversation for this author. */
  newConversation: boolean;
  demo: 0 | 1;
}

/** The state a source already knows a new conversation to be in (the demo; answered history). */
export interface SeedState {
  status: ConversationStatus;
  assignee: string;
  labels: string[];
  priority: Priority;
  snoozedUntil: number | null;
}

export type LogPayload =
  | { type: 'account.added'; account: Account }
  /**
   * One ingest batch. It carries the messages themselves (with their local ids and the
   * conversation each was threaded into), so replay needs nothing but the log.
   */
  | {
      type: 'messages.ingested';
      accountId: string;
      source: IngestSource;
      backfill: boolean;
      conversations: (ConversationSeed & { initial: SeedState | null })[];
      messages: Message[];
      authors: AuthorSighting[];
    }
  | { type: 'conversation.changed'; conversationId: string; event: ConversationEvent; prior: PriorFacts }
  | { type: 'reply.queued'; message: Message }
  /** The channel accepted a reply (delivery worker): the first one in a crisis is its first public response. */
  | { type: 'reply.delivered'; messageId: string; remoteId: string | null; at: number }
  | { type: 'note.added'; message: Message }
  | { type: 'label.created'; label: Label }
  /** The analysis worker's outcome for a chunk: flags written (whole rows) and flags removed. */
  | { type: 'flags.scored'; set: FlagRow[]; cleared: string[] }
  | {
      type: 'flag.decided';
      conversationId: string;
      /** `new` only when a decision is undone. */
      state: FlagState;
      prior: FlagState;
    }
  | { type: 'alerts.raised'; alerts: AlertRow[] }
  | { type: 'crisis.started'; crisis: CrisisRow }
  | { type: 'crisis.ended'; crisisId: string }
  | { type: 'crisis.noted'; crisisId: string; entry: TimelineEntry }
  | { type: 'demo.removed' }
  /** An author put on a watchlist (or its list or owner changed), or taken off it (`watch` null). */
  | { type: 'author.watched'; authorId: string; watch: WatchRow | null }
  /** A contact, note or agreement in an author's relationship log. */
  | { type: 'relation.logged'; entry: RelationEntry };

export type LogEventType = LogPayload['type'];

export interface LogEvent {
  /** Auto-increment position in this database (storage order; replay follows it). */
  seq?: number;
  /** `${device}.${deviceSeq}`: stable and unique across devices. */
  id: string;
  /** The installation (profile) that wrote it. */
  device: string;
  /** 1, 2, 3, … per device, without gaps. */
  deviceSeq: number;
  /** Hybrid logical clock (hlc.ts): the causal order across devices. */
  hlc: string;
  /** Agent id, `system`, or the source (`import`, `demo`, `sync:<account>`). */
  actor: string;
  origin: Origin;
  /** Wall-clock ms when it was recorded. */
  at: number;
  /** The one conversation it is about, when there is one (undo scope, audit trail). */
  conversationId: string | null;
  /** That conversation's `version` the change was based on. */
  baseVersion: number | null;
  /** The id of the event this one undoes. */
  undoes: string | null;
  payload: LogPayload;
}

export const SYSTEM_ACTOR = 'system';

/** Actions an agent can undo, in the log's terms. */
export function isUndoableEvent(e: LogEvent): boolean {
  if (e.undoes !== null || e.origin !== 'agent') return false;
  const p = e.payload;
  if (p.type === 'conversation.changed') return p.event.type !== 'wake';
  return p.type === 'flag.decided';
}

/** What an event did, for "Undone: …" toasts: an i18n key under `undo.what` and its parameters. */
export function describeEvent(
  p: LogPayload,
): { key: string; params: Record<string, string | number> } | null {
  switch (p.type) {
    case 'conversation.changed': {
      const e = p.event;
      switch (e.type) {
        case 'label.add':
        case 'label.remove':
          return { key: e.type, params: { label: e.label } };
        case 'assign':
          return { key: e.assignee ? 'assign' : 'unassign', params: { assignee: e.assignee } };
        case 'priority.set':
          return { key: 'priority', params: { priority: e.priority } };
        case 'snooze':
          return { key: 'snooze', params: { until: e.until } };
        case 'status.restore':
          return { key: 'status', params: { status: e.status } };
        default:
          return { key: e.type, params: {} };
      }
    }
    case 'flag.decided':
      return { key: `flag.${p.state}`, params: {} };
    default:
      return null;
  }
}
