import type { AnalysisJob, AnalysisResult } from './analysis.worker.ts';

/**
 * The window's handle on the analysis worker. Jobs queue in the worker; `lastResult` lets the
 * UI (and tests) see when the latest analysis has finished.
 */
export interface AnalysisClient {
  analyze(ids: string[] | 'all-active', opts?: { radar?: boolean }): Promise<AnalysisResult>;
}

export function createAnalysisClient(): AnalysisClient {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), {
    type: 'module',
    name: 'webcare-analysis',
  });
  const waiting: ((r: AnalysisResult) => void)[] = [];
  worker.onmessage = (e: MessageEvent<AnalysisResult>) => {
    const r = e.data;
    document.documentElement.dataset.analysis = r.type === 'done' ? `done:${r.flagged}:${r.alerts}` : 'error';
    waiting.shift()?.(r);
  };
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
  };
}
