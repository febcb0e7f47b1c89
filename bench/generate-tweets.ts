// Writes N standalone tweet-like interchange lines whose texts are all different, for measuring
// `webcare score|radar` on input that does not repeat itself (the demo export repeats about half
// of its texts, which flatters every per-text cache). Each text splices word runs from two random
// sentences of our own labelled set (data/generated, data/handwritten) and adds a random number or
// handle, so vocabulary and length look like tweets to brands while no two lines are equal.
// No `lang` field: the CLI must detect it, as it must on outside data.
// Usage: node --import tsx bench/generate-tweets.ts --messages 100000 --seed 1 [--out FILE|-]
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { jsonlWriter } from './jsonl-writer.ts';
import { mulberry32 } from '../shared/demo/random.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: '-' },
  },
});
const target = Number(values.messages);
const rnd = mulberry32(Number(values.seed) >>> 0 || 1);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const sentences: string[][] = [];
for (const line of readFileSync(join(root, 'data/generated/complaints.jsonl'), 'utf8').split('\n')) {
  if (line) sentences.push((JSON.parse(line) as { text: string }).text.split(' '));
}
for (const f of readdirSync(join(root, 'data/handwritten'))) {
  if (!f.endsWith('.tsv')) continue;
  for (const line of readFileSync(join(root, 'data/handwritten', f), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const text = line.slice(line.indexOf('\t') + 1);
    if (text) sentences.push(text.split(' '));
  }
}

const out = jsonlWriter(values.out);
const start = Date.parse('2026-11-01T00:00:00Z');
for (let i = 0; i < target; i++) {
  const a = pick(sentences);
  const b = pick(sentences);
  const cut = 1 + Math.floor(rnd() * a.length);
  const words = a.slice(0, cut).concat(b.slice(Math.floor(rnd() * b.length)));
  const extra = rnd() < 0.5 ? String(Math.floor(rnd() * 1000)) : `@user${Math.floor(rnd() * 1e6)}`;
  words.splice(Math.floor(rnd() * (words.length + 1)), 0, extra);
  const line = {
    id: `t${i}`,
    channel: 'x',
    conversationId: `t${i}`,
    direction: 'incoming',
    public: true,
    author: {
      id: `u${Math.floor(rnd() * 50000)}`,
      handle: `user${i % 50000}`,
      followers: Math.floor(10 ** (1 + rnd() * 4)),
    },
    text: words.join(' '),
    createdAt: new Date(start + i * 2000).toISOString(),
  };
  await out.write(line);
}
await out.close();
console.error(`generate-tweets: wrote ${target} messages`);
