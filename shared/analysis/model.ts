/**
 * The complaint model: logistic regression over `featurize` output. Weights live in a versioned
 * JSON file (`model/complaint-v1.json`) written by `npm run train`; hashed weights are stored as
 * a sparse list of [index, weight] pairs to keep the file small.
 */
import { DENSE_FEATURES, FEATURE_DIM, HASH_BITS } from './features.ts';
import type { SparseFeatures } from './features.ts';
import modelFile from './model/complaint-v1.json';

export interface ModelFile {
  format: 'webcare-complaint-lr';
  version: number;
  hashBits: number;
  denseFeatures: string[];
  bias: number;
  /** Sparse hashed weights as [index, weight]. */
  hashed: Array<[number, number]>;
  /** Dense weights in `denseFeatures` order. */
  dense: number[];
  /** Decision threshold on the (calibrated) probability, placed on out-of-fold probabilities. */
  threshold: number;
  /** Per-language Platt scaling [a, b] of the log-odds: p = σ(a·z + b). Absent: uncalibrated. */
  calibration?: Record<'en' | 'nl' | 'other', [number, number]>;
  trainedOn: Record<string, unknown>;
  heldOut: Record<string, unknown>;
}

export interface ComplaintModel {
  version: number;
  threshold: number;
  calibration?: Record<'en' | 'nl' | 'other', [number, number]>;
  weights: Float64Array;
  bias: number;
}

/** Loads and checks a model file; throws when it was built for other features. */
export function loadModel(file: ModelFile): ComplaintModel {
  if (file.format !== 'webcare-complaint-lr') throw new Error(`unknown model format ${String(file.format)}`);
  if (file.hashBits !== HASH_BITS)
    throw new Error(`model has ${file.hashBits} hash bits, code expects ${HASH_BITS}`);
  if (file.denseFeatures.join(',') !== DENSE_FEATURES.join(','))
    throw new Error('model dense features differ from the code');
  const weights = new Float64Array(FEATURE_DIM);
  for (const [i, w] of file.hashed) weights[i] = w;
  const base = 1 << HASH_BITS;
  file.dense.forEach((w, i) => {
    weights[base + i] = w;
  });
  const out: ComplaintModel = { version: file.version, threshold: file.threshold, weights, bias: file.bias };
  if (file.calibration) out.calibration = file.calibration;
  return out;
}

let cached: ComplaintModel | null = null;

/** The shipped model, loaded once. */
export function defaultModel(): ComplaintModel {
  if (!cached) cached = loadModel(modelFile as unknown as ModelFile);
  return cached;
}

/** Raw score (log-odds) of the features, and per-feature contributions when `explain` is set. */
export function logit(model: ComplaintModel, f: SparseFeatures): number {
  let z = model.bias;
  const w = model.weights;
  for (let i = 0; i < f.idx.length; i++) z += (w[f.idx[i] as number] as number) * (f.val[i] as number);
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The complaint probability of log-odds `z` for a message in `lang`, calibrated when the model is. */
export function complaintProbability(model: ComplaintModel, z: number, lang: string): number {
  const cal = model.calibration;
  if (!cal) return sigmoid(z);
  const [a, b] = lang === 'nl' ? cal.nl : lang === 'en' ? cal.en : cal.other;
  return sigmoid(a * z + b);
}
