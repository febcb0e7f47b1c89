import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../templates/render.ts';
import { checkFallback, checkPlaceholders } from './placeholder.ts';

describe('unfilled placeholder check', () => {
  it('finds a template variable left in the reply (nl and en)', () => {
    expect(checkPlaceholders('Beste {{naam}}, bedankt voor je bericht.')).toMatchObject({
      messageKey: 'checks.placeholder',
      params: { placeholder: '{{naam}}', count: 1 },
      ranges: [{ start: 6, end: 14 }],
    });
    expect(
      checkPlaceholders('Hi {{customer.firstName}}, order {{custom.order}} is on its way')?.params?.count,
    ).toBe(2);
  });

  it('finds placeholder styles of other tools and all-caps leftovers', () => {
    for (const text of [
      'Hoi [naam], sorry!',
      'Hi <name>, sorry!',
      'Dear {firstName},',
      'Hoi %NAAM%',
      'Hi NAME, thanks',
      'Je ordernummer is XXXX',
    ])
      expect({ text, hit: checkPlaceholders(text) !== null }).toEqual({ text, hit: true });
  });

  it('leaves ordinary text alone: "je naam", a quoted shout, braces in prose', () => {
    for (const text of [
      'Wil je je naam en adres via DM sturen?',
      'Could you DM us your name and address?',
      'Je schreef "WAAR IS MIJN NAAM" in de app: dat is een bekende fout.',
      'De korting {10%} geldt tot zondag.',
    ])
      expect({ text, hit: checkPlaceholders(text) }).toEqual({ text, hit: null });
  });
});

describe('fallback check', () => {
  it('flags a greeting with a stand-in word (nl and en)', () => {
    expect(checkFallback('Beste klant, dank je voor je bericht.')).toMatchObject({
      messageKey: 'checks.fallback.generic',
      params: { text: 'klant' },
      ranges: [{ start: 6, end: 11 }],
    });
    expect(checkFallback('Dear customer, thank you for your message.')?.messageKey).toBe(
      'checks.fallback.generic',
    );
    expect(checkFallback('Geachte heer/mevrouw, ...')?.messageKey).toBe('checks.fallback.generic');
  });

  it('flags a greeting whose name rendered empty ("Hoi , ...")', () => {
    const r = renderTemplate('Hoi {{customer.firstName | ""}}, sorry voor het wachten.', {});
    expect(checkFallback(r.text, r.spans)?.messageKey).toBe('checks.fallback.empty');
  });

  it('accepts natural fallbacks such as "Hoi daar" and "Hi there"', () => {
    for (const body of [
      'Hoi {{customer.firstName | "daar"}}, sorry!',
      'Hi {{customer.firstName | "there"}}, sorry!',
    ]) {
      const r = renderTemplate(body, {});
      expect(checkFallback(r.text, r.spans)).toBeNull();
    }
  });

  it('flags a template fallback that is a stand-in wherever it sits', () => {
    const r = renderTemplate('Dank je wel, {{customer.firstName | "klant"}}!', {});
    expect(checkFallback(r.text, r.spans)).toMatchObject({ params: { text: 'klant' } });
  });

  it('does not flag "klant" in a sentence that is no greeting', () => {
    expect(checkFallback('Als klant van Belnet kun je gratis overstappen.')).toBeNull();
    expect(checkFallback('As a customer you can switch for free.')).toBeNull();
  });
});
