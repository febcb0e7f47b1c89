import { describe, expect, it } from 'vitest';
import { compactNumber, plainNumber } from './numbers.ts';

describe('numbers per UI language', () => {
  it('writes compact counts with the language’s decimal mark and units', () => {
    expect([950, 1900, 48_200, 1_250_000].map((n) => compactNumber(n, 'nl'))).toEqual([
      '950',
      '1,9K',
      '48K',
      '1,3\u00a0mln.', // a no-break space: the unit never wraps away from its number
    ]);
    expect([950, 1900, 48_200, 1_250_000].map((n) => compactNumber(n, 'en'))).toEqual([
      '950',
      '1.9k',
      '48k',
      '1.3m',
    ]);
  });

  it('groups digits and keeps one decimal in plain numbers', () => {
    expect(plainNumber(3000, 'nl')).toBe('3.000');
    expect(plainNumber(3000, 'en')).toBe('3,000');
    expect(plainNumber(0.94, 'nl')).toBe('0,9');
    expect(plainNumber(0.94, 'en')).toBe('0.9');
  });
});
