import { describe, expect, it } from 'vitest';
import { formatNumber, reasonText } from './reasons.ts';

describe('reason texts', () => {
  it('write counts the way the agent’s language does', () => {
    expect(reasonText('risk.followers', 1900, 'nl')).toBe('1,9K volgers');
    expect(reasonText('risk.followers', 1900, 'en')).toBe('1.9k followers');
    expect(reasonText('radar.reach', 48_200, 'nl')).toBe('samen 48K volgers');
    expect(formatNumber(0.94, 'nl')).toBe('0,9');
    expect(formatNumber(12, 'en')).toBe('12');
  });

  it('use the singular for one, the plural otherwise', () => {
    expect(reasonText('risk.velocity', 1, 'nl')).toBe('1 reactie, repost of quote in de eerste 10 min');
    expect(reasonText('risk.velocity', 1, 'en')).toBe('1 reply, repost or quote in the first 10 min');
    expect(reasonText('risk.velocity', 27, 'nl')).toBe('27 reacties, reposts en quotes in de eerste 10 min');
    expect(reasonText('radar.engagement', 1, 'en')).toBe('1 reply or quote among them');
    expect(reasonText('radar.volume', 2, 'en')).toBe('2 negative mentions in 15 min');
  });
});
