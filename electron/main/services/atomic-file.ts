import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** fsyncs a folder so that a rename or a new file in it survives a power cut. */
export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory (Windows); the file's own fsync still holds.
  }
}

/**
 * Replaces `path` with `content` so that a crash leaves either the old or the new file, never a
 * mix: write a 0600 temp file, fsync, rename over, fsync the folder.
 */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
}
