/**
 * Reply length in each channel's own unit (see /work/shared/CHANNELS.md §1.4): X counts weighted
 * characters (URLs 23, emoji and CJK 2) with the official `twitter-text`; Bluesky graphemes and
 * bytes; WhatsApp code points; Google Business Profile bytes. The composer's counter and the
 * length check both use `measureReply`, so they cannot disagree.
 */
import twitter from 'twitter-text';
import type { ChannelKind } from '../domain/channels.ts';

export type LengthUnit = 'utf16' | 'codepoint' | 'grapheme' | 'byte' | 'x-weighted';

export interface LengthLimit {
  limit: number;
  unit: LengthUnit;
}

/**
 * Limits per channel, public reply first, then private message; several limits all apply
 * (Bluesky: graphemes and bytes). Email, forums and unknown channels have none.
 */
const LIMITS: Readonly<Record<ChannelKind, { public: LengthLimit[]; private: LengthLimit[] }>> = {
  x: { public: [{ limit: 280, unit: 'x-weighted' }], private: [{ limit: 10_000, unit: 'codepoint' }] },
  bluesky: {
    public: [
      { limit: 300, unit: 'grapheme' },
      { limit: 3000, unit: 'byte' },
    ],
    private: [
      { limit: 1000, unit: 'grapheme' },
      { limit: 10_000, unit: 'byte' },
    ],
  },
  whatsapp: { public: [{ limit: 4096, unit: 'codepoint' }], private: [{ limit: 4096, unit: 'codepoint' }] },
  google: { public: [{ limit: 4096, unit: 'byte' }], private: [{ limit: 4096, unit: 'byte' }] },
  // Meta: comments 8000 (Facebook) / 2200 (Instagram), Messenger 2000, Instagram DM 1000.
  facebook: { public: [{ limit: 8000, unit: 'codepoint' }], private: [{ limit: 2000, unit: 'codepoint' }] },
  instagram: { public: [{ limit: 2200, unit: 'codepoint' }], private: [{ limit: 1000, unit: 'codepoint' }] },
  // Mastodon's default; instances set their own (settings `limits.mastodon`).
  mastodon: { public: [{ limit: 500, unit: 'codepoint' }], private: [{ limit: 500, unit: 'codepoint' }] },
  // Trustpilot does not publish one; configurable through settings.
  trustpilot: { public: [{ limit: 2048, unit: 'grapheme' }], private: [{ limit: 2048, unit: 'grapheme' }] },
  appstore: { public: [{ limit: 5970, unit: 'grapheme' }], private: [{ limit: 5970, unit: 'grapheme' }] },
  email: { public: [], private: [] },
  forum: { public: [], private: [] },
  other: { public: [], private: [] },
};

/** The limits that apply to a reply; `override` replaces the first (main) limit's number. */
export function replyLimits(channel: ChannelKind, isPublic: boolean, override?: number): LengthLimit[] {
  const limits = LIMITS[channel][isPublic ? 'public' : 'private'];
  if (override === undefined || limits.length === 0) return limits;
  return [{ ...limits[0]!, limit: override }, ...limits.slice(1)];
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const encoder = new TextEncoder();

/** Length of `text` in `unit`. */
export function measure(text: string, unit: LengthUnit): number {
  switch (unit) {
    case 'utf16':
      return text.length;
    case 'codepoint': {
      let n = 0;
      for (const _ of text) n++;
      return n;
    }
    case 'grapheme': {
      let n = 0;
      for (const _ of segmenter.segment(text)) n++;
      return n;
    }
    case 'byte':
      return encoder.encode(text).length;
    case 'x-weighted':
      return twitter.parseTweet(text).weightedLength;
  }
}

export interface LengthMeasure extends LengthLimit {
  used: number;
  over: number;
}

/** Every limit that applies, with what the text uses of it. The first one is what the counter shows. */
export function measureReply(
  text: string,
  channel: ChannelKind,
  isPublic: boolean,
  override?: number,
): LengthMeasure[] {
  return replyLimits(channel, isPublic, override).map((l) => {
    const used = measure(text, l.unit);
    return { ...l, used, over: Math.max(0, used - l.limit) };
  });
}

/** Offset (UTF-16) where the text passes `limit` in `unit`, for highlighting the overflow. */
export function overflowOffset(text: string, limit: LengthLimit): number {
  if (limit.unit === 'x-weighted') {
    const r = twitter.parseTweet(text);
    // twitter-text reports the valid range in UTF-16 code units.
    return r.valid ? text.length : r.validRangeEnd + 1;
  }
  if (limit.unit === 'utf16') return Math.min(limit.limit, text.length);
  let used = 0;
  if (limit.unit === 'grapheme') {
    for (const s of segmenter.segment(text)) {
      if (++used > limit.limit) return s.index;
    }
    return text.length;
  }
  let offset = 0;
  for (const ch of text) {
    used += limit.unit === 'byte' ? encoder.encode(ch).length : 1;
    if (used > limit.limit) return offset;
    offset += ch.length;
  }
  return text.length;
}
