/// <reference lib="webworker" />
import { openInboxDb } from '../db/open.ts';
import type { WebcareDb } from '../db/schema.ts';
import {
  drainAnalysisQueue,
  RESCORE_INTERVAL_MS,
  rescoreTick,
  runRadar,
  type RescoreResult,
} from './analyze.ts';

/**
 * The analysis worker: scoring and the radar run here so the inbox never stutters. It opens the
 * same IndexedDB as the window; Dexie propagates its writes to the window's live queries. Only
 * the leader window (renderer/platform/leader.ts) starts it, so there is one analysis writer.
 * Its work list is the analysis queue the ingest pipeline fills (`drain`).
 *
 * Besides the jobs the window sends (first-run demo, imports), the worker re-scores waiting
 * conversations on its own every RESCORE_INTERVAL_MS: a public complaint's risk grows while it
 * waits unanswered, and without new messages nothing else would re-score it. Each tick is
 * bounded (see rescoreTick) and queued behind the other jobs, never beside them.
 */
export type AnalysisJob =
  /** Scores everything the ingest pipeline queued, then runs the radar. */
  | { type: 'drain'; now: number; radar: boolean }
  /** Starts the periodic re-score: the first tick after `firstMs`, then every `everyMs`. */
  | { type: 'schedule-rescore'; firstMs: number; everyMs: number }
  /** One re-score now (the command palette; tests). */
  | { type: 'rescore' };
export type AnalysisResult =
  | { type: 'done'; scored: number; flagged: number; alerts: number; ms: number }
  | { type: 'error'; message: string };
/** Reported separately so that it never answers a pending `analyze` call. */
export type RescoreReport = { type: 'rescored'; ms: number } & RescoreResult;

let dbPromise: Promise<WebcareDb> | null = null;
function db(): Promise<WebcareDb> {
  dbPromise ??= openInboxDb().then((r) => {
    if (!r.ok) throw new Error(`database unavailable: ${r.reason}`);
    return r.db;
  });
  return dbPromise;
}

let queue: Promise<void> = Promise.resolve();
let timer: ReturnType<typeof setInterval> | undefined;

function enqueueRescore() {
  queue = queue.then(async () => {
    const t0 = performance.now();
    try {
      const r = await rescoreTick(await db(), Date.now());
      self.postMessage({
        type: 'rescored',
        ...r,
        ms: Math.round(performance.now() - t0),
      } satisfies RescoreReport);
    } catch {
      // A failed tick (database closed for an upgrade, say) is retried at the next one.
    }
  });
}

self.onmessage = (e: MessageEvent<AnalysisJob>) => {
  const job = e.data;
  if (job.type === 'schedule-rescore') {
    if (timer) clearInterval(timer);
    setTimeout(enqueueRescore, job.firstMs);
    timer = setInterval(enqueueRescore, job.everyMs || RESCORE_INTERVAL_MS);
    return;
  }
  if (job.type === 'rescore') {
    enqueueRescore();
    return;
  }
  queue = queue.then(async () => {
    const t0 = performance.now();
    try {
      const d = await db();
      await d.meta.put({ key: 'analysis-running', value: true });
      const r = await drainAnalysisQueue(d, job.now);
      const alerts = job.radar ? (await runRadar(d, job.now)).length : 0;
      await d.meta.put({ key: 'analysis-running', value: false });
      self.postMessage({
        type: 'done',
        ...r,
        alerts,
        ms: Math.round(performance.now() - t0),
      } satisfies AnalysisResult);
    } catch (err) {
      await db()
        .then((d) => d.meta.put({ key: 'analysis-running', value: false }))
        .catch(() => undefined);
      self.postMessage({ type: 'error', message: (err as Error).message } satisfies AnalysisResult);
    }
  });
};
