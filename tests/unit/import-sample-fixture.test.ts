import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonl } from '../../shared/interchange/jsonl.ts';

// The e2e import tests rely on this fixture's shape; this keeps it and its README honest.
describe('tests/fixtures/import-sample.jsonl', () => {
  it('has 7 good lines and the 5 documented errors', () => {
    const text = readFileSync(new URL('../fixtures/import-sample.jsonl', import.meta.url), 'utf8');
    const r = parseJsonl(text);
    expect(r.total).toBe(12);
    expect(r.messages).toHaveLength(7);
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [8, 'invalid_json'],
      [9, 'missing_field'],
      [10, 'invalid_field'],
      [11, 'invalid_field'],
      [12, 'duplicate_id'],
    ]);
    expect(new Set(r.messages.map((m) => m.lang ?? 'none'))).toEqual(new Set(['nl', 'en', 'none']));
  });
});
