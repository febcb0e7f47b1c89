import { describe, expect, it } from 'vitest';
import { emptyRow, rollupKey, type RollupRow } from '../../shared/dashboard/rollups.ts';
import { KEEP_WEEKLY_REPORTS, getReport, listReports, weeklyReportKey } from '../db/reports.ts';
import { freshDbPerTest } from '../test/db.ts';
import { ensureWeeklyReport, lastFullWeek } from './weeklyReport.ts';

const db = freshDbPerTest('weekly');
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
/** Local times, as the user's calendar has them (the test runs in any time zone). */
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

function row(hour: number, channel: string, counts: Partial<RollupRow>): RollupRow {
  return { ...emptyRow(rollupKey(hour, channel, 'belnet', 0)), ...counts };
}

describe('lastFullWeek', () => {
  it('is the Monday-to-Monday week before the current one, in the local calendar', () => {
    // Wednesday 2 December 2026: the last full week is Monday 23 to Monday 30 November (ISO week 48).
    const w = lastFullWeek(local(2026, 12, 2, 13, 30));
    expect(w).toEqual({ from: local(2026, 11, 23), to: local(2026, 11, 30), week: 48, weekYear: 2026 });
    // Just after midnight on Monday the week that ended a minute ago is complete.
    expect(lastFullWeek(local(2026, 11, 30, 0, 1)).from).toBe(local(2026, 11, 23));
    // Sunday evening still belongs to the running week.
    expect(lastFullWeek(local(2026, 11, 29, 23, 59)).from).toBe(local(2026, 11, 16));
    // Across the turn of the year: week 53 of 2026 (28 December to 4 January).
    expect(lastFullWeek(local(2027, 1, 6, 9))).toMatchObject({ week: 53, weekYear: 2026 });
  });
});

describe('ensureWeeklyReport', () => {
  const NOW = local(2026, 12, 2, 13, 30);
  const from = local(2026, 11, 23);

  it('builds the report of the last full week from the rollups, once', async () => {
    await db().rollups.bulkPut([
      // In the week: Monday morning and Sunday night.
      row(local(2026, 11, 23, 9), 'email', { incoming: 10, negative: 4, complaints: 3 }),
      row(local(2026, 11, 29, 23), 'x', { incoming: 5, negative: 5, flags: 1 }),
      // The week before (the comparison), and this week (not in the report).
      row(local(2026, 11, 18, 12), 'email', { incoming: 7 }),
      row(local(2026, 12, 1, 10), 'x', { incoming: 100 }),
    ]);
    await db().counters.bulkPut([
      { key: 'status:open', value: 4 },
      { key: 'channel:x:open', value: 3 },
      { key: 'channel:email:open', value: 1 },
    ]);
    expect(await ensureWeeklyReport(db(), NOW)).toBe('stored');
    const r = (await getReport(db(), weeklyReportKey('2026-11-23')))!;
    expect(r).toMatchObject({ kind: 'weekly', from, to: local(2026, 11, 30), week: 48, generatedAt: NOW });
    expect(r.summary.buckets).toHaveLength(7);
    expect(r.summary.totals.incoming).toBe(15);
    expect(r.summary.totals.flags).toBe(1);
    expect(r.summary.volume.email).toEqual([10, 0, 0, 0, 0, 0, 0]);
    expect(r.summary.volume.x).toEqual([0, 0, 0, 0, 0, 0, 5]);
    expect(r.summary.channels).toEqual(['email', 'x']);
    expect(r.previous.incoming).toBe(7);
    expect(r.backlog.open).toBe(4);
    expect(r.backlog.perChannel).toEqual([
      { channel: 'x', open: 3 },
      { channel: 'email', open: 1 },
    ]);
    // A later check in the same week changes nothing, even with new figures.
    await db().rollups.put(row(local(2026, 11, 24, 9), 'email', { incoming: 50 }));
    expect(await ensureWeeklyReport(db(), NOW + 5 * HOUR)).toBe('exists');
    expect((await getReport(db(), r.key))!.summary.totals.incoming).toBe(15);
  });

  it('waits while the analysis queue has work, and stores the report once it is empty', async () => {
    await db().rollups.put(row(local(2026, 11, 25, 9), 'email', { incoming: 3 }));
    await db().analysisQueue.put({ conversationId: 'c-1', queuedAt: NOW - 1000 });
    expect(await ensureWeeklyReport(db(), NOW)).toBe('busy');
    expect(await listReports(db())).toEqual([]);
    await db().analysisQueue.clear();
    // A drain that took the last conversations off the queue is still writing flags.
    await db().meta.put({ key: 'analysis-running', value: true });
    expect(await ensureWeeklyReport(db(), NOW)).toBe('busy');
    await db().meta.put({ key: 'analysis-running', value: false });
    expect(await ensureWeeklyReport(db(), NOW)).toBe('stored');
    expect((await listReports(db())).map((r) => r.summary.totals.incoming)).toEqual([3]);
  });

  it(`keeps the newest ${KEEP_WEEKLY_REPORTS} weekly reports, newest first`, async () => {
    for (let i = 0; i < KEEP_WEEKLY_REPORTS + 4; i++)
      expect(await ensureWeeklyReport(db(), NOW - (KEEP_WEEKLY_REPORTS + 3 - i) * WEEK)).toBe('stored');
    const list = await listReports(db());
    expect(list).toHaveLength(KEEP_WEEKLY_REPORTS);
    expect(list[0]!.from).toBe(from);
    for (let i = 1; i < list.length; i++) expect(list[i]!.from).toBeLessThan(list[i - 1]!.from);
    // The four oldest weeks are gone.
    expect(list.at(-1)!.from).toBe(lastFullWeek(NOW - (KEEP_WEEKLY_REPORTS - 1) * WEEK).from);
    // Other meta rows are never touched by the pruning.
    await db().meta.put({ key: 'demo', value: { seeded: true } });
    await ensureWeeklyReport(db(), NOW + WEEK);
    expect(await db().meta.get('demo')).toBeDefined();
    expect(await listReports(db())).toHaveLength(KEEP_WEEKLY_REPORTS);
  });
});
