import { decodeHlc, encodeHlc, tickHlc, type Hlc } from '../../shared/domain/hlc.ts';
import { randomId } from '../../shared/domain/ids.ts';
import type { LogEvent, LogPayload, Origin } from '../../shared/domain/log.ts';
import { project } from './project.ts';
import type { WebcareDb } from './schema.ts';

/**
 * The write side of the inbox: every change of shared state is committed as a log event and
 * applied by the one projection (project.ts), in the same transaction. `writeTx` opens that
 * transaction over every table the projection may touch, so any repository function can commit
 * any event; IndexedDB serialises such transactions across tabs and workers, which also keeps
 * each device's sequence gap-free.
 */
export function writeTables(db: WebcareDb) {
  return [
    db.log,
    db.meta,
    db.conversations,
    db.messages,
    db.authors,
    db.counters,
    db.labels,
    db.flags,
    db.alerts,
    db.crises,
    db.outbox,
    db.analysisQueue,
    db.accounts,
    db.syncState,
    db.reads,
    db.drafts,
    db.statements,
    db.publicReplies,
    db.rollups,
    db.responseFacts,
    db.authorStats,
    db.watchlist,
    db.relations,
  ];
}

export function writeTx<T>(db: WebcareDb, fn: () => Promise<T>): Promise<T> {
  // The scope must be an `async` function itself: Dexie keeps the transaction across native
  // awaits only then (a plain arrow returning a promise loses it and commits too early).
  return db.transaction('rw', writeTables(db), async () => await fn());
}

const DEVICE_KEY = 'device';
const CLOCK_KEY = 'clock';

interface ClockRow {
  hlc: string;
  deviceSeq: number;
}

/** This installation's device id, created on first use (inside the caller's write transaction). */
export async function deviceId(db: WebcareDb): Promise<string> {
  const row = await db.meta.get(DEVICE_KEY);
  if (typeof row?.value === 'string') return row.value;
  const id = randomId('d').slice(2, 14);
  await db.meta.put({ key: DEVICE_KEY, value: id });
  return id;
}

export interface CommitMeta {
  actor: string;
  origin: Origin;
  /** Wall-clock ms of the change (event time of agent actions). */
  at: number;
  conversationId?: string | null;
  baseVersion?: number | null;
  undoes?: string | null;
}

/**
 * Appends one event and applies it. Must run inside `writeTx` (Dexie reuses the transaction).
 * Returns the stored event.
 */
export async function commit(db: WebcareDb, payload: LogPayload, meta: CommitMeta): Promise<LogEvent> {
  const device = await deviceId(db);
  const clock = (await db.meta.get(CLOCK_KEY))?.value as ClockRow | undefined;
  const last: Hlc | null = clock ? decodeHlc(clock.hlc) : null;
  const hlc = tickHlc(last, meta.at, device);
  const deviceSeq = (clock?.deviceSeq ?? 0) + 1;
  await db.meta.put({ key: CLOCK_KEY, value: { hlc: encodeHlc(hlc), deviceSeq } satisfies ClockRow });
  const event: LogEvent = {
    id: `${device}.${deviceSeq}`,
    device,
    deviceSeq,
    hlc: encodeHlc(hlc),
    actor: meta.actor,
    origin: meta.origin,
    at: meta.at,
    conversationId: meta.conversationId ?? null,
    baseVersion: meta.baseVersion ?? null,
    undoes: meta.undoes ?? null,
    payload,
  };
  event.seq = await db.log.add(event);
  await project(db, event);
  return event;
}

/**
 * Replays events (in the order given: the source's log order) into `target`, as another device
 * or a rebuild would: each is stored as it was and applied by the same projection. Events the
 * target already has are skipped, so a replay can resume.
 */
export async function replay(target: WebcareDb, events: Iterable<LogEvent>, chunk = 200): Promise<number> {
  const list = [...events];
  let applied = 0;
  for (let i = 0; i < list.length; i += chunk) {
    const part = list.slice(i, i + chunk);
    applied += await writeTx(target, async () => {
      const known = await target.log
        .where('id')
        .anyOf(part.map((e) => e.id))
        .primaryKeys();
      const have = new Set((await target.log.bulkGet(known)).map((e) => e?.id));
      let n = 0;
      for (const e of part) {
        if (have.has(e.id)) continue;
        const { seq: _seq, ...rest } = e;
        const stored: LogEvent = { ...rest };
        stored.seq = await target.log.add(stored);
        await project(target, stored);
        n++;
      }
      return n;
    });
  }
  return applied;
}
