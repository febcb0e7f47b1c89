// Pre-send checks: every check on one 1,000-character public reply against an index of 10,000
// recent public replies of the brand (issue 11 asks for p95 under 20 ms). The recent replies are
// the demo inbox's outgoing public replies plus starter templates rendered for random customers
// with agent edits, so the index holds both near-duplicates and unrelated texts.
import { cpus, platform, arch, totalmem } from 'node:os';
import { generateDemoInbox } from '../shared/demo/generate.ts';
import { createRandom } from '../shared/demo/random.ts';
import {
  recentReply,
  ReplyIndex,
  runChecks,
  DEFAULT_CHECK_SETTINGS,
  type CheckInput,
} from '../shared/checks/index.ts';
import { renderTemplate, starterTemplates } from '../shared/templates/index.ts';

const NOW = Date.UTC(2026, 11, 1, 12);
const HOUR = 3_600_000;
const RECENT = Number(process.env.BENCH_RECENT ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 500);
const random = createRandom(11);
const names = [
  'Sanne',
  'Piet',
  'Fleur',
  'Sam',
  'Priya',
  'Kees',
  'Anouk',
  'Tom',
  'Noor',
  'Daan',
  'Emma',
  'Liam',
];

const demo = generateDemoInbox({ seed: 1, conversations: 12_000, now: NOW, agentId: 'me' });
const demoReplies = demo.messages.filter((m) => m.direction === 'outgoing' && m.public).map((m) => m.text);
const templates = starterTemplates(NOW);

const t0 = performance.now();
const index = new ReplyIndex();
for (let i = 0; i < RECENT; i++) {
  let text: string;
  if (i % 2 === 0 && demoReplies.length) text = demoReplies[i % demoReplies.length]!;
  else {
    const t = random.pick(templates);
    const v = random.pick(t.variants);
    text = renderTemplate(v.body, { 'customer.firstName': random.pick(names), 'brand.name': 'Belnet' }).text;
    if (random.chance(0.5))
      text += ` ${random.pick(['Ik kijk het voor je na.', 'We houden je op de hoogte.', 'Sorry again!', 'Speak soon.'])}`;
  }
  index.add(
    recentReply(
      {
        id: `r${i}`,
        brand: 'belnet',
        channel: 'x',
        conversationId: `c${i}`,
        sentAt: NOW - random.int(0, 23) * HOUR,
        text,
      },
      { minWords: 6 },
    ),
  );
}
const buildMs = performance.now() - t0;

// A 1,000-character reply that starts from a starter template and repeats its content, with a
// phone number, a wrong name and an emoji, so that every check has work to do.
const base = renderTemplate(templates.find((t) => t.shortCode === 'storing')!.variants[0]!.body, {
  'customer.firstName': 'Piet',
}).text;
let reply = base;
while (reply.length < 1000)
  reply += ` Bel ons gerust op 06-12345678 als het niet lukt 😊. ${base.slice(10, 200)}`;
reply = reply.slice(0, 1000);
const spans = renderTemplate(reply, {}).spans;

const input: CheckInput = {
  text: reply,
  channel: 'x',
  public: true,
  brand: 'belnet',
  now: NOW,
  customer: { name: 'Sanne de Vries', handle: 'sannedv' },
  customerMessages: [
    { text: 'Al twee dagen geen internet!!! Dit is echt schandalig, ik stap over naar een andere provider.' },
    { text: 'Hallo?? Reageert er nog iemand? @belnet_nl' },
  ],
  template: { id: 'starter-storing', tone: 'empathetic' },
  spans,
  recentPublic: index,
};

for (let i = 0; i < 50; i++) runChecks(input, DEFAULT_CHECK_SETTINGS); // warm-up
const times: number[] = [];
let results = 0;
for (let i = 0; i < RUNS; i++) {
  const s = performance.now();
  results = runChecks(input, DEFAULT_CHECK_SETTINGS).results.length;
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
const cpu = cpus();
console.log(
  `machine: ${cpu[0]?.model ?? 'unknown cpu'} × ${cpu.length}, ${platform()} ${arch()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
);
console.log(
  `index: ${index.size.toLocaleString('en')} recent public replies built in ${buildMs.toFixed(0)} ms (${((buildMs / index.size) * 1000).toFixed(0)} µs each)`,
);
console.log(
  `runChecks on a ${reply.length}-char reply, ${RUNS} runs: p50 ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms (goal p95 < 20 ms); ${results} findings`,
);
