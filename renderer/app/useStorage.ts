// Storage: how full it is (at start, every 5 minutes, after a failure, while Settings is open)
// and a last line of defence for writes nobody caught.
import { useCallback, useEffect, useRef, useState } from 'react';
import { estimateStorage, writeFailures, type StorageReport } from '../platform/storage.ts';

export function useStorage(settingsOpen: boolean) {
  const [storage, setStorage] = useState<StorageReport | null>(null);
  const refreshStorage = useCallback(() => void estimateStorage().then(setStorage), []);
  useEffect(() => {
    refreshStorage();
    const timer = setInterval(refreshStorage, 5 * 60_000);
    const unsubscribe = writeFailures.subscribe(refreshStorage);
    const onRejection = (e: PromiseRejectionEvent) => {
      if (writeFailures.report(e.reason, { key: 'other', what: 'other' })) e.preventDefault();
    };
    // Text that exists only in this window's memory: the browser asks before the window closes.
    const onUnload = (e: BeforeUnloadEvent) => {
      if (writeFailures.hasUnsaved()) e.preventDefault();
    };
    window.addEventListener('unhandledrejection', onRejection);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      clearInterval(timer);
      unsubscribe();
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [refreshStorage]);
  useEffect(() => {
    if (settingsOpen) refreshStorage();
  }, [settingsOpen, refreshStorage]);
  // Imports ask before every batch; the browser's estimate is not free (it sums the origin's
  // files), so one answer serves for 30 seconds.
  const roomRef = useRef<{ at: number; ok: boolean } | null>(null);
  const hasRoom = useCallback(async () => {
    const last = roomRef.current;
    if (last && Date.now() - last.at < 30_000) return last.ok;
    const ok = ((await estimateStorage())?.level ?? 'ok') === 'ok';
    roomRef.current = { at: Date.now(), ok };
    return ok;
  }, []);
  return { storage, hasRoom };
}
