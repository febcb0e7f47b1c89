import { describe, expect, it } from 'vitest';
import { fillVariable, personalTouch, renderTemplate, type Span } from './render.ts';
import {
  buildValues,
  candidatesFor,
  signatureFor,
  signatureName,
  splitName,
  withSignature,
} from './values.ts';

const pieces = (text: string, spans: readonly Span[]) =>
  spans.map((s) => [s.source, text.slice(s.start, s.end)]);

describe('renderTemplate', () => {
  it('fills variables and marks where each character came from', () => {
    const r = renderTemplate('Hoi {{customer.firstName | "daar"}}, ^{{agent.initials}}', {
      'customer.firstName': 'Sanne',
      'agent.initials': 'JV',
    });
    expect(r.text).toBe('Hoi Sanne, ^JV');
    expect(pieces(r.text, r.spans)).toEqual([
      ['template', 'Hoi '],
      ['variable', 'Sanne'],
      ['template', ', ^'],
      ['variable', 'JV'],
    ]);
    expect(r.missing).toEqual([]);
    expect(r.variables).toEqual({
      'customer.firstName': { value: 'Sanne', source: 'variable' },
      'agent.initials': { value: 'JV', source: 'variable' },
    });
  });

  it('uses the fallback for a blank value and keeps a placeholder when there is none', () => {
    const r = renderTemplate('Hoi {{customer.firstName | "daar"}}, order {{custom.order}}.', {
      'customer.firstName': '  ',
    });
    expect(r.text).toBe('Hoi daar, order {{custom.order}}.');
    expect(pieces(r.text, r.spans)).toEqual([
      ['template', 'Hoi '],
      ['fallback', 'daar'],
      ['template', ', order '],
      ['placeholder', '{{custom.order}}'],
      ['template', '.'],
    ]);
    expect(r.missing).toEqual(['customer.firstName', 'custom.order']);
  });

  it('maps the agent’s edits onto the rendered text as agent spans', () => {
    const body = 'Hoi {{customer.firstName}}, sorry voor het wachten.';
    const values = { 'customer.firstName': 'Sanne' };
    const edited = 'Hoi Sanne, sorry voor het lange wachten. Ik bel je vandaag nog.';
    const r = renderTemplate(body, values, { edited });
    expect(r.text).toBe(edited);
    const agent = r.spans.filter((s) => s.source === 'agent').map((s) => edited.slice(s.start, s.end));
    expect(agent.join('')).toBe('lange  Ik bel je vandaag nog.');
    expect(r.spans.find((s) => s.source === 'variable')).toMatchObject({ variable: 'customer.firstName' });
    // Spans cover the text exactly.
    expect(r.spans[0]!.start).toBe(0);
    expect(r.spans.at(-1)!.end).toBe(edited.length);
    for (let i = 1; i < r.spans.length; i++) expect(r.spans[i]!.start).toBe(r.spans[i - 1]!.end);
  });

  it('counts deleted template text as removed', () => {
    const r = renderTemplate('Hoi daar, dank je wel voor je bericht.', {}, { edited: 'Hoi daar.' });
    expect(r.removed).toBeGreaterThan(20);
    expect(r.spans.every((s) => s.source === 'template')).toBe(true);
  });
});

describe('personalTouch', () => {
  it('is 0 for an untouched template, 1 for a reply typed by hand, and in between for edits', () => {
    const plain = renderTemplate('Dank je wel voor je bericht!', {});
    expect(personalTouch(plain.text, plain.spans)).toBe(0);
    expect(personalTouch('Helemaal zelf', [{ start: 0, end: 13, source: 'agent' }])).toBe(1);
    const edited = renderTemplate(
      'Dank je wel voor je bericht!',
      {},
      { edited: 'Dank je wel voor je bericht, Sanne! Ik zoek het uit.' },
    );
    const touch = personalTouch(edited.text, edited.spans, edited.removed);
    expect(touch).toBeGreaterThan(0.3);
    expect(touch).toBeLessThan(0.7);
  });
});

describe('fillVariable', () => {
  it('fills a placeholder in an edited reply without touching the edits', () => {
    const body = 'Hoi {{customer.firstName}}, je order {{custom.order}} komt eraan.';
    const edited = 'Hoi {{customer.firstName}}, je order {{custom.order}} komt morgen eraan!';
    const r = renderTemplate(body, {}, { edited });
    const filled = fillVariable(r.text, r.spans, 'customer.firstName', 'Sanne');
    expect(filled.text).toBe('Hoi Sanne, je order {{custom.order}} komt morgen eraan!');
    expect(pieces(filled.text, filled.spans)).toContainEqual(['variable', 'Sanne']);
    expect(pieces(filled.text, filled.spans)).toContainEqual(['agent', 'morgen ']);
  });
});

describe('values', () => {
  it('splits display names and refuses things that are not a person’s name', () => {
    expect(splitName('Sanne de Vries')).toEqual({ first: 'Sanne', last: 'de Vries' });
    expect(splitName('Klantenservice')).toEqual({ first: null, last: null });
    expect(splitName('fleur@example.com')).toEqual({ first: null, last: null });
    expect(splitName('🌻🌻')).toEqual({ first: null, last: null });
  });

  it('builds values from the author, agent, conversation and brand', () => {
    const v = buildValues({
      customer: { name: 'Sanne de Vries', handle: 'sannedv' },
      agent: { name: 'Jan Vos' },
      conversationId: 'c-42',
      brandName: 'Belnet',
      channel: 'x',
      custom: { orderNumber: 'NL-1234' },
    });
    expect(v).toMatchObject({
      'customer.firstName': 'Sanne',
      'customer.lastName': 'de Vries',
      'customer.handle': '@sannedv',
      'agent.firstName': 'Jan',
      'agent.initials': 'JV',
      'conversation.id': 'c-42',
      'brand.name': 'Belnet',
      'custom.orderNumber': 'NL-1234',
    });
  });

  it('offers the author name, a signed name and the handle as candidates for a first name', () => {
    const c = candidatesFor('customer.firstName', {
      customer: { name: null, handle: 'fleur_bos' },
      customerMessages: ['Al drie dagen geen internet!!\n\nGroet, Fleur', 'Hallo? Nog iemand daar?'],
    });
    expect(c).toEqual([{ value: 'Fleur', sourceKey: 'candidates.signature' }]);
    const d = candidatesFor('customer.firstName', { customer: { name: 'Sam Porter', handle: 'bigsam' } });
    expect(d.map((x) => x.value)).toEqual(['Sam', 'Bigsam']);
  });

  it('reads a sign-off name in Dutch and English', () => {
    expect(signatureName('Dit is echt niet ok.\nMvg, Kees Jansen')).toBe('Kees');
    expect(signatureName('Still broken.\n\nThanks,\nSam')).toBe('Sam');
    expect(signatureName('ik wacht al een week')).toBeNull();
  });

  it('signs per channel convention', () => {
    expect(signatureFor('x', 'nl', { name: 'Jan Vos' })).toBe('^JV');
    expect(signatureFor('whatsapp', 'nl', { name: 'Jan Vos' })).toBe('^Jan');
    expect(signatureFor('email', 'nl', { name: 'Jan Vos' }, 'Belnet')).toBe(
      'Met vriendelijke groet,\nJan Vos\nWebcare Belnet',
    );
    expect(signatureFor('google', 'en', { name: 'Jan Vos' }, 'Belnet')).toBe('Jan, Belnet team');
    expect(signatureFor('x', 'nl', {})).toBeNull();
    expect(withSignature('Hoi Sanne! ', '^JV', 'x')).toBe('Hoi Sanne! ^JV');
    expect(withSignature('Hoi Sanne! ^JV', '^JV', 'x')).toBe('Hoi Sanne! ^JV');
  });
});
