import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openInboxDb } from './open.ts';
import {
  DB_VERSION,
  SCHEMA_V1,
  SCHEMA_V2_CHANGES,
  SCHEMA_V3_CHANGES,
  SCHEMA_V4_CHANGES,
  SCHEMA_V5_CHANGES,
  WebcareDb,
} from './schema.ts';
import { rollupKey } from '../../shared/dashboard/rollups.ts';
import { importJsonlText } from './importExport.ts';
import { withUnread } from './repo.ts';

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

  it('version 3 rows move into local accounts with remote ids, event-time fields and per-agent reads', async () => {
    const name = `upgrade-v3-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    old.version(2).stores(SCHEMA_V2_CHANGES);
    old.version(3).stores(SCHEMA_V3_CHANGES);
    await old.open();
    const T = Date.UTC(2026, 10, 20, 9, 0);
    await old.table('authors').bulkPut([
      {
        id: 'x:1001',
        channel: 'x',
        handle: 'fleur_bos',
        name: 'Fleur',
        followers: 10,
        verified: false,
        firstSeenAt: T,
        lastSeenAt: T,
        messageCount: 2,
        conversationCount: 1,
        demo: 0,
      },
      {
        id: 'x:demo-u1',
        channel: 'x',
        handle: 'demo',
        name: 'Demo',
        followers: 1,
        verified: false,
        firstSeenAt: T,
        lastSeenAt: T,
        messageCount: 1,
        conversationCount: 1,
        demo: 1,
      },
    ]);
    const conv = (id: string, extra: object) => ({
      id,
      channel: 'x',
      authorId: 'x:1001',
      subject: null,
      status: 'open',
      priority: 'normal',
      assignee: '',
      labels: [],
      snoozedUntil: null,
      waitingSince: T + 60_000,
      lastMessageAt: T + 60_000,
      snippet: 'nog niks',
      lastDirection: 'incoming',
      unread: 1,
      messageCount: 3,
      public: true,
      lang: 'nl',
      brand: 'belnet',
      demo: 0,
      searchTokens: ['internet'],
      ...extra,
    });
    await old.table('conversations').bulkPut([
      conv('c-42', {}),
      conv('demo-c-1', {
        demo: 1,
        authorId: 'x:demo-u1',
        unread: 0,
        status: 'resolved',
        waitingSince: null,
      }),
    ]);
    const m = (id: string, conversationId: string, direction: string, at: number, extra: object = {}) => ({
      id,
      conversationId,
      channel: 'x',
      direction,
      public: direction !== 'note',
      authorId: direction === 'incoming' ? 'x:1001' : 'agent:me',
      text: `${direction} ${id}`,
      createdAt: at,
      lang: 'nl',
      inReplyTo: null,
      metrics: null,
      brand: 'belnet',
      delivery: direction === 'outgoing' ? 'queued' : null,
      demo: 0,
      ...extra,
    });
    await old
      .table('messages')
      .bulkPut([
        m('x-1', 'c-42', 'incoming', T),
        m('local-reply', 'c-42', 'outgoing', T + 30_000),
        m('x-2', 'c-42', 'incoming', T + 60_000),
        m('demo-m-1', 'demo-c-1', 'incoming', T, { authorId: 'x:demo-u1', demo: 1 }),
      ]);
    await old.table('flags').bulkPut([
      {
        conversationId: 'c-42',
        risk: 70,
        threshold: 60,
        severity: 0.7,
        reasons: [],
        state: 'new',
        brand: 'belnet',
        channel: 'x',
        exposureSince: T,
        flaggedAt: T,
        updatedAt: T,
        escalatedAt: null,
        active: 1,
      },
    ]);
    await old.table('crises').put({
      id: 'crisis-belnet-storing',
      brand: 'belnet',
      topic: 'storing · internet',
      active: 1,
      startedAt: T + 120_000,
      endedAt: null,
      alertId: null,
      conversationIds: ['c-42'],
      timeline: [{ kind: 'first-mention', at: T, ref: 'x-1' }],
      autoRepliesPaused: true,
    });
    old.close();

    const db = new WebcareDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect((await db.accounts.toArray()).map((a) => [a.id, a.source]).sort()).toEqual([
      ['demo-x', 'demo'],
      ['imported-x', 'imported'],
    ]);
    expect(await db.messages.get('x-1')).toMatchObject({
      accountId: 'imported-x',
      remoteId: 'x-1',
      rfcMessageId: null,
    });
    expect(await db.messages.get('local-reply')).toMatchObject({ remoteId: null });
    expect(await db.messages.get('demo-m-1')).toMatchObject({ accountId: 'demo-x' });
    const c = (await db.conversations.get('c-42'))!;
    expect(c).toMatchObject({
      accountId: 'imported-x',
      threadKey: 'c-42',
      version: 0,
      incomingCount: 2,
      lastIncomingId: 'x-2',
      customerSnippet: 'incoming x-2',
      lastOutgoingAt: T + 30_000,
      lastMessageId: 'x-2',
      statusAt: 0,
    });
    expect(c).not.toHaveProperty('unread');
    // The old shared unread count is what every agent sees until they read it themselves.
    expect((await withUnread(db, 'anyone', [c]))[0]!.unread).toBe(1);
    expect(await db.authors.get('x:1001')).toMatchObject({ accountId: 'imported-x' });
    expect(await db.counters.get('flags:new')).toMatchObject({ value: 1 });
    expect(await db.crises.get('crisis-belnet-storing')).toMatchObject({
      since: T,
      terms: ['storing', 'internet'],
    });
    // The new indexes answer: a re-import of the old file adds nothing, a new message joins the thread.
    const line = (id: string, at: number) =>
      JSON.stringify({
        id,
        channel: 'x',
        conversationId: 'c-42',
        direction: 'incoming',
        public: true,
        author: { id: '1001' },
        text: 'nog steeds niks',
        createdAt: new Date(at).toISOString(),
      });
    expect((await importJsonlText(db, line('x-1', T), T + 3_600_000)).imported).toBe(0);
    expect((await importJsonlText(db, line('x-3', T + 90_000), T + 3_600_000)).imported).toBe(1);
    expect((await db.conversations.get('c-42'))!.messageCount).toBe(4);
    await db.delete();
  });

  it('version 4 inboxes get their dashboard rollups, response facts and author stats at version 5', async () => {
    const name = `upgrade-v4-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    old.version(2).stores(SCHEMA_V2_CHANGES);
    old.version(3).stores(SCHEMA_V3_CHANGES);
    old.version(4).stores(SCHEMA_V4_CHANGES);
    await old.open();
    const H = Date.UTC(2026, 10, 20, 9, 0);
    const base = {
      conversationId: 'c1',
      accountId: 'imported-x',
      rfcMessageId: null,
      channel: 'x',
      public: true,
      lang: 'nl',
      inReplyTo: null,
      metrics: null,
      brand: 'belnet',
      demo: 0,
    };
    await old.table('messages').bulkPut([
      {
        ...base,
        id: 'm1',
        remoteId: 'm1',
        direction: 'incoming',
        authorId: 'x:1',
        text: 'Al drie dagen geen internet, schandalig!',
        createdAt: H + 60_000,
        delivery: null,
      },
      {
        ...base,
        id: 'r1',
        remoteId: 'r1',
        direction: 'outgoing',
        authorId: 'me',
        text: 'Sorry! We kijken ernaar.',
        createdAt: H + 31 * 60_000,
        delivery: 'sent',
      },
      {
        ...base,
        id: 'm2',
        remoteId: 'm2',
        direction: 'incoming',
        authorId: 'x:1',
        text: 'Top, het werkt weer, dank jullie wel!',
        createdAt: H + 3_600_000,
        delivery: null,
      },
    ]);
    await old.table('conversations').put({
      id: 'c1',
      accountId: 'imported-x',
      threadKey: 'c1',
      channel: 'x',
      authorId: 'x:1',
      status: 'open',
      assignee: '',
      lastMessageAt: H + 3_600_000,
      demo: 0,
      searchTokens: [],
    });
    old.close();

    const db = new WebcareDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.rollups.get(rollupKey(H, 'x', 'belnet', 0))).toMatchObject({
      incoming: 1,
      outgoing: 1,
      complaints: 1,
      responded: 1,
      responseMs: 30 * 60_000,
      withinTarget: 1,
    });
    expect(await db.rollups.get(rollupKey(H + 3_600_000, 'x', 'belnet', 0))).toMatchObject({
      incoming: 1,
      praise: 1,
    });
    expect(await db.responseFacts.get('c1')).toMatchObject({
      firstIncomingAt: H + 60_000,
      respondedAt: H + 31 * 60_000,
    });
    expect(await db.authorStats.get('x:1')).toMatchObject({
      status: 'converted',
      complaints: 1,
      lastContactAt: H + 31 * 60_000,
    });
    expect((await db.meta.get('author-status-counts'))?.value).toEqual({ '0:converted': 1 });
    await db.delete();
  });

  it('version 5 inboxes get the demo counter at version 6, counted once from the rows', async () => {
    const name = `upgrade-v5-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    old.version(2).stores(SCHEMA_V2_CHANGES);
    old.version(3).stores(SCHEMA_V3_CHANGES);
    old.version(4).stores(SCHEMA_V4_CHANGES);
    old.version(5).stores(SCHEMA_V5_CHANGES);
    await old.open();
    const conv = (id: string, demo: 0 | 1) => ({
      id,
      accountId: demo ? 'demo-x' : 'imported-x',
      threadKey: id,
      channel: 'x',
      authorId: `x:${id}`,
      status: 'open',
      assignee: '',
      lastMessageAt: 1,
      demo,
      searchTokens: [],
    });
    await old.table('conversations').bulkPut([conv('d1', 1), conv('d2', 1), conv('d3', 1), conv('r1', 0)]);
    await old.table('counters').bulkPut([
      { key: 'all', value: 4 },
      { key: 'status:open', value: 4 },
    ]);
    old.close();

    const db = new WebcareDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.counters.get('demo')).toEqual({ key: 'demo', value: 3 });
    // The other counters are left as they were.
    expect(await db.counters.get('all')).toEqual({ key: 'all', value: 4 });
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
