import { describe, expect, it } from 'vitest';
import {
  draftFromProvenance,
  draftFromText,
  editDraft,
  fillDraftVariable,
  insertTemplate,
  provenanceOf,
  ReplyProvenanceSchema,
  shortCodeAt,
  signDraft,
  unfilledVariables,
} from './draft.ts';
import type { Span } from './render.ts';
import { personalTouch } from './render.ts';
import { starterTemplates } from './starter.ts';
import { pickVariant } from './model.ts';

const library = starterTemplates(0);
const refund = library.find((t) => t.shortCode === 'refund')!;
const nlShort = pickVariant(refund, { lang: 'nl', channel: 'x' })!;

function tiles(text: string, spans: readonly Span[]) {
  let pos = 0;
  for (const s of spans) {
    expect(s.start).toBe(pos);
    pos = s.end;
  }
  expect(pos).toBe(text.length);
}

describe('the reply draft', () => {
  it('replaces a typed short code with the template, keeping the agent’s text around it', () => {
    let d = draftFromText('Sorry! /refund');
    const at = shortCodeAt(d.text, d.text.length);
    expect(at).toEqual({ start: 7, end: 14, query: '/refund' });
    d = insertTemplate(d, refund, nlShort, {}, at!);
    expect(d.text.startsWith('Sorry! Hoi daar, de terugbetaling')).toBe(true);
    expect(d.template).toEqual({ id: 'starter-refund', tone: 'neutral', lang: 'nl', style: 'short' });
    expect(d.spans[0]).toMatchObject({ source: 'agent', start: 0, end: 7 });
    expect(d.spans.find((s) => s.source === 'fallback')).toMatchObject({ variable: 'customer.firstName' });
    tiles(d.text, d.spans);
  });

  it('fills a variable from the form, and keeps the agent’s later edits', () => {
    let d = insertTemplate(draftFromText(''), refund, nlShort, {});
    expect(unfilledVariables(d)).toEqual([{ name: 'customer.firstName', source: 'fallback' }]);
    d = editDraft(d, d.text.replace('5 werkdagen', '3 werkdagen'));
    d = fillDraftVariable(d, 'customer.firstName', 'Sanne');
    expect(d.text).toMatch(/^Hoi Sanne, de terugbetaling .* 3 werkdagen/);
    expect(unfilledVariables(d)).toEqual([]);
    expect(d.variables['customer.firstName']).toEqual({ value: 'Sanne', source: 'variable' });
    expect(personalTouch(d.text, d.spans, d.removed)).toBeGreaterThan(0);
    tiles(d.text, d.spans);
  });

  it('appends a template after existing text and signs per channel', () => {
    let d = insertTemplate(draftFromText('Dank je voor je geduld.'), refund, nlShort, {
      'customer.firstName': 'Sam',
    });
    expect(d.text).toMatch(/^Dank je voor je geduld\.\n\nHoi Sam, /);
    d = signDraft(d, '^JV', 'x');
    expect(d.text.endsWith(' ^JV')).toBe(true);
    expect(d.spans.at(-1)).toMatchObject({ source: 'agent' });
    tiles(d.text, d.spans);
  });

  it('reads a short code only where one starts', () => {
    expect(shortCodeAt('/dm', 3)).toEqual({ start: 0, end: 3, query: '/dm' });
    expect(shortCodeAt('kijk op https://example.com/help', 32)).toBeNull();
    expect(shortCodeAt('op 24/11', 8)).toBeNull();
    expect(shortCodeAt('regel\n/sor', 10)).toEqual({ start: 6, end: 10, query: '/sor' });
  });

  it('round-trips through stored provenance and distrusts spans that no longer fit', () => {
    const d = insertTemplate(draftFromText(''), refund, nlShort, { 'customer.firstName': 'Sanne' });
    const stored = ReplyProvenanceSchema.parse(JSON.parse(JSON.stringify(provenanceOf(d))));
    expect(draftFromProvenance(d.text, stored)).toEqual(d);
    const changed = draftFromProvenance(`${d.text}!`, stored);
    expect(changed.spans).toEqual([{ start: 0, end: d.text.length + 1, source: 'agent' }]);
    expect(changed.template).toEqual(d.template);
    expect(draftFromProvenance('hoi', null).template).toBeNull();
  });
});
