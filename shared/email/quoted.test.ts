import { describe, expect, it } from 'vitest';
import { splitEmailText } from './quoted.ts';

describe('splitting an email into body, signature and quoted history', () => {
  it('finds a Dutch attribution line and the RFC 3676 signature separator', () => {
    const text = [
      'Hallo,',
      '',
      'De storing is er nog steeds.',
      '',
      '-- ',
      'Kees de Vries',
      '06-12345678',
      '',
      'Op 1 dec. 2026 om 09:12 schreef Team Webcare <team@example.nl>:',
      '> Beste Kees,',
      '> We kijken ernaar.',
    ].join('\n');
    expect(splitEmailText(text)).toEqual({
      body: 'Hallo,\n\nDe storing is er nog steeds.',
      signature: 'Kees de Vries\n06-12345678',
      quoted:
        'Op 1 dec. 2026 om 09:12 schreef Team Webcare <team@example.nl>:\n> Beste Kees,\n> We kijken ernaar.',
    });
  });

  it('finds English attributions and Outlook headers in both languages', () => {
    expect(
      splitEmailText('Thanks!\n\nOn Tue, Dec 1, 2026 at 9:12 AM Team <t@x> wrote:\n> old').quoted,
    ).toMatch(/^On Tue/);
    const outlook =
      'Graag snel.\n\nVan: Team Webcare <team@example.nl>\nVerzonden: dinsdag 1 december 2026 09:12\nAan: Kees\nOnderwerp: Storing\n\nBeste Kees,';
    expect(splitEmailText(outlook)).toMatchObject({
      body: 'Graag snel.',
      quoted: expect.stringMatching(/^Van: Team/),
    });
    expect(splitEmailText('Zie onder.\n-----Original Message-----\nFrom: x').quoted).toMatch(
      /^-----Original/,
    );
  });

  it('keeps inline replies between quotes as body, and a trailing quote block as history', () => {
    const inline = '> Werkt het nu?\nNee, nog steeds niet.\n> En de router?\nOpnieuw opgestart.';
    expect(splitEmailText(inline)).toEqual({ body: inline, signature: null, quoted: null });
    expect(splitEmailText('Nee.\n\n> Werkt het nu?\n>\n> Groet').quoted).toBe('> Werkt het nu?\n>\n> Groet');
  });

  it('treats a mobile sign-off at the end as the signature', () => {
    expect(splitEmailText('Klopt.\n\nVerzonden vanaf mijn iPhone\n')).toEqual({
      body: 'Klopt.',
      signature: 'Verzonden vanaf mijn iPhone',
      quoted: null,
    });
  });

  it('leaves a message without markers alone (and does not take "Van:" in a sentence for a header)', () => {
    const text = 'Van: mijn buurman hoorde ik dat het werkt.\nKlopt dat?';
    expect(splitEmailText(text)).toEqual({ body: text, signature: null, quoted: null });
    expect(splitEmailText('')).toEqual({ body: '', signature: null, quoted: null });
  });
});
