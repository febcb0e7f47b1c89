import { addWeeks, format, getISOWeek, getISOWeekYear, startOfISOWeek } from 'date-fns';
import { bucketsOf, previousPeriod, type Period } from '../../shared/dashboard/period.ts';
import { previousComparable, summarize, zeroTotals } from '../../shared/dashboard/summary.ts';
import { readStatusCounts } from '../db/authorStats.ts';
import { demoSettled } from '../db/demo.ts';
import { analysisBusy, hasReport, putReport, weeklyReportKey, type StoredReport } from '../db/reports.ts';
import { readBacklog, readRollups } from '../db/rollups.ts';
import type { WebcareDb } from '../db/schema.ts';
import type { Leadership } from '../platform/leader.ts';
import { LOCAL_CALENDAR } from './localCalendar.ts';

/** First check this long after the window became the leader (after the first paint and the seed). */
export const WEEKLY_FIRST_CHECK_MS = 10_000;
/** Then every hour; while the analysis is busy, again after this long. */
export const WEEKLY_CHECK_EVERY_MS = 3_600_000;
export const WEEKLY_BUSY_RETRY_MS = 30_000;

/** The last full week before `now` in the local calendar: Monday 00:00 to Monday 00:00 (ISO weeks). */
export function lastFullWeek(now: number): { from: number; to: number; week: number; weekYear: number } {
  const to = startOfISOWeek(now).getTime();
  const from = addWeeks(to, -1).getTime();
  return { from, to, week: getISOWeek(from), weekYear: getISOWeekYear(from) };
}

/** The period of a stored report, as the dashboard's helpers take it (day buckets). */
export function reportPeriod(r: Pick<StoredReport, 'from' | 'to'>): Period {
  return { kind: 'custom', from: r.from, to: r.to, bucket: 'day' };
}

/** Builds the report of the week [from, to) from the rollups (bounded by the two weeks read). */
export async function buildWeeklyReport(db: WebcareDb, now: number): Promise<StoredReport> {
  const w = lastFullWeek(now);
  const period = reportPeriod(w);
  const prev = previousPeriod(period);
  const [rows, backlog, statusCounts] = await Promise.all([
    readRollups(db, prev.from, period.to),
    readBacklog(db),
    readStatusCounts(db),
  ]);
  const b = bucketsOf(period, LOCAL_CALENDAR);
  const pb = bucketsOf(prev, LOCAL_CALENDAR);
  const all = { channel: null, brand: null };
  return {
    key: weeklyReportKey(format(w.from, 'yyyy-MM-dd')),
    kind: 'weekly',
    ...w,
    generatedAt: now,
    summary: summarize(rows, { from: period.from, to: period.to, ...all }, b.starts, b.bucketOf),
    previous: previousComparable(rows, prev)
      ? summarize(rows, { from: prev.from, to: prev.to, ...all }, pb.starts, pb.bucketOf).totals
      : zeroTotals(),
    backlog,
    statusCounts,
  };
}

export type WeeklyOutcome = 'stored' | 'exists' | 'busy';

/**
 * Makes the report of the last full week if there is none yet. It waits while the demo is being
 * seeded and skips while the analysis queue is busy (the week's flags may still change).
 */
export async function ensureWeeklyReport(db: WebcareDb, now: number): Promise<WeeklyOutcome> {
  await demoSettled();
  const w = lastFullWeek(now);
  if (await hasReport(db, weeklyReportKey(format(w.from, 'yyyy-MM-dd')))) return 'exists';
  if (await analysisBusy(db)) return 'busy';
  await putReport(db, await buildWeeklyReport(db, now));
  return 'stored';
}

/**
 * The leader's weekly report job: once this window leads, it checks soon and then every hour, so
 * the report of a week appears on Monday once the app runs. Returns the function that stops it.
 */
export function startWeeklyReports(
  db: WebcareDb,
  leadership: Pick<Leadership, 'elected'>,
  clock: () => number = Date.now,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const run = async () => {
    let next = WEEKLY_CHECK_EVERY_MS;
    try {
      if ((await ensureWeeklyReport(db, clock())) === 'busy') next = WEEKLY_BUSY_RETRY_MS;
    } catch {
      // A failed write (storage full, closing database) is tried again at the next check.
      next = WEEKLY_BUSY_RETRY_MS;
    }
    if (!stopped) timer = setTimeout(() => void run(), next);
  };
  void leadership.elected.then(() => {
    if (!stopped) timer = setTimeout(() => void run(), WEEKLY_FIRST_CHECK_MS);
  });
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
