import type { ConversationEvent, ConversationPatch } from './events.ts';

/**
 * One entry of the local domain-event log, written in the same transaction as the change it
 * records. `before` holds only the fields the event changed, so undo is a patch and the log stays
 * small; `undoOf` marks an entry that reverted an earlier one.
 */
export interface DomainEventRecord {
  /** Auto-increment position in the local log (assigned by the database). */
  seq?: number;
  /** Globally unique id, stable across devices once a team inbox syncs the log. */
  id: string;
  conversationId: string;
  event: ConversationEvent | { type: 'undo'; undoOf: string };
  /** Agent id, or `system` for timers and imports. */
  actor: string;
  at: number;
  before: ConversationPatch;
  /** Set on an entry once it has been undone (the id of the undo entry). */
  undoneBy: string | null;
}

export const SYSTEM_ACTOR = 'system';
