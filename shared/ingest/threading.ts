import type { ChannelKind } from '../domain/channels.ts';
import type { IngestMessage } from './message.ts';

/**
 * Threading rules of the ingest pipeline, first match wins:
 * 1. the source's own thread key (`threadKey`: an interchange `conversationId`, a DM thread id);
 * 2. the conversation of a known parent (`inReplyTo`, then email References newest first);
 * 3. email without a known parent: a conversation of the same account with the same normalized
 *    subject and the same customer, active within EMAIL_SUBJECT_WINDOW_MS;
 * 4. private customer messages (DMs, WhatsApp): one conversation per author (`dm:<channel>:<author>`, as before v4);
 * 5. a reply to a message we do not have (yet): keyed by the thread root we know of (the oldest
 *    reference, else the parent), so that its siblings, and the root when it arrives, join it;
 * 6. otherwise the message starts a thread under its own remote id.
 * Rules 1–2 and 4–6 are keys (`fallbackThreadKey`); rule 3 needs the database and lives in the pipeline.
 */
export const EMAIL_SUBJECT_WINDOW_MS = 14 * 24 * 3_600_000;

const REPLY_PREFIX = /^\s*((re|fw|fwd|aw|wg|antw|antwoord|doorst|tr|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i;

/** "Re: AW: [Ticket] Storing  Utrecht" → "[ticket] storing utrecht"; null when nothing is left. */
export function normalizeSubject(subject: string | null): string | null {
  if (!subject) return null;
  const s = subject.replace(REPLY_PREFIX, '').replace(/\s+/g, ' ').trim().toLowerCase();
  return s ? s.slice(0, 200) : null;
}

/** Parents to look up, nearest first: the direct parent, then the References from newest to oldest. */
export function parentRefs(m: IngestMessage): string[] {
  const out: string[] = [];
  if (m.inReplyTo) out.push(m.inReplyTo);
  for (let i = m.references.length - 1; i >= 0; i--) {
    const r = m.references[i] as string;
    if (!out.includes(r)) out.push(r);
  }
  return out;
}

/** Rules 4–6: the thread key when neither the source nor a known parent decides. */
export function fallbackThreadKey(m: IngestMessage, channel: ChannelKind): string {
  if (channel !== 'email' && !m.public && m.direction === 'incoming') return `dm:${channel}:${m.author.id}`;
  if (m.references.length > 0) return m.references[0] as string;
  if (m.inReplyTo) return m.inReplyTo;
  return m.remoteId;
}
