/**
 * Feature extraction for the complaint model: hashed word uni/bigrams and character 3/4-grams
 * (which catch Dutch compounds such as "internetstoring") plus the named signals as dense features.
 * Hashing is FNV-1a over char codes, computed without building substrings.
 */
import { SIGNAL_CODES } from './signals.ts';
import type { MessageSignals } from './signals.ts';

export const HASH_BITS = 16;
export const HASH_DIM = 1 << HASH_BITS;
const MASK = HASH_DIM - 1;

/** Dense features after the hashed block, in this order. */
export const DENSE_FEATURES: readonly string[] = [
  ...SIGNAL_CODES,
  'lang.nl',
  'lang.en',
  'len.short',
  'len.long',
  'has.url',
  'has.mention',
  'has.question',
];
export const FEATURE_DIM = HASH_DIM + DENSE_FEATURES.length;

export interface SparseFeatures {
  idx: number[];
  val: number[];
}

function fnvStr(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

const SEED_WORD = 2166136261;
const SEED_BIGRAM = 0x9e3779b1;
const SEED_CHAR = 0x85ebca6b;

function squash(v: number): number {
  return v >= 0 ? Math.log1p(v) : -Math.log1p(-v);
}

/** Builds the sparse feature vector of a message from its signals (no second normalization). */
export function featurize(sig: MessageSignals): SparseFeatures {
  const idx: number[] = [];
  const val: number[] = [];
  const tokens = sig.norm.tokens;
  let prev = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const h = fnvStr(t, SEED_WORD);
    idx.push(h & MASK);
    val.push(1);
    if (i > 0) {
      idx.push((Math.imul(prev ^ SEED_BIGRAM, 31) + h) & MASK);
      val.push(1);
    }
    prev = h;
    // Character 3- and 4-grams of the word with boundary marks (code 1), skipping placeholders.
    if (t.length >= 3 && t.length <= 30 && !t.startsWith('emo_')) {
      const n = t.length + 2;
      for (let g = 3; g <= 4; g++) {
        for (let s = 0; s + g <= n; s++) {
          let ch = SEED_CHAR ^ g;
          for (let k = s; k < s + g; k++) {
            const c = k === 0 || k === n - 1 ? 1 : t.charCodeAt(k - 1);
            ch ^= c;
            ch = Math.imul(ch, 16777619);
          }
          idx.push((ch >>> 0) & MASK);
          val.push(0.5);
        }
      }
    }
  }
  const scale = 1 / Math.sqrt(Math.max(1, tokens.length));
  for (let i = 0; i < val.length; i++) val[i] = (val[i] as number) * scale;

  let d = HASH_DIM;
  for (const code of SIGNAL_CODES) {
    const v = sig.values[code];
    if (v !== 0) {
      idx.push(d);
      val.push(squash(v));
    }
    d++;
  }
  const dense = [
    sig.lang === 'nl' ? 1 : 0,
    sig.lang === 'en' ? 1 : 0,
    tokens.length <= 6 ? 1 : 0,
    tokens.length >= 30 ? 1 : 0,
    sig.norm.urls > 0 ? 1 : 0,
    sig.norm.mentions.length > 0 ? 1 : 0,
    sig.norm.questionMarks > 0 ? 1 : 0,
  ];
  for (const v of dense) {
    if (v !== 0) {
      idx.push(d);
      val.push(v);
    }
    d++;
  }
  return { idx, val };
}
