// Openly licensed human-written labelled text from ../shared/datasets (GoEmotions, XED), mapped
// to polarity. Never committed: read from the shared folder beside the checkout, with each file's
// SHA-256 recorded in the model metadata. See docs/analysis.md, "Training data".
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { fnv } from './train-data.ts';

export type PolarityLabel = 'negative' | 'neutral' | 'positive';

export interface PolarityExample {
  text: string;
  label: PolarityLabel;
  lang: 'en' | 'nl';
  /** goemotions-train, goemotions-dev, goemotions-test, xed-en, xed-en-neutral, xed-nl. */
  source: string;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The shared datasets folder: `WEBCARE_DATASETS`, else `shared/datasets` beside the checkout
 * (CI and /work/main) or one level further up (a worktree under /work/wt/). Null when absent.
 */
export function datasetsDir(): string | null {
  const candidates = [
    process.env.WEBCARE_DATASETS,
    resolve(root, '..', 'shared', 'datasets'),
    resolve(root, '..', '..', 'shared', 'datasets'),
  ];
  for (const c of candidates) if (c && existsSync(join(c, 'goemotions', 'train.tsv'))) return c;
  return null;
}

/** SHA-256 of each file read, for the model's metadata (`path relative to datasets/` → hex). */
export const fileHashes: Record<string, string> = {};

function read(dir: string, rel: string): string {
  const text = readFileSync(join(dir, rel), 'utf8');
  fileHashes[rel] = createHash('sha256').update(text).digest('hex');
  return text;
}

/** GoEmotions: google-research's sentiment groups; rows mixing positive and negative dropped, ambiguous-only dropped. */
export function goEmotions(split: 'train' | 'dev' | 'test'): PolarityExample[] {
  const dir = datasetsDir();
  if (!dir) return [];
  const labels = read(dir, 'goemotions/labels.txt').trim().split('\n');
  const groups = JSON.parse(read(dir, 'goemotions/sentiment_dict.json')) as Record<string, string[]>;
  const groupOf = new Map<string, string>();
  for (const [g, names] of Object.entries(groups)) for (const n of names) groupOf.set(n, g);
  const out: PolarityExample[] = [];
  for (const line of read(dir, `goemotions/${split}.tsv`).split('\n')) {
    if (!line) continue;
    const [text, ids] = line.split('\t') as [string, string];
    const names = ids.split(',').map((i) => labels[Number(i)] as string);
    const pos = names.some((n) => groupOf.get(n) === 'positive');
    const neg = names.some((n) => groupOf.get(n) === 'negative');
    const neu = names.includes('neutral');
    let label: PolarityLabel | null = null;
    if (pos && !neg) label = 'positive';
    else if (neg && !pos) label = 'negative';
    else if (neu && !pos && !neg) label = 'neutral';
    if (label) out.push({ text, label, lang: 'en', source: `goemotions-${split}` });
  }
  return out;
}

const XED_POS = new Set([5, 8]);
const XED_NEG = new Set([1, 3, 4, 6]);

function xedLabel(ids: number[]): PolarityLabel | null {
  const pos = ids.some((i) => XED_POS.has(i));
  const neg = ids.some((i) => XED_NEG.has(i));
  if (pos && !neg) return 'positive';
  if (neg && !pos) return 'negative';
  return null;
}

/** XED: joy, trust → positive; anger, disgust, fear, sadness → negative; mixed or only anticipation/surprise dropped. */
export function xed(lang: 'en' | 'nl'): PolarityExample[] {
  const dir = datasetsDir();
  if (!dir) return [];
  const out: PolarityExample[] = [];
  const file = lang === 'en' ? 'xed/en-annotated.tsv' : 'xed/nl-projections.tsv';
  for (const line of read(dir, file).split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab <= 0) continue;
    const ids = line
      .slice(tab + 1)
      .split(',')
      .map((s) => Number(s.trim()));
    const label = xedLabel(ids);
    if (label) out.push({ text: line.slice(0, tab), label, lang, source: `xed-${lang}` });
  }
  if (lang === 'en')
    for (const line of read(dir, 'xed/neu_en.txt').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) out.push({ text: line.slice(tab + 1), label: 'neutral', lang, source: 'xed-en-neutral' });
    }
  return out;
}

/** XED has no official split: a fixed 80/20 split by text hash (test = fnv(text) % 5 === 0). */
export const xedSplit = (text: string): 'train' | 'test' => (fnv(text) % 5 === 0 ? 'test' : 'train');
