/**
 * Local ids. Rows written by the ingest pipeline get ids derived from where they came from
 * (account + remote id, account + thread key), so that a re-sync after the database was rebuilt
 * (issue 10) maps the same remote message onto the same local row, and events in the journal
 * still point at the right conversation. Ids of what is written here (replies, notes, events)
 * are random. Neither kind can collide across accounts: the account id is part of every hash.
 *
 * Rows written before schema v4 keep their old ids; lookups by `[accountId+remoteId]` and
 * `[accountId+threadKey]` find them, so nothing needs to be renamed.
 */

/** What account ids look like: lower-case, digits and dashes, so they can be used in keys and paths. */
export const ACCOUNT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** cyrb53 (public domain, bryc): a fast 53-bit string hash with a seed. */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** 106 bits from two independently seeded hashes, as 22 base-36 characters. */
function hash106(text: string): string {
  return cyrb53(text, 1).toString(36).padStart(11, '0') + cyrb53(text, 2).toString(36).padStart(11, '0');
}

/** The local id of a message that came from a channel or a file. */
export function messageLocalId(accountId: string, remoteId: string): string {
  return `m-${hash106(`${accountId}\u0000${remoteId}`)}`;
}

/** The local id of a conversation a source threads under `threadKey`. */
export function conversationLocalId(accountId: string, threadKey: string): string {
  return `c-${hash106(`${accountId}\u0000${threadKey}`)}`;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random id (`prefix-` + 21 base-36 characters, about 108 bits) for rows written here. */
export function randomId(prefix: string): string {
  const bytes = new Uint8Array(21);
  crypto.getRandomValues(bytes);
  let out = `${prefix}-`;
  for (const b of bytes) out += ALPHABET[b % 36];
  return out;
}
