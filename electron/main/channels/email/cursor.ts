import { z } from 'zod';

/**
 * The email sync cursor (opaque to the renderer, which stores it with each committed page).
 * Per folder: the UIDVALIDITY it belongs to, the last UID handed over, the last UID of the
 * initial history (everything up to it is back-fill), the start of its history window (fixed
 * when the folder is first seen, so a restart does not move it) and, with CONDSTORE, the
 * HIGHESTMODSEQ seen when the folder was last caught up.
 */
const FolderCursorSchema = z.object({
  path: z.string(),
  uidValidity: z.string(),
  lastUid: z.number().int().min(0),
  backfillUpTo: z.number().int().min(0),
  since: z.number(),
  modseq: z.string().nullable(),
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
  };
  return { folder, reset: existing ? 'uidvalidity' : 'new' };
}

export function withFolder(cursor: EmailCursor, folder: FolderCursor): EmailCursor {
  const others = cursor.folders.filter((f) => f.path !== folder.path);
  return { ...cursor, folders: [...others, folder] };
}
