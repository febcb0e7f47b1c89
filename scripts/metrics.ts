// Evaluation helpers: bootstrap confidence intervals, calibration (reliability bins, ECE).
import { mulberry32 } from '../shared/demo/random.ts';

export interface Interval {
  value: number;
  lo: number;
  hi: number;
}

/**
 * A percentile bootstrap (95 %) of `metric` over rows resampled with replacement; seeded, so
 * `npm run eval` prints the same interval every time.
 */
export function bootstrap<T>(rows: T[], metric: (sample: T[]) => number, rounds = 500, seed = 1): Interval {
  const value = metric(rows);
  if (rows.length === 0) return { value, lo: value, hi: value };
  const r = mulberry32(seed);
  const stats: number[] = [];
  const sample = new Array<T>(rows.length);
  for (let b = 0; b < rounds; b++) {
    for (let i = 0; i < rows.length; i++) sample[i] = rows[Math.floor(r() * rows.length)] as T;
    stats.push(metric(sample));
  }
  stats.sort((a, b) => a - b);
  return {
    value,
    lo: stats[Math.floor(0.025 * rounds)] as number,
    hi: stats[Math.min(rounds - 1, Math.floor(0.975 * rounds))] as number,
  };
}

export const fmtInterval = (i: Interval): string =>
  `${i.value.toFixed(3)} [${i.lo.toFixed(3)}, ${i.hi.toFixed(3)}]`;

export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  meanPredicted: number;
  observed: number;
}

/** Ten equal-width bins of predicted probability against the observed rate; ECE = Σ n/N·|gap|. */
export function calibration(
  probs: number[],
  ys: number[],
  bins = 10,
): { bins: ReliabilityBin[]; ece: number } {
  const out: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    let n = 0;
    let p = 0;
    let y = 0;
    probs.forEach((q, i) => {
      if (q >= from && (q < to || (b === bins - 1 && q <= to))) {
        n++;
        p += q;
        y += ys[i] as number;
      }
    });
    if (n) {
      out.push({ from, to, n, meanPredicted: p / n, observed: y / n });
      ece += (n / probs.length) * Math.abs(p / n - y / n);
    }
  }
  return { bins: out, ece };
}
