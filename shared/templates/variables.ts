/**
 * Template variables: `{{customer.firstName}}`, with an optional fallback used when the value is
 * missing: `{{customer.firstName | "daar"}}`. The parser keeps every position so that the editor
 * can point at the exact spot of a mistake, and the renderer can say which characters came from
 * where.
 */

/** Variables every template may use; custom fields (`custom.<key>`) come from settings. */
export const KNOWN_VARIABLES = [
  'customer.firstName',
  'customer.lastName',
  'customer.name',
  'customer.handle',
  'agent.firstName',
  'agent.name',
  'agent.initials',
  'conversation.id',
  'brand.name',
] as const;
export type KnownVariable = (typeof KNOWN_VARIABLES)[number];

/** Custom field keys: `orderNumber`, `ticket_id`. Used as `{{custom.orderNumber}}`. */
export const CUSTOM_FIELD_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
export const CUSTOM_PREFIX = 'custom.';

export interface TextSegment {
  kind: 'text';
  start: number;
  end: number;
  text: string;
}

export interface VariableSegment {
  kind: 'variable';
  /** Offset of the opening `{{`. */
  start: number;
  /** Offset just after the closing `}}`. */
  end: number;
  name: string;
  /** The fallback text, or null when there is none. */
  fallback: string | null;
}

export type Segment = TextSegment | VariableSegment;

export const TEMPLATE_ERROR_CODES = [
  'unclosed',
  'empty',
  'badName',
  'unknownVariable',
  'badFallback',
  'strayClose',
] as const;
export type TemplateErrorCode = (typeof TEMPLATE_ERROR_CODES)[number];

export interface TemplateError {
  code: TemplateErrorCode;
  /** i18n key in the `templates` namespace. */
  messageKey: `errors.${TemplateErrorCode}` | 'errors.unknownVariableSuggestion';
  /** Offset of the problem in the body, and how many characters it covers. */
  offset: number;
  length: number;
  /** 1-based, for people. */
  line: number;
  column: number;
  /** Interpolation values for the message (the variable, a suggestion). */
  params: Record<string, string | number>;
}

export interface ParseResult {
  segments: Segment[];
  errors: TemplateError[];
}

const NAME = /^[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)*$/;
// Straight, single and typographic quotes: fallbacks get typed on Dutch keyboards and pasted
// from word processors that curl them.
const QUOTE_PAIRS: Readonly<Record<string, string>> = { '"': '"', "'": "'", '“': '”', '‘': '’', '„': '”' };

function position(body: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = body.indexOf('\n'); i !== -1 && i < offset; i = body.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function error(
  body: string,
  code: TemplateErrorCode,
  offset: number,
  length: number,
  params: Record<string, string | number> = {},
): TemplateError {
  const { line, column } = position(body, offset);
  const messageKey =
    code === 'unknownVariable' && params.suggestion
      ? 'errors.unknownVariableSuggestion'
      : (`errors.${code}` as const);
  return { code, messageKey, offset, length, line, column, params: { ...params, line, column } };
}

/** Parses the inside of `{{ … }}`: a name and an optional `| "fallback"`. */
function parseInner(
  inner: string,
):
  { name: string; fallback: string | null } | { problem: 'empty' | 'badName' | 'badFallback'; name: string } {
  const bar = inner.indexOf('|');
  const name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
  if (!name) return { problem: 'empty', name };
  if (!NAME.test(name)) return { problem: 'badName', name };
  if (bar === -1) return { name, fallback: null };
  const rest = inner.slice(bar + 1).trim();
  const open = rest[0] ?? '';
  const close = QUOTE_PAIRS[open];
  if (!close || rest.length < 2 || !rest.endsWith(close)) return { problem: 'badFallback', name };
  const fallback = rest.slice(1, -1);
  if (fallback.includes(open) || (close !== open && fallback.includes(close)))
    return { problem: 'badFallback', name };
  return { name, fallback };
}

/** Splits a template body into text and variable segments, collecting syntax errors. */
export function parseTemplate(body: string): ParseResult {
  const segments: Segment[] = [];
  const errors: TemplateError[] = [];
  let i = 0;
  let textStart = 0;
  const flushText = (end: number) => {
    if (end > textStart)
      segments.push({ kind: 'text', start: textStart, end, text: body.slice(textStart, end) });
  };
  while (i < body.length) {
    const open = body.indexOf('{{', i);
    for (
      let stray = body.indexOf('}}', i);
      stray !== -1 && (open === -1 || stray < open);
      stray = body.indexOf('}}', stray + 2)
    )
      errors.push(error(body, 'strayClose', stray, 2));
    if (open === -1) break;
    const close = body.indexOf('}}', open + 2);
    const nextOpen = body.indexOf('{{', open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      // Point at the opening braces and what follows on the same line: that is where it went wrong.
      const lineEnd = body.indexOf('\n', open);
      const stop = Math.min(lineEnd === -1 ? body.length : lineEnd, nextOpen === -1 ? body.length : nextOpen);
      errors.push(error(body, 'unclosed', open, Math.max(2, stop - open)));
      i = open + 2;
      continue;
    }
    const inner = body.slice(open + 2, close);
    const parsed = parseInner(inner);
    const end = close + 2;
    if ('problem' in parsed) {
      errors.push(error(body, parsed.problem, open, end - open, { name: parsed.name }));
    } else {
      flushText(open);
      segments.push({ kind: 'variable', start: open, end, name: parsed.name, fallback: parsed.fallback });
      textStart = end;
    }
    i = end;
  }
  flushText(body.length);
  // A text segment may still hold a broken placeholder: it stays text (rendered as typed), and
  // the error list says what is wrong with it.
  return { segments, errors };
}

/** Whether a variable name is known: one of KNOWN_VARIABLES or a declared custom field. */
export function isKnownVariable(name: string, customFields: readonly string[] = []): boolean {
  if ((KNOWN_VARIABLES as readonly string[]).includes(name)) return true;
  return name.startsWith(CUSTOM_PREFIX) && customFields.includes(name.slice(CUSTOM_PREFIX.length));
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Common mistakes that are no typo of a known name: Dutch words and bare names. */
const ALIASES: Readonly<Record<string, string>> = {
  naam: 'customer.firstName',
  voornaam: 'customer.firstName',
  achternaam: 'customer.lastName',
  name: 'customer.firstName',
  firstname: 'customer.firstName',
  handle: 'customer.handle',
  klant: 'customer.name',
  initialen: 'agent.initials',
  initials: 'agent.initials',
  merk: 'brand.name',
  brand: 'brand.name',
};

/** The known variable closest to a mistyped name, for "did you mean …". */
export function suggestVariable(name: string, customFields: readonly string[] = []): string | null {
  const lower = name.toLowerCase();
  const alias = ALIASES[lower];
  if (alias) return alias;
  const all = [...KNOWN_VARIABLES, ...customFields.map((f) => CUSTOM_PREFIX + f)];
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const known of all) {
    const d = editDistance(lower, known.toLowerCase());
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : null;
}

/**
 * Validates a template body for saving: syntax errors plus unknown variables, each with its
 * position. An empty list means the body can be saved.
 */
export function validateTemplateBody(body: string, customFields: readonly string[] = []): TemplateError[] {
  const { segments, errors } = parseTemplate(body);
  const out = [...errors];
  for (const s of segments) {
    if (s.kind !== 'variable' || isKnownVariable(s.name, customFields)) continue;
    const suggestion = suggestVariable(s.name, customFields);
    out.push(
      error(
        body,
        'unknownVariable',
        s.start,
        s.end - s.start,
        suggestion ? { name: s.name, suggestion } : { name: s.name },
      ),
    );
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** The variables a body uses, in order of first use, without duplicates. */
export function variablesOf(body: string): string[] {
  const out = new Set<string>();
  for (const s of parseTemplate(body).segments) if (s.kind === 'variable') out.add(s.name);
  return [...out];
}
