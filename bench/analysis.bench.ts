// Throughput of message scoring and of the `webcare` CLI, on one core. Prints numbers; asserts
// nothing. The CLI figures are what `webcare score|radar` does end to end (start-up, read,
// validate, score, write) on 100,000 lines of two inputs: the demo export (bench/generate-jsonl.ts)
// unique standalone tweets (bench/generate-tweets.ts) and a simulated crisis stream
// (bench/simulate/export-jsonl.ts). Figures and history: docs/analysis.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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
mkdirSync(outDir, { recursive: true });
/** Generates a benchmark input once (kept under bench/out/, which git and lint ignore). */
function input(name: string, script: string, extra: string[]): string {
  const file = join(outDir, name);
  if (!existsSync(file)) {
    const g = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'bench', script),
        '--messages',
        String(N),
        '--seed',
        '1',
        ...extra,
        '--out',
        file,
      ],
      { stdio: 'inherit' },
    );
    if (g.status !== 0) throw new Error(`${script} failed`);
  }
  return file;
}
// Two inputs: the demo export (43 % outgoing, half its texts repeated) and unique standalone
// tweets (every text different, every line its own conversation, no brand: closer to outside data).
const inputs: Array<[string, string]> = [
  ['demo export', input(`demo-${N}-seed1.jsonl`, 'generate-jsonl.ts', ['--now', '2026-11-01T00:00:00Z'])],
  ['unique tweets', input(`tweets-${N}-seed1.jsonl`, 'generate-tweets.ts', [])],
];
// And a simulated crisis stream (20 brands, 5 days, ~120k messages): what the radar is for.
const simFile = join(outDir, 'sim-seed7-5d.jsonl');
if (!existsSync(simFile)) {
  const g = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'bench', 'simulate', 'export-jsonl.ts'),
      '--seed',
      '7',
      '--days',
      '5',
      '--out',
      simFile,
    ],
    { stdio: 'inherit' },
  );
  if (g.status !== 0) throw new Error('export-jsonl failed');
}
inputs.push(['simulated crisis stream', simFile]);
// One run to build the CLI bundle (node_modules/.cache/webcare-cli) so that it is not timed.
spawnSync(process.execPath, [join(root, 'bin', 'webcare.mjs'), 'score', '--in', '-'], {
  input: '',
  encoding: 'utf8',
});
for (const [label, file] of inputs) {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
  for (const command of ['score', 'radar']) {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
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
      `analysis: webcare ${command} on ${label}: ${Math.round(lines / (best / 1000))} messages/s end to end (${lines} lines, best of 3, ${(best / 1000).toFixed(2)} s wall)`,
    );
  }
}
