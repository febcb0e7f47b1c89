/** Every channel kind the inbox knows. Review sites are one kind each so reach rules can differ. */
export const CHANNEL_KINDS = [
  'email',
  'facebook',
  'instagram',
  'whatsapp',
  'x',
  'mastodon',
  'bluesky',
  'trustpilot',
  'google',
  'appstore',
  'forum',
  'other',
] as const;

export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Channels where what is written is read by the public by default (comments, posts, reviews). */
export const REVIEW_CHANNELS: ReadonlySet<ChannelKind> = new Set(['trustpilot', 'google', 'appstore']);

/** Maximum reply length per channel, in characters (user-perceived), where the platform sets one. */
export const CHANNEL_REPLY_LIMIT: Readonly<Record<ChannelKind, number | null>> = {
  email: null,
  facebook: 8000,
  instagram: 2200,
  whatsapp: 4096,
  x: 280,
  mastodon: 500,
  bluesky: 300,
  trustpilot: 2048,
  google: 4096,
  appstore: 5970,
  forum: null,
  other: null,
};

const ALIASES: Readonly<Record<string, ChannelKind>> = {
  twitter: 'x',
  tweet: 'x',
  mail: 'email',
  'e-mail': 'email',
  fb: 'facebook',
  messenger: 'facebook',
  ig: 'instagram',
  wa: 'whatsapp',
  'google-reviews': 'google',
  googlereviews: 'google',
  'app-store': 'appstore',
  'play-store': 'appstore',
  playstore: 'appstore',
  bsky: 'bluesky',
};

/** Maps a channel name from outside (import files, connectors) onto a known kind; unknown names become `other`. */
export function normalizeChannel(name: string): ChannelKind {
  const key = name.trim().toLowerCase();
  if ((CHANNEL_KINDS as readonly string[]).includes(key)) return key as ChannelKind;
  return ALIASES[key] ?? 'other';
}
