import Dexie from 'dexie';
import { DB_VERSION, WebcareDb } from './schema.ts';
import { installTestFaults } from './testFaults.ts';

export const DB_NAME = 'webcare';

export type OpenDbResult =
  | { ok: true; db: WebcareDb }
  | { ok: false; reason: 'newer'; found: number }
  | { ok: false; reason: 'blocked' }
  | { ok: false; reason: 'error'; message: string };

/**
 * Opens the inbox database. Stops with a clear reason when the stored data is newer than this
 * build (never downgrades), and closes itself when a newer build elsewhere wants to upgrade.
 */
export async function openInboxDb(name = DB_NAME, onVersionChange?: () => void): Promise<OpenDbResult> {
  const db = new WebcareDb(name);
  installTestFaults(db);
  db.on('versionchange', () => {
    db.close();
    onVersionChange?.();
    return false;
  });
  try {
    await db.open();
    // Dexie 4 opens a database that a newer build upgraded (when its tables still fit); stored
    // data from the future must never be written by older code, so stop here instead.
    const stored = Math.round(db.backendDB().version / 10);
    if (stored > DB_VERSION) {
      db.close();
      return { ok: false, reason: 'newer', found: stored };
    }
    return { ok: true, db };
  } catch (e) {
    const err = e as Error & { inner?: Error };
    if (err.name === Dexie.errnames.Version || err.inner?.name === 'VersionError') {
      return { ok: false, reason: 'newer', found: (await storedVersion(name)) ?? DB_VERSION + 1 };
    }
    if (err.name === 'BlockedError' || err.name === Dexie.errnames.DatabaseClosed)
      return { ok: false, reason: 'blocked' };
    return { ok: false, reason: 'error', message: err.message };
  }
}

async function storedVersion(name: string): Promise<number | null> {
  try {
    const dbs = await indexedDB.databases();
    const v = dbs.find((d) => d.name === name)?.version;
    // Dexie multiplies its version numbers by 10 in IndexedDB.
    return v ? Math.round(v / 10) : null;
  } catch {
    return null;
  }
}
