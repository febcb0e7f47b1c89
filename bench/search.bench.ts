// Search tokenizer throughput: what building the `*searchTokens` index costs per message.
import { generateDemoInbox } from '../shared/demo/generate.ts';
import { queryTerms, searchTokens } from '../shared/search/tokenize.ts';

const inbox = generateDemoInbox({
  seed: 1,
  conversations: 20_000,
  now: Date.UTC(2026, 10, 20, 12),
  agentId: 'me',
});
const texts = inbox.messages.map((m) => m.text);
const bytes = texts.reduce((s, t) => s + t.length, 0);

for (let i = 0; i < 2000; i++) searchTokens(texts[i] as string); // warm-up
let tokens = 0;
const t0 = performance.now();
for (const t of texts) tokens += searchTokens(t).length;
const ms = performance.now() - t0;
console.log(
  `searchTokens: ${texts.length.toLocaleString('en')} messages (${(bytes / 1e6).toFixed(1)} M chars) in ${ms.toFixed(0)} ms, ` +
    `${Math.round((texts.length / ms) * 1000).toLocaleString('en')} msgs/s, ${(tokens / texts.length).toFixed(1)} tokens/message`,
);

const perConversation =
  inbox.conversations.reduce((s, c) => s + c.searchTokens.length, 0) / inbox.conversations.length;
console.log(`index size: ${perConversation.toFixed(1)} tokens per conversation (cap 200)`);

const queries = [
  'storing',
  'belnet stor',
  'café Utrecht',
  '@kooplijn bestelling',
  'refund ',
  'de factuur van',
];
const t1 = performance.now();
for (let i = 0; i < 100_000; i++) queryTerms(queries[i % queries.length] as string);
console.log(
  `queryTerms: ${Math.round(100_000 / ((performance.now() - t1) / 1000)).toLocaleString('en')} queries/s`,
);
