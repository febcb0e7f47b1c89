// The `webcare` command line: `score` and `radar` over message interchange format v1 (JSONL).
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import type { InterchangeMessage } from '../shared/interchange/message.ts';
import { createJsonlParser } from '../shared/interchange/jsonl.ts';
import type { ImportError, JsonlParseResult } from '../shared/interchange/jsonl.ts';
import { normalizeChannel } from '../shared/domain/channels.ts';
import { scoreMessage } from '../shared/analysis/score.ts';
import type { MessageScore } from '../shared/analysis/score.ts';
import type { Reason } from '../shared/analysis/reasons.ts';
import { scoreConversation } from '../shared/analysis/risk.ts';
import type { RiskMessage } from '../shared/analysis/risk.ts';
import { createRadar } from '../shared/analysis/radar.ts';
import type { RadarAlert, RadarMessage } from '../shared/analysis/radar.ts';
import { fromInterchange } from '../shared/analysis/interchange.ts';
import {
  EventHeap,
  IDLE_MS,
  RUN_CHARS,
  RUN_MESSAGES,
  SpillSorter,
  isRegularFile,
  linesInEventTime,
} from './replay-order.ts';
import type { Sequenced } from './replay-order.ts';

export const HELP = `Usage:
  webcare score --in FILE|- [--out FILE|-]   one JSON line per valid message, in input order:
      {"id","lang","polarity","sentiment","complaint","isComplaint","severity","risk","reasons":[{"code","text","value","weight"}]}
  webcare radar --in FILE|- [--out FILE|-]   replays the messages in event time (sorted by createdAt)
      and writes one JSON line per alert when it is first raised:
      {"id","kind":"crisis"|"escalation","at","brand","topic","score","messageIds","reasons"}

Input is the message interchange format v1 (one JSON object per line; UTF-8, or UTF-16 with a
BOM; LF, CRLF or CR line ends), read as a stream: output comes as lines are read. "-" means
stdin/stdout (the default for both). Invalid lines (also lines over 1 MiB and repeated ids) are
reported on stderr with their line number and code, and skipped, exactly as the app's import does.
The radar replays in event time in bounded memory (large unsorted files are sorted on disk).
Options:
  --lang en|nl         language of the reason texts (default en)
  --watchlist a,b,c    handles of journalists/VIPs for the risk and radar (radar, score)
  --threshold N        escalation risk threshold 0-100 (default 60)
  -h, --help           this text
Exit status: 0 ok, 1 usage error, 2 unreadable input or unwritable output.
`;

interface Args {
  command: string;
  input: string;
  output: string;
  locale: 'en' | 'nl';
  watchlist: string[];
  threshold: number | undefined;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = {
    command: '',
    input: '-',
    output: '-',
    locale: 'en',
    watchlist: [],
    threshold: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = (): string | undefined => argv[++i];
    if (a === '--in') args.input = next() ?? '';
    else if (a === '--out') args.output = next() ?? '';
    else if (a === '--lang') {
      const l = next();
      if (l !== 'en' && l !== 'nl') return `--lang must be en or nl`;
      args.locale = l;
    } else if (a === '--watchlist')
      args.watchlist = (next() ?? '')
        .split(',')
        .map((s) => s.trim().replace(/^@/, '').toLowerCase())
        .filter(Boolean);
    else if (a === '--threshold') {
      const n = Number(next());
      if (!Number.isFinite(n) || n < 0 || n > 100) return '--threshold must be 0-100';
      args.threshold = n;
    } else if (!a.startsWith('-') && !args.command) args.command = a;
    else return `unknown argument: ${a}`;
  }
  if (!args.input) return '--in needs a file name or -';
  if (!args.output) return '--out needs a file name or -';
  return args;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;
/**
 * `JSON.stringify(s)` for strings, skipping the escaper when nothing needs escaping. A regex, not
 * a charCodeAt loop: the loop's `s.length` and `s.charCodeAt` look-ups saw strings of many
 * representations, went megamorphic and cost more than they saved.
 */
function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}
const jsonNumber = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');
const REASON_HEAD = new Map<string, string>();

/**
 * One `score` output line: byte for byte `JSON.stringify` of the documented object (a test
 * compares them), written by hand because stringify cost about a tenth of `webcare score`.
 */
export function scoreLine(s: MessageScore, risk: number): string {
  let reasons = '';
  for (let i = 0; i < s.reasons.length; i++) {
    const r = s.reasons[i] as Reason;
    let head = REASON_HEAD.get(r.code);
    if (head === undefined) {
      head = `{"code":${JSON.stringify(r.code)},"text":`;
      REASON_HEAD.set(r.code, head);
    }
    const value = typeof r.value === 'number' ? jsonNumber(r.value) : jsonString(r.value);
    reasons += `${i ? ',' : ''}${head}${jsonString(r.text)},"value":${value},"weight":${jsonNumber(r.weight)}}`;
  }
  return (
    `{"id":${jsonString(s.id)},"lang":${jsonString(s.lang)},"polarity":${jsonString(s.polarity)}` +
    `,"sentiment":${jsonNumber(s.sentiment)},"complaint":${jsonNumber(s.complaint)}` +
    `,"isComplaint":${s.isComplaint ? 'true' : 'false'},"severity":${jsonNumber(s.severity)}` +
    `,"risk":${jsonNumber(risk)},"reasons":[${reasons}]}`
  );
}

/** Where output lines go, in pieces as they are made. */
export interface Output {
  write(data: string): void;
  close(): void;
}

export interface Io {
  /**
   * Opens the input for reading in chunks; throws at once when it cannot be opened (so that an
   * unreadable input never truncates the output file). Reading errors later reject the iteration.
   */
  openInput(path: string): AsyncIterable<Uint8Array | string>;
  /** Opens (creates or truncates) the output; throws when it cannot. */
  openOutput(path: string): Output;
  stderr(text: string): void;
}

/** Bytes per read: large enough for throughput, small enough that a pipe's lines come out soon. */
const READ_CHUNK = 1 << 16;

const nodeIo: Io = {
  openInput: (path) => {
    if (path === '-') return process.stdin;
    const fd = openSync(path, 'r');
    return createReadStream('', { fd, highWaterMark: READ_CHUNK });
  },
  openOutput: (path) => {
    if (path === '-') {
      // A reader that stops early (`webcare score ... | head`) is not an error.
      process.stdout.once('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(0);
        throw e;
      });
      return {
        write: (data) => {
          process.stdout.write(data);
        },
        close: () => {},
      };
    }
    const fd = openSync(path, 'w');
    return {
      write: (data) => {
        writeSync(fd, data);
      },
      close: () => closeSync(fd),
    };
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
};

/**
 * Collects output lines and writes them in chunks of about 64 KB, and whatever is collected after
 * each chunk of input: memory stays flat, and lines from a slow pipe come out as they are made.
 * Each chunk is one flat string: holding 100k concatenated lines until the end left the garbage
 * collector copying their pieces over and over.
 */
class LineWriter {
  private chunk = '';
  private failure: Error | null = null;
  constructor(private readonly out: Output) {}
  line(text: string): void {
    this.chunk += `${text}\n`;
    if (this.chunk.length >= 65536) this.flush();
  }
  get failed(): boolean {
    return this.failure !== null;
  }
  flush(): void {
    if (this.chunk === '' || this.failure) return;
    try {
      this.out.write(this.chunk);
    } catch (e) {
      this.failure = e as Error;
    }
    this.chunk = '';
  }
  /** Writes what is left and closes; returns the first write error, if any. */
  finish(): Error | null {
    this.flush();
    try {
      this.out.close();
    } catch (e) {
      this.failure ??= e as Error;
    }
    return this.failure;
  }
}

/** How one rejected line reads on stderr: `line N: what (code)`. */
export function errorLine(e: ImportError, command: 'score' | 'radar'): string {
  if (e.code === 'invalid_json') return `line ${e.line}: invalid JSON (${e.detail})\n`;
  if (e.code === 'duplicate_id')
    return `line ${e.line}: ${e.detail}; ${command === 'score' ? 'scored' : 'replayed'} once (duplicate_id)\n`;
  return `line ${e.line}: ${e.detail} (${e.code})\n`;
}

export async function main(argv: string[], io: Io = nodeIo): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    if (argv.length === 0) io.stderr(HELP);
    else {
      const out = io.openOutput('-');
      out.write(HELP);
      out.close();
    }
    return argv.length === 0 ? 1 : 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`webcare: ${args}\n\n${HELP}`);
    return 1;
  }
  if (args.command !== 'score' && args.command !== 'radar') {
    io.stderr(`webcare: unknown command "${args.command}"\n\n${HELP}`);
    return 1;
  }
  const command = args.command;
  const inputName = args.input === '-' ? 'stdin' : args.input;
  let input: AsyncIterable<Uint8Array | string>;
  try {
    input = io.openInput(args.input);
  } catch (e) {
    io.stderr(`webcare: cannot read ${inputName}: ${(e as Error).message}\n`);
    return 2;
  }
  const watchlist = new Set(args.watchlist);
  let lines: LineWriter;
  try {
    lines = new LineWriter(io.openOutput(args.output));
  } catch (e) {
    io.stderr(`webcare: cannot write ${args.output}: ${(e as Error).message}\n`);
    return 2;
  }

  const scoreOne = (msg: InterchangeMessage): void => {
    const s = scoreMessage({ id: msg.id, text: msg.text, lang: msg.lang ?? null }, { locale: args.locale });
    let risk = 0;
    if (msg.direction === 'incoming') {
      // The fields of `fromInterchange(msg)` that the risk reads, built once without copies.
      const a = msg.author;
      const author = {
        id: a.id,
        handle: a.handle ?? null,
        followers: a.followers ?? null,
        verified: a.verified ?? null,
      };
      const createdAt = Date.parse(msg.createdAt);
      const message: RiskMessage = {
        id: msg.id,
        text: msg.text,
        createdAt,
        direction: msg.direction,
        public: msg.public,
        // The same channel kind the app stores (`tripadvisor` → `other`), so both score alike.
        channel: normalizeChannel(msg.channel),
        lang: msg.lang ?? null,
        metrics: msg.metrics ?? null,
        score: s,
      };
      risk = scoreConversation(
        { id: msg.conversationId ?? msg.id, author, messages: [message] },
        { now: createdAt, watchlist, threshold: args.threshold, locale: args.locale, texts: false },
      ).risk;
    }
    lines.line(scoreLine(s, risk));
  };

  const radar =
    command === 'radar'
      ? createRadar({ watchlist, riskThreshold: args.threshold, locale: args.locale })
      : null;
  // How the radar gets event time (see replay-order.ts): straight through, spilled runs, or a window.
  const order: 'straight' | 'spill' | 'window' = !radar
    ? 'straight'
    : isRegularFile(args.input)
      ? linesInEventTime(args.input)
        ? 'straight'
        : 'spill'
      : 'window';
  const spill = order === 'spill' ? new SpillSorter() : null;
  const window = new EventHeap();
  let seq = 0;
  let late = 0;
  let lastReplayed = -Infinity;
  const replay = (s: Sequenced): void => {
    let m = s.msg;
    if (m.createdAt < lastReplayed) {
      if (late++ < 20)
        io.stderr(
          `line ${s.line}: createdAt is older than messages already replayed (more than ${RUN_MESSAGES} lines out of order in a pipe); replayed at ${new Date(lastReplayed).toISOString()}\n`,
        );
      m = { ...m, createdAt: lastReplayed };
    }
    lastReplayed = m.createdAt;
    let alerts: RadarAlert[];
    try {
      alerts = (radar as NonNullable<typeof radar>).push(m);
    } catch (e) {
      io.stderr(`line ${s.line}: cannot replay this message: ${(e as Error).message}\n`);
      return;
    }
    for (const alert of alerts) {
      lines.line(
        JSON.stringify({
          id: alert.id,
          kind: alert.kind,
          at: alert.at,
          brand: alert.brand,
          topic: alert.topic,
          score: alert.score,
          messageIds: alert.messageIds,
          reasons: alert.reasons,
        }),
      );
    }
  };
  const toRadar = (msg: RadarMessage, line: number): void => {
    const s: Sequenced = { msg, seq: seq++, line };
    if (order === 'straight') replay(s);
    else if (spill) spill.add(s);
    else {
      window.push(s);
      while (window.length > RUN_MESSAGES || window.chars > RUN_CHARS) replay(window.pop());
    }
  };

  // One bad message (whatever it holds) costs its own line, never the output made so far.
  const handle = (r: JsonlParseResult): void => {
    let err = '';
    for (const e of r.errors) err += errorLine(e, command);
    // Errors go out before the output of the same chunk (stderr is not buffered).
    if (err) io.stderr(err);
    err = '';
    for (let i = 0; i < r.messages.length; i++) {
      const msg = r.messages[i] as InterchangeMessage;
      try {
        if (radar) toRadar(fromInterchange(msg), r.lines[i] as number);
        else scoreOne(msg);
      } catch (e) {
        err += `line ${r.lines[i]}: cannot ${command === 'score' ? 'score' : 'replay'} this message: ${(e as Error).message}\n`;
      }
    }
    if (err) io.stderr(err);
  };

  const parser = createJsonlParser();
  let readError: Error | null = null;
  const chunks = input[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next = chunks.next();
      if (order === 'window' && window.length > 0) {
        // A pipe that pauses has caught up: replay what the window holds, so alerts come now.
        let timer: ReturnType<typeof setTimeout> | undefined;
        const idle = new Promise<'idle'>((resolve) => {
          timer = setTimeout(() => resolve('idle'), IDLE_MS);
        });
        const first = await Promise.race([next, idle]);
        clearTimeout(timer);
        if (first === 'idle') {
          while (window.length) replay(window.pop());
          lines.flush();
        } else next = Promise.resolve(first);
      }
      const r = await next;
      if (r.done) break;
      handle(parser.push(r.value));
      lines.flush();
      if (lines.failed) break;
    }
  } catch (e) {
    readError = e as Error;
  }
  try {
    handle(parser.end());
    if (spill) spill.drain(replay);
    while (window.length) replay(window.pop());
  } catch (e) {
    readError ??= e as Error;
    spill?.dispose();
  }
  if (late > 20) io.stderr(`webcare: ${late} messages in all were replayed late\n`);
  const failure = lines.finish();
  if (failure) {
    io.stderr(`webcare: cannot write ${args.output}: ${failure.message}\n`);
    return 2;
  }
  if (readError) {
    io.stderr(`webcare: cannot read ${inputName}: ${readError.message}\n`);
    return 2;
  }
  return 0;
}
