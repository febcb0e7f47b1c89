import { normalizeChannel } from '../domain/channels.ts';
import type { InterchangeMessage } from './message.ts';
import type { ImportErrorCode } from './decode.ts';
import { clipDetail, decodeInterchange } from './decode.ts';

export { toInterchange } from './convert.ts';
export type { ExportableAuthor, ExportableMessage } from './convert.ts';

export { IMPORT_ERROR_CODES, decodeInterchange, fastInterchange } from './decode.ts';
export type { DecodeResult, ImportErrorCode } from './decode.ts';

/** The i18n key (namespace-relative, in `app.json`) of an import error code. */
export function importErrorI18nKey(code: ImportErrorCode): `import.codes.${ImportErrorCode}` {
  return `import.codes.${code}`;
}

export interface ImportError {
  /** 1-based line number in the file. */
  line: number;
  code: ImportErrorCode;
  /** Technical detail in English (for the tooltip and logs); the UI words the code itself. */
  detail: string;
  /** The field the error is about ("author.id"), when the decoder knows it. */
  field?: string | null;
}

export interface JsonlParseResult {
  /** Valid messages in file order. */
  messages: InterchangeMessage[];
  /** 1-based line number of each entry in `messages`. */
  lines: number[];
  errors: ImportError[];
  /** Non-blank lines seen (valid + rejected). */
  total: number;
}

export interface JsonlParseOptions {
  /** Longest accepted line in UTF-8 bytes (default 1 MiB); longer lines are rejected and skipped without buffering. */
  maxLineBytes?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/**
 * Streaming JSONL parser: feed chunks of any size (split anywhere, even inside a character).
 * Bytes are UTF-8 unless they start with a UTF-16 byte order mark (LE or BE); a UTF-8 BOM is
 * dropped. Lines end at LF, CRLF or a lone CR (old Mac files), also when a CRLF is split between
 * two chunks.
 */
export interface JsonlParser {
  /** Parses the lines completed by this chunk; returns only their results. */
  push(chunk: string | Uint8Array): JsonlParseResult;
  /** Parses the last line (one without a line end) and returns its result. */
  end(): JsonlParseResult;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 byte length is at least the UTF-16 length and at most three times it. */
function exceeds(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return utf8Length(text) > maxBytes;
}

function emptyResult(): JsonlParseResult {
  return { messages: [], lines: [], errors: [], total: 0 };
}

// Typed structurally: the node and web typings declare TextDecoder differently.
interface Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/** The decoder a file's first bytes ask for (BOM sniffing, as browsers do for text files). */
function decoderFor(head: Uint8Array): Decoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

/** Creates a streaming parser; duplicate ids are detected across all chunks of one parser. */
export function createJsonlParser(opts: JsonlParseOptions = {}): JsonlParser {
  const maxBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const seen = new Set<string>();
  let decoder: Decoder | null = null;
  // The first bytes, held until there are enough to recognise a byte order mark.
  let head: Uint8Array | null = null;
  let buffer = '';
  let lineNo = 0;
  let atStart = true;
  let overflowing = false;
  // The previous chunk ended in CR: a LF at the start of this one belongs to that line end.
  let afterCr = false;
  let ended = false;

  const parseLine = (text: string, line: number, out: JsonlParseResult): void => {
    if (text.trim() === '') return;
    out.total++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      out.errors.push({
        line,
        code: 'invalid_json',
        detail: clipDetail(err instanceof Error ? err.message : String(err)),
      });
      return;
    }
    const decoded = decodeInterchange(value);
    if (!decoded.ok) {
      out.errors.push({ line, code: decoded.code, detail: decoded.detail, field: decoded.field });
      return;
    }
    const message = decoded.message;
    // Ids are unique per channel: the same id on X and on Mastodon is two messages.
    const key = `${normalizeChannel(message.channel)}\u0000${message.id}`;
    if (seen.has(key)) {
      out.errors.push({
        line,
        code: 'duplicate_id',
        detail: clipDetail(`id "${message.id}" appears earlier in this file`),
      });
      return;
    }
    seen.add(key);
    out.messages.push(message);
    out.lines.push(line);
  };

  const tooLong = (line: number, out: JsonlParseResult): void => {
    out.total++;
    out.errors.push({ line, code: 'line_too_long', detail: `line is longer than ${maxBytes} bytes` });
  };

  const endLine = (line: string, out: JsonlParseResult): void => {
    lineNo++;
    if (overflowing) overflowing = false;
    else if (exceeds(line, maxBytes)) tooLong(lineNo, out);
    else parseLine(line, lineNo, out);
  };

  const consume = (text: string, out: JsonlParseResult): void => {
    let chunk = text;
    if (atStart && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      atStart = false;
    }
    let from = 0;
    if (afterCr && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 10) from = 1;
      afterCr = false;
    }
    // Most files have no CR at all: look for one once per chunk, then only after passing it.
    let cr = chunk.indexOf('\r', from);
    for (;;) {
      let nl = chunk.indexOf('\n', from);
      let skip = 1;
      if (cr !== -1 && (nl === -1 || cr < nl)) {
        if (cr + 1 === chunk.length) afterCr = true;
        else if (chunk.charCodeAt(cr + 1) === 10) skip = 2;
        nl = cr;
      }
      if (nl === -1) break;
      const piece = chunk.slice(from, nl);
      const line = buffer === '' ? piece : buffer + piece;
      buffer = '';
      endLine(line, out);
      from = nl + skip;
      if (cr !== -1 && cr < from) cr = chunk.indexOf('\r', from);
    }
    if (overflowing) return;
    buffer += chunk.slice(from);
    // A line that is already too long is reported now and its rest is skipped, never held in memory.
    if (buffer.length > maxBytes && exceeds(buffer, maxBytes)) {
      tooLong(lineNo + 1, out);
      overflowing = true;
      buffer = '';
    }
  };

  const consumeBytes = (bytes: Uint8Array, out: JsonlParseResult): void => {
    if (!decoder) {
      let start = bytes;
      if (head) {
        start = new Uint8Array(head.length + bytes.length);
        start.set(head);
        start.set(bytes, head.length);
      }
      if (start.length < 2) {
        head = start;
        return;
      }
      head = null;
      decoder = decoderFor(start);
      consume(decoder.decode(start, { stream: true }), out);
      return;
    }
    consume(decoder.decode(bytes, { stream: true }), out);
  };

  return {
    push(chunk) {
      if (ended) throw new Error('JSONL parser already ended');
      const out = emptyResult();
      if (typeof chunk === 'string') consume(chunk, out);
      else consumeBytes(chunk, out);
      return out;
    },
    end() {
      if (ended) return emptyResult();
      const out = emptyResult();
      if (head) {
        decoder = decoderFor(head);
        consume(decoder.decode(head, { stream: true }), out);
        head = null;
      }
      if (decoder) consume(decoder.decode(), out);
      ended = true;
      if (!overflowing && buffer.length > 0) {
        const line = buffer;
        buffer = '';
        endLine(line, out);
      }
      return out;
    },
  };
}

/**
 * Parses a whole JSONL text in the message interchange format v1. Blank lines are ignored, a BOM
 * and CRLF line ends are tolerated; every bad line is reported with its 1-based number and the
 * good lines are kept.
 */
export function parseJsonl(text: string | Uint8Array, opts: JsonlParseOptions = {}): JsonlParseResult {
  const parser = createJsonlParser(opts);
  const a = parser.push(text);
  const b = parser.end();
  return {
    messages: a.messages.concat(b.messages),
    lines: a.lines.concat(b.lines),
    errors: a.errors.concat(b.errors),
    total: a.total + b.total,
  };
}

/** One interchange message as one JSON line (fields in schema order, no trailing newline). */
export function serializeJsonlLine(message: InterchangeMessage): string {
  return JSON.stringify(message);
}

/** Messages as JSONL text, one line each, every line ending in "\n". */
export function serializeJsonl(messages: Iterable<InterchangeMessage>): string {
  let out = '';
  for (const m of messages) out += `${serializeJsonlLine(m)}\n`;
  return out;
}
