// The `webcare` command line: `score` and `radar` over message interchange format v1 (JSONL).
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { InterchangeMessageSchema } from '../shared/interchange/message.ts';
import type { InterchangeMessage } from '../shared/interchange/message.ts';
import { scoreMessage } from '../shared/analysis/score.ts';
import type { MessageScore } from '../shared/analysis/score.ts';
import type { Reason } from '../shared/analysis/reasons.ts';
import { scoreConversation } from '../shared/analysis/risk.ts';
import type { RiskMessage } from '../shared/analysis/risk.ts';
import { createRadar } from '../shared/analysis/radar.ts';
import type { RadarMessage } from '../shared/analysis/radar.ts';
import { fromInterchange } from '../shared/analysis/interchange.ts';

export const HELP = `Usage:
  webcare score --in FILE|- [--out FILE|-]   one JSON line per valid message, in input order:
      {"id","lang","polarity","sentiment","complaint","isComplaint","severity","risk","reasons":[{"code","text","value","weight"}]}
  webcare radar --in FILE|- [--out FILE|-]   replays the messages in event time (sorted by createdAt)
      and writes one JSON line per alert when it is first raised:
      {"id","kind":"crisis"|"escalation","at","brand","topic","score","messageIds","reasons"}

Input is the message interchange format v1 (one JSON object per line). "-" means stdin/stdout
(the default for both). Invalid lines are reported on stderr with their line number and skipped.
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

const DATETIME: RegExp | null = (() => {
  const pattern: unknown = (
    InterchangeMessageSchema.shape.createdAt as unknown as { _zod?: { pattern?: unknown } }
  )._zod?.pattern;
  return pattern instanceof RegExp ? new RegExp(pattern.source, pattern.flags.replace('g', '')) : null;
})();

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const optString = (v: unknown): boolean => v === undefined || typeof v === 'string';
const optNonEmpty = (v: unknown): boolean => v === undefined || nonEmpty(v);
const optCount = (v: unknown): boolean => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0);

/**
 * A hand-written fast path for `InterchangeMessageSchema.safeParse`: returns the same parsed
 * message for the common, valid case, or null when in any doubt, and the caller then asks zod
 * (which also words the error). It must never accept what zod rejects: `bin/cli.test.ts` checks
 * that on mutated lines. Validating with zod cost about a tenth of `webcare score`.
 */
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

export function fastInterchange(v: unknown): InterchangeMessage | null {
  if (!isObject(v) || DATETIME === null) return null;
  const a = v.author;
  if (!nonEmpty(v.id) || !nonEmpty(v.channel) || !optNonEmpty(v.conversationId)) return null;
  if (v.direction !== 'incoming' && v.direction !== 'outgoing') return null;
  if (typeof v.public !== 'boolean' || typeof v.text !== 'string') return null;
  if (!isObject(a) || !nonEmpty(a.id) || !optString(a.handle) || !optString(a.name) || !optCount(a.followers))
    return null;
  if (a.verified !== undefined && typeof a.verified !== 'boolean') return null;
  if (typeof v.createdAt !== 'string' || !DATETIME.test(v.createdAt)) return null;
  if (v.lang !== undefined && (typeof v.lang !== 'string' || v.lang.length < 2 || v.lang.length > 8))
    return null;
  if (!optNonEmpty(v.inReplyTo) || !optNonEmpty(v.brand)) return null;
  const mt = v.metrics;
  if (
    mt !== undefined &&
    (!isObject(mt) ||
      !optCount(mt.likes) ||
      !optCount(mt.reposts) ||
      !optCount(mt.replies) ||
      !optCount(mt.quotes))
  )
    return null;
  const author: InterchangeMessage['author'] = { id: a.id };
  if (a.handle !== undefined) author.handle = a.handle as string;
  if (a.name !== undefined) author.name = a.name as string;
  if (a.followers !== undefined) author.followers = a.followers as number;
  if (a.verified !== undefined) author.verified = a.verified;
  const out: InterchangeMessage = {
    id: v.id,
    channel: v.channel,
    direction: v.direction,
    public: v.public,
    author,
    text: v.text,
    createdAt: v.createdAt,
  };
  if (v.conversationId !== undefined) out.conversationId = v.conversationId as string;
  if (v.lang !== undefined) out.lang = v.lang;
  if (v.inReplyTo !== undefined) out.inReplyTo = v.inReplyTo as string;
  if (mt !== undefined) {
    const m = mt as Record<string, number | undefined>;
    out.metrics = {
      likes: m.likes ?? 0,
      reposts: m.reposts ?? 0,
      replies: m.replies ?? 0,
      quotes: m.quotes ?? 0,
    };
  }
  if (v.brand !== undefined) out.brand = v.brand as string;
  return out;
}

interface Parsed {
  line: number;
  msg: InterchangeMessage;
}

/**
 * Walks JSONL, calling `onMessage` for each valid line in order and `report` (1-based line
 * numbers) for invalid ones. Blank lines are skipped. Nothing is kept: `score` streams.
 */
export function forEachJsonl(
  text: string,
  report: (line: number, error: string) => void,
  onMessage: (msg: InterchangeMessage, line: number) => void,
): void {
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (!raw) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      report(lineNo, `invalid JSON (${(e as Error).message})`);
      continue;
    }
    const fast = fastInterchange(value);
    if (fast) {
      onMessage(fast, lineNo);
      continue;
    }
    const r = InterchangeMessageSchema.safeParse(value);
    if (!r.success) {
      report(
        lineNo,
        r.error.issues.map((iss) => `${iss.path.join('.') || '(root)'}: ${iss.message}`).join('; '),
      );
      continue;
    }
    onMessage(r.data, lineNo);
  }
}

/** Parses JSONL, reporting invalid lines (1-based numbers) through `report`. Blank lines are skipped. */
export function parseJsonl(text: string, report: (line: number, error: string) => void): Parsed[] {
  const out: Parsed[] = [];
  forEachJsonl(text, report, (msg, line) => out.push({ line, msg }));
  return out;
}

/** Where output lines go, in pieces as they are made. */
export interface Output {
  write(data: string): void;
  close(): void;
}

export interface Io {
  readInput(path: string): string;
  /** Opens (creates or truncates) the output; throws when it cannot. */
  openOutput(path: string): Output;
  stderr(text: string): void;
}

const nodeIo: Io = {
  readInput: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
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
 * Collects output lines and writes them in chunks of about 64 KB. Writing as we go keeps memory
 * flat, and each chunk is one flat string: holding 100k concatenated lines until the end left the
 * garbage collector copying their pieces over and over.
 */
class LineWriter {
  private chunk = '';
  private failure: Error | null = null;
  constructor(private readonly out: Output) {}
  line(text: string): void {
    this.chunk += `${text}\n`;
    if (this.chunk.length >= 65536) this.flush();
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
  let text: string;
  try {
    text = io.readInput(args.input);
  } catch (e) {
    io.stderr(`webcare: cannot read ${args.input === '-' ? 'stdin' : args.input}: ${(e as Error).message}\n`);
    return 2;
  }
  const errors: string[] = [];
  const report = (line: number, error: string): void => {
    errors.push(`line ${line}: ${error}\n`);
  };
  const watchlist = new Set(args.watchlist);
  let lines: LineWriter;
  try {
    lines = new LineWriter(io.openOutput(args.output));
  } catch (e) {
    io.stderr(`webcare: cannot write ${args.output}: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.command === 'score') {
    // Streams: each line is scored as soon as it is parsed, so the parsed messages never pile up
    // on the heap (holding 100k of them made every later step slower through the GC).
    forEachJsonl(text, report, (msg) => {
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
          channel: msg.channel,
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
    });
    if (errors.length) io.stderr(errors.join(''));
  } else {
    // Each parsed line becomes the radar's input at once, so the parsed objects die young.
    const msgs: RadarMessage[] = [];
    forEachJsonl(text, report, (msg) => {
      msgs.push(fromInterchange(msg));
    });
    if (errors.length) io.stderr(errors.join(''));
    // Stable sort: equal timestamps keep input order. Input that is already in event time (the
    // usual export) needs no sort at all.
    let sorted = true;
    for (let i = 1; i < msgs.length && sorted; i++)
      if (!((msgs[i - 1] as RadarMessage).createdAt <= (msgs[i] as RadarMessage).createdAt)) sorted = false;
    const order = msgs.map((_, i) => i);
    if (!sorted)
      order.sort((a, b) => (msgs[a]?.createdAt as number) - (msgs[b]?.createdAt as number) || a - b);
    const radar = createRadar({ watchlist, riskThreshold: args.threshold, locale: args.locale });
    for (const i of order) {
      for (const alert of radar.push(msgs[i] as (typeof msgs)[number])) {
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
    }
  }
  const failure = lines.finish();
  if (failure) {
    io.stderr(`webcare: cannot write ${args.output}: ${failure.message}\n`);
    return 2;
  }
  return 0;
}
