// Inbox read paths against inbox size: a list page (keyset query on a compound index), a view
// size (counters table), a search (multi-entry word index) and a triage write (row + counters +
// event log in one transaction). Runs the real Dexie code on fake-indexeddb in Node, so absolute
// times are slower than Chromium's IndexedDB; what matters is that they stay flat as N grows.
// Usage: node --import tsx bench/inbox.bench.ts [maxConversations=100000]
import 'fake-indexeddb/auto';
import { generateDemoBatches } from '../shared/demo/generate.ts';
import { counterDeltas } from '../shared/inbox/views.ts';
import { listConversations, searchConversations } from '../renderer/db/queries.ts';
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
  const totals = new Map<string, number>();
  let loaded = 0;
  for (const batch of generateDemoBatches({
    seed: 7,
    conversations: n,
    now: NOW,
    agentId: 'me',
    escalation: false,
    batchSize: 2000,
  })) {
    await db.transaction('rw', [db.conversations, db.messages, db.authors], async () => {
      await db.conversations.bulkPut(batch.conversations);
      await db.messages.bulkPut(batch.messages);
      await db.authors.bulkPut(batch.authors);
    });
    for (const c of batch.conversations)
      for (const [k, v] of counterDeltas(null, c)) totals.set(k, (totals.get(k) ?? 0) + v);
    loaded += batch.conversations.length;
  }
  await db.counters.bulkPut([...totals].map(([key, value]) => ({ key, value })));
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
