import { existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { fsyncDir, writeFileAtomic } from './atomic-file.ts';

/**
 * The delivery journal: an append-only file in the data folder that says, per idempotency key,
 * whether a reply was handed to its channel and whether the channel accepted it. It is main's
 * only memory of deliveries (the outbox row in the renderer is the delivery state); it exists so
 * that a crash between "the channel accepted" and "the renderer committed `sent`" can never
 * lead to a second send. Every record is written and fsynced before the step it records is
 * reported (see docs/architecture.md, "Delivery crash points").
 *
 * Format: one record per line, `<crc32 hex, 8 chars> <JSON>\n`. A torn tail (the process died
 * mid-write) or a damaged line fails its checksum and is skipped; a torn tail is cut off on the
 * next open so the next record starts on a clean line.
 */

export type JournalRecordType =
  /** The reply is about to go to the channel (connected, authenticated, first byte next). */
  | 'attempt'
  /** The channel accepted it (SMTP 250). */
  | 'accepted'
  /** The channel certainly did not take it (SMTP 4xx/5xx reply, refused before transfer). */
  | 'refused'
  /** A person said an undecided attempt did not reach the customer: a new attempt is allowed. */
  | 'released';

export interface JournalRecord {
  v: 1;
  type: JournalRecordType;
  accountId: string;
  key: string;
  at: number;
  remoteId?: string;
  reason?: string;
}

/** What the journal knows about one key. */
export type JournalState =
  | { state: 'none' }
  | { state: 'attempted'; remoteId: string | null; at: number }
  | { state: 'accepted'; remoteId: string; at: number }
  | { state: 'refused'; reason: string; at: number }
  | { state: 'released'; at: number };

export interface JournalReadReport {
  records: JournalRecord[];
  /** Lines that failed their checksum or did not parse (besides a torn tail). */
  damaged: number;
  /** Bytes at the end that did not form a whole record. */
  tornTailBytes: number;
  /** Byte length of the valid prefix up to the last whole line. */
  validLength: number;
}

const FILE_NAME = 'delivery-journal.log';

export function encodeRecord(record: JournalRecord): string {
  const json = JSON.stringify(record);
  const sum = crc32(Buffer.from(json, 'utf8')).toString(16).padStart(8, '0');
  return `${sum} ${json}\n`;
}

function decodeLine(line: string): JournalRecord | null {
  if (line.length < 10 || line[8] !== ' ') return null;
  const sum = line.slice(0, 8);
  const json = line.slice(9);
  if (crc32(Buffer.from(json, 'utf8')).toString(16).padStart(8, '0') !== sum) return null;
  try {
    const record = JSON.parse(json) as JournalRecord;
    if (record.v !== 1 || typeof record.key !== 'string' || typeof record.accountId !== 'string') return null;
    return record;
  } catch {
    return null;
  }
}

/** Reads a journal file, tolerating a torn tail and damaged records. */
export function readJournal(path: string): JournalReadReport {
  if (!existsSync(path)) return { records: [], damaged: 0, tornTailBytes: 0, validLength: 0 };
  const bytes = readFileSync(path);
  const records: JournalRecord[] = [];
  let damaged = 0;
  let start = 0;
  let validLength = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    if (end === -1) break;
    const record = decodeLine(bytes.subarray(start, end).toString('utf8'));
    if (record) records.push(record);
    else damaged += 1;
    start = end + 1;
    validLength = start;
  }
  const tail = bytes.length - validLength;
  // A last line without its newline is a write that never finished, unless it is whole.
  if (tail > 0) {
    const record = decodeLine(bytes.subarray(validLength).toString('utf8'));
    if (record) {
      records.push(record);
      return { records, damaged, tornTailBytes: 0, validLength: bytes.length };
    }
  }
  return { records, damaged, tornTailBytes: tail, validLength };
}

function fold(state: JournalState, record: JournalRecord): JournalState {
  switch (record.type) {
    case 'attempt':
      return { state: 'attempted', remoteId: record.remoteId ?? null, at: record.at };
    case 'accepted':
      return { state: 'accepted', remoteId: record.remoteId ?? '', at: record.at };
    case 'refused':
      // An acceptance is final: a later refusal of a retry cannot undo a delivery.
      return state.state === 'accepted'
        ? state
        : { state: 'refused', reason: record.reason ?? '', at: record.at };
    case 'released':
      return state.state === 'accepted' ? state : { state: 'released', at: record.at };
  }
}

const mapKey = (accountId: string, key: string) => `${accountId}\u0000${key}`;

export interface DeliveryJournal {
  readonly path: string;
  state(accountId: string, key: string): JournalState;
  /** Appends and fsyncs one record; resolves only once it is on disk. */
  append(record: Omit<JournalRecord, 'v'>): Promise<void>;
  /** What the last open found (damaged lines, torn tail). */
  readonly openReport: Pick<JournalReadReport, 'damaged' | 'tornTailBytes'> & { records: number };
  close(): Promise<void>;
}

export interface JournalOptions {
  /** Rewrite the file with one record per key when it holds more records than this. */
  compactAbove?: number;
  log?: (line: string) => void;
}

/** Opens (or creates) the journal in `dataDir`, repairing a torn tail. */
export async function openDeliveryJournal(
  dataDir: string,
  options: JournalOptions = {},
): Promise<DeliveryJournal> {
  const path = join(dataDir, FILE_NAME);
  mkdirSync(dirname(path), { recursive: true });
  const report = readJournal(path);
  if (report.tornTailBytes > 0) {
    truncateSync(path, report.validLength);
    options.log?.(`delivery journal: cut a torn record of ${report.tornTailBytes} bytes from the end`);
  }
  if (report.damaged > 0) options.log?.(`delivery journal: skipped ${report.damaged} damaged record(s)`);

  const states = new Map<string, JournalState>();
  const latest = new Map<string, JournalRecord[]>();
  for (const record of report.records) {
    const k = mapKey(record.accountId, record.key);
    states.set(k, fold(states.get(k) ?? { state: 'none' }, record));
    const kept = latest.get(k) ?? [];
    kept.push(record);
    latest.set(k, kept);
  }

  const compactAbove = options.compactAbove ?? 50_000;
  if (report.records.length > compactAbove) {
    // Keep, per key, the records that still decide its state (the last attempt and what followed).
    let text = '';
    for (const records of latest.values()) {
      const lastAttempt = records.map((r) => r.type).lastIndexOf('attempt');
      const accepted = records.find((r) => r.type === 'accepted');
      for (const record of accepted ? [accepted] : records.slice(Math.max(0, lastAttempt)))
        text += encodeRecord(record);
    }
    writeFileAtomic(path, text);
  }

  const created = !existsSync(path);
  const handle: FileHandle = await open(path, 'a', 0o600);
  if (created) fsyncDir(dirname(path));
  let queue: Promise<void> = Promise.resolve();

  return {
    path,
    openReport: {
      damaged: report.damaged,
      tornTailBytes: report.tornTailBytes,
      records: report.records.length,
    },
    state: (accountId, key) => states.get(mapKey(accountId, key)) ?? { state: 'none' },
    append(partial) {
      const record: JournalRecord = { v: 1, ...partial };
      const write = queue.then(async () => {
        await handle.write(encodeRecord(record));
        await handle.datasync();
        const k = mapKey(record.accountId, record.key);
        states.set(k, fold(states.get(k) ?? { state: 'none' }, record));
      });
      // One failed write must not wedge the ones after it; the caller still sees its own failure.
      queue = write.catch(() => undefined);
      return write;
    },
    async close() {
      await queue;
      await handle.close();
    },
  };
}
