// Issue 14: opening the monitoring dashboard against inbox size. The dashboard reads the rollup
// rows of its period (30 days and the 30 before, for the comparison) and a few counters, then
// folds them into chart series; none of it depends on the number of messages. Printed next to it:
// what keeping the rollups costs at ingest (the demo through the one ingest pipeline) and what a
// full recompute from the rows would cost instead (the "Recount dashboard" command).
// Real Dexie code on fake-indexeddb in Node: absolute times are slower than Chromium's IndexedDB.
// Usage: node --import tsx bench/dashboard.bench.ts [maxMessages=100000]
import 'fake-indexeddb/auto';
import { addDays, startOfDay } from 'date-fns';
import { bucketsOf, periodFor, previousPeriod } from '../shared/dashboard/period.ts';
import { deriveAll } from '../shared/dashboard/recompute.ts';
import { summarize } from '../shared/dashboard/summary.ts';
import { generateDemoBatches } from '../shared/demo/generate.ts';
import { demoSource } from '../shared/demo/ingest.ts';
import { readStatusCounts } from '../renderer/db/authorStats.ts';
import { ensureLocalAccount, ingestBatch } from '../renderer/db/ingest.ts';
import { writeTx } from '../renderer/db/log.ts';
import { readBacklog, readRollups } from '../renderer/db/rollups.ts';
import { WebcareDb } from '../renderer/db/schema.ts';

const maxMessages = Number(process.argv[2] ?? 100_000);
const targets = [10_000, 100_000, 250_000].filter((n) => n <= maxMessages);
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const cal = {
  startOfDay: (t: number) => startOfDay(t).getTime(),
  addDays: (t: number, n: number) => addDays(t, n).getTime(),
};

async function time<T>(fn: () => Promise<T>, runs = 10): Promise<number> {
  await fn();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - t0) / runs;
}

console.log('messages | ingest (msg/s) | rollup rows | dashboard open 30d (ms) | full recompute (ms)');
for (const target of targets) {
  const db = new WebcareDb(`bench-dashboard-${target}`);
  await db.open();
  let messages = 0;
  const t0 = performance.now();
  // About 2.6 messages per demo conversation: ask for enough conversations, stop at the target.
  for (const batch of generateDemoBatches({
    seed: 11,
    conversations: Math.ceil(target / 2.2),
    now: NOW,
    agentId: 'me',
    escalation: false,
    batchSize: 2000,
  })) {
    const source = demoSource(batch);
    for (const [channel, list] of source.byChannel) {
      const account = await writeTx(db, () => ensureLocalAccount(db, 'demo', channel, NOW));
      await ingestBatch(db, { accountId: account.id, source: 'demo', backfill: false, messages: list }, NOW, {
        seedStates: source.seedStates,
        demo: true,
      });
      messages += list.length;
    }
    if (messages >= target) break;
  }
  const ingestMs = performance.now() - t0;
  const period = periodFor('30d', NOW, cal);
  const prev = previousPeriod(period);
  const open = await time(async () => {
    const [rows] = await Promise.all([
      readRollups(db, prev.from, period.to),
      readBacklog(db),
      readStatusCounts(db),
    ]);
    const b = bucketsOf(period, cal);
    const pb = bucketsOf(prev, cal);
    summarize(rows, { from: period.from, to: period.to, channel: null, brand: null }, b.starts, b.bucketOf);
    summarize(rows, { from: prev.from, to: prev.to, channel: null, brand: null }, pb.starts, pb.bucketOf);
  });
  const rows = (await readRollups(db, prev.from, period.to)).length;
  const r0 = performance.now();
  deriveAll({
    messages: await db.messages.toArray(),
    conversations: await db.conversations.toArray(),
    flags: await db.flags.toArray(),
    alerts: await db.alerts.toArray(),
  });
  const recompute = performance.now() - r0;
  console.log(
    `${String(messages).padStart(8)} | ${Math.round((messages / ingestMs) * 1000)
      .toString()
      .padStart(
        14,
      )} | ${String(rows).padStart(11)} | ${open.toFixed(1).padStart(23)} | ${recompute.toFixed(0).padStart(19)}`,
  );
  await db.delete();
}
