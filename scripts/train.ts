// Trains the complaint model: logistic regression (AdaGrad, L2) over hashed n-grams + signals.
// Reproducible: the data set and the shuffle are seeded. Run with `npm run train`.
// Writes shared/analysis/model/complaint-v1.json and data/generated/complaints.jsonl.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { extractSignals } from '../shared/analysis/signals.ts';
import { DENSE_FEATURES, FEATURE_DIM, HASH_BITS, HASH_DIM, featurize } from '../shared/analysis/features.ts';
import type { SparseFeatures } from '../shared/analysis/features.ts';
import { buildDataset, fnv, rng } from './train-data.ts';
import { datasetsDir, fileHashes, goEmotions, xed, xedSplit } from './corpora.ts';
import type { ComplaintModel } from '../shared/analysis/model.ts';
import type { Example } from './train-data.ts';
import { annotatedRows, annotatedTexts } from './annotation.ts';
import type { AnnotatedRow } from './annotation.ts';

const MODEL_VERSION = 1;

/**
 * Training choices, made by 5-fold cross-validation over the hand-written training files
 * (`npm run train -- --cv` prints the grid); the test files played no part in them.
 */
export interface TrainConfig {
  epochs: number;
  l2: number;
  lr: number;
  /** Weight of a hand-written example relative to a generated one. */
  handWeight: number;
  /** Generated (template) training messages per language, the first N of the train split. */
  generatedPerLang: number;
  /**
   * Hard negatives from other people's text (`corpora.ts`): this many neutral and positive rows
   * per source (GoEmotions train, XED en train split, XED nl train split) as "not a complaint".
   */
  hardNegativesPerSource: number;
  hardWeight: number;
  /** Which corpora give hard negatives: all three, or GoEmotions alone (the cross-source check in eval). */
  hardSources: 'all' | 'goemotions';
  /**
   * Weight of a row of the two-annotator batches (data/annotation/, real text with a real
   * complaint label); which batches train is the caller's choice (`complaintRows`).
   */
  annotatedWeight: number;
  /**
   * Weight of a Reddit row among them: comments about products on a forum are another task than
   * messages to a brand (6 % complaints, mostly games and politics), and at full weight they
   * taught the model to miss polite complaints in messages to brands (docs/analysis.md).
   */
  redditWeight: number;
}

export const CONFIG: TrainConfig = {
  epochs: 12,
  l2: 1e-3,
  lr: 0.3,
  handWeight: 1,
  generatedPerLang: 500,
  hardNegativesPerSource: 2000,
  hardWeight: 0.3,
  hardSources: 'all',
  annotatedWeight: 1,
  redditWeight: 0,
};

/**
 * Cross-validation folds: by text hash, or with `CV_FOLDS=file` one fold per hand-written batch
 * file (`en.tsv`/`nl.tsv` fold 0, `-2` fold 1, …): the batches differ in sectors and brands, so
 * that scheme asks how well the model carries over to sectors it has not seen.
 */
const BY_FILE = process.env.CV_FOLDS === 'file';
const HASH_FOLDS = 5;

function fileFold(source: string): number {
  const m = /-(\d+)\.tsv$/.exec(source);
  return m ? Number(m[1]) - 1 : 0;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Trained {
  weights: Float64Array;
  bias: number;
}

/** Logistic regression by AdaGrad with L2; `sampleWeights` scale each example's gradient. */
export function trainLogReg(
  xs: SparseFeatures[],
  ys: number[],
  cfg: Pick<TrainConfig, 'epochs' | 'l2' | 'lr'> = CONFIG,
  sampleWeights?: number[],
  seed = 7,
): Trained {
  const { epochs, l2, lr } = cfg;
  const w = new Float64Array(FEATURE_DIM);
  const g2 = new Float64Array(FEATURE_DIM).fill(1e-8);
  let b = 0;
  let gb = 1e-8;
  const order = xs.map((_, i) => i);
  const r = rng(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const k of order) {
      const f = xs[k] as SparseFeatures;
      let z = b;
      for (let i = 0; i < f.idx.length; i++) z += (w[f.idx[i] as number] as number) * (f.val[i] as number);
      const p = 1 / (1 + Math.exp(-z));
      const err = (p - (ys[k] as number)) * (sampleWeights ? (sampleWeights[k] as number) : 1);
      for (let i = 0; i < f.idx.length; i++) {
        const j = f.idx[i] as number;
        const g = err * (f.val[i] as number) + l2 * (w[j] as number);
        g2[j] = (g2[j] as number) + g * g;
        w[j] = (w[j] as number) - (lr * g) / Math.sqrt(g2[j] as number);
      }
      gb += err * err;
      b -= (lr * err) / Math.sqrt(gb);
    }
  }
  return { weights: w, bias: b };
}

export function predict(t: Pick<Trained, 'weights' | 'bias'>, f: SparseFeatures): number {
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

export interface Row {
  x: SparseFeatures;
  y: number;
  lang: 'en' | 'nl';
  fold: number;
  /** Set on rows of the annotated batches: the writer (`reddit`, `w1`, …). */
  writer?: string;
}

function rows(set: Example[]): Row[] {
  return set.map((e) => ({
    x: featurize(extractSignals(e.text, null)),
    y: e.label,
    lang: e.lang,
    fold: BY_FILE ? fileFold(e.source) : fnv(e.text) % HASH_FOLDS,
  }));
}

/**
 * The generated training rows used under a config: the first N per language. Annotated rows
 * among them (Reddit, see `complaintRows`) always train.
 */
function generatedSubset(gen: Row[], perLang: number): Row[] {
  const count = { en: 0, nl: 0 };
  return gen.filter((r) => r.writer !== undefined || count[r.lang]++ < perLang);
}

const HANDLES = [
  '@KPN',
  '@NS_online',
  '@bol',
  '@ING_news',
  '@PostNL',
  '@united',
  '@AmazonHelp',
  '@Tesco',
  '@VodafoneUK',
  '@British_Airways',
];
const hardCache = new Map<string, Row[]>();
/** Annotated texts are never hard negatives: a labelled complaint must not also be a "not a complaint". */
const ANNOTATED_TEXTS = annotatedTexts();
/**
 * Neutral and positive rows of other people's text (GoEmotions train, XED en and nl training
 * splits; never their test rows), the first N per source in file order, as "not a complaint".
 * Every other one gets a brand handle in front: without it the model learned that an @mention
 * alone makes a complaint (31 % of neutral XED lines with "@brand" in front were flagged).
 */
export function hardNegatives(perSource: number, which: TrainConfig['hardSources']): Row[] {
  if (perSource === 0 || !datasetsDir()) return [];
  const key = `${perSource}:${which}`;
  let rows = hardCache.get(key);
  if (!rows) {
    const sources =
      which === 'goemotions'
        ? [goEmotions('train')]
        : [
            goEmotions('train'),
            xed('en').filter((e) => xedSplit(e.text) === 'train'),
            xed('nl').filter((e) => xedSplit(e.text) === 'train'),
          ];
    rows = [];
    for (const src of sources) {
      let n = 0;
      for (const e of src) {
        if (e.label === 'negative' || n >= perSource || ANNOTATED_TEXTS.has(e.text)) continue;
        n++;
        // Every other one addressed to a brand, as messages to a webcare team are: otherwise
        // "no @mention" alone would tell these rows apart from the project's own messages.
        const text = n % 2 ? `${HANDLES[n % HANDLES.length] as string} ${e.text}` : e.text;
        rows.push({ x: featurize(extractSignals(text, null)), y: 0, lang: e.lang, fold: -1 });
      }
    }
    hardCache.set(key, rows);
  }
  return rows;
}

function fit(gen: Row[], hand: Row[], cfg: TrainConfig): Trained {
  const g = [
    ...generatedSubset(gen, cfg.generatedPerLang),
    ...hardNegatives(cfg.hardNegativesPerSource, cfg.hardSources),
  ];
  const all = [...g, ...hand];
  return trainLogReg(
    all.map((r) => r.x),
    all.map((r) => r.y),
    cfg,
    all.map((r, i) =>
      r.writer === 'reddit'
        ? cfg.redditWeight
        : r.writer !== undefined
          ? cfg.annotatedWeight
          : i < g.length
            ? r.fold === -1
              ? cfg.hardWeight
              : 1
            : cfg.handWeight,
    ),
  );
}

function folds(hand: Row[]): number {
  return 1 + Math.max(...hand.map((r) => r.fold));
}

/** Out-of-fold probabilities for the hand-written rows (generated rows always train). */
function crossValidate(gen: Row[], hand: Row[], cfg: TrainConfig): number[] {
  const oof = new Array<number>(hand.length).fill(0);
  for (let k = 0; k < folds(hand); k++) {
    const model = fit(
      gen,
      hand.filter((r) => r.fold !== k),
      cfg,
    );
    hand.forEach((r, i) => {
      if (r.fold === k) oof[i] = predict(model, r.x);
    });
  }
  return oof;
}

/**
 * Platt scaling: the a, b that minimise the log loss of σ(a·z + b) against `ys` (Newton's method
 * on the two parameters, with a small ridge so that a separable fold cannot run off).
 */
export function plattFit(zs: number[], ys: number[]): [number, number] {
  let a = 1;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let ga = 1e-3 * (a - 1);
    let gb = 1e-3 * b;
    let haa = 1e-3;
    let hab = 0;
    let hbb = 1e-3;
    zs.forEach((z, i) => {
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      const e = p - (ys[i] as number);
      const w = p * (1 - p);
      ga += e * z;
      gb += e;
      haa += w * z * z;
      hab += w * z;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return [Math.round(a * 1e4) / 1e4, Math.round(b * 1e4) / 1e4];
}

type Calibration = Record<'en' | 'nl' | 'other', [number, number]>;
const logOdds = (p: number): number => Math.log(Math.max(1e-12, p) / Math.max(1e-12, 1 - p));

/** Per-language Platt scaling fitted on out-of-fold probabilities (other: all rows together). */
function fitCalibration(hand: Row[], oof: number[]): Calibration {
  const part = (lang: 'en' | 'nl' | null): [number, number] => {
    const idx = hand.map((r, i) => (lang === null || r.lang === lang ? i : -1)).filter((i) => i >= 0);
    return plattFit(
      idx.map((i) => logOdds(oof[i] as number)),
      idx.map((i) => (hand[i] as Row).y),
    );
  };
  return { en: part('en'), nl: part('nl'), other: part(null) };
}

function calibrate(p: number, lang: 'en' | 'nl', cal: Calibration): number {
  const [a, b] = cal[lang];
  return 1 / (1 + Math.exp(-(a * logOdds(p) + b)));
}

function scoreAt(hand: Row[], probs: number[], lang: 'en' | 'nl', t: number): Scores {
  const idx = hand.map((r, i) => (r.lang === lang ? i : -1)).filter((i) => i >= 0);
  return scoreBinary(
    idx.map((i) => (hand[i] as Row).y),
    idx.map((i) => ((probs[i] as number) >= t ? 1 : 0)),
  );
}

/** The threshold with the best mean (en, nl) macro-F1 on out-of-fold probabilities. */
function bestThreshold(hand: Row[], probs: number[]): { threshold: number; en: Scores; nl: Scores } {
  let best = { threshold: 0.5, en: scoreAt(hand, probs, 'en', 0.5), nl: scoreAt(hand, probs, 'nl', 0.5) };
  let bestF = -1;
  for (let i = 10; i <= 80; i += 2) {
    const t = i / 100;
    const en = scoreAt(hand, probs, 'en', t);
    const nl = scoreAt(hand, probs, 'nl', t);
    const f = (en.macroF1 + nl.macroF1) / 2;
    if (f > bestF + 1e-9) {
      bestF = f;
      best = { threshold: t, en, nl };
    }
  }
  return best;
}

function fmt(s: Scores): string {
  return `n=${s.n} P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} macro-F1=${s.macroF1.toFixed(3)}`;
}

/** `--cv`: the grid behind CONFIG, cross-validated on the hand-written training files only. */
function searchGrid(gen: Row[], hand: Row[]): void {
  console.log(
    `cross-validation (${folds(hand)} folds ${BY_FILE ? 'by batch file' : 'by text hash'} over hand-written training rows), macro-F1:`,
  );
  const grid = (process.env.CV_GRID ?? 'gen=0,500,1000,2500;hw=1,3,6,10;l2=2e-5,1e-4;ep=12,20;lr=0.3')
    .split(';')
    .map((part) => (part.split('=')[1] as string).split(',').map(Number));
  const [gens, hws, l2s, eps, lrs] = grid as [number[], number[], number[], number[], number[]];
  for (const generatedPerLang of gens)
    for (const handWeight of hws)
      for (const l2 of l2s)
        for (const epochs of eps)
          for (const lr of lrs) {
            const cfg = { ...CONFIG, generatedPerLang, handWeight, l2, epochs, lr };
            const b = bestThreshold(hand, crossValidate(gen, hand, cfg));
            console.log(
              `  gen=${String(generatedPerLang).padStart(4)} hw=${String(handWeight).padStart(2)} l2=${l2} ep=${epochs} lr=${lr}` +
                `  t=${b.threshold.toFixed(2)}  en ${b.en.macroF1.toFixed(3)}  nl ${b.nl.macroF1.toFixed(3)}  mean ${((b.en.macroF1 + b.nl.macroF1) / 2).toFixed(3)}`,
            );
          }
}

/** Feature rows of annotated batch rows (folds by text hash). */
export function annotatedFeatureRows(set: AnnotatedRow[]): Row[] {
  return set.map((r) => ({
    x: featurize(extractSignals(r.text, r.lang)),
    y: r.complaint,
    lang: r.lang,
    fold: fnv(r.text) % HASH_FOLDS,
    writer: r.writer,
  }));
}

/**
 * Rows of the complaint set. `genTrain`: rows that always train (generated messages, and the
 * Reddit batches); `hand`: rows that also train and on whose out-of-fold probabilities the
 * calibration and threshold are fitted: the hand-written training files and the writer batches
 * (messages to brands, as the product sees them; Reddit's 6 % complaint rate would set another
 * threshold). `useAnnotated` picks the annotated batches (default all; eval.ts holds out writers).
 */
export function complaintRows(
  data = buildDataset(),
  useAnnotated: (r: AnnotatedRow) => boolean = () => true,
): { genTrain: Row[]; hand: Row[] } {
  const annotated = annotatedFeatureRows(annotatedRows().filter(useAnnotated));
  return {
    genTrain: [
      ...rows(data.filter((e) => e.split === 'train' && !e.source.startsWith('handwritten'))),
      // Weight 0 (the shipped choice): left out, so that the rest trains exactly as without them.
      ...(CONFIG.redditWeight > 0 ? annotated.filter((r) => r.writer === 'reddit') : []),
    ],
    hand: [
      ...rows(data.filter((e) => e.source.startsWith('handwritten'))),
      ...annotated.filter((r) => r.writer !== 'reddit'),
    ],
  };
}

/**
 * Trains the complaint model under `cfg` with its decision threshold from out-of-fold
 * probabilities; the weights are rounded as the model file stores them. `eval.ts` retrains
 * variants of the recipe with it.
 */
export function trainComplaintModel(
  cfg: TrainConfig,
  set = complaintRows(),
): { model: ComplaintModel; cv: ReturnType<typeof bestThreshold>; calibration: Calibration } {
  // Calibrated per language on out-of-fold probabilities (hard negatives push the raw ones down),
  // and the threshold placed on the calibrated ones.
  const oof = crossValidate(set.genTrain, set.hand, cfg);
  const calibration = fitCalibration(set.hand, oof);
  const cv = bestThreshold(
    set.hand,
    oof.map((p, i) => calibrate(p, (set.hand[i] as Row).lang, calibration)),
  );
  const trained = fit(set.genTrain, set.hand, cfg);
  // What the file stores (hashed weights to 1e-3 keep it small; dense and bias to 1e-4), so that
  // every figure is that of the shipped model.
  for (let i = 0; i < FEATURE_DIM; i++) {
    const step = i < HASH_DIM ? 1e3 : 1e4;
    trained.weights[i] = Math.round((trained.weights[i] as number) * step) / step;
  }
  const bias = Math.round(trained.bias * 1e4) / 1e4;
  return {
    model: { version: MODEL_VERSION, threshold: cv.threshold, weights: trained.weights, bias, calibration },
    cv,
    calibration,
  };
}

function main(): void {
  const started = Date.now();
  const data = buildDataset();
  mkdirSync(join(root, 'data', 'generated'), { recursive: true });
  writeFileSync(
    join(root, 'data', 'generated', 'complaints.jsonl'),
    data.map((e) => JSON.stringify(e)).join('\n') + '\n',
  );
  const set = complaintRows(data);
  if (process.argv.includes('--cv')) {
    searchGrid(set.genTrain, set.hand);
    return;
  }
  if (CONFIG.hardNegativesPerSource > 0 && !datasetsDir()) {
    console.error(
      'train: ../shared/datasets not found (set WEBCARE_DATASETS); the model needs its hard negatives',
    );
    process.exit(1);
  }
  const { model, cv, calibration } = trainComplaintModel(CONFIG, set);
  const threshold = model.threshold;
  const test = data.filter((e) => e.split === 'test');
  const xTest = rows(test);
  const heldOut: Record<string, Scores> = {};
  for (const lang of ['en', 'nl'] as const) {
    const idx = test.map((e, i) => (e.lang === lang ? i : -1)).filter((i) => i >= 0);
    heldOut[lang] = scoreBinary(
      idx.map((i) => (test[i] as Example).label),
      idx.map((i) =>
        calibrate(predict(model, (xTest[i] as Row).x), lang, calibration) >= threshold ? 1 : 0,
      ),
    );
  }
  const hand = set.hand;
  const usedGen = generatedSubset(set.genTrain, CONFIG.generatedPerLang);
  const hard = hardNegatives(CONFIG.hardNegativesPerSource, CONFIG.hardSources);
  const hashed: Array<[number, number]> = [];
  for (let i = 0; i < HASH_DIM; i++) {
    const v = model.weights[i] as number;
    if (v !== 0) hashed.push([i, v]);
  }
  const dense = DENSE_FEATURES.map((_, i) => model.weights[HASH_DIM + i] as number);
  const file = {
    format: 'webcare-complaint-lr',
    version: MODEL_VERSION,
    hashBits: HASH_BITS,
    denseFeatures: DENSE_FEATURES,
    bias: model.bias,
    threshold,
    calibration,
    trainedOn: {
      examples: usedGen.length + hard.length + hand.length,
      complaints: [...usedGen, ...hand].filter((r) => r.y === 1).length,
      generated: usedGen.length,
      handwritten: hand.filter((r) => r.writer === undefined).length,
      writerBatches: hand.filter((r) => r.writer !== undefined).length,
      hardNegatives: hard.length,
      handWeight: CONFIG.handWeight,
      hardWeight: CONFIG.hardWeight,
      sources:
        'data/generated/complaints.jsonl (generated split=train, first generatedPerLang per language; all hand-written training files); the writer batches of data/annotation/ (agreed or gold lines; Reddit batches not used, redditWeight 0); hard negatives: neutral and positive rows of GoEmotions train, XED en and nl training splits (../shared/datasets, half with a brand handle in front); see docs/analysis.md',
      epochs: CONFIG.epochs,
      l2: CONFIG.l2,
      generatedPerLang: CONFIG.generatedPerLang,
      hardNegativesPerSource: CONFIG.hardNegativesPerSource,
      sha256: { ...fileHashes },
    },
    crossValidated: { folds: folds(hand), en: cv.en, nl: cv.nl },
    heldOut,
    dense,
    hashed,
  };
  writeFileSync(join(root, 'shared', 'analysis', 'model', 'complaint-v1.json'), JSON.stringify(file) + '\n');
  console.log(
    `trained on ${usedGen.length} generated + ${hard.length} hard negatives (weight ${CONFIG.hardWeight}) + ${hand.length} hand-written and writer-batch rows (weight ${CONFIG.handWeight} / ${CONFIG.annotatedWeight}), threshold ${threshold}, ${hashed.length} hashed weights, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`cross-validated hand-written + writer batches en: ${fmt(cv.en)}`);
  console.log(`cross-validated hand-written + writer batches nl: ${fmt(cv.nl)}`);
  for (const [name, s] of Object.entries(heldOut)) console.log(`held-out ${name}: ${fmt(s)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
