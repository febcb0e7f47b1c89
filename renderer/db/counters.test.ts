import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { freshDbPerTest } from '../test/db.ts';
import { checkCounters } from './counters.ts';
import { removeDemo, seedDemo } from './demo.ts';
import { applyCounterDeltas } from './project.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0);
const testDb = freshDbPerTest('counters');

describe('counters self-check', () => {
  it('finds nothing to repair after normal work', async () => {
    await seedDemo(testDb(), DEFAULT_SETTINGS, NOW, 'en', 100);
    expect(await checkCounters(testDb())).toEqual([]);
  });

  it('the demo counter follows the demo inbox: seeded, then removed', async () => {
    await seedDemo(testDb(), DEFAULT_SETTINGS, NOW, 'en', 100);
    expect((await testDb().counters.get('demo'))?.value).toBe(100);
    expect((await testDb().counters.get('demo'))?.value).toBe(
      await testDb().conversations.where('demo').equals(1).count(),
    );
    await removeDemo(testDb(), NOW + 1);
    expect((await testDb().counters.get('demo'))?.value ?? 0).toBe(0);
    expect(await checkCounters(testDb())).toEqual([]);
  });

  it('never clamps: drift is recorded, and the check repairs it and says what it repaired', async () => {
    await seedDemo(testDb(), DEFAULT_SETTINGS, NOW, 'en', 100);
    const open = (await testDb().counters.get('status:open'))!.value;
    // A bug (or a second writer) subtracts more than there is.
    await testDb().transaction('rw', [testDb().counters, testDb().meta], async () =>
      applyCounterDeltas(
        testDb(),
        new Map([
          ['status:open', -(open + 5)],
          ['all', 3],
        ]),
      ),
    );
    expect((await testDb().counters.get('status:open'))!.value).toBe(-5);
    expect((await testDb().meta.get('counters-drift'))?.value).toBe(true);
    const repairs = await checkCounters(testDb());
    expect(repairs).toEqual([
      { key: 'all', stored: 103, actual: 100 },
      { key: 'status:open', stored: -5, actual: open },
    ]);
    expect((await testDb().counters.get('status:open'))!.value).toBe(open);
    expect(await testDb().meta.get('counters-drift')).toBeUndefined();
  });
});
