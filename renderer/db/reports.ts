import type { AuthorStatus } from '../../shared/dashboard/authors.ts';
import type { Metric } from '../../shared/dashboard/rollups.ts';
import type { DashboardSummary } from '../../shared/dashboard/summary.ts';
import type { Backlog } from './rollups.ts';
import type { WebcareDb } from './schema.ts';

/** Stored reports live in `meta` under keys with this prefix (`report:weekly:<yyyy-mm-dd>`). */
export const REPORT_PREFIX = 'report:';
const WEEKLY_PREFIX = `${REPORT_PREFIX}weekly:`;
/** Half a year of weekly reports is kept; older ones are removed when a new one is stored. */
export const KEEP_WEEKLY_REPORTS = 26;

/**
 * A report as generated: the figures of its period (the same summary the dashboard draws), so
 * that it opens, prints and exports in the language of the moment, with the charts. Backlog and
 * converts are as they were when it was made.
 */
export interface StoredReport {
  key: string;
  kind: 'weekly';
  /** The local week [from, to), Monday 00:00 to Monday 00:00. */
  from: number;
  to: number;
  /** ISO week number and its year. */
  week: number;
  weekYear: number;
  generatedAt: number;
  summary: DashboardSummary;
  previous: Record<Metric, number>;
  backlog: Backlog;
  statusCounts: Record<AuthorStatus, number>;
}

/** The key of the weekly report of the week starting on local day `isoDay` (yyyy-mm-dd). */
export const weeklyReportKey = (isoDay: string): string => `${WEEKLY_PREFIX}${isoDay}`;

/** Every stored report, newest first (at most KEEP_WEEKLY_REPORTS rows: the list is bounded). */
export async function listReports(db: WebcareDb): Promise<StoredReport[]> {
  const rows = await db.meta.where('key').startsWith(REPORT_PREFIX).toArray();
  return rows.map((r) => r.value as StoredReport).sort((a, b) => b.from - a.from);
}

export async function hasReport(db: WebcareDb, key: string): Promise<boolean> {
  return (await db.meta.get(key)) !== undefined;
}

export async function getReport(db: WebcareDb, key: string): Promise<StoredReport | undefined> {
  return (await db.meta.get(key))?.value as StoredReport | undefined;
}

/**
 * Stores a report and keeps the newest KEEP_WEEKLY_REPORTS weekly ones, in one transaction. A
 * report is derived from the rollups (not an inbox fact), so it is not a log event: a database
 * rebuilt from the log makes the latest one again at the next check.
 */
export async function putReport(db: WebcareDb, report: StoredReport): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: report.key, value: report });
    const keys = (await db.meta.where('key').startsWith(WEEKLY_PREFIX).primaryKeys()).sort();
    const extra = keys.length - KEEP_WEEKLY_REPORTS;
    if (extra > 0) await db.meta.bulkDelete(keys.slice(0, extra));
  });
}

/**
 * True while the analysis has conversations queued or a drain is running (the worker's
 * `analysis-running` mark): flags and alerts of the week may still change.
 */
export async function analysisBusy(db: WebcareDb): Promise<boolean> {
  if ((await db.meta.get('analysis-running'))?.value === true) return true;
  return (await db.analysisQueue.limit(1).primaryKeys()).length > 0;
}
