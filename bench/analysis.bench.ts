// Throughput of message scoring and of the `webcare` CLI, on one core. Prints numbers; asserts
// nothing. The CLI figures are what `npx webcare score|radar` does end to end (start-up, read,
// validate, score, write) on 100,000 demo interchange lines (bench/generate-jsonl.ts, seed 1).
// Last measured (2-core shared VM, load 1.0-1.2 by uptime, see docs/analysis.md, Nov 25):
//   webcare score 15.5k-21.6k messages/s (same-session baseline 14.3k-17.4k), webcare radar
//   16.3k-17.6k messages/s (baseline 10.3k-13.0k), scoreMessage ~30k/s. Target 20k/s for both:
//   reached by score in some runs only, not yet by radar on that machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreMessage } from '../shared/analysis/score.ts';
import { simulate } from './simulate/simulate.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_CLI_MESSAGES ?? 100_000);

const sim = simulate({ seed: 7, days: 1, brands: 10 });
const msgs = sim.messages.slice(0, 20000);
for (let i = 0; i < 2000; i++) scoreMessage(msgs[i % msgs.length]!);
const t0 = performance.now();
for (const m of msgs) scoreMessage(m);
const dt = performance.now() - t0;
console.log(
  `analysis: scoreMessage ${Math.round(msgs.length / (dt / 1000))} messages/s (${msgs.length} simulated messages, in process)`,
);

const outDir = join(root, 'bench', 'out');
const file = join(outDir, `demo-${N}-seed1.jsonl`);
if (!existsSync(file)) {
  mkdirSync(outDir, { recursive: true });
  const g = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'bench', 'generate-jsonl.ts'),
      '--messages',
      String(N),
      '--seed',
      '1',
      '--now',
      '2026-11-01T00:00:00Z',
      '--out',
      file,
    ],
    { stdio: 'inherit' },
  );
  if (g.status !== 0) throw new Error('generate-jsonl failed');
}
// One run to build the CLI bundle (node_modules/.cache/webcare-cli) so that it is not timed.
spawnSync(process.execPath, [join(root, 'bin', 'webcare.mjs'), 'score', '--in', '-'], {
  input: '',
  encoding: 'utf8',
});
for (const command of ['score', 'radar']) {
  let best = Infinity;
  for (let run = 0; run < 2; run++) {
    const s = performance.now();
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin', 'webcare.mjs'), command, '--in', file, '--out', '/dev/null'],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error(`webcare ${command} exited with ${r.status}`);
    best = Math.min(best, performance.now() - s);
  }
  console.log(
    `analysis: npx webcare ${command} ${Math.round(N / (best / 1000))} messages/s end to end (${N} lines, best of 2, ${(best / 1000).toFixed(2)} s)`,
  );
}
