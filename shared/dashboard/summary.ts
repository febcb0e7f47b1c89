import { METRICS, RESPONSE_BIN_KEYS, type Metric, type RollupRow } from './rollups.ts';

/** What the dashboard shows: a period, optionally one channel and one brand. */
export interface DashboardFilter {
  from: number;
  to: number;
  channel: string | null;
  brand: string | null;
}

export interface DashboardSummary {
  /** Bucket start times (epoch ms), in order. */
  buckets: number[];
  /** Channels with customer messages in the period, busiest first. */
  channels: string[];
  brands: string[];
  /** Customer messages per channel per bucket. */
  volume: Record<string, number[]>;
  series: Record<Metric, number[]>;
  totals: Record<Metric, number>;
}

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/**
 * Folds rollup rows into chart series. `bucketOf` maps an hour to the start of its display
 * bucket (the hour itself, or the local day: time zones are the caller's business, so this stays
 * pure); `bucketStarts` lists every bucket of the period, so empty ones show as zero.
 */
export function summarize(
  rows: readonly RollupRow[],
  filter: DashboardFilter,
  bucketStarts: readonly number[],
  bucketOf: (hour: number) => number,
): DashboardSummary {
  const index = new Map(bucketStarts.map((b, i) => [b, i]));
  const n = bucketStarts.length;
  const series = Object.fromEntries(METRICS.map((m) => [m, zeros(n)])) as Record<Metric, number[]>;
  const totals = Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>;
  const volume: Record<string, number[]> = {};
  const channelTotals = new Map<string, number>();
  const brands = new Set<string>();
  for (const r of rows) {
    if (r.hour < filter.from || r.hour >= filter.to) continue;
    if (r.brand) brands.add(r.brand);
    if (filter.brand !== null && r.brand !== filter.brand) continue;
    // Alerts are about a brand, not a channel: they stay visible under a channel filter.
    if (filter.channel !== null && r.channel !== filter.channel && r.channel !== '*') continue;
    const i = index.get(bucketOf(r.hour));
    if (i === undefined) continue;
    for (const m of METRICS) {
      const v = r[m];
      if (!v) continue;
      series[m][i]! += v;
      totals[m] += v;
    }
    if (r.channel !== '*' && r.incoming) {
      (volume[r.channel] ??= zeros(n))[i]! += r.incoming;
      channelTotals.set(r.channel, (channelTotals.get(r.channel) ?? 0) + r.incoming);
    }
  }
  const channels = [...channelTotals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  return { buckets: [...bucketStarts], channels, brands: [...brands].sort(), volume, series, totals };
}

/** Share of a part in a whole, 0 when the whole is empty. */
export function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/** Mean first-response time in ms, or null when nothing was answered. */
export function meanResponseMs(t: Pick<Record<Metric, number>, 'responded' | 'responseMs'>): number | null {
  return t.responded > 0 ? t.responseMs / t.responded : null;
}

/** The response-time distribution in bin order. */
export function responseDistribution(t: Record<Metric, number>): number[] {
  return RESPONSE_BIN_KEYS.map((k) => t[k]);
}

/** Relative change from the previous period (null when there was nothing before). */
export function change(now: number, before: number): number | null {
  return before > 0 ? (now - before) / before : null;
}

/**
 * Whether the period before can be compared with: the inbox has data in its first half. An
 * inbox whose history starts inside that period (a first run, a 30-day back-fill) would compare
 * a full period with a sliver of one, and show growth of thousands of percent.
 */
export function previousComparable(
  rows: readonly Pick<RollupRow, 'hour' | 'incoming'>[],
  previous: { from: number; to: number },
): boolean {
  const half = previous.from + (previous.to - previous.from) / 2;
  return rows.some((r) => r.incoming > 0 && r.hour >= previous.from && r.hour < half);
}

/** All metrics zero: the comparison for a period that has none (see previousComparable). */
export function zeroTotals(): Record<Metric, number> {
  return Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>;
}
