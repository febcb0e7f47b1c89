import { describe, expect, it } from 'vitest';
import { byteSize, compactNumber, plainNumber } from './numbers.ts';

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

  it("writes storage sizes in powers of 1024 with the language's decimal mark", () => {
    expect(byteSize(12 * 1024 * 1024, 'nl')).toBe('12 MB');
    expect(byteSize(1.5 * 1024 ** 3, 'nl')).toBe('1,5 GB');
    expect(byteSize(1.5 * 1024 ** 3, 'en')).toBe('1.5 GB');
    expect(byteSize(2048, 'en')).toBe('2 kB');
  });
});
