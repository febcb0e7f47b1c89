import type { InterchangeMessage } from '../interchange/message.ts';
import type { RadarMessage } from './radar.ts';
import { normalizeChannel } from '../domain/channels.ts';

/**
 * Maps a validated interchange-format message to the radar's input (createdAt → epoch ms). The
 * channel is normalized as the app's import stores it (`tripadvisor` → `other`), so that the CLI
 * and the app score the same message alike.
 */
export function fromInterchange(m: InterchangeMessage): RadarMessage {
  return {
    id: m.id,
    text: m.text,
    createdAt: Date.parse(m.createdAt),
    channel: normalizeChannel(m.channel),
    direction: m.direction,
    public: m.public,
    author: {
      id: m.author.id,
      handle: m.author.handle ?? null,
      followers: m.author.followers ?? null,
      verified: m.author.verified ?? null,
    },
    brand: m.brand ?? null,
    conversationId: m.conversationId ?? null,
    inReplyTo: m.inReplyTo ?? null,
    lang: m.lang ?? null,
    metrics: m.metrics ?? null,
  };
}
