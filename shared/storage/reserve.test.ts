import { describe, expect, it } from 'vitest';
import { assessStorage, isQuotaError, reserveFor, storageFailureKind } from './reserve.ts';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

describe('assessStorage', () => {
  it.each([
    // usage, quota, disk free, disk total, level
    [1 * GB, 100 * GB, null, null, 'ok'],
    [99.5 * GB, 100 * GB, null, null, 'low'], // 0.5 GB left < 1 GiB reserve
    [99.95 * GB, 100 * GB, null, null, 'full'], // 50 MB left < a tenth of the reserve
    [100 * GB, 100 * GB, null, null, 'full'],
    [10 * MB, 200 * MB, null, null, 'ok'], // small quota: reserve is 5 % = 10 MB
    [192 * MB, 200 * MB, null, null, 'low'],
    [1 * GB, 100 * GB, 300 * MB, 30 * GB, 'low'], // the disk binds before the quota
    [1 * GB, 100 * GB, 10 * MB, 30 * GB, 'full'],
    [1 * GB, 100 * GB, 0, 30 * GB, 'full'],
    [1 * GB, 100 * GB, 20 * GB, 30 * GB, 'ok'],
  ] as const)('usage %d of %d, disk %s of %s → %s', (usage, quota, diskFree, diskTotal, level) => {
    expect(assessStorage({ usage, quota, diskFree, diskTotal }).level).toBe(level);
  });

  it('reports the room left under the binding limit and the share of the quota', () => {
    const a = assessStorage({ usage: 50 * MB, quota: 200 * MB, diskFree: 30 * MB, diskTotal: 1 * GB });
    expect(a.remaining).toBe(30 * MB);
    expect(a.share).toBe(0.25);
  });

  it('caps the reserve at 1 GiB', () => {
    expect(reserveFor(100 * GB)).toBe(GB);
    expect(reserveFor(200 * MB)).toBe(10 * MB);
    expect(reserveFor(-1)).toBe(0);
  });
});

describe('storage errors', () => {
  it('recognises quota errors, also wrapped in an aborted transaction', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError({ name: 'Error', code: 22 })).toBe(true);
    expect(isQuotaError(new Error('disk full'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('tells storage failures from domain errors', () => {
    expect(storageFailureKind({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe('full');
    expect(storageFailureKind({ name: 'UnknownError' })).toBe('failed');
    expect(storageFailureKind({ name: 'AbortError', inner: null })).toBe('failed');
    expect(storageFailureKind(new Error('illegal-transition'))).toBeNull();
    expect(storageFailureKind(undefined)).toBeNull();
  });
});
