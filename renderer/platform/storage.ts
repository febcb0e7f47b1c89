import { assessStorage, storageFailureKind, type StorageAssessment } from '../../shared/storage/reserve.ts';

/**
 * What the inbox could not save, kept in this window until it is saved or the agent dismisses
 * it. A failed IndexedDB transaction leaves the previous state (it rolls back whole); this store
 * is the other half of "nothing written is lost": the banner says what did not get in, and the
 * retries (drafts) run again until they do.
 */
export type FailedWhat = 'reply' | 'note' | 'draft' | 'action' | 'import' | 'demo' | 'other';

export interface WriteFailure {
  /** One entry per thing: a newer failure of the same key replaces the older one. */
  key: string;
  what: FailedWhat;
  kind: 'full' | 'failed';
  at: number;
  /** The conversation it was about, for the banner ("your reply to …"). */
  conversationLabel?: string;
  /** For `action`: the command's name as shown in the UI. */
  action?: string;
  /** The engine's message, for the details line. */
  message: string;
  /** Saves it again; resolves when saved. Entries without one are for the agent to redo. */
  retry?: () => Promise<unknown>;
}

type Listener = () => void;

export class WriteFailures {
  private entries: readonly WriteFailure[] = [];
  private listeners = new Set<Listener>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private retrying = false;

  constructor(private readonly retryEveryMs = 15_000) {}

  readonly subscribe = (l: Listener) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly snapshot = (): readonly WriteFailure[] => this.entries;

  /**
   * Records `error` if it is a storage failure and returns true; returns false (recording
   * nothing) for other errors, which the caller reports as before.
   */
  report(error: unknown, entry: Omit<WriteFailure, 'kind' | 'message' | 'at'>, now = Date.now()): boolean {
    const kind = storageFailureKind(error);
    if (!kind) return false;
    const message =
      error instanceof Error || (error && typeof error === 'object' && 'message' in error)
        ? String((error as { message: unknown }).message)
        : String(error);
    this.set([...this.entries.filter((e) => e.key !== entry.key), { ...entry, kind, message, at: now }]);
    this.arm();
    return true;
  }

  /** Forgets `key` (it was saved another way, or the agent dismissed it). */
  clear(key: string) {
    if (this.entries.some((e) => e.key === key)) this.set(this.entries.filter((e) => e.key !== key));
  }

  /** Forgets every entry that cannot be retried (the agent read the banner). */
  dismissDone() {
    this.set(this.entries.filter((e) => e.retry));
  }

  /** Runs every retry once; what saves leaves the list. Returns how many are still failing. */
  async retryAll(): Promise<number> {
    if (this.retrying) return this.entries.filter((e) => e.retry).length;
    this.retrying = true;
    try {
      for (const e of this.entries.filter((x) => x.retry)) {
        try {
          await e.retry!();
          // Saved: drop it unless a newer failure of the same key replaced it meanwhile.
          this.set(this.entries.filter((x) => x !== e));
        } catch (err) {
          if (!storageFailureKind(err)) this.set(this.entries.filter((x) => x !== e));
        }
      }
    } finally {
      this.retrying = false;
    }
    return this.entries.filter((e) => e.retry).length;
  }

  /** True while something typed exists only in this window's memory. */
  hasUnsaved(): boolean {
    return this.entries.some((e) => e.what === 'draft' || e.what === 'reply' || e.what === 'note');
  }

  private set(next: readonly WriteFailure[]) {
    this.entries = next;
    if (!next.some((e) => e.retry) && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    for (const l of this.listeners) l();
  }

  private arm() {
    if (this.timer || !this.entries.some((e) => e.retry)) return;
    this.timer = setInterval(() => void this.retryAll(), this.retryEveryMs);
  }
}

/** The window's one list. */
export const writeFailures = new WriteFailures();

export type Persistence = 'granted' | 'denied' | 'unsupported';

/**
 * Asks the browser to keep this origin's storage when the disk runs low (it may evict
 * "best-effort" storage, inbox included). Electron grants it; Chromium in browser mode grants
 * it to installed or bookmarked sites, or after engagement, and may refuse silently.
 */
export async function requestPersistence(): Promise<Persistence> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist) return 'unsupported';
  try {
    if (await storage.persisted()) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'unsupported';
  }
}

let persistence: Promise<Persistence> | null = null;
/** The answer of the first request in this window (asked once at start, again from Settings). */
export function persistenceState(again = false): Promise<Persistence> {
  if (!persistence || again) persistence = requestPersistence();
  return persistence;
}

export interface StorageReport extends StorageAssessment {
  usage: number;
  quota: number;
  diskFree: number | null;
  diskTotal: number | null;
}

type Disk = { free: number | null; total: number | null };
let diskSource: (() => Promise<Disk>) | null = null;

/** Where the free space of the data folder's disk comes from (main's `storage:disk`), set at start. */
export function setDiskSource(source: (() => Promise<Disk>) | null): void {
  diskSource = source;
}

/**
 * Usage and quota of this origin (`navigator.storage.estimate()`) and the data folder's disk as
 * main sees it (`statfs`), with the reserve applied to whichever leaves less room. The browser's
 * quota can be far larger than the disk's free space: a full disk is what loses data.
 */
export async function estimateStorage(disk?: Disk): Promise<StorageReport | null> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.estimate) return null;
  if (!disk && diskSource) disk = await diskSource().catch(() => undefined);
  try {
    const { usage = 0, quota = 0 } = await storage.estimate();
    const diskFree = disk?.free ?? null;
    const diskTotal = disk?.total ?? null;
    return { usage, quota, diskFree, diskTotal, ...assessStorage({ usage, quota, diskFree, diskTotal }) };
  } catch {
    return null;
  }
}
