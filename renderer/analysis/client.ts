import type { AnalysisJob, AnalysisResult, RescoreReport } from './analysis.worker.ts';
import { RESCORE_INTERVAL_MS } from './analyze.ts';

/** The first re-score waits this long after start so it never competes with the first paint. */
const FIRST_RESCORE_MS = 15_000;

/**
 * The window's handle on the analysis worker. Jobs queue in the worker; `lastResult` lets the
 * UI (and tests) see when the latest analysis has finished. The worker also re-scores waiting
 * conversations every five minutes by itself; each tick's outcome is published on
 * `data-rescore` ("scored:flagged:added:ms") for tests and diagnostics.
 */
export interface AnalysisClient {
  analyze(ids: string[] | 'all-active', opts?: { radar?: boolean }): Promise<AnalysisResult>;
  /** Re-scores waiting conversations now (the same bounded tick the timer runs). */
  rescore(): void;
}

export function createAnalysisClient(): AnalysisClient {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), {
    type: 'module',
    name: 'webcare-analysis',
  });
  const waiting: ((r: AnalysisResult) => void)[] = [];
  worker.onmessage = (e: MessageEvent<AnalysisResult | RescoreReport>) => {
    const r = e.data;
    if (r.type === 'rescored') {
      document.documentElement.dataset.rescore = `${r.scored}:${r.flagged}:${r.added}:${r.ms}`;
      return;
    }
    document.documentElement.dataset.analysis = r.type === 'done' ? `done:${r.flagged}:${r.alerts}` : 'error';
    waiting.shift()?.(r);
  };
  worker.postMessage({
    type: 'schedule-rescore',
    firstMs: FIRST_RESCORE_MS,
    everyMs: RESCORE_INTERVAL_MS,
  } satisfies AnalysisJob);
  return {
    analyze(ids, opts = {}) {
      document.documentElement.dataset.analysis = 'running';
      return new Promise((resolve) => {
        waiting.push(resolve);
        worker.postMessage({
          type: 'analyze',
          ids,
          now: Date.now(),
          radar: opts.radar ?? true,
        } satisfies AnalysisJob);
      });
    },
    rescore() {
      worker.postMessage({ type: 'rescore' } satisfies AnalysisJob);
    },
  };
}
