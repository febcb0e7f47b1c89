import type { Leadership } from '../platform/leader.ts';
import type { AnalysisJob, AnalysisResult, RescoreReport } from './analysis.worker.ts';
import { RESCORE_INTERVAL_MS } from './analyze.ts';

/** The first re-score waits this long after start so it never competes with the first paint. */
const FIRST_RESCORE_MS = 15_000;
/** Windows of one profile talk to the leader's worker over this channel. */
const CHANNEL = 'webcare-analysis';

type Relay = { type: 'drain'; radar: boolean } | { type: 'result'; result: AnalysisResult };

/**
 * The window's handle on the analysis worker. Only the leader window runs the worker (one
 * analysis writer per profile); other windows ask it over a BroadcastChannel and hear back when
 * it is done. Jobs queue in the worker; `data-analysis` on <html> shows the latest outcome
 * (tests wait for it). The worker also re-scores waiting conversations every five minutes by
 * itself; each tick's outcome is published on `data-rescore` ("scored:flagged:added:ms").
 */
export interface AnalysisClient {
  /**
   * Scores what the ingest pipeline queued and runs the radar. The ids are a hint only: the
   * queue is the work list, so nothing ingested is ever missed.
   */
  analyze(ids?: string[] | 'all-active', opts?: { radar?: boolean }): Promise<AnalysisResult>;
  /** Re-scores waiting conversations now (the same bounded tick the timer runs). */
  rescore(): void;
}

export function createAnalysisClient(leadership: Leadership): AnalysisClient {
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  const waiting: ((r: AnalysisResult) => void)[] = [];
  let worker: Worker | null = null;

  const settle = (r: AnalysisResult) => {
    document.documentElement.dataset.analysis = r.type === 'done' ? `done:${r.flagged}:${r.alerts}` : 'error';
    waiting.shift()?.(r);
  };
  const startWorker = () => {
    const w = new Worker(new URL('./analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'webcare-analysis',
    });
    w.onmessage = (e: MessageEvent<AnalysisResult | RescoreReport>) => {
      const r = e.data;
      if (r.type === 'rescored') {
        document.documentElement.dataset.rescore = `${r.scored}:${r.flagged}:${r.added}:${r.ms}`;
        return;
      }
      settle(r);
      channel?.postMessage({ type: 'result', result: r } satisfies Relay);
    };
    w.postMessage({
      type: 'schedule-rescore',
      firstMs: FIRST_RESCORE_MS,
      everyMs: RESCORE_INTERVAL_MS,
    } satisfies AnalysisJob);
    // Whatever was queued while no window led (or before this one took over) is scored now.
    w.postMessage({ type: 'drain', now: Date.now(), radar: true } satisfies AnalysisJob);
    worker = w;
  };
  const drain = (radar: boolean) =>
    worker?.postMessage({ type: 'drain', now: Date.now(), radar } satisfies AnalysisJob);

  if (channel)
    channel.onmessage = (e: MessageEvent<Relay>) => {
      const m = e.data;
      if (m.type === 'drain' && worker) drain(m.radar);
      else if (m.type === 'result' && !worker) settle(m.result);
    };
  void leadership.elected.then(startWorker);

  return {
    analyze(_ids, opts = {}) {
      document.documentElement.dataset.analysis = 'running';
      return new Promise((resolve) => {
        waiting.push(resolve);
        const radar = opts.radar ?? true;
        if (worker) drain(radar);
        else channel?.postMessage({ type: 'drain', radar } satisfies Relay);
      });
    },
    rescore() {
      worker?.postMessage({ type: 'rescore' } satisfies AnalysisJob);
    },
  };
}
