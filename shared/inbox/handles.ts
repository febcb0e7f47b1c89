import type { ChannelKind } from '../domain/channels.ts';

/** Channels whose handles are @-names ("@fleur_bos", "@fleur@mastodon.social", "@fleur.bsky.social"). */
const AT_HANDLES: ReadonlySet<ChannelKind> = new Set(['x', 'instagram', 'mastodon', 'bluesky']);

/**
 * A customer's handle as the channel writes it: "@fleur_bos" on X and Instagram, "@fleur@mastodon.social"
 * on Mastodon, but an e-mail address or phone number as it is (never "@fleur@example.nl").
 */
export function displayHandle(channel: ChannelKind, handle: string): string {
  const bare = handle.replace(/^@/, '');
  if (!AT_HANDLES.has(channel)) return bare;
  return `@${bare}`;
}
