// Throughput of message scoring and of the `webcare score` path (parse + validate + score + risk
// + JSON out), on one core. Prints numbers; asserts nothing.
import { main } from '../bin/cli.ts';
import { scoreMessage } from '../shared/analysis/score.ts';
import { simulate } from './simulate/simulate.ts';

const sim = simulate({ seed: 7, days: 1, brands: 10 });
const msgs = sim.messages.slice(0, 20000);
const jsonl = msgs
  .map((m) => JSON.stringify({ id: m.id, channel: m.channel, direction: m.direction, public: m.public, author: { id: m.author.id, followers: m.author.followers ?? 0 }, text: m.text, createdAt: new Date(m.createdAt).toISOString(), brand: m.brand, lang: m.lang }))
  .join('\n');

for (let i = 0; i < 2000; i++) scoreMessage(msgs[i % msgs.length]!);
let t0 = performance.now();
for (const m of msgs) scoreMessage(m);
let dt = performance.now() - t0;
console.log(`analysis: scoreMessage ${Math.round(msgs.length / (dt / 1000))} messages/s (${msgs.length} messages)`);

let out = '';
const io = { readInput: () => jsonl, writeOutput: (_p: string, d: string) => { out = d; }, stderr: () => {} };
await main(['score', '--in', 'x'], io);
t0 = performance.now();
await main(['score', '--in', 'x'], io);
dt = performance.now() - t0;
console.log(`analysis: webcare score ${Math.round(msgs.length / (dt / 1000))} messages/s end to end (${out.split('\n').length - 1} lines)`);
t0 = performance.now();
await main(['radar', '--in', 'x'], io);
dt = performance.now() - t0;
console.log(`analysis: webcare radar ${Math.round(msgs.length / (dt / 1000))} messages/s`);
