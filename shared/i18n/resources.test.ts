import { describe, expect, it } from 'vitest';
import { NAMESPACES, resources } from './resources.ts';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(text: string): string[] {
  // `{{count, number}}` is the placeholder `count` with i18next's number format.
  return [...text.matchAll(/{{\s*(\w+)\s*(?:,[^}]*)?}}/g)].map((m) => m[1]!).sort();
}

function lookup(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

describe('translations', () => {
  for (const ns of NAMESPACES) {
    it(`nl and en have the same keys in ${ns}`, () => {
      expect(keys(resources.nl[ns]).sort()).toEqual(keys(resources.en[ns]).sort());
    });

    it(`nl and en use the same placeholders in ${ns}`, () => {
      for (const key of keys(resources.en[ns])) {
        const en = lookup(resources.en[ns], key);
        const nl = lookup(resources.nl[ns], key);
        if (typeof en === 'string' && typeof nl === 'string')
          expect({ key, p: placeholders(nl) }).toEqual({ key, p: placeholders(en) });
      }
    });

    it(`no empty strings in ${ns}`, () => {
      for (const lang of ['nl', 'en'] as const) {
        for (const key of keys(resources[lang][ns]))
          expect({ lang, key, v: lookup(resources[lang][ns], key) }).not.toMatchObject({ v: '' });
      }
    });
  }
});
