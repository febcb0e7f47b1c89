// Writes a simulated stream (bench/simulate/simulate.ts) as interchange JSONL, so that it can be
// replayed through the CLI exactly as an outside evaluator would: `webcare radar --in FILE`.
// Usage: node --import tsx bench/simulate/export-jsonl.ts [--seed 2026] [--days 3] [--brands 20] [--out FILE|-]
import { parseArgs } from 'node:util';
import { simulate } from './simulate.ts';
import { simulate2 } from './simulate2.ts';
import { jsonlWriter } from '../jsonl-writer.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2026' },
    days: { type: 'string', default: '3' },
    brands: { type: 'string', default: '20' },
    sim: { type: 'string', default: '1' },
    out: { type: 'string', default: '-' },
  },
});
const cfg = { seed: Number(values.seed), days: Number(values.days), brands: Number(values.brands) };
// --sim 2: the second simulator (reworded, thread-shaped cascades; bench/simulate/simulate2.ts).
const sim = values.sim === '2' ? simulate2(cfg) : simulate(cfg);
const out = jsonlWriter(values.out);
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
  await out.write(line);
}
await out.close();
console.error(`export-jsonl: ${sim.messages.length} simulated messages`);
