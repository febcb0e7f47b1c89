/**
 * The one render function: template body + values (+ the agent's edited text) → the reply text
 * and, for every character, where it came from. The composer colours the preview with the spans,
 * the checks read them (an unfilled placeholder, a fallback that reads as one, the share the agent
 * wrote), and the stored message keeps them with its template id and variables.
 */
import diff from 'fast-diff';
import { parseTemplate } from './variables.ts';

/**
 * `template`: fixed template text; `variable`: a filled-in value; `fallback`: the fallback text of
 * a variable without value; `placeholder`: a variable without value or fallback, left as typed
 * (`{{customer.firstName}}`) so that it cannot go out unnoticed; `agent`: typed by the agent.
 */
export type SpanSource = 'template' | 'variable' | 'fallback' | 'placeholder' | 'agent';

export interface Span {
  start: number;
  end: number;
  source: SpanSource;
  /** The variable behind a `variable`, `fallback` or `placeholder` span. */
  variable?: string;
}

/** Values by variable name (`customer.firstName`); null, undefined and blank mean "no value". */
export type RenderValues = Readonly<Record<string, string | null | undefined>>;

export interface RenderResult {
  text: string;
  /** Adjacent, non-overlapping, covering `text` from 0 to its length. */
  spans: Span[];
  /** Variables rendered with their fallback or left as placeholder, in order of appearance. */
  missing: string[];
  /** The variables used and what they rendered as (for storing with the message). */
  variables: Record<string, { value: string; source: 'variable' | 'fallback' | 'placeholder' }>;
  /** Characters of the rendered template that the agent deleted (0 without `edited`). */
  removed: number;
}

export interface RenderOptions {
  /**
   * The reply as the agent has edited it, starting from an earlier render of the same body.
   * Unchanged characters keep their source; typed ones become `agent` spans.
   */
  edited?: string;
}

function push(spans: Span[], span: Span): void {
  if (span.end <= span.start) return;
  const last = spans[spans.length - 1];
  if (last && last.source === span.source && last.variable === span.variable && last.end === span.start) {
    last.end = span.end;
    return;
  }
  spans.push(span);
}

/** Renders a template body with the given values. Pure; same input, same output. */
export function renderTemplate(
  body: string,
  values: RenderValues,
  options: RenderOptions = {},
): RenderResult {
  let text = '';
  const spans: Span[] = [];
  const missing: string[] = [];
  const variables: RenderResult['variables'] = {};
  for (const segment of parseTemplate(body).segments) {
    const start = text.length;
    if (segment.kind === 'text') {
      text += segment.text;
      push(spans, { start, end: text.length, source: 'template' });
      continue;
    }
    const raw = values[segment.name];
    const value = typeof raw === 'string' ? raw.trim() : '';
    let source: 'variable' | 'fallback' | 'placeholder';
    let out: string;
    if (value) {
      source = 'variable';
      out = value;
    } else if (segment.fallback !== null) {
      source = 'fallback';
      out = segment.fallback;
    } else {
      source = 'placeholder';
      out = body.slice(segment.start, segment.end);
    }
    if (source !== 'variable' && !missing.includes(segment.name)) missing.push(segment.name);
    variables[segment.name] ??= { value: out, source };
    text += out;
    push(spans, { start, end: text.length, source, variable: segment.name });
  }
  if (options.edited === undefined || options.edited === text)
    return { text, spans, missing, variables, removed: 0 };
  return { ...rebaseSpans(text, spans, options.edited), missing, variables };
}

/**
 * Maps spans of `before` onto `after` through a character diff: unchanged characters keep their
 * source, inserted ones become the agent's, and `removed` counts what was deleted. The composer
 * calls it on every edit, so the spans follow the text as the agent types.
 */
export function rebaseSpans(
  before: string,
  spans: readonly Span[],
  after: string,
): { text: string; spans: Span[]; removed: number } {
  const out: Span[] = [];
  let oldPos = 0;
  let newPos = 0;
  let removed = 0;
  let k = 0; // index into spans, advanced with oldPos
  const copy = (length: number) => {
    let left = length;
    while (left > 0) {
      while (k < spans.length && spans[k]!.end <= oldPos) k++;
      const span = spans[k]!;
      const take = Math.min(left, span.end - oldPos);
      const piece: Span = { start: newPos, end: newPos + take, source: span.source };
      if (span.variable !== undefined) piece.variable = span.variable;
      push(out, piece);
      oldPos += take;
      newPos += take;
      left -= take;
    }
  };
  // Cleanup merges character noise into word-sized edits, so "Sanne" → "Sam" reads as one change.
  for (const [op, chunk] of diff(before, after, undefined, true)) {
    if (op === diff.EQUAL) copy(chunk.length);
    else if (op === diff.INSERT) {
      push(out, { start: newPos, end: newPos + chunk.length, source: 'agent' });
      newPos += chunk.length;
    } else {
      oldPos += chunk.length;
      removed += chunk.length;
    }
  }
  return { text: after, spans: out, removed };
}

/** Spans for a reply typed without a template: all of it is the agent's. */
export function agentSpans(text: string): Span[] {
  return text ? [{ start: 0, end: text.length, source: 'agent' }] : [];
}

const SPACE = /\s/u;

/**
 * Share (0..1) of the reply that the agent wrote or changed: agent characters over all
 * characters, whitespace not counted, plus deleted template text (cutting a template down is a
 * personal change too).
 */
export function personalTouch(text: string, spans: readonly Span[], removed = 0): number {
  let agent = 0;
  let total = 0;
  for (const span of spans) {
    for (let i = span.start; i < span.end; i++) {
      if (SPACE.test(text[i]!)) continue;
      total++;
      if (span.source === 'agent') agent++;
    }
  }
  const changed = agent + Math.min(removed, total);
  const denominator = total + Math.min(removed, total);
  return denominator === 0 ? 0 : changed / denominator;
}

/**
 * Fills one variable in an already edited reply: every `placeholder` or `fallback` span of that
 * variable is replaced by the value, other text (and the agent's edits) stays as it is.
 */
export function fillVariable(
  text: string,
  spans: readonly Span[],
  name: string,
  value: string,
): { text: string; spans: Span[] } {
  let out = '';
  const outSpans: Span[] = [];
  for (const span of spans) {
    const start = out.length;
    const replace = span.variable === name && (span.source === 'placeholder' || span.source === 'fallback');
    out += replace ? value : text.slice(span.start, span.end);
    const next: Span = { start, end: out.length, source: replace ? 'variable' : span.source };
    if (span.variable !== undefined) next.variable = span.variable;
    push(outSpans, next);
  }
  return { text: out, spans: outSpans };
}
