import { OfflineBanner } from '../components/OfflineBanner.tsx';
import type { WebcareDb } from '../db/schema.ts';
import { useLastSync, useOfflineSince, useOutboxWaiting } from '../data/hooks.ts';

/** The offline line, shown while the network is gone; its numbers are small indexed counts. */
export function OfflineLine({ db }: { db: WebcareDb }) {
  const offlineSince = useOfflineSince();
  const waiting = useOutboxWaiting(db);
  const lastSync = useLastSync(db);
  return offlineSince === null ? null : (
    <OfflineBanner since={offlineSince} waiting={waiting} lastSync={lastSync} />
  );
}
