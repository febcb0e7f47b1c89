import { normalizeChannel, type ChannelKind } from '../domain/channels.ts';
import type { InterchangeMessage } from '../interchange/message.ts';
import type { IngestMessage } from './message.ts';

/**
 * An interchange line (JSONL import, the CLI) as an ingest message, with the channel it belongs
 * to (one normalisation for the app and the CLI: unknown channel names become `other`). The
 * line's `id` is the remote id and its `conversationId` the thread key; the ingest pipeline's
 * threading rules decide the rest.
 */
export function interchangeToIngest(line: InterchangeMessage): {
  channel: ChannelKind;
  message: IngestMessage;
} {
  return {
    channel: normalizeChannel(line.channel),
    message: {
      remoteId: line.id,
      threadKey: line.conversationId ?? null,
      inReplyTo: line.inReplyTo ?? null,
      references: [],
      rfcMessageId: null,
      subject: null,
      direction: line.direction,
      public: line.public,
      author: {
        id: line.author.id,
        handle: line.author.handle ?? null,
        name: line.author.name ?? null,
        followers: line.author.followers ?? null,
        verified: line.author.verified ?? false,
      },
      text: line.text,
      html: null,
      attachments: [],
      createdAt: Date.parse(line.createdAt),
      lang: line.lang ?? null,
      metrics: line.metrics ? { ...line.metrics } : null,
      brand: line.brand ?? null,
    },
  };
}
