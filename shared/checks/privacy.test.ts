import { describe, expect, it } from 'vitest';
import { checkPersonalData, findPersonalData, isValidPattern } from './privacy.ts';

const kinds = (text: string, options = {}) => findPersonalData(text, options).map((h) => [h.kind, h.text]);

describe('personal data in public replies', () => {
  it('finds an e-mail address, a phone number and an IBAN (nl)', () => {
    expect(
      kinds('Hoi Sanne, we hebben je mail aan sanne.devries@gmail.com gezien en bellen je op 06-12345678.'),
    ).toEqual([
      ['email', 'sanne.devries@gmail.com'],
      ['phone', '06-12345678'],
    ]);
    expect(kinds('Het bedrag is teruggestort op NL91 ABNA 0417 1643 00.')).toEqual([
      ['iban', 'NL91 ABNA 0417 1643 00'],
    ]);
  });

  it('finds a UK mobile number and an order number (en)', () => {
    expect(kinds("We'll call you on +44 7911 123456 about order #A1234567.")).toEqual([
      ['phone', '+44 7911 123456'],
      ['order', 'A1234567'],
    ]);
    expect(kinds('Your order number 100234987 has shipped')).toEqual([['order', '100234987']]);
  });

  it('finds a Dutch address: postcode with house number, or street with number and postcode', () => {
    expect(kinds('We sturen het naar Dorpsstraat 12, 1234 AB Ergenshuizen.')).toEqual([
      ['address', 'Dorpsstraat 12, 1234 AB'],
    ]);
    expect(kinds('Bezorging op 1234 AB 12 lukte niet.')).toEqual([['address', '1234 AB 12']]);
  });

  it('leaves numbers alone that are no personal data', () => {
    for (const text of [
      'Binnen 24 uur en uiterlijk 5 werkdagen staat € 1.234,56 op je rekening.',
      'We hebben 2000 GB extra data en 1500 MB bundels.',
      'Update 2026-11-24 12:30: versie 3.1.2 staat klaar.',
      'Bel gratis 0800-0123 of 088 123 4567 (lokaal tarief).',
      'Your ticket 123456789 views and 4.5 stars, 10000 customers',
      'Dit jaar 1234 klachten minder dan in 2025.',
    ])
      expect({ text, hits: kinds(text) }).toEqual({ text, hits: [] });
  });

  it('lets the brand’s own contact details pass', () => {
    expect(kinds('Mail ons op klantenservice@belnet.nl of privacy@belnet.nl')).toEqual([]);
    expect(kinds('Bel ons op 020 123 4567', { allowed: ['+31 20 123 4567'] })).toEqual([]);
    expect(kinds('Bel ons op 020 123 4567')).toEqual([['phone', '020 123 4567']]);
  });

  it('rejects an IBAN-shaped string with a wrong checksum', () => {
    expect(kinds('Referentie NL00 ABNA 0417 1643 00')).toEqual([]);
  });

  it('uses extra order patterns from settings and ignores a broken one', () => {
    expect(
      kinds('Dossier BN-2026-0042 is gesloten', { orderPatterns: ['\\bBN-\\d{4}-\\d{4}\\b', '(['] }),
    ).toEqual([['order', 'BN-2026-0042']]);
    expect(isValidPattern('([')).toBe(false);
  });

  it('checks public replies only', () => {
    const text = 'Bel je ons even op 06-12345678?';
    expect(checkPersonalData(text, false)).toBeNull();
    expect(checkPersonalData(text, true)).toMatchObject({
      messageKey: 'checks.personalData.phone',
      params: { count: 1 },
    });
  });
});
