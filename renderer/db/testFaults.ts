import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { WebcareDb } from './schema.ts';

/**
 * TEST-ONLY fault injector for the end-to-end suite: makes IndexedDB writes fail as they do on
 * a full disk, inside a real Chromium, so the tests can show that a failed transaction leaves
 * the previous state and that the UI says so. (Chromium's DevTools quota override,
 * `Storage.overrideQuotaForOrigin`, is ignored by Chromium 150 here.)
 *
 * It is installed only when the page's localStorage has `webcare.test-faults` = `1`, which only
 * tests/e2e sets (through an init script); it fails writes only while a test arms it through
 * `window.__webcareTestFaults`. With the switch off this module adds nothing to the database.
 */
export const TEST_FAULTS_SWITCH = 'webcare.test-faults';

export interface TestFaults {
  /** `quota`: every write fails with QuotaExceededError; `null`: writes go through. */
  failWrites: 'quota' | null;
  /** Tables whose writes fail; empty = every table. */
  tables: string[];
  /** How many writes were refused (the tests check the injector really fired). */
  refused: number;
}

declare global {
  interface Window {
    __webcareTestFaults?: TestFaults;
  }
}

function testFaultsOn(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(TEST_FAULTS_SWITCH) === '1';
  } catch {
    return false;
  }
}

export function installTestFaults(db: WebcareDb): void {
  if (typeof window === 'undefined' || !testFaultsOn()) return;
  const faults: TestFaults = (window.__webcareTestFaults ??= { failWrites: null, tables: [], refused: 0 });
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'webcare-test-faults',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            if (faults.failWrites && (faults.tables.length === 0 || faults.tables.includes(name))) {
              faults.refused++;
              // Like the engine: the transaction is aborted, so earlier writes in it roll back.
              try {
                req.trans.abort();
              } catch {
                // already finished
              }
              return Promise.reject(new DOMException('Test fault: the disk is full', 'QuotaExceededError'));
            }
            return table.mutate(req);
          },
        };
      },
    }),
  };
  db.use(middleware);
}
