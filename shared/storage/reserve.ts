/**
 * How much room the inbox keeps free. Chromium can lose a whole IndexedDB database when a
 * write fails on a full disk (TOOLCHAIN.md), so the app warns, and bulk writers (imports, sync)
 * stop, while this much space is still left: what a person writes (drafts, notes, replies)
 * must always fit in what remains.
 */
export const RESERVE_MAX_BYTES = 1024 ** 3;
/** Share of the quota kept free when that is smaller than `RESERVE_MAX_BYTES`. */
export const RESERVE_SHARE = 0.05;

/** Usage as the browser reports it (`navigator.storage.estimate()`), and the disk as main sees it. */
export interface StorageNumbers {
  /** Bytes this origin stores. */
  usage: number;
  /** Bytes this origin may store. */
  quota: number;
  /** Free bytes on the data folder's filesystem, when main could tell (`statfs`). */
  diskFree?: number | null;
  /** Size of that filesystem. */
  diskTotal?: number | null;
}

export type StorageLevel = 'ok' | 'low' | 'full';

export interface StorageAssessment {
  level: StorageLevel;
  /** Bytes that can still be written before the limit that binds first. */
  remaining: number;
  /** The reserve applied to that limit. */
  reserve: number;
  /** 0..1 of the origin's quota in use. */
  share: number;
}

/** The reserve for a limit of `total` bytes: 5 % of it, at most 1 GiB. */
export function reserveFor(total: number): number {
  return Math.min(RESERVE_MAX_BYTES, Math.max(0, total) * RESERVE_SHARE);
}

/**
 * Whether there is room: `full` once less than a tenth of the reserve is left (or nothing),
 * `low` inside the reserve, else `ok`. The binding limit is whichever of the browser quota and
 * the disk leaves less room.
 */
export function assessStorage(n: StorageNumbers): StorageAssessment {
  const quotaLeft = Math.max(0, n.quota - n.usage);
  const limits = [{ left: quotaLeft, reserve: reserveFor(n.quota) }];
  if (typeof n.diskFree === 'number' && typeof n.diskTotal === 'number' && n.diskTotal > 0)
    limits.push({ left: Math.max(0, n.diskFree), reserve: reserveFor(n.diskTotal) });
  const bind = limits.reduce((a, b) => (b.left - b.reserve < a.left - a.reserve ? b : a));
  const level: StorageLevel =
    bind.left <= 0 || bind.left < bind.reserve / 10 ? 'full' : bind.left < bind.reserve ? 'low' : 'ok';
  return {
    level,
    remaining: bind.left,
    reserve: bind.reserve,
    share: n.quota > 0 ? Math.min(1, n.usage / n.quota) : 1,
  };
}

/** True for the errors IndexedDB (directly or wrapped by Dexie) raises when the disk or quota is full. */
export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string } | null; code?: number } | null;
  return (
    e?.name === 'QuotaExceededError' ||
    e?.inner?.name === 'QuotaExceededError' ||
    // Older engines raise a DOMException with the legacy code 22 and another name.
    (e?.name !== undefined && e.code === 22)
  );
}

const WRITE_ERROR_NAMES = new Set([
  'QuotaExceededError',
  'AbortError',
  'UnknownError',
  'DatabaseClosedError',
  'InvalidStateError',
  'TransactionInactiveError',
  'OpenFailedError',
  'PrematureCommitError',
]);

/**
 * `full` for a quota error, `failed` for another storage failure (an aborted transaction, the
 * engine's I/O error), `null` for anything else (a domain error the caller words itself).
 */
export function storageFailureKind(error: unknown): 'full' | 'failed' | null {
  if (isQuotaError(error)) return 'full';
  const e = error as { name?: string; inner?: { name?: string } | null } | null;
  if (e?.name && WRITE_ERROR_NAMES.has(e.name)) return 'failed';
  if (e?.inner?.name && WRITE_ERROR_NAMES.has(e.inner.name)) return 'failed';
  return null;
}
