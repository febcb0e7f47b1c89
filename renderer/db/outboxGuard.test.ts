import { describe, expect, it } from 'vitest';
import type { IngestMessage } from '../../shared/ingest/message.ts';
import { freshDbPerTest } from '../test/db.ts';
import { ensureLocalAccount, ingestBatch } from './ingest.ts';
import { writeTx } from './log.ts';
import { sendTimeHoldsFor } from './outboxGuard.ts';
import { dispatch, queueReply } from './repo.ts';

const NOW = Date.UTC(2026, 11, 1, 10, 0);
const MIN = 60_000;
const testDb = freshDbPerTest('guard');

function msg(remoteId: string, at: number, extra: Partial<IngestMessage> = {}): IngestMessage {
  return {
    remoteId,
    threadKey: 'thread-1',
    inReplyTo: null,
    references: [],
    rfcMessageId: null,
    subject: null,
    direction: 'incoming',
    public: false,
    author: { id: 'u1', handle: 'fleur_bos', name: 'Fleur Bos', followers: 1, verified: false },
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

/** A synced conversation with one customer message and a reply queued by `me`. */
async function setup(channel: 'x' | 'email' = 'x') {
  const db = testDb();
  // A "sync" source on a local account: the guard reads sync pages by the account's actor.
  const acc = await writeTx(db, () => ensureLocalAccount(db, 'imported', channel, NOW));
  const first = await ingestBatch(
    db,
    { accountId: acc.id, source: 'sync', backfill: false, messages: [msg('1', NOW - 10 * MIN)] },
    NOW,
  );
  const conversationId = first.conversationIds[0]!;
  const reply = (await queueReply(db, conversationId, 'We kijken ernaar', 'me', NOW))!;
  const row = { messageId: reply.id, conversationId, automatic: false };
  const holds = async (at = NOW + MIN) =>
    (await writeTx(db, () => sendTimeHoldsFor(db, row, at))).map((r) => r.code);
  return { db, acc, conversationId, row, holds };
}

describe('send-time guard on the database', () => {
  it('a reply nothing happened to may go', async () => {
    const { holds } = await setup();
    expect(await holds()).toEqual([]);
  });

  it('a customer message synced after the reply was written holds it, even with an older event time', async () => {
    const { db, acc, holds } = await setup();
    // Written by the customer before the reply, but it arrives only now (the app was offline).
    await ingestBatch(
      db,
      { accountId: acc.id, source: 'sync', backfill: false, messages: [msg('2', NOW - MIN)] },
      NOW + 30_000,
    );
    expect(await holds()).toEqual(['new-customer-message']);
  });

  it('resolved by a colleague holds it; resolved by the author does not', async () => {
    const a = await setup();
    await dispatch(a.db, a.conversationId, { type: 'resolve' }, 'anna', NOW + 10_000);
    expect(await a.holds()).toEqual(['resolved']);
  });

  it('the author replying and resolving is one intent', async () => {
    const a = await setup();
    await dispatch(a.db, a.conversationId, { type: 'resolve' }, 'me', NOW + 10_000);
    expect(await a.holds()).toEqual([]);
  });

  it('a colleague’s reply holds it; events a person reviewed no longer count', async () => {
    const a = await setup();
    await queueReply(a.db, a.conversationId, 'Ik pak hem op', 'anna', NOW + 20_000);
    expect(await a.holds()).toEqual(['answered-by-other']);
    const reviewedSeq = (await a.db.log.orderBy('seq').last())!.seq!;
    expect(await writeTx(a.db, () => sendTimeHoldsFor(a.db, { ...a.row, reviewedSeq }, NOW + MIN))).toEqual(
      [],
    );
  });

  it('a deleted conversation holds it', async () => {
    const a = await setup();
    await a.db.conversations.delete(a.conversationId);
    expect(await a.holds()).toEqual(['conversation-deleted']);
  });
});
