/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) with the helpers the
 * demo generator needs. Not for anything secret: it exists so that the same seed gives the same
 * inbox on every machine and in every test.
 */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A uniformly chosen element; throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** An element chosen with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Normally distributed number (Box–Muller). */
  normal(mean: number, stdDev: number): number;
  /** exp(normal(mu, sigma)): long-tailed values such as follower counts. */
  lognormal(mu: number, sigma: number): number;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** A new generator derived from this one's next output and a label; streams stay independent. */
  fork(label: string): Random;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a hash of a string, for turning labels into seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates a seeded generator. Any finite number works as a seed; the same seed gives the same sequence. */
export function createRandom(seed: number): Random {
  const init = splitmix32(Math.floor(seed) ^ 0x5bd1e995);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  // Discard the first outputs: sfc32 needs a few rounds to mix a weak seed.
  for (let i = 0; i < 12; i++) nextU32();

  let spareNormal: number | null = null;
  const rnd: Random = {
    next: () => nextU32() / 4294967296,
    int: (min, max) => min + Math.floor(rnd.next() * (max - min + 1)),
    chance: (p) => rnd.next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(rnd.next() * items.length)] as T;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = rnd.next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    normal(mean, stdDev) {
      if (spareNormal !== null) {
        const v = spareNormal;
        spareNormal = null;
        return mean + stdDev * v;
      }
      let u = 0;
      while (u === 0) u = rnd.next();
      const v = rnd.next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return mean + stdDev * r * Math.cos(2 * Math.PI * v);
    },
    lognormal: (mu, sigma) => Math.exp(rnd.normal(mu, sigma)),
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(rnd.next() * (i + 1));
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
    fork: (label) => createRandom((nextU32() ^ hashString(label)) >>> 0),
  };
  return rnd;
}

/**
 * Mulberry32, a one-line-state seeded generator: uniform floats in [0, 1). The simulator, the
 * training-set builder and the benchmark inputs use it (their figures depend on its exact
 * sequence); the demo inbox uses `createRandom`.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
