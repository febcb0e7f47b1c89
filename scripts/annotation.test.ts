import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotatedBatches, loadBatch } from './annotation.ts';

describe('annotated batches', () => {
  it('uses the gold file when there is one, else only the lines on which A and B agree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'annot-'));
    writeFileSync(
      join(dir, 'nl-w7-001.tsv'),
      'w7-1\tnl\tmijn pakket is weer niet bezorgd\nw7-2\tnl\twat zijn jullie openingstijden?\nw7-3\tnl\tregel 1\\nregel 2\n',
    );
    writeFileSync(join(dir, 'nl-w7-001.A.tsv'), 'w7-1\t1\tnegative\nw7-2\t0\tneutral\nw7-3\t0\tneutral\n');
    writeFileSync(join(dir, 'nl-w7-001.B.tsv'), 'w7-1\t1\tnegative\nw7-2\t1\tneutral\nw7-3\t0\tneutral\n');
    expect(annotatedBatches(dir)).toEqual(['nl-w7-001']);
    const agreed = loadBatch('nl-w7-001', dir);
    expect(agreed.map((r) => r.id)).toEqual(['w7-1', 'w7-3']);
    expect(agreed[0]).toMatchObject({ writer: 'w7', lang: 'nl', complaint: 1, gold: false });
    expect(agreed[1]?.text).toBe('regel 1\nregel 2');

    writeFileSync(
      join(dir, 'nl-w7-001.gold.tsv'),
      'w7-1\t1\tnegative\t\nw7-2\t0\tneutral\ta question, no breach\nw7-3\t0\tneutral\t\n',
    );
    const gold = loadBatch('nl-w7-001', dir);
    expect(gold.map((r) => [r.id, r.complaint, r.gold])).toEqual([
      ['w7-1', 1, true],
      ['w7-2', 0, true],
      ['w7-3', 0, true],
    ]);
  });
});
