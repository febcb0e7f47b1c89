import { z } from 'zod';

/**
 * Snapshots of the inbox in the data folder (issue 10): the renderer copies the whole database
 * consistently in short read transactions (renderer/db/snapshot.ts) and streams it to main in chunks; main writes it to a temp file, hashes
 * it as it goes, and renames it into place with a manifest beside it, so a crash leaves the old
 * snapshots and at most a stray partial file. A snapshot is JSON Lines: a header, one line per
 * row (`{"t": table, "r": row}`), a trailer with the row count (snapshot.ts).
 */

export const SNAPSHOT_REASONS = ['auto', 'manual', 'before-restore'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

/** A snapshot's file name: made by main, checked on every call so no path leaves the folder. */
export const SnapshotNameSchema = z
  .string()
  .regex(/^webcare-\d{8}T\d{6}\d{3}Z-(auto|manual|before-restore)\.jsonl$/, 'not a snapshot name');

export const UploadIdSchema = z.string().regex(/^[a-z0-9]{8,32}$/);

/** Chunks stay well under the browser-mode host's 1 MB request limit after JSON escaping. */
export const MAX_CHUNK_CHARS = 256 * 1024;

export const SnapshotCountsSchema = z.record(z.string().max(40), z.number().int().nonnegative());

export const SnapshotInfoSchema = z.object({
  name: SnapshotNameSchema,
  reason: z.enum(SNAPSHOT_REASONS),
  createdAt: z.number().int(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  schema: z.number().int().positive(),
  counts: SnapshotCountsSchema,
});
export type SnapshotInfo = z.infer<typeof SnapshotInfoSchema>;

export const BackupBeginRequestSchema = z.object({ reason: z.enum(SNAPSHOT_REASONS) });
export const BackupAppendRequestSchema = z.object({
  uploadId: UploadIdSchema,
  /** 0, 1, 2, …: a chunk out of order (a retried call) is refused, never written twice. */
  seq: z.number().int().nonnegative(),
  text: z.string().max(MAX_CHUNK_CHARS),
});
export const BackupFinishRequestSchema = z.object({
  uploadId: UploadIdSchema,
  createdAt: z.number().int(),
  schema: z.number().int().positive(),
  counts: SnapshotCountsSchema,
});

/** Why a stored snapshot cannot be used; the renderer words each one (storage.json). */
export const SNAPSHOT_PROBLEMS = ['missing', 'manifest', 'size', 'checksum'] as const;
export type SnapshotProblem = (typeof SNAPSHOT_PROBLEMS)[number];

export const BackupOpenResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), info: SnapshotInfoSchema }),
  z.object({ ok: z.literal(false), problem: z.enum(SNAPSHOT_PROBLEMS), detail: z.string().max(500) }),
]);
export type BackupOpenResponse = z.infer<typeof BackupOpenResponseSchema>;

export const BackupReadRequestSchema = z.object({
  name: SnapshotNameSchema,
  offset: z.number().int().nonnegative(),
});
export const BackupReadResponseSchema = z.object({
  /** Whole lines only (the cut is after a newline), at most about MAX_CHUNK_CHARS. */
  text: z.string(),
  nextOffset: z.number().int().nonnegative(),
  done: z.boolean(),
});
