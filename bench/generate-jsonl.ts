// Writes N demo messages as interchange JSONL (notes are internal and left out).
// Usage: node --import tsx bench/generate-jsonl.ts --messages 1000000 --seed 1 [--now ISO] [--out FILE|-]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { generateDemoBatches } from '../shared/demo/generate.ts';
import { toInterchange } from '../shared/interchange/convert.ts';
import { serializeJsonlLine } from '../shared/interchange/jsonl.ts';
import type { Author } from '../shared/demo/generate.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    now: { type: 'string' },
    out: { type: 'string', default: '-' },
    'no-escalation': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(
    'usage: generate-jsonl [--messages N] [--seed S] [--now ISO-8601] [--out FILE|-] [--no-escalation]',
  );
  process.exit(0);
}
const target = Number(values.messages);
const seed = Number(values.seed);
const now = values.now ? Date.parse(values.now) : Date.now();
if (!Number.isFinite(target) || target < 1 || !Number.isFinite(seed) || !Number.isFinite(now)) {
  console.error('generate-jsonl: --messages, --seed and --now must be valid');
  process.exit(2);
}

const out = values.out === '-' ? process.stdout : createWriteStream(values.out);
let written = 0;
// Notes are not exported, so generate until enough lines are written rather than passing maxMessages.
for (const batch of generateDemoBatches({
  seed,
  now,
  conversations: Number.POSITIVE_INFINITY,
  agentId: 'demo-agent-me',
  escalation: !values['no-escalation'],
})) {
  // Every author writing in a batch is among that batch's authors (an upsert stream).
  const authors = new Map<string, Author>(batch.authors.map((a) => [a.id, a]));
  let chunk = '';
  for (const m of batch.messages) {
    if (written >= target) break;
    const author = authors.get(m.authorId);
    const line = author ? toInterchange(m, author) : null;
    if (!line) continue;
    chunk += `${serializeJsonlLine(line)}\n`;
    written++;
  }
  if (!out.write(chunk)) await once(out, 'drain');
  if (written >= target) break;
}
if (out !== process.stdout) {
  out.end();
  await once(out, 'finish');
}
console.error(`generate-jsonl: wrote ${written} messages${values.out === '-' ? '' : ` to ${values.out}`}`);
