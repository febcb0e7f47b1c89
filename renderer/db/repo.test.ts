import { describe, expect, it } from 'vitest';
import { freshDbPerTest } from '../test/db.ts';
import { generateDemoInbox } from '../../shared/demo/generate.ts';
import type { Conversation } from '../../shared/domain/types.ts';
import { counterDeltas } from '../../shared/inbox/views.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { removeDemo, seedDemo, syncDemoInbox } from './demo.ts';
import { listConversations, searchConversations } from './queries.ts';
import {
  addNote,
  dispatch,
  nextSnoozeEnd,
  queueReply,
  readCounter,
  undoLast,
  wakeDueSnoozes,
} from './repo.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const testDb = freshDbPerTest('test');

async function countersFromScratch(): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const c of await testDb().conversations.toArray())
    for (const [k, v] of counterDeltas(null, c)) totals[k] = (totals[k] ?? 0) + v;
  return totals;
}

async function storedCounters(): Promise<Record<string, number>> {
  return Object.fromEntries(
    (await testDb().counters.toArray()).filter((r) => r.value !== 0).map((r) => [r.key, r.value]),
  );
}

async function seedSmall() {
  await seedDemo(testDb(), DEFAULT_SETTINGS, NOW);
}

describe('demo inbox', () => {
  it('seeds once, with counters that match the rows', async () => {
    await syncDemoInbox(testDb(), DEFAULT_SETTINGS, NOW);
    await syncDemoInbox(testDb(), DEFAULT_SETTINGS, NOW);
    expect(await testDb().conversations.count()).toBe(3000);
    expect(await storedCounters()).toEqual(await countersFromScratch());
  });

  it('removing the demo keeps the agent’s own conversations', async () => {
    await seedSmall();
    const own: Conversation = {
      ...(await testDb().conversations.toCollection().first())!,
      id: 'own-1',
      demo: 0,
    };
    await testDb().conversations.put(own);
    await removeDemo(testDb());
    expect(await testDb().conversations.count()).toBe(1);
    expect(await testDb().messages.where('demo').equals(1).count()).toBe(0);
    expect(await readCounter(testDb(), 'all')).toBe(1);
  });
});

describe('dispatch', () => {
  it('changes the row, the counters and the event log in one go', async () => {
    await seedSmall();
    const [c] = await listConversations(testDb(), 'open', 'me', 1);
    const openBefore = await readCounter(testDb(), 'status:open');
    const resolvedBefore = await readCounter(testDb(), 'status:resolved');
    const r = await dispatch(testDb(), c!.id, { type: 'resolve' }, 'me', NOW);
    expect(r.ok).toBe(true);
    expect((await testDb().conversations.get(c!.id))!.status).toBe('resolved');
    expect(await readCounter(testDb(), 'status:open')).toBe(openBefore - 1);
    expect(await readCounter(testDb(), 'status:resolved')).toBe(resolvedBefore + 1);
    const events = await testDb()
      .events.where('[conversationId+seq]')
      .between([c!.id, 0], [c!.id, Infinity])
      .toArray();
    expect(events.map((e) => e.event.type)).toEqual(['resolve']);
    expect(events[0]!.before.status).toBe('open');
    expect(events[0]!.actor).toBe('me');
  });

  it('an illegal transition writes nothing', async () => {
    await seedSmall();
    const [c] = await listConversations(testDb(), 'resolved', 'me', 1);
    const before = await storedCounters();
    const r = await dispatch(testDb(), c!.id, { type: 'resolve' }, 'me', NOW);
    expect(r).toMatchObject({ ok: false, error: { code: 'illegal-transition' } });
    expect(await testDb().events.count()).toBe(0);
    expect(await storedCounters()).toEqual(before);
  });

  it('a failing write rolls back the whole transaction', async () => {
    await seedSmall();
    const [c] = await listConversations(testDb(), 'open', 'me', 1);
    const before = await storedCounters();
    // The event log write fails (as on a full disk): the conversation and counters must not change.
    testDb().events.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(dispatch(testDb(), c!.id, { type: 'resolve' }, 'me', NOW)).rejects.toThrow('disk full');
    expect((await testDb().conversations.get(c!.id))!.status).toBe('open');
    expect(await storedCounters()).toEqual(before);
  });
});

describe('undo', () => {
  it('restores what the last action changed and logs the undo', async () => {
    await seedSmall();
    const [c] = await listConversations(testDb(), 'open', 'me', 1);
    await dispatch(testDb(), c!.id, { type: 'label.add', label: 'vip' }, 'me', NOW);
    await dispatch(testDb(), c!.id, { type: 'resolve' }, 'me', NOW + 1);
    const undone = await undoLast(testDb(), 'me', NOW + 2);
    expect(undone?.event.type).toBe('resolve');
    const after = (await testDb().conversations.get(c!.id))!;
    expect(after.status).toBe('open');
    expect(after.labels).toContain('vip');
    expect(await storedCounters()).toEqual(await countersFromScratch());
    // The next undo takes the label off; a third has nothing of this agent left.
    expect((await undoLast(testDb(), 'me', NOW + 3))?.event.type).toBe('label.add');
    expect((await testDb().conversations.get(c!.id))!.labels).not.toContain('vip');
    expect(await undoLast(testDb(), 'me', NOW + 4)).toBeNull();
    expect(await undoLast(testDb(), 'someone-else', NOW + 4)).toBeNull();
  });
});

describe('snoozes', () => {
  it('wake only due snoozes, found through the index', async () => {
    await seedSmall();
    const [a, b] = await listConversations(testDb(), 'open', 'me', 2);
    await dispatch(testDb(), a!.id, { type: 'snooze', until: NOW + 1000 }, 'me', NOW);
    await dispatch(testDb(), b!.id, { type: 'snooze', until: NOW + 5000 }, 'me', NOW);
    expect(await wakeDueSnoozes(testDb(), NOW + 2000)).toBeGreaterThanOrEqual(1);
    expect((await testDb().conversations.get(a!.id))!.status).toBe('open');
    expect((await testDb().conversations.get(b!.id))!.status).toBe('snoozed');
    expect(await nextSnoozeEnd(testDb())).toBeGreaterThan(NOW + 2000);
    const events = await testDb().events.where('actor').equals('system').toArray();
    expect(events.some((e) => e.event.type === 'wake' && e.conversationId === a!.id)).toBe(true);
  });
});

describe('notes and replies', () => {
  it('a note is stored as an internal message and clears the draft', async () => {
    await seedSmall();
    const [c] = await listConversations(testDb(), 'open', 'me', 1);
    await testDb().drafts.put({ conversationId: c!.id, kind: 'note', text: 'x', updatedAt: NOW });
    const m = await addNote(testDb(), c!.id, '  Klant gebeld  ', 'me', NOW);
    expect(m).toMatchObject({ direction: 'note', text: 'Klant gebeld', public: false });
    expect(await testDb().drafts.get(c!.id)).toBeUndefined();
    expect(await addNote(testDb(), c!.id, '   ', 'me', NOW)).toBeNull();
  });

  it('a reply waits in the outbox and stops the waiting clock', async () => {
    await seedSmall();
    const c = (await testDb().conversations.toArray()).find(
      (x) => x.waitingSince !== null && x.status === 'open',
    )!;
    const m = await queueReply(testDb(), c.id, 'Hoi! We kijken er direct naar. ^MV', 'me', NOW);
    expect(m?.delivery).toBe('queued');
    expect(await testDb().outbox.where('messageId').equals(m!.id).count()).toBe(1);
    expect((await testDb().conversations.get(c.id))!.waitingSince).toBeNull();
  });
});

describe('search', () => {
  it('finds conversations by word prefix and requires every word', async () => {
    await seedSmall();
    const inbox = generateDemoInbox({ seed: 20_261_124, conversations: 3000, now: NOW, agentId: 'me' });
    const withWord = inbox.conversations.filter((c) => c.searchTokens.includes('storing'));
    const r = await searchConversations(testDb(), 'stor', 5000);
    expect(r.conversations.length).toBeGreaterThanOrEqual(withWord.length);
    const both = await searchConversations(testDb(), 'storing belnet', 5000);
    expect(
      both.conversations.every(
        (c) =>
          c.searchTokens.some((t) => t.startsWith('storing')) &&
          c.searchTokens.some((t) => t.startsWith('belnet')),
      ),
    ).toBe(true);
    expect((await searchConversations(testDb(), 'qqqzzzxxx')).conversations).toEqual([]);
    expect((await searchConversations(testDb(), '   ')).conversations).toEqual([]);
  });
});
