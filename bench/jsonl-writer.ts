// Writes JSON lines to a file or stdout ("-") in 64 KB chunks, honouring back-pressure.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface JsonlWriter {
  write(value: unknown): Promise<void>;
  close(): Promise<void>;
}

export function jsonlWriter(path: string): JsonlWriter {
  const out = path === '-' ? process.stdout : createWriteStream(path);
  let chunk = '';
  return {
    async write(value) {
      chunk += `${JSON.stringify(value)}\n`;
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    },
    async close() {
      out.write(chunk);
      chunk = '';
      if (out !== process.stdout) {
        out.end();
        await once(out, 'finish');
      }
    },
  };
}
