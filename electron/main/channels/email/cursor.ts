import { z } from 'zod';

/**
 * The email sync cursor (opaque to the renderer, which stores it with each committed page).
 * Per folder: the UIDVALIDITY it belongs to, the last UID handed over, the last UID of the
 * initial history (everything up to it is back-fill), the start of its history window (fixed
 * when the folder is first seen, so a restart does not move it) and, with CONDSTORE, the
 * HIGHESTMODSEQ seen when the folder was last caught up.
 *
 * Live mail after the initial sync is never back-fill. A new folder's boundary is a UID (the
 * UIDNEXT of its first STATUS); after a renumbering (UIDVALIDITY changed) UIDs say nothing about
 * what we saw, so the boundary becomes a time: `caughtUpAt` is when the folder was last known to
 * hold nothing we had not handed over (its first STATUS, then every check that found nothing
 * new), and the resync after a renumbering files what arrived after it (`liveAfter`, by
 * INTERNALDATE) as live mail, the rest as back-fill.
 */
const FolderCursorSchema = z.object({
  path: z.string(),
  uidValidity: z.string(),
  lastUid: z.number().int().min(0),
  backfillUpTo: z.number().int().min(0),
  since: z.number(),
  modseq: z.string().nullable(),
  /** Epoch ms (main's clock) of the last check that found the folder caught up; null in cursors from before it was kept. */
  caughtUpAt: z.number().nullable().default(null),
  /** While re-syncing after a renumbering: mail that arrived after this time is live. */
  liveAfter: z.number().nullable().default(null),
});
export type FolderCursor = z.infer<typeof FolderCursorSchema>;

const EmailCursorSchema = z.object({
  v: z.literal(1),
  folders: z.array(FolderCursorSchema),
  /** Messages handed over so far (progress display). */
  fetched: z.number().int().min(0),
});
export type EmailCursor = z.infer<typeof EmailCursorSchema>;

export function newCursor(): EmailCursor {
  return { v: 1, folders: [], fetched: 0 };
}

/** Parses a stored cursor; an unreadable one starts over (the inbox dedupes what comes again). */
export function decodeCursor(value: string | null): EmailCursor {
  if (value === null) return newCursor();
  try {
    const parsed = EmailCursorSchema.safeParse(JSON.parse(value));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return newCursor();
}

export function encodeCursor(cursor: EmailCursor): string {
  return JSON.stringify(cursor);
}

/**
 * The folder's state for a mailbox with this UIDVALIDITY. A new folder starts a back-fill over
 * the history window; a changed UIDVALIDITY (the server renumbered everything) starts it again
 * over the same window: the inbox dedupes on Message-ID, so nothing arrives twice.
 */
export function folderFor(
  cursor: EmailCursor,
  path: string,
  status: { uidValidity: string; uidNext: number },
  window: { now: number; historyDays: number },
): { folder: FolderCursor; reset: 'new' | 'uidvalidity' | null } {
  const existing = cursor.folders.find((f) => f.path === path);
  if (existing && existing.uidValidity === status.uidValidity) return { folder: existing, reset: null };
  const folder: FolderCursor = {
    path,
    uidValidity: status.uidValidity,
    lastUid: 0,
    backfillUpTo: Math.max(0, status.uidNext - 1),
    since: existing?.since ?? window.now - window.historyDays * 86_400_000,
    modseq: null,
    // Everything below this UIDNEXT is known as of now: the history of a new folder, and after a
    // renumbering what the folder holds now (which is where the time boundary comes in).
    caughtUpAt: window.now,
    // A renumbering during an earlier resync keeps that resync's (older) boundary.
    liveAfter: existing ? (existing.liveAfter ?? existing.caughtUpAt) : null,
  };
  return { folder, reset: existing ? 'uidvalidity' : 'new' };
}

/** The folder after a check at `checkedAt` found nothing left to hand over: caught up, no resync running. */
export function caughtUp(folder: FolderCursor, checkedAt: number): FolderCursor {
  return { ...folder, caughtUpAt: checkedAt, liveAfter: null };
}

export function withFolder(cursor: EmailCursor, folder: FolderCursor): EmailCursor {
  const others = cursor.folders.filter((f) => f.path !== folder.path);
  return { ...cursor, folders: [...others, folder] };
}
