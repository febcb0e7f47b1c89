import type { Author } from '../domain/types.ts';

/**
 * How messages about a conversation name its customer ("your reply to @fleur_bos"): the handle
 * with an `@` when it is an @-name, else the name, else the handle as it is (an e-mail address
 * is never written "@fleur@example.nl"). `undefined` when the author is unknown or has neither.
 */
export function authorLabel(author: Pick<Author, 'handle' | 'name'> | null | undefined): string | undefined {
  if (!author) return undefined;
  if (author.handle && !author.handle.includes('@')) return `@${author.handle}`;
  return author.name ?? author.handle ?? undefined;
}
