import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type { AddressObject, ParsedMail } from 'mailparser';
import type { IngestAttachment, IngestMessage } from '../../../../shared/ingest/message.ts';

/**
 * Turns one fetched message into the pipeline's IngestMessage. Plain text is preferred (the
 * text part, else text mailparser derives from the HTML); the HTML part is passed on raw for
 * the renderer to sanitize (DOMPurify) with remote content blocked. Attachments are only listed
 * (name, size, type, IMAP part id): their bytes stay on the server until an agent saves one.
 */

/** Raw HTML beyond this is dropped (the text stays): newsletters should not fill IndexedDB. */
export const MAX_HTML_CHARS = 512 * 1024;
/** Plain text beyond this is cut with a marker. */
export const MAX_TEXT_CHARS = 256 * 1024;
/** A Date header further ahead of the server's arrival time than this is not believed. */
const MAX_CLOCK_SKEW_MS = 24 * 3_600_000;

/** `<a@b>` → `a@b`; every id in a header, in order. */
export function messageIds(value: string | string[] | undefined | null): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const ids = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  if (ids.length > 0) return ids;
  // Some senders omit the brackets.
  return text
    .split(/\s+/)
    .map((s) => s.trim())
    .filter((s) => s.includes('@'));
}

function firstAddress(
  value: AddressObject | AddressObject[] | undefined,
): { address: string; name: string | null } | null {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list)
    for (const entry of group.value) {
      if (entry.address) return { address: entry.address.toLowerCase(), name: entry.name?.trim() || null };
      for (const member of entry.group ?? [])
        if (member.address)
          return { address: member.address.toLowerCase(), name: member.name?.trim() || null };
    }
  return null;
}

/** The header block's bytes, the same in every folder a message sits in. */
function headerBlock(source: Buffer): Buffer {
  const crlf = source.indexOf('\r\n\r\n');
  const lf = source.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
  return end >= 0 ? source.subarray(0, end) : source;
}

/** Remote id of a message without a Message-ID: a hash of its headers (stable across folders and UIDVALIDITY). */
export function syntheticRemoteId(headers: Buffer): string {
  return `sha256:${createHash('sha256').update(headers).digest('hex').slice(0, 40)}`;
}

function listAttachments(parsed: ParsedMail): IngestAttachment[] {
  return parsed.attachments
    .filter((a) => a.partId !== null && !(a.related && !a.filename))
    .map((a) => ({
      name: a.filename ?? 'attachment',
      size: a.content.length,
      contentType: a.contentType,
      partId: a.partId!,
    }));
}

export interface ParseContext {
  /** The account's own address: mail from it is outgoing. */
  ownAddress: string;
  /** The folder holds sent mail (everything in it is outgoing). */
  sentFolder: boolean;
  /** Server arrival time (INTERNALDATE), the fallback event time. */
  internalDate: Date | null;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}\n[…]` : text;
}

/** The Date header, unless it is missing or unreadable (mailparser then reports the current time). */
function statedDate(parsed: Pick<ParsedMail, 'date' | 'headerLines'>): number | null {
  const line = parsed.headerLines?.find((h) => h.key === 'date')?.line;
  if (!line || Number.isNaN(Date.parse(line.replace(/^date:\s*/i, '').replace(/\s*\([^)]*\)\s*$/, ''))))
    return null;
  const time = parsed.date?.getTime();
  return time === undefined || Number.isNaN(time) ? null : time;
}

function eventTime(stated: number | null, internalDate: Date | null): number {
  const arrived = internalDate && !Number.isNaN(internalDate.getTime()) ? internalDate.getTime() : null;
  if (stated !== null && (arrived === null || stated <= arrived + MAX_CLOCK_SKEW_MS)) return stated;
  return arrived ?? Date.now();
}

/** Parses a full RFC 5322 source. */
export async function parseEmail(source: Buffer, context: ParseContext): Promise<IngestMessage> {
  const parsed = await simpleParser(source, {
    keepCidLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    maxHtmlLengthToParse: 2 * MAX_HTML_CHARS,
  });
  return fromParsed(parsed, headerBlock(source), context, listAttachments(parsed));
}

/**
 * Builds the message from parsed headers and separately fetched bodies (large messages, where
 * the full source is not downloaded: `text`/`html` come from their body parts, attachments from
 * BODYSTRUCTURE).
 */
export function fromParsed(
  parsed: Pick<
    ParsedMail,
    'messageId' | 'inReplyTo' | 'references' | 'subject' | 'from' | 'date' | 'headerLines' | 'text' | 'html'
  >,
  headers: Buffer,
  context: ParseContext,
  attachments: IngestAttachment[],
): IngestMessage {
  const rfcMessageId = messageIds(parsed.messageId)[0] ?? null;
  const from = firstAddress(parsed.from);
  const own = context.ownAddress.toLowerCase();
  const outgoing = context.sentFolder || (from !== null && from.address === own);
  const html = typeof parsed.html === 'string' && parsed.html.length <= MAX_HTML_CHARS ? parsed.html : null;
  const text = clip((parsed.text ?? '').replace(/\r\n/g, '\n').trim(), MAX_TEXT_CHARS);
  return {
    remoteId: rfcMessageId ?? syntheticRemoteId(headers),
    threadKey: null,
    inReplyTo: messageIds(parsed.inReplyTo)[0] ?? null,
    references: messageIds(parsed.references),
    rfcMessageId,
    subject: parsed.subject?.trim() || null,
    direction: outgoing ? 'outgoing' : 'incoming',
    public: false,
    author: {
      id: from?.address ?? 'unknown-sender',
      handle: from?.address ?? null,
      name: from?.name ?? null,
      followers: null,
      verified: false,
      email: from?.address ?? null,
    },
    text,
    html,
    attachments,
    createdAt: eventTime(statedDate(parsed), context.internalDate),
    lang: null,
    metrics: null,
    brand: null,
  };
}

/** Parses only a header block (large-message path). */
export function parseHeaders(headers: Buffer): Promise<ParsedMail> {
  return simpleParser(Buffer.concat([headers, Buffer.from('\r\n\r\n')]), { skipTextToHtml: true });
}
