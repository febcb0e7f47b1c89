import { describe, expect, it } from 'vitest';
import { bootstrap, calibration } from './metrics.ts';

describe('evaluation metrics', () => {
  it('a bootstrap interval holds the value, narrows with more rows and repeats with its seed', () => {
    const rows = (n: number): number[] => Array.from({ length: n }, (_, i) => (i % 10 < 3 ? 1 : 0));
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const small = bootstrap(rows(50), mean);
    const big = bootstrap(rows(5000), mean);
    expect(small.value).toBeCloseTo(0.3, 9);
    expect(small.lo).toBeLessThan(0.3);
    expect(small.hi).toBeGreaterThan(0.3);
    expect(big.hi - big.lo).toBeLessThan(small.hi - small.lo);
    expect(bootstrap(rows(50), mean)).toEqual(small);
  });
  it('calibration: ECE is 0 when predictions match the observed rate and grows with the gap', () => {
    const ys = [0, 0, 0, 1, 1, 0, 1, 1, 1, 1];
    const good = calibration(
      [0.05, 0.05, 0.05, 0.05, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95].map((p) => p),
      ys,
    );
    const bad = calibration(
      ys.map(() => 0.99),
      ys,
    );
    expect(bad.ece).toBeCloseTo(0.99 - 0.6, 9);
    expect(good.bins.map((b) => b.n)).toEqual([4, 6]);
    expect(good.ece).toBeLessThan(bad.ece);
  });
});
