import { describe, expect, it } from 'vitest';
import { extractSignals } from './signals.ts';
import type { SignalCode } from './signals.ts';
import { detectLang, normalize } from './text.ts';

const v = (text: string, code: SignalCode): number => extractSignals(text).values[code];

describe('text', () => {
  it('normalizes elongation, clitics, mentions, hashtags and emoji', () => {
    const n = normalize("Heeeel blij met z'n nieuwe telefoon @KPN #BoycotKPN 😡 https://x.nl/a");
    expect(n.text).toContain('heel');
    expect(n.text).toContain('zijn');
    expect(n.mentions).toEqual(['kpn']);
    expect(n.hashtags).toEqual(['boycotkpn']);
    expect(n.tokens).toContain('emo_angry');
    expect(n.urls).toBe(1);
    expect(n.elongated).toBe(1);
  });
  it('detects Dutch, English and other', () => {
    expect(detectLang(normalize('ik heb nog steeds geen internet').tokens)).toBe('nl');
    expect(detectLang(normalize('I still have no internet').tokens)).toBe('en');
    expect(detectLang(normalize('¿dónde está mi paquete?').tokens)).toBe('other');
  });
  it('extractSignals decides the language as detectLang does (it counts through its token cache)', () => {
    const texts = [
      'ik heb nog steeds geen internet',
      'I still have no internet',
      '¿dónde está mi paquete?',
      'storing opzeggen schandalig',
      'storing',
      'internet storing @kpn !!',
      'de the',
      '',
    ];
    for (const t of texts) {
      expect(extractSignals(t).lang, t).toBe(detectLang(normalize(t).tokens));
      expect(extractSignals(t, 'nl-BE').lang).toBe('nl');
      expect(extractSignals(t, 'EN').lang).toBe('en');
      expect(extractSignals(t, 'fr').lang).toBe(detectLang(normalize(t).tokens));
    }
    expect(extractSignals('storing opzeggen schandalig').lang).toBe('nl');
    expect(extractSignals('storing ok fine').lang).toBe('other');
  });
});

describe('signals in Dutch and English', () => {
  it('complaint cues', () => {
    expect(v('@KPN nog steeds geen internet', 'complaint.persistence')).toBe(1);
    expect(v('@united still waiting for my refund', 'complaint.waiting')).toBe(1);
    expect(v('storing al 3 weken', 'complaint.duration')).toBe(1);
    expect(v('broken for 3 days now', 'complaint.duration')).toBe(1);
    expect(v('mijn internetstoring', 'complaint.failure')).toBe(1);
  });
  it('threats: legal, media, churn, boycott', () => {
    expect(v('ik stap naar de Consumentenbond', 'threat.legal')).toBe(1);
    expect(v('talking to my lawyer', 'threat.legal')).toBe(1);
    expect(v('ik ga naar de pers', 'threat.media')).toBe(1);
    expect(v('this is going to the press', 'threat.media')).toBe(1);
    expect(v('ik ga opzeggen', 'threat.churn')).toBe(1);
    expect(v('cancel my subscription now', 'threat.churn')).toBeGreaterThan(0);
    expect(v('#boycotkpn', 'threat.boycott')).toBe(1);
  });
  it('safety, health and discrimination', () => {
    expect(v('mijn kind is ziek geworden, allergisch voor noten', 'safety.health')).toBe(2);
    expect(v('got food poisoning', 'safety.health')).toBe(1);
    expect(v('de oplader vatte vlam, brand!', 'safety.hazard')).toBeGreaterThan(0);
    expect(v('love the brand', 'safety.hazard')).toBe(0);
    expect(v('geweigerd vanwege mijn hoofddoek, discriminatie', 'discrimination')).toBeGreaterThan(0);
    expect(v('refused service because of my wheelchair', 'discrimination')).toBeGreaterThan(0);
  });
  it('sarcasm, shouting and angry emoji', () => {
    expect(v('Bedankt hoor, weer vertraging', 'sarcasm')).toBeGreaterThan(0);
    expect(v('top service 👏 third day without power', 'sarcasm')).toBeGreaterThan(0);
    expect(v('top service, thanks a lot!', 'sarcasm')).toBe(0);
    expect(v('WAAROM WERKT HET NIET', 'shouting.caps')).toBeGreaterThan(0);
    expect(v('@KPN help', 'shouting.caps')).toBe(0);
    expect(v('kapot!!!', 'shouting.exclaim')).toBe(3);
    expect(v('dit is ongelofelijk 😡', 'emoji.angry')).toBe(1);
  });
  it('trap: negation cancels threats and flips sentiment', () => {
    expect(v('ik ga niet opzeggen hoor', 'threat.churn')).toBe(0);
    expect(v('I will not cancel, you are great', 'threat.churn')).toBe(0);
    const nl = extractSignals('dit is niet goed');
    expect(nl.lexNeg).toBeLessThan(0);
    expect(nl.values.negation).toBe(1);
    expect(v('geen problemen met mijn internet', 'cue.noproblem')).toBe(1);
    expect(v('no problems at all', 'cue.noproblem')).toBe(1);
  });
  it('trap: quoted text counts for less', () => {
    expect(v('my friend said "I will sue them" lol', 'threat.legal')).toBeCloseTo(0.3);
    expect(v('mijn buurman zegt "ik ga naar de pers" maar ik niet', 'threat.media')).toBeCloseTo(0.3);
    expect(v('I will sue them', 'threat.legal')).toBe(1);
  });
  it('praise and questions are named too', () => {
    expect(v('bedankt voor de snelle hulp', 'cue.praise')).toBeGreaterThan(0);
    expect(v('hoe kan ik mijn adres wijzigen?', 'cue.question')).toBe(1);
    expect(v('how do I change my address?', 'cue.question')).toBe(1);
  });
});
