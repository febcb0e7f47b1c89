import { describe, expect, it } from 'vitest';
import { conversationLocalId, messageLocalId } from '../../shared/domain/ids.ts';
import type { IngestMessage } from '../../shared/ingest/message.ts';
import { counterDeltas } from '../../shared/inbox/views.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { freshDbPerTest } from '../test/db.ts';
import { importedConversation } from '../test/ids.ts';
import { seedDemo } from './demo.ts';
import { importJsonlText } from './importExport.ts';
import { ensureLocalAccount, ingestBatch } from './ingest.ts';
import { writeTx } from './log.ts';
import { dispatch, withUnread } from './repo.ts';
import { WebcareDb } from './schema.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const testDb = freshDbPerTest('ingest');

function msg(remoteId: string, at: number, extra: Partial<IngestMessage> = {}): IngestMessage {
  return {
    remoteId,
    threadKey: null,
    inReplyTo: null,
    references: [],
    rfcMessageId: null,
    subject: null,
    direction: 'incoming',
    public: true,
    author: { id: 'u1', handle: 'fleur_bos', name: 'Fleur Bos', followers: 120, verified: false },
    text: `bericht ${remoteId}`,
    html: null,
    attachments: [],
    createdAt: at,
    lang: 'nl',
    metrics: null,
    brand: 'belnet',
    ...extra,
  };
}

async function account(channel: 'x' | 'mastodon' | 'email') {
  return writeTx(testDb(), () => ensureLocalAccount(testDb(), 'imported', channel, NOW));
}

async function counters(db: WebcareDb) {
  const fromRows: Record<string, number> = {};
  for (const c of await db.conversations.toArray())
    for (const [k, v] of counterDeltas(null, c)) fromRows[k] = (fromRows[k] ?? 0) + v;
  const stored = Object.fromEntries(
    (await db.counters.toArray())
      .filter((r) => r.value !== 0 && !r.key.startsWith('flags:'))
      .map((r) => [r.key, r.value]),
  );
  return { fromRows, stored };
}

describe('remote identity', () => {
  it('the same remote id on two channels is two messages, never a duplicate', async () => {
    const x = await account('x');
    const m = await account('mastodon');
    const a = await ingestBatch(
      testDb(),
      { accountId: x.id, source: 'sync', backfill: false, messages: [msg('1001', NOW)] },
      NOW,
    );
    const b = await ingestBatch(
      testDb(),
      { accountId: m.id, source: 'sync', backfill: false, messages: [msg('1001', NOW)] },
      NOW,
    );
    expect([a.added, b.added]).toEqual([1, 1]);
    expect(await testDb().messages.count()).toBe(2);
    expect(messageLocalId(x.id, '1001')).not.toBe(messageLocalId(m.id, '1001'));
    const again = await ingestBatch(
      testDb(),
      { accountId: x.id, source: 'sync', backfill: false, messages: [msg('1001', NOW)] },
      NOW,
    );
    expect(again).toMatchObject({ added: 0, skipped: 1, eventId: null });
  });

  it('the same line imported from two channels lands in two accounts (imports are per channel)', async () => {
    const line = (channel: string) =>
      JSON.stringify({
        id: '1001',
        channel,
        direction: 'incoming',
        public: true,
        author: { id: '7' },
        text: 'hoi',
        createdAt: '2026-11-24T09:00:00Z',
      });
    const r = await importJsonlText(testDb(), `${line('x')}\n${line('mastodon')}\n`, NOW);
    expect(r).toMatchObject({ imported: 2, skipped: 0 });
    expect((await testDb().messages.toArray()).map((m) => m.accountId).sort()).toEqual([
      'imported-mastodon',
      'imported-x',
    ]);
  });

  it('a page that overlaps what is stored adds only what is new, and stores the cursor with it', async () => {
    const x = await account('x');
    await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: false,
        messages: [msg('1', NOW), msg('2', NOW + 1)],
        cursor: 'c2',
      },
      NOW,
    );
    const r = await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: false,
        messages: [msg('2', NOW + 1), msg('3', NOW + 2), msg('3', NOW + 2)],
        cursor: 'c3',
      },
      NOW,
    );
    expect(r).toMatchObject({ added: 1, skipped: 2 });
    expect((await testDb().syncState.get(x.id))?.cursor).toBe('c3');
  });

  it('a failing page changes nothing: no messages, no counters, the old cursor', async () => {
    const x = await account('x');
    await ingestBatch(
      testDb(),
      { accountId: x.id, source: 'sync', backfill: false, messages: [msg('1', NOW)], cursor: 'c1' },
      NOW,
    );
    const before = await counters(testDb());
    testDb().messages.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(
      ingestBatch(
        testDb(),
        { accountId: x.id, source: 'sync', backfill: false, messages: [msg('2', NOW)], cursor: 'c2' },
        NOW,
      ),
    ).rejects.toThrow('disk full');
    expect(await testDb().messages.count()).toBe(1);
    expect((await testDb().syncState.get(x.id))?.cursor).toBe('c1');
    expect(await counters(testDb())).toEqual(before);
  });

  it('rejects what no source may send: empty or control-character ids, dates outside 1970–2100', async () => {
    const x = await account('x');
    const r = await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: false,
        messages: [
          msg('', NOW),
          msg('a\nb', NOW),
          msg('y0', Date.UTC(0, 0, 1) - 1e12),
          msg('y9999', Date.UTC(9999, 0, 1)),
          msg('ok', NOW),
        ],
      },
      NOW,
    );
    expect(r.added).toBe(1);
    expect(r.errors.map((e) => e.code)).toEqual(['invalid_id', 'invalid_id', 'invalid_date', 'invalid_date']);
  });

  it('a message dated in the future is dated when it arrived', async () => {
    const x = await account('x');
    await ingestBatch(
      testDb(),
      { accountId: x.id, source: 'sync', backfill: false, messages: [msg('f', NOW + DAY)] },
      NOW,
    );
    expect((await testDb().messages.toArray())[0]!.createdAt).toBe(NOW);
  });
});

describe('event time', () => {
  it('back-fill of an old message into a resolved conversation neither reopens it nor marks it unread', async () => {
    const x = await account('x');
    await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: false,
        messages: [msg('1', NOW - DAY, { threadKey: 't' })],
      },
      NOW - DAY,
    );
    const id = conversationLocalId(x.id, 't');
    await dispatch(testDb(), id, { type: 'resolve' }, 'me', NOW - HOUR);
    const c0 = (await testDb().conversations.get(id))!;
    await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: false,
        messages: [msg('old', Date.UTC(2025, 3, 1), { threadKey: 't' })],
      },
      NOW,
    );
    const c = (await testDb().conversations.get(id))!;
    expect(c).toMatchObject({
      status: 'resolved',
      waitingSince: null,
      incomingCount: c0.incomingCount,
      messageCount: 2,
    });
    expect((await withUnread(testDb(), 'me', [c]))[0]!.unread).toBe(0);
    // Marked back-fill, even a newer message is history.
    await ingestBatch(
      testDb(),
      { accountId: x.id, source: 'sync', backfill: true, messages: [msg('bf', NOW, { threadKey: 't' })] },
      NOW,
    );
    expect((await testDb().conversations.get(id))!.status).toBe('resolved');
    // Live and newer: news.
    await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: false,
        messages: [msg('new', NOW + MIN, { threadKey: 't' })],
      },
      NOW + MIN,
    );
    expect((await testDb().conversations.get(id))!).toMatchObject({
      status: 'open',
      waitingSince: NOW + MIN,
    });
  });

  it('a first sync of old history files answered threads as resolved and opens only waiting ones, all read', async () => {
    const x = await account('x');
    await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: true,
        messages: [
          msg('a1', NOW - 30 * DAY, { threadKey: 'answered' }),
          msg('a2', NOW - 30 * DAY + HOUR, {
            threadKey: 'answered',
            direction: 'outgoing',
            author: { id: 'brand', handle: 'belnet_nl', name: null, followers: null, verified: true },
          }),
          msg('w1', NOW - 2 * DAY, { threadKey: 'waiting' }),
        ],
      },
      NOW,
    );
    const answered = (await testDb().conversations.get(conversationLocalId(x.id, 'answered')))!;
    const waiting = (await testDb().conversations.get(conversationLocalId(x.id, 'waiting')))!;
    expect(answered.status).toBe('resolved');
    expect(waiting).toMatchObject({ status: 'open', waitingSince: NOW - 2 * DAY, incomingCount: 0 });
    expect((await withUnread(testDb(), 'me', [waiting]))[0]!.unread).toBe(0);
  });

  it('an older reply that arrives after a newer customer message does not make the customer look answered', async () => {
    const x = await account('x');
    const brand = { id: 'brand', handle: 'belnet_nl', name: null, followers: null, verified: true };
    await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: false,
        messages: [
          msg('q1', NOW - 2 * HOUR, { threadKey: 't' }),
          msg('q2', NOW - 30 * MIN, { threadKey: 't' }),
        ],
      },
      NOW,
    );
    await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: false,
        messages: [msg('r1', NOW - HOUR, { threadKey: 't', direction: 'outgoing', author: brand })],
      },
      NOW,
    );
    expect((await testDb().conversations.get(conversationLocalId(x.id, 't')))!).toMatchObject({
      waitingSince: NOW - 30 * MIN,
      lastDirection: 'incoming',
    });
  });
});

describe('threading', () => {
  it('replies join their parent, also when the reply arrives first', async () => {
    const x = await account('x');
    await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: false,
        messages: [msg('child', NOW, { inReplyTo: 'root' })],
      },
      NOW,
    );
    await ingestBatch(
      testDb(),
      { accountId: x.id, source: 'sync', backfill: false, messages: [msg('root', NOW - MIN)] },
      NOW,
    );
    await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: false,
        messages: [msg('grandchild', NOW + MIN, { inReplyTo: 'child' })],
      },
      NOW,
    );
    const convs = new Set((await testDb().messages.toArray()).map((m) => m.conversationId));
    expect(convs.size).toBe(1);
    const c = (await testDb().conversations.toArray())[0]!;
    expect(c.messageCount).toBe(3);
    // The parent link is a local id, so the radar and the thread view can follow it.
    const child = await testDb().messages.get(messageLocalId(x.id, 'grandchild'));
    expect(child?.inReplyTo).toBe(messageLocalId(x.id, 'child'));
  });

  it('private messages of one customer form one conversation per author', async () => {
    const x = await account('x');
    await ingestBatch(
      testDb(),
      {
        accountId: x.id,
        source: 'sync',
        backfill: false,
        messages: [
          msg('d1', NOW, { public: false }),
          msg('d2', NOW + MIN, { public: false }),
          msg('d3', NOW, {
            public: false,
            author: { id: 'u2', handle: null, name: null, followers: null, verified: false },
          }),
        ],
      },
      NOW,
    );
    expect(await testDb().conversations.count()).toBe(2);
  });

  it('email threads by Message-ID, In-Reply-To and References, else by subject and customer within two weeks', async () => {
    const e = await account('email');
    const mail = (id: string, at: number, extra: Partial<IngestMessage> = {}) =>
      msg(id, at, {
        rfcMessageId: id,
        public: false,
        subject: 'Bestelling KL-4419023',
        author: {
          id: 'james@example.com',
          handle: null,
          name: 'James',
          followers: null,
          verified: false,
          email: 'james@example.com',
        },
        ...extra,
      });
    await ingestBatch(
      testDb(),
      {
        accountId: e.id,
        source: 'sync',
        backfill: false,
        messages: [
          mail('<a@x>', NOW),
          mail('<b@x>', NOW + HOUR, {
            inReplyTo: '<a@x>',
            references: ['<a@x>'],
            subject: 'Re: Bestelling KL-4419023',
          }),
          mail('<c@x>', NOW + 2 * HOUR, {
            references: ['<a@x>', '<b@x>'],
            subject: 'AW: Re: bestelling kl-4419023',
          }),
          // No references, same subject and customer, three days later: the same thread.
          mail('<d@x>', NOW + 3 * DAY, { subject: 'RE: Bestelling KL-4419023' }),
          // Same subject, another customer: a thread of its own.
          mail('<e@x>', NOW + 3 * DAY, {
            author: { id: 'sam@example.com', handle: null, name: 'Sam', followers: null, verified: false },
          }),
          // Same subject and customer, but a month later: a new thread.
          mail('<f@x>', NOW + 30 * DAY),
        ],
      },
      NOW + 31 * DAY,
    );
    const byRemote = new Map((await testDb().messages.toArray()).map((m) => [m.remoteId, m.conversationId]));
    const thread = byRemote.get('<a@x>');
    expect(['<b@x>', '<c@x>', '<d@x>'].map((r) => byRemote.get(r))).toEqual([thread, thread, thread]);
    expect(byRemote.get('<e@x>')).not.toBe(thread);
    expect(byRemote.get('<f@x>')).not.toBe(thread);
    // The same mail seen again under another remote id (a UIDVALIDITY change): deduped on Message-ID.
    const r = await ingestBatch(
      testDb(),
      {
        accountId: e.id,
        source: 'sync',
        backfill: false,
        messages: [mail('99:7', NOW, { rfcMessageId: '<a@x>' })],
      },
      NOW + 31 * DAY,
    );
    expect(r).toMatchObject({ added: 0, skipped: 1 });
  });
});

describe('one writer', () => {
  it('two windows seeding the first run at the same moment seed once, with counters that match', async () => {
    const name = testDb().name;
    const second = new WebcareDb(name);
    await second.open();
    const results = await Promise.all([
      seedDemo(testDb(), DEFAULT_SETTINGS, NOW, 'en', 200),
      seedDemo(second, DEFAULT_SETTINGS, NOW, 'en', 200),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await testDb().conversations.count()).toBe(200);
    expect((await testDb().counters.get('all'))?.value).toBe(200);
    const { fromRows, stored } = await counters(testDb());
    expect(stored).toEqual(fromRows);
    second.close();
  });
});

describe('import ids', () => {
  it('an imported conversation is found under its thread key', async () => {
    await importJsonlText(
      testDb(),
      JSON.stringify({
        id: 'i1',
        channel: 'x',
        conversationId: 'c-42',
        direction: 'incoming',
        public: true,
        author: { id: '7' },
        text: 'hoi',
        createdAt: '2026-11-24T09:00:00Z',
      }),
      NOW,
    );
    expect(await testDb().conversations.get(importedConversation('c-42'))).toMatchObject({
      threadKey: 'c-42',
    });
  });
});
