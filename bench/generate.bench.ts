// Demo generator and JSONL throughput. Sizes: BENCH_MESSAGES (default 1,000,000).
import { generateDemoBatches, generateDemoInbox } from '../shared/demo/generate.ts';
import { toInterchange } from '../shared/interchange/convert.ts';
import { createJsonlParser, serializeJsonlLine } from '../shared/interchange/jsonl.ts';
import type { Author } from '../shared/demo/generate.ts';

const TARGET = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const NOW = Date.UTC(2026, 10, 20, 12, 0);
const gc = (globalThis as { gc?: () => void }).gc;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;

// 1. First-run inbox: 3,000 conversations at once (warm-up run first).
generateDemoInbox({ seed: 0, conversations: 3000, now: NOW, agentId: 'me' });
{
  const t0 = performance.now();
  const inbox = generateDemoInbox({ seed: 1, conversations: 3000, now: NOW, agentId: 'me' });
  const ms = performance.now() - t0;
  console.log(
    `demo inbox 3,000 conversations: ${ms.toFixed(0)} ms (${inbox.messages.length} messages, ${inbox.authors.length} authors)`,
  );
}

// 2. Streaming generation up to TARGET messages, keeping nothing. Every 100 batches a forced GC
// shows what the generator really retains (heapUsed between GCs includes garbage).
gc?.();
const baseHeap = process.memoryUsage().heapUsed;
let peakHeap = baseHeap;
let peakRetained = baseHeap;
let messages = 0;
let conversations = 0;
let batches = 0;
let gcMs = 0;
const t1 = performance.now();
for (const batch of generateDemoBatches({
  seed: 1,
  conversations: Number.POSITIVE_INFINITY,
  maxMessages: TARGET,
  now: NOW,
  agentId: 'me',
  batchSize: 1000,
})) {
  messages += batch.messages.length;
  conversations += batch.conversations.length;
  const heap = process.memoryUsage().heapUsed;
  if (heap > peakHeap) peakHeap = heap;
  if (gc && ++batches % 100 === 0) {
    const g0 = performance.now();
    gc();
    gcMs += performance.now() - g0;
    peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed);
  }
}
const genMs = performance.now() - t1 - gcMs;
console.log(
  `stream ${messages.toLocaleString('en')} messages in ${conversations.toLocaleString('en')} conversations: ${(genMs / 1000).toFixed(1)} s, ` +
    `${rate(messages, genMs)}, peak heap ${mb(peakHeap)}, peak retained after GC ${gc ? mb(peakRetained) : 'n/a (run with --expose-gc)'} (start ${mb(baseHeap)})`,
);

// Export: domain rows to interchange JSONL lines (what generate-jsonl.ts does), kept for the parse run.
const PARSE_LINES = Math.min(TARGET, 200_000);
const lines: string[] = [];
const t3 = performance.now();
for (const batch of generateDemoBatches({
  seed: 2,
  conversations: Number.POSITIVE_INFINITY,
  now: NOW,
  agentId: 'me',
  batchSize: 1000,
})) {
  const authors = new Map<string, Author>(batch.authors.map((a) => [a.id, a]));
  for (const m of batch.messages) {
    const author = authors.get(m.authorId);
    const line = author ? toInterchange(m, author) : null;
    if (line) lines.push(serializeJsonlLine(line));
  }
  if (lines.length >= PARSE_LINES) break;
}
const exportMs = performance.now() - t3;
console.log(
  `generate + export ${lines.length.toLocaleString('en')} JSONL lines: ${(exportMs / 1000).toFixed(2)} s, ${rate(lines.length, exportMs)}`,
);

// 3. JSONL parse throughput: the exported lines in 64 KiB byte chunks, as a file read would give them.
const text = `${lines.join('\n')}\n`;
const bytes = new TextEncoder().encode(text);
lines.length = 0;
const t2 = performance.now();
const parser = createJsonlParser();
let parsed = 0;
let errors = 0;
for (let i = 0; i < bytes.length; i += 65536) {
  const r = parser.push(bytes.subarray(i, i + 65536));
  parsed += r.messages.length;
  errors += r.errors.length;
}
const last = parser.end();
parsed += last.messages.length;
errors += last.errors.length;
const parseMs = performance.now() - t2;
console.log(
  `parse JSONL ${mb(bytes.length)}: ${parsed.toLocaleString('en')} messages, ${errors} errors, ${(parseMs / 1000).toFixed(2)} s, ` +
    `${rate(parsed, parseMs)}, ${((bytes.length / 1024 / 1024 / parseMs) * 1000).toFixed(0)} MB/s`,
);
