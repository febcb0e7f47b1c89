import { describe, expect, it } from 'vitest';
import { freshDbPerTest } from '../test/db.ts';
import type { AlertRow, FlagRow } from '../../shared/crisis/types.ts';
import { conversationRow } from '../test/ids.ts';
import { dropOrphanFlags, endCrisis, flagsWithConversations, startCrisis } from './crisis.ts';
import { CRISIS_PAUSE } from '../../shared/outbox/state.ts';
import { importJsonlText } from './importExport.ts';
import { commit, writeTx } from './log.ts';
import { queueReply } from './repo.ts';
import { importedConversation, importedMessage } from '../test/ids.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0);
const testDb = freshDbPerTest('crisis');

const flag = (id: string, risk: number): FlagRow => ({
  conversationId: id,
  risk,
  threshold: 60,
  severity: 0.8,
  reasons: [],
  state: 'new',
  brand: null,
  channel: 'x',
  exposureSince: null,
  flaggedAt: NOW,
  updatedAt: NOW,
  escalatedAt: null,
  active: 1,
});

describe('flags whose conversation is gone', () => {
  it('are left out of the Flags list, reported, and dropped; flags with a conversation stay', async () => {
    const [a, b] = [conversationRow({ id: 'c-a' }), conversationRow({ id: 'c-b' })];
    await testDb().conversations.bulkPut([a!, b!]);
    await testDb().flags.bulkPut([flag(a!.id, 70), flag('gone-1', 95), flag(b!.id, 80), flag('gone-2', 65)]);

    const r = await flagsWithConversations(testDb(), 'new');
    expect(r.flags.map((f) => f.conversationId)).toEqual([b!.id, a!.id]);
    expect([...r.conversations.keys()].sort()).toEqual([a!.id, b!.id].sort());
    expect(r.orphans.sort()).toEqual(['gone-1', 'gone-2']);

    // 'gone-2' comes back (re-imported) before the clean-up runs: its flag is kept.
    await testDb().conversations.put({ ...a!, id: 'gone-2', threadKey: 'gone-2' });
    expect(await dropOrphanFlags(testDb(), r.orphans)).toBe(1);
    expect((await testDb().flags.toCollection().primaryKeys()).sort()).toEqual(
      [a!.id, b!.id, 'gone-2'].sort(),
    );
  });
});

describe('crisis membership and timeline', () => {
  const HOUR = 3_600_000;
  const post = (id: string, at: number, text: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id,
      channel: 'x',
      conversationId: `t-${id}`,
      direction: 'incoming',
      public: true,
      author: { id: `u-${id}`, handle: `user_${id}` },
      text,
      createdAt: new Date(at).toISOString(),
      brand: 'belnet',
      ...extra,
    });

  it('joins what is about the topic since the first evidence, also later; old and unrelated complaints stay out', async () => {
    const db = testDb();
    await importJsonlText(
      db,
      [
        post('old', NOW - 12 * 24 * HOUR, 'Storing! Al een week geen internet'), // same topic, 12 days earlier
        post('other', NOW - HOUR, 'Mijn factuur klopt niet, dubbel afgeschreven'), // same brand, other topic
        post('ev1', NOW - 30 * 60_000, 'Weer een storing, geen internet in Zwolle'),
        post('ev2', NOW - 20 * 60_000, 'Internet plat door de storing'),
      ].join('\n'),
      NOW,
    );
    const alert: AlertRow = {
      id: 'crisis:belnet:ev1',
      kind: 'crisis',
      at: NOW - 10 * 60_000,
      brand: 'belnet',
      topic: 'storing · internet',
      score: 9,
      messageIds: [importedMessage('ev1'), importedMessage('ev2')],
      reasons: [],
      state: 'new',
    };
    const crisis = await startCrisis(
      db,
      { brand: 'belnet', topic: alert.topic, alert, conversationIds: [] },
      NOW,
    );
    expect(crisis.conversationIds.sort()).toEqual(
      [importedConversation('t-ev1'), importedConversation('t-ev2')].sort(),
    );
    const first = crisis.timeline.find((t) => t.kind === 'first-mention')!;
    expect(first.at).toBe(NOW - 30 * 60_000);

    // A new complaint about the outage joins by itself; a new billing complaint does not.
    await importJsonlText(
      db,
      [
        post('new1', NOW + 5 * 60_000, 'Nog steeds storing hier!'),
        post('new2', NOW + 6 * 60_000, 'Factuur is te hoog'),
      ].join('\n'),
      NOW + 7 * 60_000,
    );
    const after = (await db.crises.get(crisis.id))!;
    expect(after.conversationIds).toContain(importedConversation('t-new1'));
    expect(after.conversationIds).not.toContain(importedConversation('t-new2'));
    expect(after.conversationIds).not.toContain(importedConversation('t-old'));
  });

  it('ending the crisis lifts the pause of automatic replies; other holds stay', async () => {
    const db = testDb();
    await importJsonlText(db, post('p1', NOW - 30 * 60_000, 'Storing, geen internet'), NOW);
    const id = importedConversation('t-p1');
    const crisis = await startCrisis(
      db,
      { brand: 'belnet', topic: 'storing', alert: null, conversationIds: [id] },
      NOW,
    );
    const a = (await queueReply(
      db,
      id,
      'Automatisch: we hebben je bericht ontvangen.',
      'system',
      NOW + 1_000,
    ))!;
    const b = (await queueReply(db, id, 'Nog een automatisch antwoord.', 'system', NOW + 2_000))!;
    const row = async (messageId: string) => (await db.outbox.where('messageId').equals(messageId).first())!;
    const pause = { code: CRISIS_PAUSE, since: NOW + 3_000 };
    await db.outbox.put({ ...(await row(a.id)), status: 'held', automatic: true, heldReasons: [pause] });
    await db.outbox.put({
      ...(await row(b.id)),
      status: 'held',
      automatic: true,
      heldReasons: [pause, { code: 'resolved', since: NOW + 3_000 }],
    });
    await endCrisis(db, crisis.id, NOW + 10_000);
    expect(await row(a.id)).toMatchObject({ status: 'queued', heldReasons: [] });
    expect(await row(b.id)).toMatchObject({ status: 'held', heldReasons: [{ code: 'resolved' }] });
  });

  it('a reply in the outbox is not a response; the first reply the channel accepted is', async () => {
    const db = testDb();
    await importJsonlText(db, post('ev1', NOW - 30 * 60_000, 'Storing, geen internet'), NOW);
    const id = importedConversation('t-ev1');
    const crisis = await startCrisis(
      db,
      { brand: 'belnet', topic: 'storing', alert: null, conversationIds: [id] },
      NOW,
    );
    const reply = (await queueReply(db, id, 'We weten van de storing en werken eraan.', 'me', NOW + 60_000))!;
    const kinds = async () => (await db.crises.get(crisis.id))!.timeline.map((t) => t.kind);
    expect(await kinds()).not.toContain('first-public-response');
    await writeTx(db, () =>
      commit(
        db,
        { type: 'reply.delivered', messageId: reply.id, remoteId: 'x-99', at: NOW + 2 * 60_000 },
        { actor: 'system', origin: 'system', at: NOW + 2 * 60_000 },
      ),
    );
    expect(await kinds()).toContain('first-public-response');
    expect((await db.messages.get(reply.id))!).toMatchObject({ delivery: 'sent', remoteId: 'x-99' });
  });
});
