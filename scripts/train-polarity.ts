// Trains the polarity model (two logistic-regression heads over the complaint model's features)
// on GoEmotions and XED read from ../shared/datasets, and writes shared/analysis/model/polarity-v1.json.
// Reproducible (seeded shuffles, fixed hash splits). Part of `npm run train`; never run by `npm test`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { extractSignals } from '../shared/analysis/signals.ts';
import {
  DENSE_FEATURES,
  HASH_BITS,
  HASH_DIM,
  denseDot,
  featurize,
  hashedDot,
} from '../shared/analysis/features.ts';
import { complaintProbability, defaultModel } from '../shared/analysis/model.ts';
import type { ComplaintModel } from '../shared/analysis/model.ts';
import { lexiconSentiment } from '../shared/analysis/score.ts';
import type { SparseFeatures } from '../shared/analysis/features.ts';
import { toBase64 } from '../shared/analysis/polarity.ts';
import type { PolarityModelFile, PolarityThresholds } from '../shared/analysis/polarity.ts';
import { datasetsDir, fileHashes, goEmotions, xed, xedSplit } from './corpora.ts';
import type { PolarityExample, PolarityLabel } from './corpora.ts';
import { predict, trainLogReg } from './train.ts';
import { annotatedRows } from './annotation.ts';
import type { AnnotatedRow } from './annotation.ts';
import type { Trained } from './train.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const POLARITY_CONFIG = { epochs: 6, l2: 1e-4, lr: 0.2 };
export const LABELS: readonly PolarityLabel[] = ['negative', 'neutral', 'positive'];

export interface PolarityRow {
  text: string;
  x: SparseFeatures;
  label: PolarityLabel;
  lang: 'en' | 'nl';
  source: string;
  /** The lexicon rule's sentiment and the complaint model's verdict (inputs of the blend). */
  lexical: number;
  complaint: number;
  isComplaint: boolean;
}

export interface PolarityData {
  goTrain: PolarityRow[];
  goDev: PolarityRow[];
  goTest: PolarityRow[];
  xedEnTrain: PolarityRow[];
  xedEnTest: PolarityRow[];
  xedNlTrain: PolarityRow[];
  xedNlTest: PolarityRow[];
  /**
   * The two-annotator batches (data/annotation/), 3-class labels by our guideline, by language.
   * The shipped heads saw the Reddit batches' texts (with GoEmotions' labels) in GoEmotions
   * train; eval.ts trains heads without them before it tests on them.
   */
  annotated: { en: PolarityRow[]; nl: PolarityRow[] };
}

/** Annotated rows as polarity rows (source `annotated-<writer>`). */
export function annotatedPolarityRows(rows: AnnotatedRow[], model?: ComplaintModel): PolarityRow[] {
  return rowsOf(
    rows.map((r) => ({ text: r.text, label: r.polarity, lang: r.lang, source: `annotated-${r.writer}` })),
    model,
  );
}

type RowInputs = Omit<PolarityRow, 'label' | 'source' | 'text'>;
const rowCaches = new WeakMap<ComplaintModel, Map<string, RowInputs>>();

/**
 * Features and blend inputs of each example (the language is known here, as a declared `lang`);
 * the complaint verdict from `model` (default the shipped one; eval.ts passes models that did not
 * see a writer when it tests on that writer).
 */
export function rowsOf(xs: PolarityExample[], model: ComplaintModel = defaultModel()): PolarityRow[] {
  let rowCache = rowCaches.get(model);
  if (!rowCache) rowCaches.set(model, (rowCache = new Map()));
  const cache = rowCache;
  return xs.map((e) => {
    const key = `${e.lang}\u0000${e.text}`;
    let r = cache.get(key);
    if (!r) {
      const sig = extractSignals(e.text, e.lang);
      const complaint = complaintProbability(
        model,
        model.bias + hashedDot(sig.norm.tokens, model.weights) + denseDot(sig, model.weights),
        sig.lang,
      );
      r = {
        x: featurize(sig),
        lang: e.lang,
        lexical: lexiconSentiment(sig, complaint),
        complaint,
        isComplaint: complaint >= model.threshold,
      };
      cache.set(key, r);
    }
    return { ...r, text: e.text, label: e.label, source: e.source };
  });
}

/** All polarity corpora, or null when ../shared/datasets is not there. */
export function polarityData(): PolarityData | null {
  if (!datasetsDir()) return null;
  const en = xed('en');
  const nl = xed('nl');
  const annotated = annotatedRows();
  return {
    goTrain: rowsOf(goEmotions('train')),
    goDev: rowsOf(goEmotions('dev')),
    goTest: rowsOf(goEmotions('test')),
    xedEnTrain: rowsOf(en.filter((e) => xedSplit(e.text) === 'train')),
    xedEnTest: rowsOf(en.filter((e) => xedSplit(e.text) === 'test')),
    xedNlTrain: rowsOf(nl.filter((e) => xedSplit(e.text) === 'train')),
    xedNlTest: rowsOf(nl.filter((e) => xedSplit(e.text) === 'test')),
    annotated: {
      en: annotatedPolarityRows(annotated.filter((r) => r.lang === 'en')),
      nl: annotatedPolarityRows(annotated.filter((r) => r.lang === 'nl')),
    },
  };
}

export interface PolarityHeads {
  negative: Trained;
  positive: Trained;
}

/**
 * Trains both heads. Each source weighs the same in total (a source's rows get weight
 * mean size / its size), so the largest corpus does not decide alone.
 */
export function trainPolarity(rows: PolarityRow[], cfg = POLARITY_CONFIG): PolarityHeads {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.source, (count.get(r.source) ?? 0) + 1);
  const mean = rows.length / count.size;
  const weights = rows.map((r) => mean / (count.get(r.source) as number));
  const xs = rows.map((r) => r.x);
  return {
    negative: trainLogReg(
      xs,
      rows.map((r) => (r.label === 'negative' ? 1 : 0)),
      cfg,
      weights,
      11,
    ),
    positive: trainLogReg(
      xs,
      rows.map((r) => (r.label === 'positive' ? 1 : 0)),
      cfg,
      weights,
      13,
    ),
  };
}

/** The product's rule (`scoreSignals`): a complaint is negative, else the band on the blended sentiment. */
type Band = Omit<PolarityThresholds, 'alpha'>;

export function decide(sentiment: number, isComplaint: boolean, t: Band): PolarityLabel {
  if (isComplaint || sentiment <= t.negative) return 'negative';
  if (sentiment >= t.positive) return 'positive';
  return 'neutral';
}

/** Mean recall over the classes present in `ys`. */
export function macroRecall(ys: PolarityLabel[], preds: PolarityLabel[]): number {
  let sum = 0;
  let classes = 0;
  for (const c of LABELS) {
    let n = 0;
    let hit = 0;
    ys.forEach((y, i) => {
      if (y === c) {
        n++;
        if (preds[i] === c) hit++;
      }
    });
    if (n) {
      classes++;
      sum += hit / n;
    }
  }
  return classes ? sum / classes : 0;
}

/** Blended sentiment of each row, as `scoreSignals` computes it. */
export function blendedSentiment(heads: PolarityHeads, alpha: number, rows: PolarityRow[]): number[] {
  return rows.map((r) => {
    let v = alpha * (predict(heads.positive, r.x) - predict(heads.negative, r.x)) + (1 - alpha) * r.lexical;
    if (r.isComplaint) v = Math.min(v, r.lexical);
    return Math.max(-1, Math.min(1, v));
  });
}

export function polarityOf(values: number[], rows: PolarityRow[], t: Band): PolarityLabel[] {
  return values.map((v, i) => decide(v, (rows[i] as PolarityRow).isComplaint, t));
}

/** The band with the best macro-recall on `dev` (a grid over both ends). */
export function tuneBand(values: number[], dev: PolarityRow[]): { band: Band; recall: number } {
  let band: Band = { negative: -0.2, positive: 0.2 };
  let recall = -1;
  const ys = dev.map((r) => r.label);
  for (let lo = -80; lo <= 20; lo += 5)
    for (let hi = lo + 5; hi <= 80; hi += 5) {
      const t = { negative: lo / 100, positive: hi / 100 };
      const r = macroRecall(ys, polarityOf(values, dev, t));
      if (r > recall + 1e-9) {
        recall = r;
        band = t;
      }
    }
  return { band, recall };
}

export interface PolarityRecipe {
  heads: PolarityHeads;
  alpha: number;
  band: Band;
}

export const ALPHAS = [0, 0.2, 0.3, 0.4, 0.5, 0.7, 1];

/**
 * The shipped recipe, also what the cross-source evaluation retrains: heads on `train`, then the
 * blend weight and the band with the best macro-recall on `dev` (rows of the training sources).
 */
export function trainRecipe(train: PolarityRow[], dev: PolarityRow[], cfg = POLARITY_CONFIG): PolarityRecipe {
  return tuneRecipe(trainPolarity(train, cfg), dev);
}

/** The blend weight and band with the best macro-recall on `dev`, for given heads. */
export function tuneRecipe(heads: PolarityHeads, dev: PolarityRow[]): PolarityRecipe {
  let best: PolarityRecipe = { heads, alpha: 0, band: { negative: -0.2, positive: 0.2 } };
  let bestR = -1;
  for (const alpha of ALPHAS) {
    const { band, recall } = tuneBand(blendedSentiment(heads, alpha, dev), dev);
    if (recall > bestR + 1e-9) {
      bestR = recall;
      best = { heads, alpha, band };
    }
  }
  return best;
}

export function recipePolarity(r: PolarityRecipe, rows: PolarityRow[]): PolarityLabel[] {
  return polarityOf(blendedSentiment(r.heads, r.alpha, rows), rows, r.band);
}

/** Every tenth row of a source's training split is its dev set (thresholds, blend weight). */
export const isDevRow = (_: unknown, i: number): boolean => i % 10 === 1;

function headFile(t: Trained): PolarityModelFile['heads']['negative'] {
  let max = 0;
  for (let i = 0; i < HASH_DIM; i++) max = Math.max(max, Math.abs(t.weights[i] as number));
  const scale = max > 0 ? max / 32767 : 1;
  const bytes = new Uint8Array(2 * HASH_DIM);
  for (let i = 0; i < HASH_DIM; i++) {
    const q = Math.round((t.weights[i] as number) / scale) & 0xffff;
    bytes[2 * i] = q & 0xff;
    bytes[2 * i + 1] = q >> 8;
  }
  return {
    bias: Math.round(t.bias * 1e4) / 1e4,
    dense: DENSE_FEATURES.map((_, i) => Math.round((t.weights[HASH_DIM + i] as number) * 1e4) / 1e4),
    scale,
    hashed16: toBase64(bytes),
  };
}

/**
 * The shipped model: heads on GoEmotions train + XED en/nl
 * training splits; blend and band on GoEmotions dev + XED en dev. The annotated batches tune
 * nothing here: a band tuned on messages to brands (where negativity is mostly a complaint, which
 * already counts as negative) gained on other writers' messages to brands but lost on general
 * text (English: Reddit 0.592 → 0.529), and the polarity goals are on general text
 * (docs/analysis.md, `npm run eval`).
 */
export function trainShipped(d: PolarityData): PolarityRecipe {
  const xedEnDev = d.xedEnTrain.filter(isDevRow);
  const xedEnFit = d.xedEnTrain.filter((r, i) => !isDevRow(r, i));
  return trainRecipe([...d.goTrain, ...xedEnFit, ...d.xedNlTrain], [...d.goDev, ...xedEnDev]);
}

function main(): void {
  const started = Date.now();
  const d = polarityData();
  if (!d) {
    console.error('train-polarity: ../shared/datasets not found (set WEBCARE_DATASETS); model not written');
    process.exit(1);
  }
  const { heads, alpha, band } = trainShipped(d);
  const file: PolarityModelFile = {
    format: 'webcare-polarity-lr',
    version: 1,
    hashBits: HASH_BITS,
    denseFeatures: [...DENSE_FEATURES],
    heads: { negative: headFile(heads.negative), positive: headFile(heads.positive) },
    // English: the tuned blend and band. Dutch (and other): the same heads and blend weight but the
    // lexicon rule's band of ±0.2: the only Dutch polarity data of general text (XED projections)
    // has no neutral class to tune a neutral band on, and a narrow band would call most Dutch
    // messages polar. (The Dutch annotated batches are messages to brands: see trainShipped.)
    thresholds: {
      en: { alpha, ...band },
      nl: { alpha, negative: -0.2, positive: 0.2 },
      other: { alpha, negative: -0.2, positive: 0.2 },
    },
    trainedOn: {
      sources:
        'GoEmotions train (Apache-2.0), XED en-annotated + neu_en and nl-projections, train split fnv(text) % 5 !== 0 (CC BY 4.0); see docs/analysis.md',
      rows: { goemotions: d.goTrain.length, xedEn: d.xedEnTrain.length, xedNl: d.xedNlTrain.length },
      blendAndBandTunedOn: 'GoEmotions dev + every tenth row of the XED en training split',
      config: POLARITY_CONFIG,
      sha256: { ...fileHashes },
    },
  };
  writeFileSync(join(root, 'shared', 'analysis', 'model', 'polarity-v1.json'), `${JSON.stringify(file)}\n`);
  console.log(
    `polarity: trained on ${d.goTrain.length + d.xedEnTrain.length + d.xedNlTrain.length} rows, alpha ${alpha}, band ${band.negative} / ${band.positive}, 2 × 65,536 hashed weights (16-bit), ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
