import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_SETTINGS } from '../../shared/checks/types.ts';
import type { DeliverySendResponse } from '../../shared/channels/schemas.ts';
import { messageLocalId } from '../../shared/domain/ids.ts';
import { ensureLocalAccount, ingestBatch } from '../db/ingest.ts';
import { writeTx } from '../db/log.ts';
import { dispatch, queueReply } from '../db/repo.ts';
import { SEND_CHECK_HOLD } from '../db/sendChecks.ts';
import { freshDbPerTest } from '../test/db.ts';
import { nextToSend, outboxAction, startDeliveryWorker } from './delivery.ts';
import { ACCOUNT, connectAccount, fakeApi, mail } from './testkit.ts';

const NOW = Date.UTC(2026, 11, 1, 10, 0);
const testDb = freshDbPerTest('delivery');

async function threadWithReplies(texts: string[]) {
  const db = testDb();
  await connectAccount(db, NOW);
  await ingestBatch(
    db,
    {
      accountId: ACCOUNT,
      source: 'sync',
      backfill: false,
      messages: [mail('q1@example.net', NOW - 60_000, { references: ['root@example.net'] })],
    },
    NOW,
  );
  const conversationId = (await db.messages.get(messageLocalId(ACCOUNT, 'q1@example.net')))!.conversationId;
  const replies = [];
  for (const [i, text] of texts.entries())
    replies.push((await queueReply(db, conversationId, text, 'me', NOW + i))!);
  return { db, conversationId, replies };
}

const accepted = (remoteId: string): DeliverySendResponse => ({
  status: 'accepted',
  remoteId,
  acceptedAt: NOW + 5,
  repeated: false,
});

function worker(api: ReturnType<typeof fakeApi>['api'], clock: { t: number }) {
  return startDeliveryWorker({
    db: testDb(),
    api,
    accounts: () => new Map([[ACCOUNT, { paused: false }]]),
    now: () => clock.t,
    pollMs: 1e9,
  });
}

describe('delivery worker', () => {
  it('sends a queued reply once, in the thread, and records it as sent', async () => {
    const { db, replies } = await threadWithReplies(['We zoeken het uit.']);
    const reply = replies[0]!;
    const { api, calls } = fakeApi({ 'delivery:send': (r) => accepted(`${r.idempotencyKey}@example.test`) });
    const clock = { t: NOW + 10 };
    const w = worker(api, clock);
    await w.runOnce();
    await w.runOnce();
    w.stop();
    const sends = calls.filter((c) => c.channel === 'delivery:send');
    expect(sends).toHaveLength(1);
    expect(sends[0]!.request).toMatchObject({
      accountId: ACCOUNT,
      idempotencyKey: reply.id,
      target: {
        kind: 'email',
        to: [{ address: 'klant@example.net', name: 'Klant' }],
        subject: 'Pakket niet ontvangen',
        inReplyTo: 'q1@example.net',
        references: ['root@example.net'],
      },
      draft: { text: 'We zoeken het uit.', signature: null },
      confirmedNotDelivered: false,
    });
    const row = await db.outbox.where('messageId').equals(reply.id).first();
    expect(row).toMatchObject({ status: 'sent', remoteId: `${reply.id}@example.test`, attempts: 1 });
    const stored = await db.messages.get(reply.id);
    expect(stored).toMatchObject({ delivery: 'sent', rfcMessageId: `${reply.id}@example.test` });
    expect(await db.log.filter((e) => e.payload.type === 'reply.delivered').count()).toBe(1);
  });

  it('sends the replies of one conversation in order: the second waits while the first retries', async () => {
    const { db, replies } = await threadWithReplies(['eerste', 'tweede']);
    const answers: DeliverySendResponse[] = [
      {
        status: 'failed',
        error: {
          type: 'transient',
          retryAt: NOW + 30_000,
          unreachable: true,
          code: 'ECONNREFUSED',
          reason: 'refused',
        },
      },
      accepted('a@x'),
      accepted('b@x'),
    ];
    const { api, calls } = fakeApi({ 'delivery:send': () => answers.shift()! });
    const clock = { t: NOW + 10 };
    const w = worker(api, clock);
    await w.runOnce();
    const first = await db.outbox.where('messageId').equals(replies[0]!.id).first();
    expect(first).toMatchObject({ status: 'queued', nextAttemptAt: NOW + 30_000 });
    expect(first!.lastError).toMatchObject({ type: 'transient', unreachable: true });
    // Before the server's retry time nothing goes, not even the second reply.
    clock.t = NOW + 20_000;
    await w.runOnce();
    expect(calls.filter((c) => c.channel === 'delivery:send')).toHaveLength(1);
    clock.t = NOW + 31_000;
    await w.runOnce();
    await w.runOnce();
    w.stop();
    const texts = calls
      .filter((c) => c.channel === 'delivery:send')
      .map((c) => (c.request as { draft: { text: string } }).draft.text);
    expect(texts).toEqual(['eerste', 'eerste', 'tweede']);
    expect((await db.outbox.toArray()).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('a permanent refusal fails with the reason; retry sends it again', async () => {
    const { db, replies } = await threadWithReplies(['hallo']);
    const answers: DeliverySendResponse[] = [
      { status: 'failed', error: { type: 'rejected', code: '550', reason: '5.1.1 User unknown' } },
      accepted('ok@x'),
    ];
    const { api } = fakeApi({ 'delivery:send': () => answers.shift()! });
    const clock = { t: NOW + 10 };
    const w = worker(api, clock);
    await w.runOnce();
    const failed = await db.outbox.where('messageId').equals(replies[0]!.id).first();
    expect(failed).toMatchObject({
      status: 'failed',
      lastError: { code: '550', reason: '5.1.1 User unknown' },
    });
    await w.runOnce();
    expect((await db.outbox.get(failed!.seq!))!.status).toBe('failed');
    expect(await outboxAction(db, replies[0]!.id, 'retry', clock.t)).toBe(true);
    await w.runOnce();
    w.stop();
    expect((await db.outbox.get(failed!.seq!))!.status).toBe('sent');
  });

  it('when the call breaks mid-send it reconciles before anything else and never sends twice', async () => {
    const { db, replies } = await threadWithReplies(['hallo']);
    let sends = 0;
    const { api, calls } = fakeApi({
      'delivery:send': () => {
        sends++;
        throw new Error('Webcare host unreachable');
      },
      'delivery:reconcile': () => ({
        status: 'sent',
        remoteId: 'r@x',
        acceptedAt: NOW + 1,
        source: 'journal',
      }),
    });
    const clock = { t: NOW + 10 };
    const w = worker(api, clock);
    await w.runOnce();
    const row = await db.outbox.where('messageId').equals(replies[0]!.id).first();
    expect(row!.status).toBe('sending');
    clock.t += 5_000;
    await w.runOnce();
    w.stop();
    expect(sends).toBe(1);
    expect(calls.map((c) => c.channel)).toEqual(['delivery:send', 'delivery:reconcile']);
    expect(calls[1]!.request).toMatchObject({ idempotencyKey: replies[0]!.id, draft: { text: 'hallo' } });
    expect(await db.outbox.get(row!.seq!)).toMatchObject({ status: 'sent', remoteId: 'r@x' });
  });

  it('an expired claim another window left is reconciled: not sent → sent once; undecided → a person', async () => {
    const { db, replies } = await threadWithReplies(['een', 'twee']);
    // Both claimed by a window that died; their leases ran out.
    await writeTx(db, async () => {
      for (const r of await db.outbox.toArray())
        await db.outbox.put({ ...r, status: 'sending', attemptId: 'a-dead', leaseUntil: NOW, attempts: 1 });
    });
    const verdicts: Record<string, 'not-sent' | 'unknown'> = {
      [replies[0]!.id]: 'not-sent',
      [replies[1]!.id]: 'unknown',
    };
    const { api, calls } = fakeApi({
      'delivery:reconcile': (r) =>
        verdicts[r.idempotencyKey] === 'not-sent'
          ? { status: 'not-sent', reason: 'never-attempted' }
          : { status: 'unknown' },
      'delivery:send': (r) => accepted(`${r.idempotencyKey}@x`),
    });
    const clock = { t: NOW + 10 };
    const w = worker(api, clock);
    await w.runOnce();
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => r.status)).toEqual(['sent', 'unknown']);
    expect(calls.filter((c) => c.channel === 'delivery:send')).toHaveLength(1);
    // The agent checked: it did not arrive. It goes out once, saying a person released it.
    await outboxAction(db, replies[1]!.id, 'not-delivered', clock.t);
    await w.runOnce();
    w.stop();
    const sends = calls.filter((c) => c.channel === 'delivery:send');
    expect(sends).toHaveLength(2);
    expect(sends[1]!.request).toMatchObject({ idempotencyKey: replies[1]!.id, confirmedNotDelivered: true });
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('a reply to a thread without a customer address fails at once, without a network call', async () => {
    const { db, replies } = await threadWithReplies(['hallo']);
    await db.authors.toCollection().modify({ email: null });
    const { api, calls } = fakeApi({});
    const w = worker(api, { t: NOW + 10 });
    await w.runOnce();
    w.stop();
    expect(calls).toHaveLength(0);
    expect(await db.outbox.where('messageId').equals(replies[0]!.id).first()).toMatchObject({
      status: 'failed',
      lastError: { code: 'NO_RECIPIENT' },
    });
  });

  it('leaves replies of accounts main does not connect alone (demo, imports)', async () => {
    const db = testDb();
    await writeTx(db, () => ensureLocalAccount(db, 'imported', 'email', NOW));
    await ingestBatch(
      db,
      {
        accountId: 'imported-email',
        source: 'import',
        backfill: false,
        messages: [mail('i1@x', NOW - 1000)],
      },
      NOW,
    );
    const c = await db.conversations.toCollection().first();
    await queueReply(db, c!.id, 'hallo', 'me', NOW);
    const { api, calls } = fakeApi({});
    const w = worker(api, { t: NOW + 10 });
    await w.runOnce();
    w.stop();
    expect(calls).toHaveLength(0);
    expect((await db.outbox.toArray())[0]!.status).toBe('queued');
  });
});

describe('delivery worker: send-time checks in the claim', () => {
  const PUBLIC_TEXT =
    'Wat vervelend dat je pakket er nog niet is. We zoeken het direct voor je uit en laten het je vandaag weten.';
  const checked = { provenance: null, checks: { checkedAt: NOW, results: [], override: null } };

  /** A public thread of `customers` separate customers, each with a question. */
  async function publicThreads(customers: number) {
    const db = testDb();
    await connectAccount(db, NOW);
    const ids: string[] = [];
    for (let i = 0; i < customers; i += 1) {
      await ingestBatch(
        db,
        {
          accountId: ACCOUNT,
          source: 'sync',
          backfill: false,
          messages: [
            mail(`p${i}@example.net`, NOW - 60_000, {
              public: true,
              subject: `Vraag ${i}`,
              author: {
                id: `k${i}@example.net`,
                handle: `k${i}@example.net`,
                name: `Klant ${i}`,
                email: `k${i}@example.net`,
                followers: 0,
                verified: false,
              },
            }),
          ],
        },
        NOW,
      );
      ids.push((await db.messages.get(messageLocalId(ACCOUNT, `p${i}@example.net`)))!.conversationId);
    }
    return { db, ids };
  }

  it('a customer message that arrived after the reply was written holds it, unsent; "send anyway" with a reason sends it once', async () => {
    const { db, conversationId, replies } = await threadWithReplies(['We zoeken het uit.']);
    await ingestBatch(
      db,
      {
        accountId: ACCOUNT,
        source: 'sync',
        backfill: false,
        messages: [mail('q2@example.net', NOW + 1_000, { inReplyTo: 'q1@example.net' })],
      },
      NOW + 1_000,
    );
    const { api, calls } = fakeApi({ 'delivery:send': (r) => accepted(`${r.idempotencyKey}@x`) });
    const clock = { t: NOW + 10_000 };
    const w = worker(api, clock);
    await w.runOnce();
    expect(calls).toHaveLength(0);
    const held = await db.outbox.where('messageId').equals(replies[0]!.id).first();
    expect(held).toMatchObject({ status: 'held', attempts: 0 });
    expect(held!.heldReasons.map((r) => r.code)).toEqual(['new-customer-message']);
    // Still held on the next pass; a reason of one word is not a reason.
    await w.runOnce();
    expect(await outboxAction(db, replies[0]!.id, { type: 'send-anyway', reason: 'ok' }, clock.t)).toBe(
      false,
    );
    await w.runOnce();
    expect(calls).toHaveLength(0);
    expect(
      await outboxAction(
        db,
        replies[0]!.id,
        { type: 'send-anyway', reason: 'Antwoord klopt nog steeds' },
        clock.t,
      ),
    ).toBe(true);
    await w.runOnce();
    await w.runOnce();
    w.stop();
    expect(calls.filter((c) => c.channel === 'delivery:send')).toHaveLength(1);
    expect(await db.outbox.where('messageId').equals(replies[0]!.id).first()).toMatchObject({
      status: 'sent',
      sendAnyway: { reason: 'Antwoord klopt nog steeds' },
    });
    expect(conversationId).toBeTruthy();
  });

  it('a colleague resolving the conversation after the reply was queued holds it', async () => {
    const { db, conversationId, replies } = await threadWithReplies(['We zoeken het uit.']);
    await dispatch(db, conversationId, { type: 'resolve' }, 'collega', NOW + 500);
    const { api, calls } = fakeApi({ 'delivery:send': (r) => accepted(`${r.idempotencyKey}@x`) });
    const w = worker(api, { t: NOW + 10_000 });
    await w.runOnce();
    w.stop();
    expect(calls).toHaveLength(0);
    const row = await db.outbox.where('messageId').equals(replies[0]!.id).first();
    expect(row!.heldReasons.map((r) => r.code)).toEqual(['resolved']);
  });

  it('a near-identical public reply posted meanwhile (not shown when it was written) holds it; once seen, it goes', async () => {
    const { db, ids } = await publicThreads(4);
    const mine = (await queueReply(db, ids[0]!, PUBLIC_TEXT, 'me', NOW, checked))!;
    // Colleagues post the same text under three other complaints before it goes out.
    for (const id of ids.slice(1)) await queueReply(db, id, PUBLIC_TEXT, 'collega', NOW + 100);
    const { api, calls } = fakeApi({ 'delivery:send': (r) => accepted(`${r.idempotencyKey}@x`) });
    const clock = { t: NOW + 10_000 };
    const w = startDeliveryWorker({
      db,
      api,
      accounts: () => new Map([[ACCOUNT, { paused: false }]]),
      now: () => clock.t,
      pollMs: 1e9,
    });
    // Only my reply is looked at here: hold the colleagues' so the pass is about mine.
    await writeTx(db, async () => {
      for (const r of await db.outbox.toArray())
        if (r.messageId !== mine.id)
          await db.outbox.put({ ...r, status: 'held', heldReasons: [{ code: 'test', since: NOW }] });
    });
    await w.runOnce();
    const row = await db.outbox.where('messageId').equals(mine.id).first();
    expect(row!.status).toBe('held');
    expect(row!.heldReasons).toEqual([{ code: SEND_CHECK_HOLD, since: clock.t, detail: 'nearDuplicate' }]);
    expect(calls).toHaveLength(0);
    await outboxAction(db, mine.id, { type: 'send-anyway', reason: 'Standaardtekst, bewust' }, clock.t);
    await w.runOnce();
    w.stop();
    expect(calls.filter((c) => c.channel === 'delivery:send')).toHaveLength(1);
    expect((await db.outbox.get(row!.seq!))!.status).toBe('sent');
  });

  it('the same public reply with no near-duplicates goes without a hold (its own index row does not count)', async () => {
    const { db, ids } = await publicThreads(1);
    const mine = (await queueReply(db, ids[0]!, PUBLIC_TEXT, 'me', NOW, checked))!;
    const { api, calls } = fakeApi({ 'delivery:send': (r) => accepted(`${r.idempotencyKey}@x`) });
    const w = worker(api, { t: NOW + 10_000 });
    await w.runOnce();
    w.stop();
    expect(calls).toHaveLength(1);
    expect((await db.outbox.where('messageId').equals(mine.id).first())!.status).toBe('sent');
  });

  it('a block nobody overrode holds the reply at send time (an unfilled placeholder), with nothing sent', async () => {
    const { db, replies } = await threadWithReplies([]);
    const conversationId = (await db.conversations.toCollection().first())!.id;
    const text = 'Hoi {{customer.firstName}}, we zoeken het voor je uit en laten het je vandaag nog weten.';
    const reply = (await queueReply(db, conversationId, text, 'me', NOW, checked))!;
    const { api, calls } = fakeApi({ 'delivery:send': (r) => accepted(`${r.idempotencyKey}@x`) });
    const w = worker(api, { t: NOW + 10_000 });
    await w.runOnce();
    w.stop();
    expect(calls).toHaveLength(0);
    expect(replies).toHaveLength(0);
    const row = await db.outbox.where('messageId').equals(reply.id).first();
    expect(row!.heldReasons).toEqual([{ code: SEND_CHECK_HOLD, since: NOW + 10_000, detail: 'placeholder' }]);
    // With checks off for it (the team's settings), the same reply is not held.
    await writeTx(db, () => db.outbox.put({ ...row!, status: 'queued', heldReasons: [] }));
    const lenient = startDeliveryWorker({
      db,
      api,
      accounts: () => new Map([[ACCOUNT, { paused: false }]]),
      now: () => NOW + 20_000,
      pollMs: 1e9,
      checkSettings: () => ({
        ...DEFAULT_CHECK_SETTINGS,
        modes: { ...DEFAULT_CHECK_SETTINGS.modes, placeholder: 'off', language: 'off' },
      }),
    });
    await lenient.runOnce();
    lenient.stop();
    expect(calls).toHaveLength(1);
  });
});

describe('nextToSend', () => {
  it('takes the oldest unsent reply per conversation, only when it is due and not held', () => {
    const row = (seq: number, conversationId: string, status: string, extra = {}) =>
      ({ seq, conversationId, status, order: seq, nextAttemptAt: 0, heldReasons: [], ...extra }) as never;
    const picked = nextToSend(
      [
        row(1, 'a', 'sent'),
        row(2, 'a', 'queued'),
        row(3, 'a', 'queued'),
        row(4, 'b', 'unknown'),
        row(5, 'b', 'queued'),
        row(6, 'c', 'queued', { nextAttemptAt: 100 }),
        row(7, 'd', 'failed'),
        row(8, 'd', 'queued'),
        row(9, 'e', 'held', { heldReasons: [{ code: 'x', since: 0 }] }),
      ],
      50,
    );
    expect(picked.map((r) => r.seq)).toEqual([2, 8]);
  });
});
