// Agreement between two independent annotators of one batch (data/annotation/README.md):
// Cohen's kappa per label and the list of disagreements to adjudicate.
// Usage: node --import tsx scripts/agreement.ts BATCH.tsv A.tsv B.tsv [--out ADJUDICATE.tsv]
// BATCH.tsv: `id<TAB>lang<TAB>text`; A.tsv, B.tsv: `id<TAB>complaint(0|1)<TAB>polarity(negative|neutral|positive)`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Cohen's kappa of two label sequences of equal length (1 when both agree fully, 0 at chance). */
export function cohenKappa<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length !== b.length) throw new Error('label lists differ in length');
  const n = a.length;
  if (n === 0) return Number.NaN;
  const labels = [...new Set([...a, ...b])];
  let agree = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) agree++;
  const po = agree / n;
  let pe = 0;
  for (const l of labels) pe += (a.filter((x) => x === l).length / n) * (b.filter((x) => x === l).length / n);
  return pe === 1 ? 1 : (po - pe) / (1 - pe);
}

export interface Labels {
  complaint: 0 | 1;
  polarity: 'negative' | 'neutral' | 'positive';
}

/** Reads `id<TAB>complaint<TAB>polarity` lines (# comments and blank lines skipped); throws on a bad line. */
export function readLabels(text: string, name: string): Map<string, Labels> {
  const out = new Map<string, Labels>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const [id, c, p] = line.split('\t');
    if (!id || (c !== '0' && c !== '1') || (p !== 'negative' && p !== 'neutral' && p !== 'positive'))
      throw new Error(`${name} line ${i + 1}: expected id<TAB>0|1<TAB>negative|neutral|positive`);
    if (out.has(id)) throw new Error(`${name} line ${i + 1}: id ${id} labelled twice`);
    out.set(id, { complaint: c === '1' ? 1 : 0, polarity: p });
  });
  return out;
}

export function agreement(
  ids: readonly string[],
  a: Map<string, Labels>,
  b: Map<string, Labels>,
): { n: number; complaintKappa: number; polarityKappa: number; disagreements: string[] } {
  const both = ids.filter((id) => a.has(id) && b.has(id));
  const A = both.map((id) => a.get(id) as Labels);
  const B = both.map((id) => b.get(id) as Labels);
  return {
    n: both.length,
    complaintKappa: cohenKappa(
      A.map((l) => l.complaint),
      B.map((l) => l.complaint),
    ),
    polarityKappa: cohenKappa(
      A.map((l) => l.polarity),
      B.map((l) => l.polarity),
    ),
    disagreements: both.filter(
      (id, i) => A[i]?.complaint !== B[i]?.complaint || A[i]?.polarity !== B[i]?.polarity,
    ),
  };
}

function main(): void {
  const [batch, fa, fb] = process.argv.slice(2);
  const outAt = process.argv.indexOf('--out');
  if (!batch || !fa || !fb) {
    console.error('usage: agreement.ts BATCH.tsv A.tsv B.tsv [--out ADJUDICATE.tsv]');
    process.exit(1);
  }
  const texts = new Map<string, string>();
  for (const line of readFileSync(batch, 'utf8').split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [id, , text] = line.split('\t');
    if (id) texts.set(id, text ?? '');
  }
  const a = readLabels(readFileSync(fa, 'utf8'), fa);
  const b = readLabels(readFileSync(fb, 'utf8'), fb);
  const r = agreement([...texts.keys()], a, b);
  console.log(
    `${r.n} of ${texts.size} messages labelled by both; Cohen's kappa complaint ${r.complaintKappa.toFixed(3)}, polarity ${r.polarityKappa.toFixed(3)}; ${r.disagreements.length} to adjudicate`,
  );
  if (outAt > 0 && process.argv[outAt + 1]) {
    const lines = r.disagreements.map((id) => {
      const x = a.get(id) as Labels;
      const y = b.get(id) as Labels;
      return `${id}\t${x.complaint}/${y.complaint}\t${x.polarity}/${y.polarity}\t${texts.get(id) ?? ''}`;
    });
    writeFileSync(
      process.argv[outAt + 1] as string,
      `# id\tcomplaint A/B\tpolarity A/B\ttext\n${lines.join('\n')}\n`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
