/**
 * The reply being written, as the composer holds it: the text, where each character came from
 * (spans), the template it started from and the values used. Pure operations for what the agent
 * does (type, insert a template by short code, fill a variable, sign), and the provenance that is
 * stored with the message so that the delivery worker can run the checks again at send time.
 */
import { z } from 'zod';
import type { ChannelKind } from '../domain/channels.ts';
import { TEMPLATE_LANGS, TEMPLATE_TONES, VARIANT_STYLES } from './model.ts';
import type { Template, TemplateTone, TemplateVariant } from './model.ts';
import {
  agentSpans,
  fillVariable,
  rebaseSpans,
  renderTemplate,
  type RenderValues,
  type Span,
} from './render.ts';
import { withSignature } from './values.ts';

export interface DraftTemplate {
  id: string;
  tone: TemplateTone;
  lang: TemplateVariant['lang'];
  style: TemplateVariant['style'];
}

export interface ReplyDraft {
  text: string;
  spans: Span[];
  /** Template characters the agent deleted since inserting. */
  removed: number;
  template: DraftTemplate | null;
  /** The variables of the inserted template and what they rendered as. */
  variables: Record<string, { value: string; source: 'variable' | 'fallback' | 'placeholder' }>;
}

/** A draft of text typed by hand (or restored without provenance): all of it is the agent's. */
export function draftFromText(text: string): ReplyDraft {
  return { text, spans: agentSpans(text), removed: 0, template: null, variables: {} };
}

/** The agent changed the text: spans follow the edit. */
export function editDraft(draft: ReplyDraft, text: string): ReplyDraft {
  if (text === draft.text) return draft;
  const r = rebaseSpans(draft.text, draft.spans, text);
  return { ...draft, text: r.text, spans: r.spans, removed: draft.removed + r.removed };
}

function shift(spans: readonly Span[], by: number): Span[] {
  return spans.map((s) => ({ ...s, start: s.start + by, end: s.end + by }));
}

/**
 * Inserts a rendered template variant. It replaces `range` (the typed `/code`) when given, else
 * an empty draft, else it goes after the existing text on a new paragraph.
 */
export function insertTemplate(
  draft: ReplyDraft,
  template: Template,
  variant: TemplateVariant,
  values: RenderValues,
  range?: { start: number; end: number },
): ReplyDraft {
  const rendered = renderTemplate(variant.body, values);
  let before: string;
  let after: string;
  if (range) {
    before = draft.text.slice(0, range.start);
    after = draft.text.slice(range.end);
  } else if (draft.text.trim() === '') {
    before = '';
    after = '';
  } else {
    before = `${draft.text.trimEnd()}\n\n`;
    after = '';
  }
  // Keep the sources of the text around the insertion; the separator we add is the agent's.
  const head = rebaseSpans(draft.text, draft.spans, before + after);
  const cut = before.length;
  const left = head.spans.filter((s) => s.start < cut).map((s) => ({ ...s, end: Math.min(s.end, cut) }));
  const right = shift(
    head.spans.filter((s) => s.end > cut).map((s) => ({ ...s, start: Math.max(s.start, cut) })),
    rendered.text.length,
  );
  const text = before + rendered.text + after;
  return {
    text,
    spans: [...left, ...shift(rendered.spans, cut), ...right].filter((s) => s.end > s.start),
    removed: draft.removed,
    template: { id: template.id, tone: template.tone, lang: variant.lang, style: variant.style },
    variables: { ...draft.variables, ...rendered.variables },
  };
}

/** Fills a variable the template could not fill (from the composer's small form). */
export function fillDraftVariable(draft: ReplyDraft, name: string, value: string): ReplyDraft {
  const clean = value.trim();
  if (!clean) return draft;
  const r = fillVariable(draft.text, draft.spans, name, clean);
  return {
    ...draft,
    text: r.text,
    spans: r.spans,
    variables: { ...draft.variables, [name]: { value: clean, source: 'variable' } },
  };
}

/** Variables still shown as placeholder or fallback, in order of appearance. */
export function unfilledVariables(
  draft: ReplyDraft,
): Array<{ name: string; source: 'placeholder' | 'fallback' }> {
  const out: Array<{ name: string; source: 'placeholder' | 'fallback' }> = [];
  for (const s of draft.spans) {
    if (!s.variable || (s.source !== 'placeholder' && s.source !== 'fallback')) continue;
    if (!out.some((o) => o.name === s.variable)) out.push({ name: s.variable, source: s.source });
  }
  return out;
}

/** Adds the signature per channel convention; the signature counts as the agent's text. */
export function signDraft(draft: ReplyDraft, signature: string | null, channel: ChannelKind): ReplyDraft {
  return editDraft(draft, withSignature(draft.text, signature, channel));
}

/**
 * The `/code` being typed right before the cursor, at the start of the text or after a space or
 * newline ("…bedankt! /ref|"), or null. URLs and dates ("24/11") do not count.
 */
export function shortCodeAt(
  text: string,
  cursor: number,
): { start: number; end: number; query: string } | null {
  const m = /(^|\s)\/([a-z0-9-]{0,32})$/i.exec(text.slice(0, cursor));
  if (!m) return null;
  const start = m.index + m[1]!.length;
  return { start, end: cursor, query: `/${m[2]!.toLowerCase()}` };
}

const SpanSchema = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  source: z.enum(['template', 'variable', 'fallback', 'placeholder', 'agent']),
  variable: z.string().max(100).optional(),
});

/** What a sent (or queued) reply keeps of how it was written; stored with the message. */
export const ReplyProvenanceSchema = z.object({
  template: z
    .object({
      id: z.string().min(1).max(100),
      tone: z.enum(TEMPLATE_TONES),
      lang: z.enum(TEMPLATE_LANGS),
      style: z.enum(VARIANT_STYLES),
    })
    .nullable(),
  variables: z.record(
    z.string(),
    z.object({ value: z.string(), source: z.enum(['variable', 'fallback', 'placeholder']) }),
  ),
  spans: z.array(SpanSchema).max(10_000),
  removed: z.number().int().min(0),
});
export type ReplyProvenance = z.infer<typeof ReplyProvenanceSchema>;

/** The provenance of a draft, checked to cover its text (spans that do not fit are dropped). */
export function provenanceOf(draft: ReplyDraft): ReplyProvenance {
  return { template: draft.template, variables: draft.variables, spans: draft.spans, removed: draft.removed };
}

/**
 * A draft back from stored provenance. Spans that do not tile the text (the text was changed
 * elsewhere) fall back to "all the agent's", so checks never read wrong offsets.
 */
export function draftFromProvenance(
  text: string,
  provenance: ReplyProvenance | null | undefined,
): ReplyDraft {
  if (!provenance) return draftFromText(text);
  let pos = 0;
  for (const s of provenance.spans) {
    if (s.start !== pos || s.end < s.start)
      return { ...draftFromText(text), template: provenance.template, variables: provenance.variables };
    pos = s.end;
  }
  if (pos !== text.length)
    return { ...draftFromText(text), template: provenance.template, variables: provenance.variables };
  return {
    text,
    spans: provenance.spans,
    removed: provenance.removed,
    template: provenance.template,
    variables: provenance.variables,
  };
}
