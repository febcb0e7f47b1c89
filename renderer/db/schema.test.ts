import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openInboxDb } from './open.ts';
import { DB_VERSION, SCHEMA_V1, WebcareDb } from './schema.ts';

const V1_STORES = SCHEMA_V1;

describe('database schema upgrades', () => {
  it('version 1 rows get search words when the database opens at version 2', async () => {
    const name = `upgrade-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    await old.open();
    await old.table('authors').put({
      id: 'x:1',
      channel: 'x',
      handle: 'fleur_bos',
      name: 'Fleur Bós',
      followers: 10,
      verified: false,
      demo: 0,
    });
    await old.table('conversations').put({
      id: 'c1',
      channel: 'x',
      authorId: 'x:1',
      subject: 'Storing in Utrecht',
      status: 'open',
      assignee: '',
      snippet: 'Al 3 weken geen internet',
      lastMessageAt: 1,
      demo: 0,
    });
    old.close();

    const db = new WebcareDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    const c = await db.conversations.get('c1');
    expect(c?.searchTokens).toEqual(
      expect.arrayContaining(['storing', 'utrecht', 'internet', 'fleur', 'bos']),
    );
    // The new multi-entry index answers prefix queries.
    expect(await db.conversations.where('searchTokens').startsWith('utr').primaryKeys()).toEqual(['c1']);
    await db.delete();
  });

  it('refuses to open data written by a newer version, and says which', async () => {
    const name = `newer-${Math.random()}`;
    const future = new Dexie(name);
    future.version(DB_VERSION + 5).stores({ ...V1_STORES, extra: 'id' });
    await future.open();
    future.close();
    const r = await openInboxDb(name);
    expect(r).toMatchObject({ ok: false, reason: 'newer' });
    if (!r.ok && r.reason === 'newer') expect(r.found).toBeGreaterThan(DB_VERSION);
    await Dexie.delete(name);
  });
});
