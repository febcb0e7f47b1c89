import { describe, expect, it, vi } from 'vitest';
import { WriteFailures, estimateStorage, setDiskSource } from './storage.ts';

const quota = () => new DOMException('full', 'QuotaExceededError');

describe('WriteFailures', () => {
  it('records storage failures only, one entry per key, the newest winning', () => {
    const f = new WriteFailures(60_000);
    expect(f.report(new Error('illegal-transition'), { key: 'action:x', what: 'action' })).toBe(false);
    expect(f.snapshot()).toEqual([]);
    expect(f.report(quota(), { key: 'draft:c1', what: 'draft', retry: async () => {} }, 1)).toBe(true);
    expect(f.report(quota(), { key: 'draft:c1', what: 'draft', retry: async () => {} }, 2)).toBe(true);
    expect(f.snapshot()).toHaveLength(1);
    expect(f.snapshot()[0]).toMatchObject({ kind: 'full', at: 2, what: 'draft' });
    expect(f.hasUnsaved()).toBe(true);
    f.clear('draft:c1');
    expect(f.hasUnsaved()).toBe(false);
  });

  it('retries until the write goes through, then forgets it; a draft is never dropped while failing', async () => {
    const f = new WriteFailures(60_000);
    let full = true;
    const save = vi.fn(async () => {
      if (full) throw quota();
    });
    f.report(quota(), { key: 'draft:c1', what: 'draft', retry: save });
    f.report({ name: 'AbortError', inner: null }, { key: 'action:resolve', what: 'action' });
    expect(await f.retryAll()).toBe(1);
    expect(f.snapshot().map((e) => e.key)).toEqual(['draft:c1', 'action:resolve']);
    full = false;
    expect(await f.retryAll()).toBe(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(f.snapshot().map((e) => e.key)).toEqual(['action:resolve']);
    f.dismissDone();
    expect(f.snapshot()).toEqual([]);
  });

  it('retries by itself on a timer while something can be retried', async () => {
    vi.useFakeTimers();
    try {
      const f = new WriteFailures(1000);
      const save = vi.fn(async () => {});
      f.report(quota(), { key: 'draft:c1', what: 'draft', retry: save });
      await vi.advanceTimersByTimeAsync(1100);
      expect(save).toHaveBeenCalledTimes(1);
      expect(f.snapshot()).toEqual([]);
      await vi.advanceTimersByTimeAsync(5000);
      expect(save).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells subscribers about every change', () => {
    const f = new WriteFailures(60_000);
    const seen: number[] = [];
    const off = f.subscribe(() => seen.push(f.snapshot().length));
    f.report(quota(), { key: 'a', what: 'other' });
    f.clear('a');
    off();
    f.report(quota(), { key: 'b', what: 'other' });
    expect(seen).toEqual([1, 0]);
  });
});

describe('estimateStorage', () => {
  it('a nearly full disk binds even when the browser quota is huge (statfs from main)', async () => {
    const GB = 1024 ** 3;
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 2 * GB, quota: 300 * GB }) } });
    try {
      setDiskSource(null);
      expect((await estimateStorage())?.level).toBe('ok');
      setDiskSource(async () => ({ free: 0.4 * GB, total: 100 * GB }));
      const low = await estimateStorage();
      expect(low).toMatchObject({ level: 'low', diskFree: 0.4 * GB, diskTotal: 100 * GB });
      setDiskSource(async () => ({ free: 10 * 1024 ** 2, total: 100 * GB }));
      expect((await estimateStorage())?.level).toBe('full');
      // Main could not tell (or is away): the browser's numbers alone.
      setDiskSource(async () => {
        throw new Error('host away');
      });
      expect((await estimateStorage())?.level).toBe('ok');
    } finally {
      setDiskSource(null);
      vi.unstubAllGlobals();
    }
  });
});
