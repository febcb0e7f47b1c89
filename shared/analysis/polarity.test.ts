import { describe, expect, it } from 'vitest';
import { DENSE_FEATURES, HASH_BITS, HASH_DIM } from './features.ts';
import { defaultPolarityModel, fromBase64, loadPolarityModel, toBase64 } from './polarity.ts';
import type { PolarityModelFile } from './polarity.ts';
import { scoreMessage } from './score.ts';

function file(weights: Int16Array, scale: number): PolarityModelFile {
  const bytes = new Uint8Array(weights.buffer.slice(0));
  const head = { bias: 0.5, dense: DENSE_FEATURES.map(() => 0), scale, hashed16: toBase64(bytes) };
  const band = { alpha: 0.4, negative: -0.2, positive: 0.2 };
  return {
    format: 'webcare-polarity-lr',
    version: 1,
    hashBits: HASH_BITS,
    denseFeatures: [...DENSE_FEATURES],
    heads: { negative: head, positive: head },
    thresholds: { en: band, nl: band, other: band },
    trainedOn: {},
  };
}

describe('polarity model', () => {
  it('base64 round-trips every byte value and length', () => {
    for (let n = 0; n < 7; n++) {
      const bytes = Uint8Array.from({ length: 250 + n }, (_, i) => (i * 37 + n) & 0xff);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
  });
  it('loads 16-bit hashed weights with their scale, signs included', () => {
    const w = new Int16Array(HASH_DIM);
    w[0] = 32767;
    w[1] = -32768;
    w[HASH_DIM - 1] = -5;
    const m = loadPolarityModel(file(w, 0.001));
    expect(m.negative[0]).toBeCloseTo(32.767, 6);
    expect(m.negative[1]).toBeCloseTo(-32.768, 6);
    expect(m.positive[HASH_DIM - 1]).toBeCloseTo(-0.005, 9);
    expect(m.biasNegative).toBe(0.5);
  });
  it('refuses a model built for other features', () => {
    const f = file(new Int16Array(HASH_DIM), 1);
    expect(() => loadPolarityModel({ ...f, denseFeatures: ['x'] })).toThrow(/dense features/);
    expect(() => loadPolarityModel({ ...f, hashBits: 12 })).toThrow(/hash bits/);
  });
  it('the shipped model reads clear praise as positive and a complaint as negative, in both languages', () => {
    const m = defaultPolarityModel();
    expect(m.thresholds.en.alpha).toBeGreaterThanOrEqual(0);
    expect(
      scoreMessage({ id: 'a', text: 'thank you so much, the crew was wonderful and so kind' }).polarity,
    ).toBe('positive');
    expect(scoreMessage({ id: 'b', text: 'dank jullie wel, super geholpen, echt top!' }).polarity).toBe(
      'positive',
    );
    expect(
      scoreMessage({ id: 'c', text: '@KPN al 3 dagen geen internet en niemand reageert' }).polarity,
    ).toBe('negative');
  });
});
