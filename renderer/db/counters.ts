import { counterDeltas } from '../../shared/inbox/views.ts';
import type { WebcareDb } from './schema.ts';

export interface CounterRepair {
  key: string;
  stored: number;
  actual: number;
}

/**
 * The counters self-check: recounts every counter from the rows (one pass over conversations
 * and flags, on request only, never on the start-up path), rewrites the ones that differ, clears
 * the drift mark and returns what it repaired, so the UI can say so. Counters are derived data:
 * the repair is not an event.
 */
export async function checkCounters(db: WebcareDb): Promise<CounterRepair[]> {
  return db.transaction('rw', [db.conversations, db.flags, db.counters, db.meta], async () => {
    const actual = new Map<string, number>();
    await db.conversations.each((c) => {
      for (const [k, v] of counterDeltas(null, c)) actual.set(k, (actual.get(k) ?? 0) + v);
    });
    await db.flags.each(
      (f) => void actual.set(`flags:${f.state}`, (actual.get(`flags:${f.state}`) ?? 0) + 1),
    );
    const stored = new Map((await db.counters.toArray()).map((r) => [r.key, r.value]));
    const repairs: CounterRepair[] = [];
    for (const key of new Set([...actual.keys(), ...stored.keys()])) {
      const a = actual.get(key) ?? 0;
      const s = stored.get(key) ?? 0;
      if (a !== s) repairs.push({ key, stored: s, actual: a });
    }
    if (repairs.length) await db.counters.bulkPut(repairs.map((r) => ({ key: r.key, value: r.actual })));
    await db.meta.delete('counters-drift');
    return repairs.sort((a, b) => a.key.localeCompare(b.key));
  });
}
