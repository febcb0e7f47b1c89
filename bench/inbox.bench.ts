// Inbox read paths against inbox size: a list page (keyset query on a compound index), a view
// size (counters table), a search (multi-entry word index) and a triage write (row + counters +
// event log in one transaction). Runs the real Dexie code on fake-indexeddb in Node, so absolute
// times are slower than Chromium's IndexedDB; what matters is that they stay flat as N grows.
// Usage: node --import tsx bench/inbox.bench.ts [maxConversations=100000]
import 'fake-indexeddb/auto';
import { generateDemoBatches } from '../shared/demo/generate.ts';
import { demoSource } from '../shared/demo/ingest.ts';
import { listConversations, searchConversations } from '../renderer/db/queries.ts';
import { ensureLocalAccount, ingestBatch } from '../renderer/db/ingest.ts';
import { writeTx } from '../renderer/db/log.ts';
import { dispatch, readCounter } from '../renderer/db/repo.ts';
import { WebcareDb } from '../renderer/db/schema.ts';

const max = Number(process.argv[2] ?? 100_000);
const sizes = [10_000, 50_000, 100_000, 250_000].filter((n) => n <= max);
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

async function time<T>(fn: () => Promise<T>, runs = 20): Promise<number> {
  await fn();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - t0) / runs;
}

console.log(
  'conversations | list page 100 (ms) | view size (ms) | search "storing" (ms, hits) | resolve (ms)',
);
for (const n of sizes) {
  const db = new WebcareDb(`bench-${n}`);
  await db.open();
  let loaded = 0;
  for (const batch of generateDemoBatches({
    seed: 7,
    conversations: n,
    now: NOW,
    agentId: 'me',
    escalation: false,
    batchSize: 2000,
  })) {
    // The product's own path: the ingest pipeline, one batch per demo account.
    const source = demoSource(batch);
    for (const [channel, messages] of source.byChannel) {
      const account = await writeTx(db, () => ensureLocalAccount(db, 'demo', channel, NOW));
      await ingestBatch(db, { accountId: account.id, source: 'demo', backfill: false, messages }, NOW, {
        seedStates: source.seedStates,
        demo: true,
      });
    }
    loaded += batch.conversations.length;
  }
  const page = await time(() => listConversations(db, 'open', 'me', 100));
  const size = await time(() => readCounter(db, 'status:open'));
  let hits = 0;
  const search = await time(
    async () => (hits = (await searchConversations(db, 'storing')).conversations.length),
    5,
  );
  const open = await listConversations(db, 'open', 'me', 40);
  let i = 0;
  const resolve = await time(async () => {
    const c = open[i++ % open.length]!;
    await dispatch(db, c.id, { type: 'resolve' }, 'me', NOW);
    await dispatch(db, c.id, { type: 'reopen' }, 'me', NOW);
  }, 20);
  console.log(
    `${String(loaded).padStart(13)} | ${page.toFixed(1).padStart(18)} | ${size.toFixed(2).padStart(14)} | ${search.toFixed(1).padStart(17)} (${hits}) | ${(resolve / 2).toFixed(1).padStart(11)}`,
  );
  await db.delete();
}
