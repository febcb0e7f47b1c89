/// <reference lib="webworker" />
import { openInboxDb } from '../db/open.ts';
import type { WebcareDb } from '../db/schema.ts';
import { activeConversationIds, analyzeConversations, runRadar } from './analyze.ts';

/**
 * The analysis worker: scoring and the radar run here so the inbox never stutters. It opens the
 * same IndexedDB as the window; Dexie propagates its writes to the window's live queries.
 */
export type AnalysisJob = { type: 'analyze'; ids: string[] | 'all-active'; now: number; radar: boolean };
export type AnalysisResult =
  | { type: 'done'; scored: number; flagged: number; alerts: number; ms: number }
  | { type: 'error'; message: string };

let dbPromise: Promise<WebcareDb> | null = null;
function db(): Promise<WebcareDb> {
  dbPromise ??= openInboxDb().then((r) => {
    if (!r.ok) throw new Error(`database unavailable: ${r.reason}`);
    return r.db;
  });
  return dbPromise;
}

let queue: Promise<void> = Promise.resolve();

self.onmessage = (e: MessageEvent<AnalysisJob>) => {
  const job = e.data;
  queue = queue.then(async () => {
    const t0 = performance.now();
    try {
      const d = await db();
      await d.meta.put({ key: 'analysis-running', value: true });
      const ids = job.ids === 'all-active' ? await activeConversationIds(d) : job.ids;
      const r = await analyzeConversations(d, ids, job.now);
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
