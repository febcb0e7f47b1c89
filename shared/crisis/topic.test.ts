import { describe, expect, it } from 'vitest';
import { belongsToCrisis, matchesTopic, topicTerms } from './topic.ts';

describe('crisis topic', () => {
  it('takes the topic words from a radar label, strongest first, without the brand itself', () => {
    expect(topicTerms('belnet · internet · outage · hours', 'belnet')).toEqual([
      'internet',
      'outage',
      'hours',
    ]);
    expect(topicTerms('#belnetstoring · storingen · internet', 'belnet')).toEqual(['storingen', 'internet']);
  });

  it('matches a message about the topic by its strongest words, stems included', () => {
    const terms = topicTerms('storingen · internet · zwolle');
    expect(matchesTopic('Weer een storing bij jullie', terms)).toBe(true);
    expect(matchesTopic('Internet plat!', terms)).toBe(true);
    expect(matchesTopic('Ik woon in Zwolle en mijn factuur klopt niet', terms)).toBe(false);
    expect(matchesTopic('whatever', [])).toBe(false);
  });

  it('belongs: the brand, a customer, after the start, about the topic', () => {
    const topic = { brand: 'belnet', terms: ['storing'], since: 1000 };
    const m = { brand: 'belnet', createdAt: 2000, text: 'storing!', direction: 'incoming' };
    expect(belongsToCrisis(topic, m)).toBe(true);
    expect(belongsToCrisis(topic, { ...m, createdAt: 500 })).toBe(false);
    expect(belongsToCrisis(topic, { ...m, brand: 'kpn' })).toBe(false);
    expect(belongsToCrisis(topic, { ...m, direction: 'outgoing' })).toBe(false);
  });
});
