import type { InterchangeMessage } from './message.ts';
import {
  CONTROL_CHAR_RE,
  CREATED_AT_RANGE_MESSAGE,
  INTERCHANGE_LIMITS as L,
  InterchangeMessageSchema,
  createdAtInRange,
} from './message.ts';

/**
 * Why a JSONL line was rejected. Each code has a UI string under `import.codes.<code>`
 * (see `importErrorI18nKey`); `detail` carries the specifics in English for logs and tooltips.
 */
export const IMPORT_ERROR_CODES = [
  'invalid_json',
  'not_an_object',
  'missing_field',
  'invalid_field',
  'field_too_long',
  'date_out_of_range',
  'duplicate_id',
  'line_too_long',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/**
 * `field`: the path of the field the code is about ("author.id", "createdAt"), so the UI can
 * name it in its own language; null when the code is about the whole line.
 */
export type DecodeResult =
  | { ok: true; message: InterchangeMessage }
  | { ok: false; code: ImportErrorCode; detail: string; field: string | null };

const MAX_DETAIL = 300;

export function clipDetail(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

const DATETIME: RegExp | null = (() => {
  const pattern: unknown = (
    InterchangeMessageSchema.shape.createdAt as unknown as { _zod?: { pattern?: unknown } }
  )._zod?.pattern;
  return pattern instanceof RegExp ? new RegExp(pattern.source, pattern.flags.replace('g', '')) : null;
})();

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= L.idChars && !CONTROL_CHAR_RE.test(v);
const optId = (v: unknown): boolean => v === undefined || isId(v);
const optMax = (v: unknown, max: number): boolean =>
  v === undefined || (typeof v === 'string' && v.length <= max);
const optNonEmptyMax = (v: unknown, max: number): boolean =>
  v === undefined || (typeof v === 'string' && v.length > 0 && v.length <= max);
const optCount = (v: unknown): boolean => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0);

/**
 * A hand-written fast path for `InterchangeMessageSchema.safeParse`: returns the same parsed
 * message for the common, valid case, or null when in any doubt, and `decodeInterchange` then
 * asks zod (which also words the error). It must never accept what zod rejects:
 * `decode.test.ts` checks that on mutated lines. Validating with zod alone cost about a tenth of
 * `webcare score`.
 */
export function fastInterchange(v: unknown): InterchangeMessage | null {
  if (!isObject(v) || DATETIME === null) return null;
  const a = v.author;
  if (!isId(v.id) || typeof v.channel !== 'string' || v.channel.length === 0) return null;
  if (v.channel.length > L.channelChars || !optId(v.conversationId)) return null;
  if (v.direction !== 'incoming' && v.direction !== 'outgoing') return null;
  if (typeof v.public !== 'boolean' || typeof v.text !== 'string') return null;
  if (!isObject(a) || !isId(a.id) || !optMax(a.handle, L.handleChars) || !optMax(a.name, L.nameChars))
    return null;
  if (!optCount(a.followers) || (a.verified !== undefined && typeof a.verified !== 'boolean')) return null;
  if (typeof v.createdAt !== 'string' || !DATETIME.test(v.createdAt) || !createdAtInRange(v.createdAt))
    return null;
  if (v.lang !== undefined && (typeof v.lang !== 'string' || v.lang.length < 2 || v.lang.length > 8))
    return null;
  if (!optId(v.inReplyTo) || !optNonEmptyMax(v.brand, L.brandChars)) return null;
  const mt = v.metrics;
  if (
    mt !== undefined &&
    (!isObject(mt) ||
      !optCount(mt.likes) ||
      !optCount(mt.reposts) ||
      !optCount(mt.replies) ||
      !optCount(mt.quotes))
  )
    return null;
  const author: InterchangeMessage['author'] = { id: a.id };
  if (a.handle !== undefined) author.handle = a.handle as string;
  if (a.name !== undefined) author.name = a.name as string;
  if (a.followers !== undefined) author.followers = a.followers as number;
  if (a.verified !== undefined) author.verified = a.verified;
  const out: InterchangeMessage = {
    id: v.id,
    channel: v.channel,
    direction: v.direction,
    public: v.public,
    author,
    text: v.text,
    createdAt: v.createdAt,
  };
  if (v.conversationId !== undefined) out.conversationId = v.conversationId as string;
  if (v.lang !== undefined) out.lang = v.lang;
  if (v.inReplyTo !== undefined) out.inReplyTo = v.inReplyTo as string;
  if (mt !== undefined) {
    const m = mt as Record<string, number | undefined>;
    out.metrics = {
      likes: m.likes ?? 0,
      reposts: m.reposts ?? 0,
      replies: m.replies ?? 0,
      quotes: m.quotes ?? 0,
    };
  }
  if (v.brand !== undefined) out.brand = v.brand as string;
  return out;
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

/**
 * The one decoder of an interchange line's parsed JSON value, used by the app's import
 * (`createJsonlParser`) and by the `webcare` CLI: the fast path, then zod for the doubtful
 * cases and the wording of the error. Duplicates and line length are the parser's business.
 */
export function decodeInterchange(value: unknown): DecodeResult {
  const fast = fastInterchange(value);
  if (fast) return { ok: true, message: fast };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      code: 'not_an_object',
      detail: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
      field: null,
    };
  }
  const parsed = InterchangeMessageSchema.safeParse(value);
  if (parsed.success) return { ok: true, message: parsed.data };
  // The first field of each kind, for the code that wins below.
  let missing: string | null = null;
  let tooLong: string | null = null;
  let badDate: string | null = null;
  let first: string | null = null;
  const parts = parsed.error.issues.slice(0, 5).map((issue) => {
    const where = pathText(issue.path);
    first ??= issue.path.length ? where : null;
    if (
      (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
      valueAt(value, issue.path) === undefined
    ) {
      missing ??= where;
      return `${where}: missing`;
    }
    if (issue.code === 'too_big' && issue.origin === 'string') tooLong ??= where;
    if (issue.code === 'custom' && issue.message === CREATED_AT_RANGE_MESSAGE) badDate ??= where;
    return `${where}: ${issue.message}`;
  });
  const code: ImportErrorCode = missing
    ? 'missing_field'
    : badDate
      ? 'date_out_of_range'
      : tooLong
        ? 'field_too_long'
        : 'invalid_field';
  const field = missing ?? badDate ?? tooLong ?? first;
  return { ok: false, code, detail: clipDetail(parts.join('; ')), field };
}
