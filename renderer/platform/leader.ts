/**
 * One writer among the windows and tabs of a profile: the leader, elected with the Web Locks API
 * (`navigator.locks`). A window holds the lock for as long as it lives; when it closes (or
 * crashes), the browser releases the lock and the next waiting window becomes the leader. The
 * leader alone seeds the demo, runs the analysis worker, and (issue 9) the sync loops and the
 * delivery worker, so two tabs never seed twice or send a reply twice. Every window may still
 * write what its agent does (triage, replies, notes): those are single transactions.
 */
export const WRITER_LOCK = 'webcare-writer';

export interface Leadership {
  /** Resolves when this window becomes the leader (maybe never). */
  readonly elected: Promise<void>;
  isLeader(): boolean;
  /** Gives the lock up (window closing, tests). */
  release(): void;
}

export function electLeader(name = WRITER_LOCK): Leadership {
  let leader = false;
  let release: () => void = () => undefined;
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) {
    // No Web Locks (a very old browser, jsdom): a single window is the only writer there is.
    leader = true;
    return { elected: Promise.resolve(), isLeader: () => true, release };
  }
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const elected = new Promise<void>((resolve) => {
    void locks
      .request(name, { mode: 'exclusive' }, () => {
        leader = true;
        document.documentElement.dataset.leader = '1';
        resolve();
        // Held until released: the lock is this window's for its lifetime.
        return released;
      })
      .catch(() => undefined);
  });
  return { elected, isLeader: () => leader, release: () => release() };
}
