import MailComposer from 'nodemailer/lib/mail-composer';
import type { Draft, EmailAccountSettings, ReplyTarget } from '../../../../shared/channels/schemas.ts';

/**
 * Builds the bytes of a reply once, so that what SMTP delivers and what is appended to Sent
 * are the same message: threading headers per RFC 5322 §3.6.4, our own Message-ID (the
 * idempotency key, fixed when the reply was queued), `Re:` once, the agent's signature below
 * the standard "-- " separator.
 */

const REPLY_PREFIXES = /^\s*((re|aw|antw|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i;

/** `Re: <subject>` with existing reply prefixes (Re, AW, Antw, SV, VS) folded into one. */
export function replySubject(subject: string | null): string {
  const stripped = (subject ?? '').replace(/\s+/g, ' ').trim().replace(REPLY_PREFIXES, '').trim();
  return stripped ? `Re: ${stripped}` : 'Re:';
}

/** Most servers and clients cope with long References, but RFC 5322 lets us drop the middle. */
const MAX_REFERENCES = 20;

/** The parent's References plus the parent itself, oldest first, without duplicates. */
export function replyReferences(target: Extract<ReplyTarget, { kind: 'email' }>): string[] {
  const ids = [...target.references, ...(target.inReplyTo ? [target.inReplyTo] : [])];
  const unique = ids.filter((id, index) => ids.indexOf(id) === index);
  if (unique.length <= MAX_REFERENCES) return unique;
  return [unique[0]!, ...unique.slice(unique.length - (MAX_REFERENCES - 1))];
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1).toLowerCase() : 'localhost';
}

/** Message-ID (without <>) for an idempotency key: the key itself when it is one, else key@sender-domain. */
export function messageIdFor(key: string, fromAddress: string): string {
  return key.includes('@') ? key : `${key}@${domainOf(fromAddress)}`;
}

export function replyBody(draft: Draft): string {
  const text = draft.text.replace(/\r\n/g, '\n').replace(/\s+$/, '');
  const signature = draft.signature?.replace(/\r\n/g, '\n').trim();
  return signature ? `${text}\n\n-- \n${signature}\n` : `${text}\n`;
}

export interface ComposedReply {
  messageId: string;
  raw: Buffer;
  envelope: { from: string; to: string[] };
}

export async function composeReply(
  settings: EmailAccountSettings,
  target: ReplyTarget,
  draft: Draft,
  idempotencyKey: string,
  now: number,
): Promise<ComposedReply> {
  const messageId = messageIdFor(idempotencyKey, settings.address);
  const references = replyReferences(target);
  const composer = new MailComposer({
    from: settings.displayName ? { name: settings.displayName, address: settings.address } : settings.address,
    to: target.to.map((a) => (a.name ? { name: a.name, address: a.address } : a.address)),
    cc: target.cc.map((a) => (a.name ? { name: a.name, address: a.address } : a.address)),
    subject: replySubject(target.subject),
    text: replyBody(draft),
    messageId: `<${messageId}>`,
    date: new Date(now),
    ...(target.inReplyTo ? { inReplyTo: `<${target.inReplyTo}>` } : {}),
    ...(references.length > 0 ? { references: references.map((id) => `<${id}>`) } : {}),
  });
  const raw = await new Promise<Buffer>((resolve, reject) =>
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
  return {
    messageId,
    raw,
    envelope: { from: settings.address, to: [...target.to, ...target.cc].map((a) => a.address) },
  };
}
