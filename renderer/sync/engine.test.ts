import { describe, expect, it } from 'vitest';
import type { AccountInfo, FetchPageResponse } from '../../shared/channels/schemas.ts';
import type { IngestMessage } from '../../shared/ingest/message.ts';
import { freshDbPerTest } from '../test/db.ts';
import { commitPage, startSync, type AccountsFeed } from './engine.ts';
import { ACCOUNT, accountInfo, connectAccount, fakeApi, mail } from './testkit.ts';

const NOW = Date.UTC(2026, 11, 1, 10, 0);
const testDb = freshDbPerTest('sync');

/** A mailbox in "main": the cursor is the number of messages handed over. */
function mailbox(messages: IngestMessage[], backfillUpTo: number, pageSize = 2) {
  return (cursor: string | null): FetchPageResponse => {
    const from = cursor === null ? 0 : Number(cursor);
    const page = messages.slice(from, from + pageSize);
    const to = from + page.length;
    return {
      status: 'page',
      messages: page,
      nextCursor: String(to),
      backfill: from < backfillUpTo,
      done: to >= messages.length,
      progress: { fetched: to, remaining: messages.length - to },
    };
  };
}

function feed(list: AccountInfo[]): AccountsFeed & { set(next: AccountInfo[]): void } {
  let accounts = list;
  const listeners = new Set<() => void>();
  return {
    get: () => accounts,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(next) {
      accounts = next;
      for (const l of listeners) l();
    },
  };
}

async function until(check: () => Promise<boolean>, ms = 5_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('sync engine', () => {
  it('pulls every page after the stored cursor, back-fill first, and wakes on push', async () => {
    const db = testDb();
    const history = [1, 2, 3].map((i) => mail(`h${i}@x`, NOW - (10 - i) * 3_600_000));
    const all = [...history];
    const serve = mailbox(all, 3);
    const { api, calls, emit } = fakeApi({ 'sync:fetch-page': (r) => serve(r.cursor) });
    const pages: boolean[] = [];
    const engine = startSync({
      db,
      api,
      accounts: feed([accountInfo()]),
      now: () => NOW,
      onPage: (_id, _report, page) => pages.push(page.backfill),
    });
    await until(async () => (await db.syncState.get(ACCOUNT))?.cursor === '3');
    expect(await db.messages.count()).toBe(3);
    expect(pages).toEqual([true, true]);
    // Back-fill is history: nothing opened as unread news.
    expect((await db.accounts.get(ACCOUNT))!.source).toBe('connected');
    const c = await db.conversations.toCollection().first();
    expect(c!.messageCount).toBe(3);

    // New mail: main's IDLE watcher wakes the loop; the page is live traffic.
    all.push(
      mail('live@x', NOW - 1000, {
        subject: 'Nieuwe vraag',
        author: { ...history[0]!.author, id: 'b@x', email: 'b@x' },
      }),
    );
    emit('sync:wake', { accountId: ACCOUNT, reason: 'push' });
    await until(async () => (await db.syncState.get(ACCOUNT))?.cursor === '4');
    engine.stop();
    expect(pages).toEqual([true, true, false]);
    const live = await db.messages.where('[accountId+remoteId]').equals([ACCOUNT, 'live@x']).first();
    const conv = await db.conversations.get(live!.conversationId);
    expect(conv!.status).toBe('open');
    expect(calls.every((c) => (c.request as { accountId: string }).accountId === ACCOUNT)).toBe(true);
  });

  it('a crash between fetch and commit re-fetches from the old cursor: nothing lost, nothing twice', async () => {
    const db = testDb();
    await connectAccount(db, NOW);
    const messages = [1, 2, 3, 4].map((i) => mail(`m${i}@x`, NOW - i * 60_000));
    const serve = mailbox(messages, 0, 3);
    // First run: page 0..3 fetched, the window dies before the commit (nothing committed).
    serve(null);
    // Restart: the stored cursor is still null, the same page comes again and is committed.
    const page1 = serve(null) as Extract<FetchPageResponse, { status: 'page' }>;
    expect((await commitPage(db, ACCOUNT, null, page1, NOW))!.added).toBe(3);
    // A page fetched after a cursor that has moved meanwhile is not committed (a stale loop).
    expect(await commitPage(db, ACCOUNT, null, page1, NOW)).toBeNull();
    // An overlapping page (main re-sent what we had, e.g. after UIDVALIDITY changed) adds only what is new.
    const overlap = { messages: messages.slice(1), nextCursor: '4', backfill: false };
    const report = await commitPage(db, ACCOUNT, '3', overlap, NOW);
    expect(report).toMatchObject({ added: 1, skipped: 2 });
    expect(await db.messages.count()).toBe(4);
    expect((await db.syncState.get(ACCOUNT))!.cursor).toBe('4');
  });

  it('waits for the host and for the server, then carries on from the stored cursor', async () => {
    const db = testDb();
    const messages = [mail('a@x', NOW - 5000), mail('b@x', NOW - 4000)];
    const serve = mailbox(messages, 0);
    let calls = 0;
    const { api } = fakeApi({
      'sync:fetch-page': (r) => {
        calls++;
        if (calls === 1) throw new Error('Webcare host unreachable');
        if (calls === 2)
          return {
            status: 'error',
            error: {
              type: 'transient',
              retryAt: Date.now() + 50,
              unreachable: true,
              code: 'ECONNREFUSED',
              reason: 'x',
            },
          };
        return serve(r.cursor);
      },
    });
    const engine = startSync({ db, api, accounts: feed([accountInfo()]) });
    await until(async () => (await db.messages.count()) === 2, 10_000);
    engine.stop();
    expect(calls).toBe(3);
  });

  it('does not fetch for a paused account and stops when it is removed', async () => {
    const db = testDb();
    const accounts = feed([accountInfo({ paused: true })]);
    const serve = mailbox([mail('a@x', NOW - 5000)], 0);
    const { api, calls } = fakeApi({ 'sync:fetch-page': (r) => serve(r.cursor) });
    const engine = startSync({ db, api, accounts, now: () => NOW });
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.filter((c) => c.channel === 'sync:fetch-page')).toHaveLength(0);
    accounts.set([accountInfo({ paused: false })]);
    await until(async () => (await db.messages.count()) === 1);
    accounts.set([]);
    engine.stop();
  });
});
