import { describe, expect, it } from 'vitest';
import twitter from 'twitter-text';
import { exportTemplates, importTemplates, validateTemplate } from './io.ts';
import { pickVariant, type Template } from './model.ts';
import { renderTemplate } from './render.ts';
import { indexTemplates, searchTemplates } from './search.ts';
import { starterTemplates } from './starter.ts';
import { createSuggester } from './suggest.ts';
import { validateTemplateBody } from './variables.ts';

const NOW = Date.UTC(2026, 11, 1, 9);
const library = starterTemplates(NOW);

describe('starter library', () => {
  it('has about 30 templates, each in Dutch and English, all valid', () => {
    expect(library.length).toBeGreaterThanOrEqual(28);
    for (const t of library) {
      expect(t.variants.some((v) => v.lang === 'nl' && v.style === 'default')).toBe(true);
      expect(t.variants.some((v) => v.lang === 'en' && v.style === 'default')).toBe(true);
      for (const v of t.variants)
        expect({ id: t.id, errors: validateTemplateBody(v.body) }).toEqual({ id: t.id, errors: [] });
    }
    expect(new Set(library.map((t) => t.shortCode)).size).toBe(library.length);
  });

  it('short variants fit on X with a long name, a handle and initials', () => {
    for (const t of library) {
      for (const v of t.variants.filter((x) => x.style === 'short')) {
        const { text } = renderTemplate(v.body, {
          'customer.firstName': 'Maximiliaan',
          'brand.name': 'Belnet',
        });
        const reply = `@maximiliaan_vd_berg ${text} ^JV`;
        expect({
          code: t.shortCode,
          lang: v.lang,
          len: twitter.parseTweet(reply).weightedLength <= 280,
        }).toEqual({
          code: t.shortCode,
          lang: v.lang,
          len: true,
        });
      }
    }
  });

  it('round-trips through export and import', () => {
    const json = exportTemplates(library, ['orderNumber'], NOW);
    const back = importTemplates(json, { owner: 'agent-1', now: NOW + 1 });
    expect(back.errors).toEqual([]);
    expect(back.templates).toEqual(library);
    expect(back.customFields).toEqual(['orderNumber']);
  });
});

describe('importTemplates', () => {
  const file = (templates: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ format: 'webcare-templates', version: 1, templates, ...extra });
  const good = {
    id: 't1',
    shortCode: 'hoi',
    title: { nl: 'Hoi' },
    category: 'greeting',
    variants: [{ lang: 'nl', style: 'default', body: 'Hoi {{customer.firstName}}' }],
  };

  it('imports the good templates and lists the bad ones with number and reason', () => {
    const bad = {
      ...good,
      id: 't2',
      shortCode: 'fout',
      variants: [{ lang: 'nl', style: 'default', body: 'Beste {{naam}},\nhoi' }],
    };
    const wrongType = { ...good, id: 't3', shortCode: 'x3', category: 'nonsense' };
    const dupe = { ...good, id: 't4' };
    const r = importTemplates(file([good, bad, wrongType, dupe]), { owner: 'a1', now: NOW });
    expect(r.templates.map((t) => t.id)).toEqual(['t1']);
    expect(r.templates[0]).toMatchObject({ owner: 'a1', usageCount: 0, tone: 'neutral', createdAt: NOW });
    expect(r.errors.map((e) => [e.messageKey, e.template])).toEqual([
      ['import.body', 2],
      ['import.field', 3],
      ['import.duplicateShortCode', 4],
    ]);
    expect(r.errors[0]!.params).toMatchObject({ code: 'fout', line: 1, column: 7 });
    expect(r.errors[0]!.bodyError).toMatchObject({ code: 'unknownVariable', params: { name: 'naam' } });
    expect(r.errors[1]!.params).toEqual({ field: 'category' });
  });

  it('refuses what is not a template file, with a translated reason', () => {
    expect(
      importTemplates('{"format": "webcare-templates", ', { owner: 'a', now: NOW }).errors[0],
    ).toMatchObject({
      messageKey: 'import.invalidJson',
      template: null,
    });
    expect(importTemplates('[1,2,3]', { owner: 'a', now: NOW }).errors[0]!.messageKey).toBe(
      'import.notTemplateFile',
    );
    expect(importTemplates(file([], { version: 7 }), { owner: 'a', now: NOW }).errors[0]).toMatchObject({
      messageKey: 'import.newerVersion',
      params: { version: 7, supported: 1 },
    });
  });

  it('accepts a BOM and custom fields declared in the file', () => {
    const t = { ...good, variants: [{ lang: 'en', style: 'default', body: 'Order {{custom.orderNumber}}' }] };
    const r = importTemplates('\uFEFF' + file([t], { customFields: ['orderNumber'] }), {
      owner: 'a',
      now: NOW,
    });
    expect(r.errors).toEqual([]);
  });

  it('requires a WhatsApp template name on a whatsapp variant', () => {
    const t = { ...good, variants: [{ lang: 'nl', style: 'whatsapp', body: 'Hoi' }] };
    expect(importTemplates(file([t]), { owner: 'a', now: NOW }).errors[0]!.messageKey).toBe(
      'import.whatsappName',
    );
  });

  it('validateTemplate reports the variant of a body error and a short code taken by another template', () => {
    const edited: Template = {
      ...library[0]!,
      id: 'mine',
      shortCode: 'sorry',
      variants: [library[0]!.variants[0]!, { lang: 'en', style: 'default', body: 'Hi {{klant}}' }],
    };
    const errors = validateTemplate(edited, library, []);
    expect(errors.map((e) => [e.messageKey, e.variant])).toEqual([
      ['import.body', 1],
      ['import.duplicateShortCode', undefined],
    ]);
  });
});

describe('searchTemplates', () => {
  const index = indexTemplates(library);
  it('finds by short code prefix, and by keyword after a slash', () => {
    expect(searchTemplates(index, '/refund')[0]!.template.shortCode).toBe('refund');
    expect(searchTemplates(index, '/stor').map((h) => h.template.shortCode)).toEqual([
      'storing',
      'storing-update',
    ]);
    expect(searchTemplates(index, '/outage')[0]!.template.shortCode).toMatch(/^storing/);
  });
  it('finds by words in titles and bodies, accents and case ignored', () => {
    const hits = searchTemplates(index, 'Pakket BEZORGER').map((h) => h.template.shortCode);
    expect(hits).toContain('zoek');
    expect(hits).not.toContain('storing');
    expect(searchTemplates(index, 'privebericht').map((h) => h.template.shortCode)).toContain('dm-check');
    expect(searchTemplates(index, 'xyzzy')).toEqual([]);
  });
});

describe('suggestions', () => {
  const suggester = createSuggester(library);
  const top = (
    text: string,
    channel: Parameters<typeof suggester.suggest>[0]['channel'] = 'x',
    lang: 'nl' | 'en' | null = null,
  ) => suggester.suggest({ messages: [{ text }], lang, channel }).map((s) => s.template.shortCode);

  it('ranks refund templates first for a customer who wants money back (nl and en)', () => {
    expect(top('Ik wacht nog steeds op mijn geld, wanneer krijg ik mijn terugbetaling?!')[0]).toMatch(
      /^refund/,
    );
    expect(top('Still waiting for my refund, where is my money??')[0]).toMatch(/^refund/);
  });

  it('suggests the outage templates for a service that is down', () => {
    expect(top('Internet ligt er al de hele ochtend uit, storing??').slice(0, 3)).toContain('storing');
    expect(top('your service is down again, nothing works', 'x', 'en').slice(0, 3)).toContain('storing');
  });

  it('returns at most three, picks the channel variant, and the language of the conversation', () => {
    const s = suggester.suggest({
      messages: [{ text: 'Mijn pakket is niet bezorgd, waar is het?' }],
      lang: null,
      channel: 'x',
    });
    expect(s.length).toBeLessThanOrEqual(3);
    expect(s[0]!.variant).toMatchObject({ lang: 'nl', style: 'short' });
    expect(s[0]!.reasons).toContain('words');
    const email = suggester.suggest({
      messages: [{ text: 'Mijn pakket is niet bezorgd' }],
      lang: 'nl',
      channel: 'email',
    });
    expect(pickVariant(email[0]!.template, { lang: 'nl', channel: 'email' })).toBe(email[0]!.variant);
  });

  it('offers only WhatsApp template messages when the 24-hour window has closed', () => {
    const s = suggester.suggest({
      messages: [{ text: 'Hallo, nog nieuws over mijn vraag?' }],
      lang: 'nl',
      channel: 'whatsapp',
      whatsappWindowOpen: false,
    });
    for (const x of s) expect(x.variant.style).toBe('whatsapp');
  });

  it('says nothing for an empty conversation', () => {
    expect(suggester.suggest({ messages: [], lang: 'nl', channel: 'x' })).toEqual([]);
  });
});
