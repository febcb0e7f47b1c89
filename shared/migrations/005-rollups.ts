import { deriveAll, type Derived } from '../dashboard/recompute.ts';

/**
 * Version 5 (issue 14): the dashboard rollups, first-response facts and author stats did not
 * exist before, so the upgrade derives them once from the stored rows; from then on the
 * projection keeps them in the same transaction as every change.
 */
export function rollupsFor005(rows: Parameters<typeof deriveAll>[0]): Derived {
  return deriveAll(rows);
}
