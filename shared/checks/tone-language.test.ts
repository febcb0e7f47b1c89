import { describe, expect, it } from 'vitest';
import { checkLanguage, customerLanguage } from './language.ts';
import { checkTone, moodOf } from './tone.ts';

const calm = { sentiment: 0.2, severity: 0.1, escalating: false };
const furious = { sentiment: -0.8, severity: 0.7, escalating: false };

describe('tone check', () => {
  it('flags a cheerful emoji or exclamation on a very negative conversation (nl and en)', () => {
    expect(
      checkTone({ text: 'Super dat je het meldt! 😊', mood: furious, negativeSentiment: -0.5 }),
    ).toMatchObject({
      messageKey: 'checks.tone.negative',
      params: { evidence: 'Super' },
    });
    expect(
      checkTone({ text: 'Great news! We fixed it 🎉', mood: furious, negativeSentiment: -0.5 }),
    ).not.toBeNull();
  });

  it('flags a cheerful template on an escalating conversation even without emoji', () => {
    expect(
      checkTone({
        text: 'Wat leuk om te lezen, dank je wel.',
        mood: { ...calm, escalating: true },
        templateTone: 'cheerful',
        negativeSentiment: -0.5,
      }),
    ).toMatchObject({ messageKey: 'checks.tone.escalating', params: { template: 1 } });
  });

  it('is fine with empathy on an angry conversation and with cheer on a happy one', () => {
    expect(
      checkTone({
        text: 'Wat vervelend, sorry! We lossen het op 🙏',
        mood: furious,
        negativeSentiment: -0.5,
      }),
    ).toBeNull();
    expect(
      checkTone({ text: 'So sorry about this, we are on it.', mood: furious, negativeSentiment: -0.5 }),
    ).toBeNull();
    expect(checkTone({ text: 'Top! Fijne dag 😊', mood: calm, negativeSentiment: -0.5 })).toBeNull();
  });

  it('reads the mood from the customer’s messages with the analysis model', () => {
    const m = moodOf([
      {
        text: 'Dit is echt schandalig, al 3 dagen geen internet en niemand helpt me!!! Ik stap naar de Consumentenbond',
      },
    ]);
    expect(m.sentiment).toBeLessThan(-0.3);
    const happy = moodOf([{ text: 'Dank jullie wel, super geholpen!' }]);
    expect(happy.sentiment).toBeGreaterThanOrEqual(0);
  });
});

describe('language check', () => {
  it('flags an English reply to a Dutch customer and the other way round', () => {
    const nl = customerLanguage([{ text: 'Mijn pakket is nog steeds niet bezorgd, wat is er aan de hand?' }]);
    expect(nl).toBe('nl');
    expect(
      checkLanguage("Hi there, sorry your parcel hasn't arrived yet. We're looking into it.", nl),
    ).toMatchObject({
      messageKey: 'checks.language.en',
      params: { reply: 'en', customer: 'nl' },
    });
    const en = customerLanguage([{ text: 'My parcel still has not arrived, what is going on?' }]);
    expect(
      checkLanguage('Hoi, wat vervelend dat je pakket er nog niet is. We zoeken het voor je uit.', en)?.params
        ?.reply,
    ).toBe('nl');
  });

  it('does not judge a reply too short to tell, or English words in a Dutch reply', () => {
    expect(checkLanguage('Thanks! ^JV', 'nl')).toBeNull();
    expect(
      checkLanguage(
        'Hoi Sam, sorry! Stuur je ons een DM met je ordernummer? Dan kijken we er direct naar.',
        'nl',
      ),
    ).toBeNull();
  });

  it('uses the conversation language when it is known', () => {
    expect(customerLanguage([{ text: 'ok' }], 'en')).toBe('en');
    expect(customerLanguage([{ text: 'ok' }])).toBeNull();
  });
});
