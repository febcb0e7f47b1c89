// Trains the complaint model: logistic regression (AdaGrad, L2) over hashed n-grams + signals.
// Reproducible: the data set and the shuffle are seeded. Run with `npm run train`.
// Writes shared/analysis/model/complaint-v1.json and data/generated/complaints.jsonl.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { extractSignals } from '../shared/analysis/signals.ts';
import { DENSE_FEATURES, FEATURE_DIM, HASH_BITS, HASH_DIM, featurize } from '../shared/analysis/features.ts';
import type { SparseFeatures } from '../shared/analysis/features.ts';
import { buildDataset, rng } from './train-data.ts';
import type { Example } from './train-data.ts';

const MODEL_VERSION = 1;
const EPOCHS = 12;
const L2 = 2e-5;
const LR = 0.3;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Trained {
  weights: Float64Array;
  bias: number;
}

export function trainLogReg(xs: SparseFeatures[], ys: number[], seed = 7): Trained {
  const w = new Float64Array(FEATURE_DIM);
  const g2 = new Float64Array(FEATURE_DIM).fill(1e-8);
  let b = 0;
  let gb = 1e-8;
  const order = xs.map((_, i) => i);
  const r = rng(seed);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const k of order) {
      const f = xs[k] as SparseFeatures;
      let z = b;
      for (let i = 0; i < f.idx.length; i++) z += (w[f.idx[i] as number] as number) * (f.val[i] as number);
      const p = 1 / (1 + Math.exp(-z));
      const err = p - (ys[k] as number);
      for (let i = 0; i < f.idx.length; i++) {
        const j = f.idx[i] as number;
        const g = err * (f.val[i] as number) + L2 * (w[j] as number);
        g2[j] = (g2[j] as number) + g * g;
        w[j] = (w[j] as number) - (LR * g) / Math.sqrt(g2[j] as number);
      }
      gb += err * err;
      b -= (LR * err) / Math.sqrt(gb);
    }
  }
  return { weights: w, bias: b };
}

export function predict(t: Trained, f: SparseFeatures): number {
  let z = t.bias;
  for (let i = 0; i < f.idx.length; i++)
    z += (t.weights[f.idx[i] as number] as number) * (f.val[i] as number);
  return 1 / (1 + Math.exp(-z));
}

export interface Scores {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  macroF1: number;
  accuracy: number;
}

/** Precision/recall/F1 of the complaint class and macro-F1 over both classes. */
export function scoreBinary(ys: number[], preds: number[]): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  ys.forEach((y, i) => {
    const p = preds[i];
    if (p === 1 && y === 1) tp++;
    else if (p === 1) fp++;
    else if (y === 1) fn++;
    else tn++;
  });
  const f = (a: number, b: number, c: number): number => (2 * a === 0 ? 0 : (2 * a) / (2 * a + b + c));
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = f(tp, fp, fn);
  const f0 = f(tn, fn, fp);
  return {
    n: ys.length,
    precision,
    recall,
    f1,
    macroF1: (f1 + f0) / 2,
    accuracy: (tp + tn) / Math.max(1, ys.length),
  };
}

function main(): void {
  const data = buildDataset();
  mkdirSync(join(root, 'data', 'generated'), { recursive: true });
  writeFileSync(
    join(root, 'data', 'generated', 'complaints.jsonl'),
    data.map((e) => JSON.stringify(e)).join('\n') + '\n',
  );
  const train = data.filter((e) => e.split === 'train');
  const test = data.filter((e) => e.split === 'test');
  const feats = (set: Example[]): SparseFeatures[] => set.map((e) => featurize(extractSignals(e.text, null)));
  const xTrain = feats(train);
  const yTrain = train.map((e) => e.label);
  const model = trainLogReg(xTrain, yTrain);

  // Threshold: best macro-F1 on the training split (the test split stays untouched).
  const pTrain = xTrain.map((f) => predict(model, f));
  let threshold = 0.5;
  let best = -1;
  for (let t = 0.3; t <= 0.7001; t += 0.02) {
    const s = scoreBinary(
      yTrain,
      pTrain.map((p) => (p >= t ? 1 : 0)),
    ).macroF1;
    if (s > best + 1e-9) {
      best = s;
      threshold = Math.round(t * 100) / 100;
    }
  }
  const xTest = feats(test);
  const heldOut: Record<string, Scores> = {};
  for (const lang of ['en', 'nl'] as const) {
    const idx = test.map((e, i) => (e.lang === lang ? i : -1)).filter((i) => i >= 0);
    heldOut[lang] = scoreBinary(
      idx.map((i) => (test[i] as Example).label),
      idx.map((i) => (predict(model, xTest[i] as SparseFeatures) >= threshold ? 1 : 0)),
    );
  }
  const hashed: Array<[number, number]> = [];
  for (let i = 0; i < HASH_DIM; i++) {
    const v = Math.round((model.weights[i] as number) * 1e4) / 1e4;
    if (v !== 0) hashed.push([i, v]);
  }
  const dense = DENSE_FEATURES.map((_, i) => Math.round((model.weights[HASH_DIM + i] as number) * 1e4) / 1e4);
  const file = {
    format: 'webcare-complaint-lr',
    version: MODEL_VERSION,
    hashBits: HASH_BITS,
    denseFeatures: DENSE_FEATURES,
    bias: Math.round(model.bias * 1e4) / 1e4,
    threshold,
    trainedOn: {
      examples: train.length,
      complaints: yTrain.filter((y) => y === 1).length,
      sources: 'data/generated/complaints.jsonl (split=train); see docs/analysis.md',
      epochs: EPOCHS,
      l2: L2,
    },
    heldOut,
    dense,
    hashed,
  };
  writeFileSync(join(root, 'shared', 'analysis', 'model', 'complaint-v1.json'), JSON.stringify(file) + '\n');
  console.log(`trained on ${train.length} examples, threshold ${threshold}, ${hashed.length} hashed weights`);
  for (const [lang, s] of Object.entries(heldOut)) {
    console.log(
      `held-out ${lang}: n=${s.n} P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} macro-F1=${s.macroF1.toFixed(3)}`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
