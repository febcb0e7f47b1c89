/**
 * The polarity model: two logistic-regression heads (negative vs rest, positive vs rest) over the
 * complaint model's features (`features.ts`), trained on openly licensed human-written text
 * (GoEmotions, XED; `scripts/train-polarity.ts`), with decision thresholds per language. Weights
 * live in `model/polarity-v1.json`.
 */
import { DENSE_FEATURES, FEATURE_DIM, HASH_BITS, HASH_DIM, denseDot, hashedDot } from './features.ts';
import type { MessageSignals } from './signals.ts';
import type { AnalysisLang } from './text.ts';
import modelFile from './model/polarity-v1.json';

/**
 * One head. The hashed weights are dense (every bucket is used by ~60k training rows), so they
 * are stored as 16-bit integers × `scale`, little-endian, base64: 175 KB per head instead of
 * ~900 KB of JSON pairs, at a rounding error below 1e-4.
 */
interface HeadFile {
  bias: number;
  dense: number[];
  scale: number;
  hashed16: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 → bytes without Buffer or atob (shared/ runs everywhere). */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = B64.indexOf(clean[i] as string);
    if (v < 0) throw new Error('invalid base64 in polarity model');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Bytes → base64 (used by the training script). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = i + 1 < bytes.length ? (bytes[i + 1] as number) : 0;
    const c = i + 2 < bytes.length ? (bytes[i + 2] as number) : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63] as string;
    out += B64[(n >> 12) & 63] as string;
    out += i + 1 < bytes.length ? (B64[(n >> 6) & 63] as string) : '=';
    out += i + 2 < bytes.length ? (B64[n & 63] as string) : '=';
  }
  return out;
}

/**
 * Per language: the weight of the heads, p(positive) − p(negative), against the lexicon rule in
 * the blended sentiment, and the band on it (negative at or below `negative`, positive at or
 * above `positive`).
 */
export interface PolarityThresholds {
  alpha: number;
  negative: number;
  positive: number;
}

export interface PolarityModelFile {
  format: 'webcare-polarity-lr';
  version: number;
  hashBits: number;
  denseFeatures: string[];
  heads: { negative: HeadFile; positive: HeadFile };
  thresholds: Record<'en' | 'nl' | 'other', PolarityThresholds>;
  trainedOn: Record<string, unknown>;
}

export interface PolarityModel {
  negative: Float64Array;
  positive: Float64Array;
  biasNegative: number;
  biasPositive: number;
  thresholds: Record<'en' | 'nl' | 'other', PolarityThresholds>;
}

function head(file: HeadFile): Float64Array {
  const w = new Float64Array(FEATURE_DIM);
  const bytes = fromBase64(file.hashed16);
  if (bytes.length !== 2 * HASH_DIM && bytes.length !== 0)
    throw new Error('polarity model has the wrong number of hashed weights');
  for (let i = 0; i < bytes.length; i += 2) {
    const u = (bytes[i] as number) | ((bytes[i + 1] as number) << 8);
    w[i >> 1] = (u >= 0x8000 ? u - 0x10000 : u) * file.scale;
  }
  file.dense.forEach((v, i) => {
    w[HASH_DIM + i] = v;
  });
  return w;
}

/** Loads and checks a polarity model file; throws when it was built for other features. */
export function loadPolarityModel(file: PolarityModelFile): PolarityModel {
  if (file.format !== 'webcare-polarity-lr') throw new Error(`unknown model format ${String(file.format)}`);
  if (file.hashBits !== HASH_BITS)
    throw new Error(`model has ${file.hashBits} hash bits, code expects ${HASH_BITS}`);
  if (file.denseFeatures.join(',') !== DENSE_FEATURES.join(','))
    throw new Error('polarity model dense features differ from the code');
  return {
    negative: head(file.heads.negative),
    positive: head(file.heads.positive),
    biasNegative: file.heads.negative.bias,
    biasPositive: file.heads.positive.bias,
    thresholds: file.thresholds,
  };
}

/** No heads, band ±0.2: the lexicon rule alone, i.e. the polarity of the product before these heads. */
export function lexiconRuleModel(): PolarityModel {
  const band = { alpha: 0, negative: -0.2, positive: 0.2 };
  return {
    negative: new Float64Array(FEATURE_DIM),
    positive: new Float64Array(FEATURE_DIM),
    biasNegative: 0,
    biasPositive: 0,
    thresholds: { en: band, nl: band, other: band },
  };
}

let cached: PolarityModel | null = null;

/** The shipped polarity model, loaded once. */
export function defaultPolarityModel(): PolarityModel {
  cached ??= loadPolarityModel(modelFile as unknown as PolarityModelFile);
  return cached;
}

/** Log-odds of the two heads: [negative, positive]. */
export function polarityLogits(sig: MessageSignals, model: PolarityModel): [number, number] {
  const tokens = sig.norm.tokens;
  const zn = model.biasNegative + hashedDot(tokens, model.negative) + denseDot(sig, model.negative);
  const zp = model.biasPositive + hashedDot(tokens, model.positive) + denseDot(sig, model.positive);
  return [zn, zp];
}

export function thresholdsFor(model: PolarityModel, lang: AnalysisLang): PolarityThresholds {
  return lang === 'nl' ? model.thresholds.nl : lang === 'en' ? model.thresholds.en : model.thresholds.other;
}
