import type { AlertRow, FlagRow } from '../crisis/types.ts';
import type { Conversation, Message } from '../domain/types.ts';
import { DEMO_COUNTER } from '../inbox/views.ts';
import { rollupsFor005 } from './005-rollups.ts';

/**
 * A snapshot (or hand-made backup) written by an older build holds rows in that build's database
 * version. Restoring it runs the same rewrites the Dexie upgrades run (renderer/db/schema.ts),
 * here on the parsed rows before they are written, so the restored inbox is as if it had been
 * upgraded in place. Snapshots exist from database version 4 on (the format came with it).
 *
 * Adding a database version: add its step below (a test fails when `DB_VERSION` has none).
 */
export const OLDEST_SNAPSHOT_SCHEMA = 4;

type Tables = Map<string, unknown[]>;

const rows = <T>(tables: Tables, name: string) => (tables.get(name) ?? []) as T[];

/** The data each version's upgrade adds, on snapshot rows (in place on the copy). */
export const SNAPSHOT_STEPS: Record<number, (tables: Tables) => void> = {
  // v5: rollups, first-response facts, author stats and the status counts, derived once.
  5: (tables) => {
    const derived = rollupsFor005({
      messages: rows<Message>(tables, 'messages'),
      conversations: rows<Conversation>(tables, 'conversations'),
      flags: rows<FlagRow>(tables, 'flags'),
      alerts: rows<AlertRow>(tables, 'alerts'),
    });
    tables.set('rollups', derived.rollups);
    tables.set('responseFacts', derived.facts);
    tables.set('authorStats', derived.authorStats);
    tables.set('meta', [
      ...rows<{ key: string }>(tables, 'meta').filter((m) => m.key !== 'author-status-counts'),
      { key: 'author-status-counts', value: derived.statusCounts },
    ]);
  },
  // v6: the demo inbox's size as a counter.
  6: (tables) => {
    const demo = rows<Pick<Conversation, 'demo'>>(tables, 'conversations').filter((c) => c.demo === 1).length;
    tables.set('counters', [
      ...rows<{ key: string }>(tables, 'counters').filter((c) => c.key !== DEMO_COUNTER),
      { key: DEMO_COUNTER, value: demo },
    ]);
  },
};

/**
 * The snapshot's tables brought from database version `from` to `to`: a new map (the parsed
 * snapshot is left as read), with the versions whose step ran. Throws for a version outside
 * the range this build can upgrade.
 */
export function upgradeSnapshotRows(
  from: number,
  to: number,
  tables: ReadonlyMap<string, unknown[]>,
): { tables: Tables; applied: number[] } {
  if (from < OLDEST_SNAPSHOT_SCHEMA || from > to) throw new RangeError(`cannot upgrade ${from} → ${to}`);
  const out: Tables = new Map([...tables].map(([name, list]) => [name, [...list]]));
  const applied: number[] = [];
  for (let v = from + 1; v <= to; v++) {
    const step = SNAPSHOT_STEPS[v];
    if (!step) throw new RangeError(`no snapshot step for database version ${v}`);
    step(out);
    applied.push(v);
  }
  return { tables: out, applied };
}
