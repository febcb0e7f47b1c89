import type { Author, Conversation } from '../domain/types.ts';
import { searchTokens } from '../search/tokenize.ts';

/** A conversation row as schema version 1 stored it: without the search words. */
export type ConversationV1 = Omit<Conversation, 'searchTokens'> & { searchTokens?: string[] };

/**
 * Schema 1 → 2: conversations get `searchTokens`, the words of the multi-entry search index,
 * built from the subject, the latest snippet and the customer's name and handle. Message bodies
 * join the index as new messages arrive (see the repository).
 */
export function migrate002SearchTokens(
  c: ConversationV1,
  author: Pick<Author, 'name' | 'handle'> | null,
): Conversation {
  const text = [c.subject ?? '', c.snippet, author?.name ?? '', author?.handle ?? ''].join(' ');
  return { ...c, searchTokens: searchTokens(text) };
}
