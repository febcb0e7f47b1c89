import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { freshDbPerTest } from '../test/db.ts';
import { seedDemo } from './demo.ts';
import { replay } from './log.ts';
import { importWatchlist, watchAuthor } from './relations.ts';
import { WebcareDb } from './schema.ts';

const T = Date.UTC(2026, 11, 1, 9, 0);
const testDb = freshDbPerTest('relations');

describe('watchlist CSV import', () => {
  it('puts matching authors on their lists in one go, keeps owners, and lists unknown handles by line', async () => {
    const db = testDb();
    await seedDemo(db, DEFAULT_SETTINGS, T, 'nl', 60);
    const all = (await db.authors.toArray()).filter((a) => a.handle);
    const uses = new Map<string, number>();
    for (const x of all) uses.set(x.handle!.toLowerCase(), (uses.get(x.handle!.toLowerCase()) ?? 0) + 1);
    // Handles that one author has (a handle used on two channels is two authors, both watched).
    const [a, b] = all.filter((x) => uses.get(x.handle!.toLowerCase()) === 1);
    await watchAuthor(db, b!.id, { list: 'influencer', owner: 'marloes' }, 'marloes', T);
    const csv = [
      'handle,list,owner',
      `@${a!.handle!.toUpperCase()},pers,`,
      `${b!.handle},VIP,`,
      'niemand_hier,press,',
      `${a!.handle},lobby,`,
    ].join('\n');
    const report = await importWatchlist(db, csv, 'me', T + 1000);
    expect(report).toEqual({
      added: 1,
      updated: 1,
      errors: [
        { line: 4, code: 'unknown-author', value: 'niemand_hier' },
        { line: 5, code: 'unknown-list', value: 'lobby' },
      ],
    });
    expect(await db.watchlist.get(a!.id)).toMatchObject({ list: 'press', owner: 'me', addedAt: T + 1000 });
    // Already watched: the new list, the owner they had, the date they were first added.
    expect(await db.watchlist.get(b!.id)).toMatchObject({ list: 'vip', owner: 'marloes', addedAt: T });

    // Written as events: replaying the log rebuilds the same watchlist.
    const copy = new WebcareDb(`relations-replay-${Math.random()}`);
    await copy.open();
    try {
      await replay(copy, await db.log.orderBy('seq').toArray());
      expect(await copy.watchlist.orderBy('authorId').toArray()).toEqual(
        await db.watchlist.orderBy('authorId').toArray(),
      );
    } finally {
      await copy.delete();
    }
  });

  it('a file without the columns changes nothing and says what it found', async () => {
    const db = testDb();
    await seedDemo(db, DEFAULT_SETTINGS, T, 'nl', 20);
    const report = await importWatchlist(db, 'naam;volgers\nkees;10\n', 'me', T);
    expect(report).toEqual({
      added: 0,
      updated: 0,
      errors: [{ line: 1, code: 'missing-columns', value: 'naam, volgers' }],
    });
    expect(await db.watchlist.count()).toBe(0);
  });
});
