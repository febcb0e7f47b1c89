import type { AuthorSighting } from './log.ts';
import type { Author } from './types.ts';

/**
 * Folds what one message said about its author into the stored row. Profile fields from the
 * newer message win; counters grow by one message per sighting and by one conversation when the
 * sighting started a conversation. The ingest pipeline dedupes messages before they become
 * sightings, so re-importing a file changes nothing.
 */
export function mergeSighting(existing: Author | undefined, seen: AuthorSighting): Author {
  const base: Author = existing ?? {
    id: seen.id,
    accountId: seen.accountId,
    channel: seen.channel,
    handle: null,
    name: null,
    followers: null,
    verified: false,
    email: null,
    firstSeenAt: seen.seenAt,
    lastSeenAt: seen.seenAt,
    messageCount: 0,
    conversationCount: 0,
    demo: seen.demo,
  };
  const newer = seen.seenAt >= base.lastSeenAt;
  const pick = <T>(fresh: T | null, old: T | null): T | null => (newer ? (fresh ?? old) : (old ?? fresh));
  return {
    ...base,
    handle: pick(seen.handle, base.handle),
    name: pick(seen.name, base.name),
    followers: pick(seen.followers, base.followers),
    verified: newer ? seen.verified : base.verified,
    email: pick(seen.email, base.email ?? null),
    firstSeenAt: Math.min(base.firstSeenAt, seen.seenAt),
    lastSeenAt: Math.max(base.lastSeenAt, seen.seenAt),
    messageCount: base.messageCount + 1,
    conversationCount: base.conversationCount + (seen.newConversation ? 1 : 0),
  };
}
