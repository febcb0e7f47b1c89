import { createHash, randomBytes, type Hash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  MAX_CHUNK_CHARS,
  SnapshotInfoSchema,
  SnapshotNameSchema,
  type BackupOpenResponse,
  type SnapshotInfo,
  type SnapshotReason,
} from '../../../shared/backup/schemas.ts';
import { fsyncDir, writeFileAtomic } from './atomic-file.ts';

/**
 * Inbox snapshots in `<data folder>/backups` (shared/backup/schemas.ts). Main only stores bytes
 * and proves they are intact (size and SHA-256 from the manifest written beside each file); what
 * is in them is the renderer's business. Written through a temp file and a rename, so a crash or
 * a full disk leaves the earlier snapshots and never a half snapshot under a real name.
 */
export class BackupError extends Error {
  constructor(
    readonly code: 'unknown-upload' | 'out-of-order' | 'too-many' | 'write-failed',
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupService {
  begin(reason: SnapshotReason): { uploadId: string };
  append(uploadId: string, seq: number, text: string): { bytes: number };
  finish(
    uploadId: string,
    manifest: { createdAt: number; schema: number; counts: Record<string, number> },
  ): SnapshotInfo;
  abort(uploadId: string): void;
  /** Newest first; snapshots whose manifest is missing or unreadable are left out (open says why). */
  list(): SnapshotInfo[];
  open(name: string): Promise<BackupOpenResponse>;
  read(name: string, offset: number): { text: string; nextOffset: number; done: boolean };
  readonly dir: string;
}

interface Upload {
  fd: number;
  tmp: string;
  reason: SnapshotReason;
  hash: Hash;
  bytes: number;
  seq: number;
  touched: number;
}

const MAX_UPLOADS = 4;
const UPLOAD_IDLE_MS = 10 * 60_000;
const PARTIAL = '.partial';

/** `webcare-20261201T104200123Z-auto.jsonl`: sorts by time, says why it was made. */
function snapshotName(at: number, reason: SnapshotReason): string {
  const iso = new Date(at).toISOString().replace(/[-:]/g, '').replace('.', '');
  return `webcare-${iso}-${reason}.jsonl`;
}

export function createBackupService(
  dataDir: string,
  options: { keep?: Partial<Record<SnapshotReason, number>>; now?: () => number } = {},
): BackupService {
  const dir = join(dataDir, 'backups');
  const now = options.now ?? Date.now;
  const keep: Record<SnapshotReason, number> = { auto: 24, manual: 20, 'before-restore': 5, ...options.keep };
  const uploads = new Map<string, Upload>();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Partial files are what a crash during a snapshot leaves: never a snapshot, always removable.
  for (const f of readdirSync(dir)) if (f.endsWith(PARTIAL)) unlinkSync(join(dir, f));

  const drop = (id: string) => {
    const u = uploads.get(id);
    if (!u) return;
    uploads.delete(id);
    try {
      closeSync(u.fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(u.tmp);
    } catch {
      // already gone
    }
  };
  const expire = () => {
    for (const [id, u] of uploads) if (now() - u.touched > UPLOAD_IDLE_MS) drop(id);
  };
  const get = (id: string) => {
    const u = uploads.get(id);
    if (!u)
      throw new BackupError('unknown-upload', 'this snapshot upload is not open (it expired or finished)');
    u.touched = now();
    return u;
  };
  const manifestPath = (name: string) => join(dir, `${name}.json`);
  const readManifest = (name: string): SnapshotInfo | null => {
    try {
      const parsed = SnapshotInfoSchema.safeParse(JSON.parse(readFileSync(manifestPath(name), 'utf8')));
      return parsed.success && parsed.data.name === name ? parsed.data : null;
    } catch {
      return null;
    }
  };
  const list = (): SnapshotInfo[] =>
    readdirSync(dir)
      .filter((f) => SnapshotNameSchema.safeParse(f).success)
      .map(readManifest)
      .filter((m): m is SnapshotInfo => m !== null)
      .sort((a, b) => b.createdAt - a.createdAt || (a.name < b.name ? 1 : -1));
  const prune = () => {
    const counts: Record<string, number> = {};
    for (const s of list()) {
      counts[s.reason] = (counts[s.reason] ?? 0) + 1;
      if (counts[s.reason]! <= keep[s.reason]) continue;
      for (const p of [join(dir, s.name), manifestPath(s.name)]) {
        try {
          unlinkSync(p);
        } catch {
          // gone already
        }
      }
    }
  };

  return {
    dir,
    begin(reason) {
      expire();
      if (uploads.size >= MAX_UPLOADS)
        throw new BackupError('too-many', 'too many snapshots are being written');
      const uploadId = randomBytes(12).toString('hex');
      const tmp = join(dir, `${uploadId}${PARTIAL}`);
      const fd = openSync(tmp, 'wx', 0o600);
      uploads.set(uploadId, {
        fd,
        tmp,
        reason,
        hash: createHash('sha256'),
        bytes: 0,
        seq: 0,
        touched: now(),
      });
      return { uploadId };
    },
    append(uploadId, seq, text) {
      const u = get(uploadId);
      if (seq !== u.seq) throw new BackupError('out-of-order', `expected chunk ${u.seq}, got ${seq}`);
      const buf = Buffer.from(text, 'utf8');
      try {
        writeSync(u.fd, buf);
      } catch (e) {
        drop(uploadId);
        throw new BackupError('write-failed', `the snapshot could not be written: ${(e as Error).message}`);
      }
      u.hash.update(buf);
      u.bytes += buf.length;
      u.seq++;
      return { bytes: u.bytes };
    },
    finish(uploadId, manifest) {
      const u = get(uploadId);
      const name = snapshotName(manifest.createdAt, u.reason);
      const info: SnapshotInfo = {
        name,
        reason: u.reason,
        createdAt: manifest.createdAt,
        bytes: u.bytes,
        sha256: u.hash.digest('hex'),
        schema: manifest.schema,
        counts: manifest.counts,
      };
      try {
        fsyncSync(u.fd);
        closeSync(u.fd);
        renameSync(u.tmp, join(dir, name));
        fsyncDir(dir);
        // The manifest last: a snapshot without one is never listed (and a crash leaves none).
        writeFileAtomic(manifestPath(name), JSON.stringify(info, null, 2));
      } catch (e) {
        uploads.delete(uploadId);
        for (const p of [u.tmp, join(dir, name)]) {
          try {
            unlinkSync(p);
          } catch {
            // not there
          }
        }
        throw new BackupError('write-failed', `the snapshot could not be saved: ${(e as Error).message}`);
      }
      uploads.delete(uploadId);
      prune();
      return info;
    },
    abort(uploadId) {
      drop(uploadId);
    },
    list,
    async open(name) {
      const info = readManifest(name);
      let size: number;
      try {
        size = statSync(join(dir, name)).size;
      } catch {
        return { ok: false, problem: 'missing', detail: `${name} is not in ${dir}` };
      }
      if (!info) return { ok: false, problem: 'manifest', detail: `${name}.json is missing or unreadable` };
      if (size !== info.bytes)
        return { ok: false, problem: 'size', detail: `${size} bytes on disk, ${info.bytes} written` };
      const hash = createHash('sha256');
      await new Promise<void>((resolve, reject) =>
        createReadStream(join(dir, name))
          .on('data', (c) => hash.update(c))
          .on('end', resolve)
          .on('error', reject),
      );
      const sha = hash.digest('hex');
      if (sha !== info.sha256)
        return {
          ok: false,
          problem: 'checksum',
          detail: `SHA-256 ${sha.slice(0, 12)}…, expected ${info.sha256.slice(0, 12)}…`,
        };
      return { ok: true, info };
    },
    read(name, offset) {
      const path = join(dir, name);
      const fd = openSync(path, 'r');
      try {
        const size = statSync(path).size;
        // Whole lines only, so no UTF-8 sequence is cut: up to a chunk, or on to the end of a
        // line longer than that (a large email body).
        const parts: Buffer[] = [];
        let pos = offset;
        while (pos < size) {
          const buf = Buffer.alloc(Math.min(MAX_CHUNK_CHARS, size - pos));
          const n = readSync(fd, buf, 0, buf.length, pos);
          if (n === 0) break;
          const chunk = buf.subarray(0, n);
          const nl = chunk.lastIndexOf(0x0a);
          if (nl >= 0 && (parts.length === 0 || chunk.indexOf(0x0a) >= 0)) {
            const cut = parts.length === 0 ? nl + 1 : chunk.indexOf(0x0a) + 1;
            parts.push(chunk.subarray(0, cut));
            pos += cut;
            break;
          }
          parts.push(chunk);
          pos += n;
        }
        return { text: Buffer.concat(parts).toString('utf8'), nextOffset: pos, done: pos >= size };
      } finally {
        closeSync(fd);
      }
    },
  };
}
