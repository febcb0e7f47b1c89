import { describe, expect, it } from 'vitest';
import { greetingMatches, parseGreeting } from './greeting.ts';

const matches = (reply: string, facts: Parameters<typeof greetingMatches>[1]) => {
  const g = parseGreeting(reply);
  return g ? greetingMatches(g, facts) : 'no greeting';
};

describe('parseGreeting', () => {
  it('reads Dutch and English greeting forms', () => {
    expect(parseGreeting('Hoi Sanne, wat vervelend!')).toMatchObject({
      word: 'Hoi',
      name: 'Sanne',
      start: 4,
      end: 9,
    });
    expect(parseGreeting('Beste mevrouw Kuipers,\n\nDank voor uw bericht.')).toMatchObject({
      word: 'Beste',
      title: 'mevrouw',
      name: 'Kuipers',
    });
    expect(parseGreeting('Beste meneer van der Berg,')).toMatchObject({
      title: 'meneer',
      name: 'van der Berg',
    });
    expect(parseGreeting('Hi Sam! Sorry about that.')).toMatchObject({ word: 'Hi', name: 'Sam' });
    expect(parseGreeting('Dear Mrs Jones,')).toMatchObject({ title: 'Mrs', name: 'Jones' });
    expect(parseGreeting('@fleur_bos Goedemorgen Fleur, ...')).toMatchObject({
      word: 'Goedemorgen',
      name: 'Fleur',
    });
    expect(parseGreeting('Good morning Priya, thanks')).toMatchObject({ name: 'Priya' });
  });

  it('marks generic addressees and reads no greeting from other openings', () => {
    expect(parseGreeting('Hoi daar, sorry!')).toMatchObject({ name: 'daar', generic: true });
    expect(parseGreeting('Hi there, sorry!')).toMatchObject({ generic: true });
    expect(parseGreeting('Hoi! Dat is vervelend.')).toMatchObject({ name: '' });
    expect(parseGreeting('Wat vervelend, Sanne.')).toBeNull();
    expect(parseGreeting('Hierbij je bevestiging')).toBeNull();
    expect(parseGreeting('Highway to hell')).toBeNull();
  });
});

describe('greeting name against the customer', () => {
  it('accepts the first name, a nickname prefix, the last name after a title, and the handle', () => {
    expect(matches('Hoi Sanne, sorry!', { name: 'Sanne de Vries' })).toBe(true);
    expect(matches('Hoi sanne, sorry!', { name: 'Sanne de Vries' })).toBe(true);
    expect(matches('Hi Sam, sorry!', { name: 'Samantha Jones' })).toBe(true);
    expect(matches('Beste mevrouw Kuipers,', { name: 'Anna Kuipers' })).toBe(true);
    expect(matches('Hi Sam!', { name: null, handle: '@sam_porter92' })).toBe(true);
    expect(matches('Hoi Zoë!', { name: 'Zoe Bakker' })).toBe(true);
  });

  it('accepts a name the customer signed with', () => {
    expect(
      matches('Hoi Fleur, sorry!', {
        name: 'F. Bos',
        messages: ['Nog steeds geen internet.\n\nGroet, Fleur'],
      }),
    ).toBe(true);
  });

  it('flags a greeting with someone else’s name (nl and en)', () => {
    expect(matches('Hoi Piet, sorry!', { name: 'Sanne de Vries', handle: 'sannedv' })).toBe(false);
    expect(matches('Beste mevrouw Jansen,', { name: 'Anna Kuipers' })).toBe(false);
    expect(matches('Hi Tom, sorry about that!', { name: 'Sam Porter', handle: 'samp' })).toBe(false);
  });

  it('has no opinion without a name or handle to compare with', () => {
    expect(matches('Hoi Piet, sorry!', { name: null, handle: null })).toBeNull();
  });

  it('ignores a name inside a quote that does not open the reply', () => {
    expect(
      parseGreeting('"Hoi Piet, je pakket komt morgen" is wat je van ons kreeg? Sorry, Sanne!'),
    ).toBeNull();
    expect(parseGreeting('Sorry Sanne, je schreef: "Hoi Piet"...')).toBeNull();
  });
});
