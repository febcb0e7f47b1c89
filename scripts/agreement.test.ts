import { describe, expect, it } from 'vitest';
import { agreement, cohenKappa, readLabels } from './agreement.ts';

describe('annotator agreement', () => {
  it("Cohen's kappa: 1 on full agreement, 0 at chance, the textbook value in between", () => {
    expect(cohenKappa([1, 0, 1, 0], [1, 0, 1, 0])).toBe(1);
    expect(cohenKappa([1, 1, 0, 0], [1, 0, 1, 0])).toBe(0);
    // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: po 0.7, pe 0.5 → 0.4.
    const a = [...Array(25).fill(1), ...Array(25).fill(0)];
    const b = [...Array(20).fill(1), ...Array(5).fill(0), ...Array(10).fill(1), ...Array(15).fill(0)];
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 9);
  });
  it('lists the messages to adjudicate and refuses malformed label lines', () => {
    const a = readLabels('m1\t1\tnegative\nm2\t0\tneutral\nm3\t0\tpositive\n', 'a');
    const b = readLabels('# b\nm1\t1\tnegative\nm2\t1\tnegative\nm3\t0\tneutral\n', 'b');
    const r = agreement(['m1', 'm2', 'm3', 'm4'], a, b);
    expect(r.n).toBe(3);
    expect(r.disagreements).toEqual(['m2', 'm3']);
    expect(() => readLabels('m1\tyes\tnegative', 'x')).toThrow(/x line 1/);
    expect(() => readLabels('m1\t1\tnegative\nm1\t0\tneutral', 'x')).toThrow(/labelled twice/);
  });
});
