import type { InterchangeMessage } from './message.ts';
import { InterchangeMessageSchema } from './message.ts';

export { fromInterchange, fromInterchangeBatch, mergeAuthor, toInterchange } from './convert.ts';
export type { FromInterchangeOptions, ImportedAuthor, ImportedMessage } from './convert.ts';

/**
 * Why a JSONL line was rejected. Each code has a UI string under `import.error.<code>`
 * (see `importErrorI18nKey`); `detail` carries the specifics in English for logs and tooltips.
 */
export const IMPORT_ERROR_CODES = [
  'invalid_json',
  'not_an_object',
  'missing_field',
  'invalid_field',
  'duplicate_id',
  'line_too_long',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** The i18n key (namespace-relative) of an import error code. */
export function importErrorI18nKey(code: ImportErrorCode): `import.error.${ImportErrorCode}` {
  return `import.error.${code}`;
}

export interface ImportError {
  /** 1-based line number in the file. */
  line: number;
  code: ImportErrorCode;
  detail: string;
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

/** Streaming JSONL parser: feed chunks of any size (split anywhere, even inside a UTF-8 character). */
export interface JsonlParser {
  /** Parses the lines completed by this chunk; returns only their results. */
  push(chunk: string | Uint8Array): JsonlParseResult;
  /** Parses the last line (one without a trailing newline) and returns its result. */
  end(): JsonlParseResult;
}

const MAX_DETAIL = 300;

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

function pathText(path: readonly PropertyKey[]): string {
  return path.length === 0
    ? '(root)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
        .join('.')
        .replace(/\.\[/g, '[');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function clip(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

function emptyResult(): JsonlParseResult {
  return { messages: [], lines: [], errors: [], total: 0 };
}

/** Creates a streaming parser; duplicate ids are detected across all chunks of one parser. */
export function createJsonlParser(opts: JsonlParseOptions = {}): JsonlParser {
  const maxBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const seen = new Set<string>();
  // Typed structurally: the node and web typings declare TextDecoder differently.
  let decoder: { decode(input?: Uint8Array, options?: { stream?: boolean }): string } | null = null;
  let buffer = '';
  let lineNo = 0;
  let atStart = true;
  let overflowing = false;
  let ended = false;

  const parseLine = (raw: string, line: number, out: JsonlParseResult): void => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    out.total++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      out.errors.push({
        line,
        code: 'invalid_json',
        detail: clip(err instanceof Error ? err.message : String(err)),
      });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out.errors.push({
        line,
        code: 'not_an_object',
        detail: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
      });
      return;
    }
    const parsed = InterchangeMessageSchema.safeParse(value);
    if (!parsed.success) {
      let missing = false;
      const parts = parsed.error.issues.slice(0, 5).map((issue) => {
        const where = pathText(issue.path);
        if (issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined) {
          missing = true;
          return `${where}: missing`;
        }
        return `${where}: ${issue.message}`;
      });
      out.errors.push({
        line,
        code: missing ? 'missing_field' : 'invalid_field',
        detail: clip(parts.join('; ')),
      });
      return;
    }
    const message = parsed.data;
    if (seen.has(message.id)) {
      out.errors.push({
        line,
        code: 'duplicate_id',
        detail: clip(`id "${message.id}" appears earlier in this file`),
      });
      return;
    }
    seen.add(message.id);
    out.messages.push(message);
    out.lines.push(line);
  };

  const tooLong = (line: number, out: JsonlParseResult): void => {
    out.total++;
    out.errors.push({ line, code: 'line_too_long', detail: `line is longer than ${maxBytes} bytes` });
  };

  const consume = (text: string, out: JsonlParseResult): void => {
    let chunk = text;
    if (atStart && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      atStart = false;
    }
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', from);
      if (nl === -1) break;
      lineNo++;
      if (overflowing) {
        overflowing = false;
        buffer = '';
      } else {
        const line = buffer + chunk.slice(from, nl);
        buffer = '';
        if (exceeds(line.endsWith('\r') ? line.slice(0, -1) : line, maxBytes)) tooLong(lineNo, out);
        else parseLine(line, lineNo, out);
      }
      from = nl + 1;
    }
    if (overflowing) return;
    buffer += chunk.slice(from);
    // A line that is already too long is reported now and its rest is skipped, never held in memory.
    if (buffer.length > maxBytes + 1 && exceeds(buffer.replace(/\r$/, ''), maxBytes)) {
      tooLong(lineNo + 1, out);
      overflowing = true;
      buffer = '';
    }
  };

  return {
    push(chunk) {
      if (ended) throw new Error('JSONL parser already ended');
      const out = emptyResult();
      if (typeof chunk === 'string') consume(chunk, out);
      else {
        decoder ??= new TextDecoder('utf-8');
        consume(decoder.decode(chunk, { stream: true }), out);
      }
      return out;
    },
    end() {
      if (ended) return emptyResult();
      const out = emptyResult();
      if (decoder) consume(decoder.decode(), out);
      ended = true;
      if (!overflowing && buffer.length > 0) {
        lineNo++;
        const line = buffer;
        buffer = '';
        if (exceeds(line.replace(/\r$/, ''), maxBytes)) tooLong(lineNo, out);
        else parseLine(line, lineNo, out);
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
export function parseJsonl(text: string, opts: JsonlParseOptions = {}): JsonlParseResult {
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
