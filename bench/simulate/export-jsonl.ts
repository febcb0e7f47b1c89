// Writes a simulated stream (bench/simulate/simulate.ts) as interchange JSONL, so that it can be
// replayed through the CLI exactly as an outside evaluator would: `webcare radar --in FILE`.
// Usage: node --import tsx bench/simulate/export-jsonl.ts [--seed 2026] [--days 3] [--brands 20] [--out FILE|-]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { simulate } from './simulate.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2026' },
    days: { type: 'string', default: '3' },
    brands: { type: 'string', default: '20' },
    out: { type: 'string', default: '-' },
  },
});
const sim = simulate({ seed: Number(values.seed), days: Number(values.days), brands: Number(values.brands) });
const out = values.out === '-' ? process.stdout : createWriteStream(values.out);
let chunk = '';
for (const m of sim.messages) {
  const line: Record<string, unknown> = {
    id: m.id,
    channel: m.channel,
    direction: m.direction,
    public: m.public,
    author: Object.fromEntries(Object.entries(m.author).filter(([, v]) => v !== null && v !== undefined)),
    text: m.text,
    createdAt: new Date(m.createdAt).toISOString(),
  };
  if (m.conversationId) line.conversationId = m.conversationId;
  if (m.inReplyTo) line.inReplyTo = m.inReplyTo;
  if (m.brand) line.brand = m.brand;
  if (m.lang) line.lang = m.lang;
  if (m.metrics) line.metrics = m.metrics;
  chunk += `${JSON.stringify(line)}\n`;
  if (chunk.length > 1 << 16) {
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  }
}
out.write(chunk);
if (out !== process.stdout) {
  out.end();
  await once(out, 'finish');
}
console.error(`export-jsonl: ${sim.messages.length} simulated messages`);
