import { HOUR_MS } from './rollups.ts';

export const PERIOD_KINDS = ['today', '7d', '30d', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** Inclusive start, exclusive end (epoch ms, on hour boundaries). */
  from: number;
  to: number;
  /** Display buckets: hours for a day or less, local days otherwise. */
  bucket: 'hour' | 'day';
}

export const DAY_MS = 24 * HOUR_MS;

/** Local calendar arithmetic is the caller's (it knows the time zone); this takes it as functions. */
export interface Calendar {
  startOfDay(t: number): number;
  addDays(t: number, n: number): number;
}

const ceilHour = (t: number) => Math.ceil(t / HOUR_MS) * HOUR_MS;

/**
 * The period for a choice at time `now`: today from local midnight, 7 or 30 days ending today,
 * or a custom range of local days (`customFrom`..`customTo`, both inclusive).
 */
export function periodFor(
  kind: PeriodKind,
  now: number,
  cal: Calendar,
  custom?: { from: number; to: number },
): Period {
  const today = cal.startOfDay(now);
  const end = ceilHour(now);
  switch (kind) {
    case 'today':
      return { kind, from: today, to: Math.max(end, today + HOUR_MS), bucket: 'hour' };
    case '7d':
      return { kind, from: cal.addDays(today, -6), to: end, bucket: 'day' };
    case '30d':
      return { kind, from: cal.addDays(today, -29), to: end, bucket: 'day' };
    case 'custom': {
      const a = cal.startOfDay(Math.min(custom?.from ?? now, custom?.to ?? now));
      const b = cal.addDays(cal.startOfDay(Math.max(custom?.from ?? now, custom?.to ?? now)), 1);
      return { kind, from: a, to: b, bucket: b - a <= DAY_MS + HOUR_MS ? 'hour' : 'day' };
    }
  }
}

/** The period just before, of the same length (for the comparison). */
export function previousPeriod(p: Period): Period {
  const len = p.to - p.from;
  return { ...p, from: p.from - len, to: p.from };
}

/** Every bucket start of the period, and the map from an hour to its bucket. */
export function bucketsOf(
  p: Period,
  cal: Calendar,
): { starts: number[]; bucketOf: (hour: number) => number } {
  const starts: number[] = [];
  if (p.bucket === 'hour') {
    for (let t = p.from; t < p.to; t += HOUR_MS) starts.push(t);
    return { starts, bucketOf: (h) => h };
  }
  for (let t = cal.startOfDay(p.from); t < p.to; t = cal.addDays(t, 1)) starts.push(t);
  return { starts, bucketOf: (h) => cal.startOfDay(h) };
}
