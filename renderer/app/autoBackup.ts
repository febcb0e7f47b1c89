import type { WebcareApi } from '../../shared/ipc/contract.ts';
import type { WebcareDb } from '../db/schema.ts';
import { writeSnapshot } from '../db/snapshot.ts';

/** Automatic snapshots: the leader writes one an hour (main keeps the last 24). */
export const AUTO_BACKUP_EVERY_MS = 60 * 60_000;
/** The first one a while after start, never on the start-up path. */
export const AUTO_BACKUP_FIRST_MS = 10 * 60_000;
export const AUTO_BACKUPS_KEPT = 24;

export interface AutoBackupState {
  at: number;
  ok: boolean;
  message?: string;
}

let last: AutoBackupState | null = null;
const listeners = new Set<() => void>();
export const autoBackupState = {
  get: () => last,
  subscribe: (l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

/** Runs in the leader window only (one writer of background work); returns the stop function. */
export function startAutoBackups(db: WebcareDb, api: Pick<WebcareApi, 'invoke'>): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const run = async () => {
    const at = Date.now();
    try {
      await writeSnapshot(db, api, 'auto', at);
      last = { at, ok: true };
    } catch (e) {
      last = { at, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    for (const l of listeners) l();
    if (!stopped) timer = setTimeout(() => void run(), AUTO_BACKUP_EVERY_MS);
  };
  timer = setTimeout(() => void run(), AUTO_BACKUP_FIRST_MS);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
