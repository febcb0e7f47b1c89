// Event-time order for `webcare radar` over input of any size, in bounded memory.
//
// The radar must see messages in createdAt order (input order among equal times), exactly as a
// full stable sort would give them, but the input is a stream that may not fit in memory. Three
// cases, all giving that order:
// - a regular file whose lines are already in event time (an export of a stream; checked by a
//   cheap pre-scan of the raw lines, no JSON parsing): messages are replayed as they are read;
// - any other regular file: sorted runs of at most RUN_MESSAGES messages / RUN_CHARS characters
//   are spilled to a temporary folder and merged at the end (an external merge sort);
// - a pipe: a reorder window (a min-heap of the same size) holds messages until it is full or
//   the pipe is idle for IDLE_MS, so a live feed's alerts come out as the feed goes; a message
//   older than one already replayed is replayed at the time already reached (stderr says so).
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { RadarMessage } from '../shared/analysis/radar.ts';

export const RUN_MESSAGES = 100_000;
export const RUN_CHARS = 64 * 1024 * 1024;
export const IDLE_MS = 500;

export interface Sequenced {
  msg: RadarMessage;
  /** Input position: ties in createdAt keep it. */
  seq: number;
  /** 1-based input line, for messages on stderr. */
  line: number;
}

const before = (a: Sequenced, b: Sequenced): boolean =>
  a.msg.createdAt < b.msg.createdAt || (a.msg.createdAt === b.msg.createdAt && a.seq < b.seq);

/** A binary min-heap in event-time order. */
export class EventHeap {
  readonly items: Sequenced[] = [];
  chars = 0;
  get length(): number {
    return this.items.length;
  }
  push(s: Sequenced): void {
    const h = this.items;
    h.push(s);
    this.chars += s.msg.text.length;
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!before(h[i] as Sequenced, h[p] as Sequenced)) break;
      [h[i], h[p]] = [h[p] as Sequenced, h[i] as Sequenced];
      i = p;
    }
  }
  pop(): Sequenced {
    const h = this.items;
    const top = h[0] as Sequenced;
    const last = h.pop() as Sequenced;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        let m = i;
        if (l < h.length && before(h[l] as Sequenced, h[m] as Sequenced)) m = l;
        if (l + 1 < h.length && before(h[l + 1] as Sequenced, h[m] as Sequenced)) m = l + 1;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Sequenced, h[i] as Sequenced];
        i = m;
      }
    }
    this.chars -= top.msg.text.length;
    return top;
  }
}

/** Whether a path is a regular file (seekable, re-readable), not a pipe or a terminal. */
export function isRegularFile(path: string): boolean {
  if (path === '-') return false;
  let fd = -1;
  try {
    fd = openSync(path, 'r');
    return fstatSync(fd).isFile();
  } catch {
    return false;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

const CREATED_AT = '"createdAt"';

/**
 * Whether every line's raw `"createdAt"` value is a date no earlier than the line before's, read
 * without JSON parsing (about a tenth of the cost of a parse). Any doubt (UTF-16, a line without
 * the field, an escaped or unparsable date) answers false, and the caller sorts.
 */
export function linesInEventTime(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    const utf8 = new StringDecoder('utf8');
    let rest = '';
    let last = -Infinity;
    let first = true;
    const check = (line: string): boolean => {
      if (line.trim() === '') return true;
      const k = line.indexOf(CREATED_AT);
      if (k < 0) return false;
      let i = k + CREATED_AT.length;
      while (line[i] === ' ' || line[i] === ':' || line[i] === '\t') i++;
      if (line[i] !== '"') return false;
      const end = line.indexOf('"', i + 1);
      if (end < 0) return false;
      const t = Date.parse(line.slice(i + 1, end));
      if (!(t >= last)) return false;
      last = t;
      return true;
    };
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      if (first && n >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)))
        return false;
      first = false;
      const text = rest + utf8.write(buf.subarray(0, n));
      const lines = text.split(/\r\n|\r|\n/);
      rest = lines.pop() as string;
      // A line end split between two reads ("\r" | "\n") only adds a blank line: harmless.
      for (const line of lines) if (!check(line)) return false;
      if (rest.length > RUN_CHARS) return false;
    }
    return check(rest);
  } finally {
    closeSync(fd);
  }
}

/**
 * An external merge sort of sequenced messages: `add` in input order, `drain` in event time.
 * Runs go to a temporary folder that `drain` (or `dispose`) removes.
 */
export class SpillSorter {
  constructor(
    private readonly runMessages = RUN_MESSAGES,
    private readonly runChars = RUN_CHARS,
  ) {}
  private buffer: Sequenced[] = [];
  private chars = 0;
  private dir: string | null = null;
  private runs: string[] = [];

  add(s: Sequenced): void {
    this.buffer.push(s);
    this.chars += s.msg.text.length;
    if (this.buffer.length >= this.runMessages || this.chars >= this.runChars) this.spill();
  }

  private spill(): void {
    this.buffer.sort((a, b) => a.msg.createdAt - b.msg.createdAt || a.seq - b.seq);
    this.dir ??= mkdtempSync(join(tmpdir(), 'webcare-radar-'));
    const file = join(this.dir, `run-${this.runs.length}.jsonl`);
    const fd = openSync(file, 'w');
    try {
      let chunk = '';
      for (const s of this.buffer) {
        chunk += `${JSON.stringify([s.seq, s.line, s.msg])}\n`;
        if (chunk.length >= 1 << 20) {
          writeSync(fd, chunk);
          chunk = '';
        }
      }
      if (chunk) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    this.runs.push(file);
    this.buffer = [];
    this.chars = 0;
  }

  /** Calls `each` for every message in event time, then removes the runs. */
  drain(each: (s: Sequenced) => void): void {
    try {
      if (this.runs.length === 0) {
        this.buffer.sort((a, b) => a.msg.createdAt - b.msg.createdAt || a.seq - b.seq);
        for (const s of this.buffer) each(s);
        this.buffer = [];
        return;
      }
      if (this.buffer.length) this.spill();
      const readers = this.runs.map((f) => new RunReader(f));
      const heap = new EventHeap();
      const owner = new Map<Sequenced, RunReader>();
      for (const r of readers) {
        const s = r.next();
        if (s) {
          owner.set(s, r);
          heap.push(s);
        }
      }
      while (heap.length) {
        const s = heap.pop();
        const r = owner.get(s) as RunReader;
        owner.delete(s);
        each(s);
        const n = r.next();
        if (n) {
          owner.set(n, r);
          heap.push(n);
        }
      }
      for (const r of readers) r.close();
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.runs = [];
  }
}

/** Reads one spilled run line by line, 1 MiB at a time. */
class RunReader {
  private fd: number;
  private lines: string[] = [];
  private at = 0;
  private rest = '';
  private done = false;
  private readonly buf = Buffer.allocUnsafe(1 << 20);
  private readonly utf8 = new StringDecoder('utf8');
  constructor(file: string) {
    this.fd = openSync(file, 'r');
  }
  next(): Sequenced | null {
    while (this.at >= this.lines.length) {
      if (this.done) return null;
      const n = readSync(this.fd, this.buf, 0, this.buf.length, null);
      if (n === 0) {
        this.done = true;
        this.lines = this.rest ? [this.rest] : [];
        this.rest = '';
      } else {
        const parts = (this.rest + this.utf8.write(this.buf.subarray(0, n))).split('\n');
        this.rest = parts.pop() as string;
        this.lines = parts;
      }
      this.at = 0;
    }
    const [seq, line, msg] = JSON.parse(this.lines[this.at++] as string) as [number, number, RadarMessage];
    return { seq, line, msg };
  }
  close(): void {
    closeSync(this.fd);
  }
}
