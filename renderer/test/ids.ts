// Local ids of rows the ingest pipeline derives from a source, for tests that import fixtures.
import { importedAccountId } from '../../shared/domain/accounts.ts';
import type { ChannelKind } from '../../shared/domain/channels.ts';
import { conversationLocalId, messageLocalId } from '../../shared/domain/ids.ts';
import { emptyConversation } from '../../shared/domain/projection.ts';
import type { Conversation } from '../../shared/domain/types.ts';

/** The conversation an imported file's `conversationId` (thread key) became. */
export function importedConversation(threadKey: string, channel: ChannelKind = 'x'): string {
  return conversationLocalId(importedAccountId(channel), threadKey);
}

/** The message an imported line's `id` became. */
export function importedMessage(remoteId: string, channel: ChannelKind = 'x'): string {
  return messageLocalId(importedAccountId(channel), remoteId);
}

/** A whole conversation row for tests that write rows directly (selection, display). */
export function conversationRow(partial: Partial<Conversation> & { id: string }): Conversation {
  const base = emptyConversation({
    id: partial.id,
    accountId: importedAccountId(partial.channel ?? 'x'),
    threadKey: partial.id,
    channel: partial.channel ?? 'x',
    authorId: partial.authorId ?? `x:${partial.id}`,
    subject: null,
    subjectKey: null,
    demo: 0,
  });
  return { ...base, lastMessageId: `${partial.id}-m`, messageCount: 1, ...partial };
}
