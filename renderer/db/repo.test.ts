import { describe, expect, it } from 'vitest';
import { freshDbPerTest } from '../test/db.ts';
import { generateDemoInbox } from '../../shared/demo/generate.ts';
import { counterDeltas } from '../../shared/inbox/views.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { importedConversation } from '../test/ids.ts';
import { removeDemo, seedDemo, syncDemoInbox } from './demo.ts';
import { importJsonlText } from './importExport.ts';
import { listConversations, searchConversations } from './queries.ts';
import {
  addNote,
  dispatch,
  markRead,
  nextSnoozeEnd,
  queueReply,
  readCounter,
  undo,
  wakeDueSnoozes,
  withUnread,
} from './repo.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const testDb = freshDbPerTest('test');

async function countersFromScratch(): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const c of await testDb().conversations.toArray())
    for (const [k, v] of counterDeltas(null, c)) totals[k] = (totals[k] ?? 0) + v;
  for (const f of await testDb().flags.toArray())
    totals[`flags:${f.state}`] = (totals[`flags:${f.state}`] ?? 0) + 1;
  return totals;
}

async function storedCounters(): Promise<Record<string, number>> {
  return Object.fromEntries(
    (await testDb().counters.toArray()).filter((r) => r.value !== 0).map((r) => [r.key, r.value]),
  );
}

async function seedSmall() {
  await seedDemo(testDb(), DEFAULT_SETTINGS, NOW, 'en', 300);
}

const line = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    channel: 'x',
    direction: 'incoming',
    public: true,
    author: { id: '1001', handle: 'fleur_bos' },
    text: 'Al 3 dagen geen internet',
    createdAt: '2026-11-24T09:00:00Z',
    ...extra,
  });

describe('demo inbox', () => {
  it('seeds once, with counters that match the rows', async () => {
    await syncDemoInbox(testDb(), DEFAULT_SETTINGS, NOW);
    await syncDemoInbox(testDb(), DEFAULT_SETTINGS, NOW);
    expect(await testDb().conversations.count()).toBe(3000);
    expect(await storedCounters()).toEqual(await countersFromScratch());
  });

  it('removing the demo keeps the agent’s own conversations', async () => {
    await seedSmall();
    await importJsonlText(testDb(), line('own-1'), NOW);
    await removeDemo(testDb(), NOW);
    expect(await testDb().conversations.count()).toBe(1);
    expect(await testDb().messages.where('demo').equals(1).count()).toBe(0);
    expect(await readCounter(testDb(), 'all')).toBe(1);
    expect(await storedCounters()).toEqual(await countersFromScratch());
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
    expect((await testDb().conversations.get(c!.id))!).toMatchObject({
      status: 'resolved',
      version: c!.version + 1,
    });
    expect(await readCounter(testDb(), 'status:open')).toBe(openBefore - 1);
    expect(await readCounter(testDb(), 'status:resolved')).toBe(resolvedBefore + 1);
    const events = await testDb()
      .log.where('[conversationId+seq]')
      .between([c!.id, 0], [c!.id, Infinity])
      .toArray();
    const last = events.at(-1)!;
    expect(last.payload).toMatchObject({
      type: 'conversation.changed',
      event: { type: 'resolve' },
      prior: { status: 'open' },
    });
    expect(last).toMatchObject({ actor: 'me', origin: 'agent', baseVersion: c!.version, undoes: null });
    expect(last.id).toBe(`${last.device}.${last.deviceSeq}`);
  });

  it('an illegal transition writes nothing', async () => {
    await seedSmall();
    const [c] = await listConversations(testDb(), 'resolved', 'me', 1);
    const before = await storedCounters();
    const logged = await testDb().log.count();
    const r = await dispatch(testDb(), c!.id, { type: 'resolve' }, 'me', NOW);
    expect(r).toMatchObject({ ok: false, error: { code: 'illegal-transition' } });
    expect(await testDb().log.count()).toBe(logged);
    expect(await storedCounters()).toEqual(before);
  });

  it('a failing write rolls back the whole transaction', async () => {
    await seedSmall();
    const [c] = await listConversations(testDb(), 'open', 'me', 1);
    const before = await storedCounters();
    // The event log write fails (as on a full disk): the conversation and counters must not change.
    testDb().log.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(dispatch(testDb(), c!.id, { type: 'resolve' }, 'me', NOW)).rejects.toThrow('disk full');
    expect((await testDb().conversations.get(c!.id))!.status).toBe('open');
    expect(await storedCounters()).toEqual(before);
  });

  it('device sequence numbers have no gaps and the clock never runs backwards', async () => {
    await seedSmall();
    const [a, b] = await listConversations(testDb(), 'open', 'me', 2);
    await dispatch(testDb(), a!.id, { type: 'label.add', label: 'x' }, 'me', NOW);
    await dispatch(testDb(), b!.id, { type: 'label.add', label: 'x' }, 'me', NOW - 60_000); // clock stepped back
    const log = await testDb().log.orderBy('seq').toArray();
    expect(log.map((e) => e.deviceSeq)).toEqual(log.map((_, i) => i + 1));
    const hlcs = log.map((e) => e.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
  });
});

describe('undo', () => {
  it('takes back the agent’s last action on this conversation, by a new compensating event', async () => {
    await seedSmall();
    const [c] = await listConversations(testDb(), 'open', 'me', 1);
    await dispatch(testDb(), c!.id, { type: 'label.add', label: 'vip' }, 'me', NOW);
    await dispatch(testDb(), c!.id, { type: 'resolve' }, 'me', NOW + 1);
    const logged = await testDb().log.count();
    const r = await undo(testDb(), { actor: 'me', conversationId: c!.id }, NOW + 2);
    expect(r.ok && r.undone.payload).toMatchObject({ event: { type: 'resolve' } });
    expect(r.ok && r.by.undoes).toBe(r.ok && r.undone.id);
    expect(await testDb().log.count()).toBe(logged + 1); // appended, nothing edited
    const after = (await testDb().conversations.get(c!.id))!;
    expect(after.status).toBe('open');
    expect(after.labels).toContain('vip');
    expect(await storedCounters()).toEqual(await countersFromScratch());
    // The next undo takes the label off; a third has nothing of this agent left here.
    const second = await undo(testDb(), { actor: 'me', conversationId: c!.id }, NOW + 3);
    expect(second.ok && second.undone.payload).toMatchObject({ event: { type: 'label.add' } });
    expect((await testDb().conversations.get(c!.id))!.labels).not.toContain('vip');
    expect(await undo(testDb(), { actor: 'me', conversationId: c!.id }, NOW + 4)).toMatchObject({
      ok: false,
      reason: 'nothing',
    });
    expect(await undo(testDb(), { actor: 'someone-else' }, NOW + 4)).toMatchObject({
      ok: false,
      reason: 'nothing',
    });
  });

  it('a colleague’s label added in between survives my undo', async () => {
    await seedSmall();
    const [c] = await listConversations(testDb(), 'open', 'me', 1);
    const mine = await dispatch(testDb(), c!.id, { type: 'label.add', label: 'billing' }, 'me', NOW);
    await dispatch(testDb(), c!.id, { type: 'label.add', label: 'press' }, 'colleague', NOW + 1);
    const r = await undo(testDb(), { actor: 'me', eventId: mine.ok ? mine.eventId : '' }, NOW + 2);
    expect(r.ok).toBe(true);
    expect((await testDb().conversations.get(c!.id))!.labels).toEqual(
      [...c!.labels, 'press'].filter((l) => l !== 'billing'),
    );
  });

  it('stays within the open conversation: `z` never reaches an older action on another one', async () => {
    await seedSmall();
    const [a, b] = await listConversations(testDb(), 'open', 'me', 2);
    await dispatch(testDb(), a!.id, { type: 'label.add', label: 'vip' }, 'me', NOW);
    const tenMinutesLater = NOW + 10 * 60_000;
    expect(
      await undo(testDb(), { actor: 'me', conversationId: b!.id, recentMs: 120_000 }, tenMinutesLater),
    ).toMatchObject({ ok: false, reason: 'nothing' });
    expect((await testDb().conversations.get(a!.id))!.labels).toContain('vip');
    // What was done a moment ago (the conversation just left the list) is still in reach.
    const r = await undo(testDb(), { actor: 'me', conversationId: b!.id, recentMs: 120_000 }, NOW + 30_000);
    expect(r.ok && r.undone.conversationId).toBe(a!.id);
  });

  it('says so when the action was overtaken, instead of undoing something else', async () => {
    await seedSmall();
    const [c] = await listConversations(testDb(), 'open', 'me', 1);
    const mine = await dispatch(testDb(), c!.id, { type: 'resolve' }, 'me', NOW);
    await dispatch(testDb(), c!.id, { type: 'reopen' }, 'colleague', NOW + 1);
    const r = await undo(testDb(), { actor: 'me', eventId: mine.ok ? mine.eventId : '' }, NOW + 2);
    expect(r).toMatchObject({ ok: false, reason: 'changed' });
    expect((await testDb().conversations.get(c!.id))!.status).toBe('open');
  });
});

describe('per-agent read state', () => {
  it('reading is mine alone: a colleague still sees the conversation as unread', async () => {
    await importJsonlText(
      testDb(),
      [
        line('m1', { conversationId: 't1' }),
        line('m2', { conversationId: 't1', createdAt: '2026-11-24T09:05:00Z' }),
      ].join('\n'),
      NOW,
    );
    const id = importedConversation('t1');
    const c = (await testDb().conversations.get(id))!;
    expect((await withUnread(testDb(), 'me', [c]))[0]!.unread).toBe(2);
    await markRead(testDb(), 'me', id, NOW);
    expect((await withUnread(testDb(), 'me', [c]))[0]!.unread).toBe(0);
    expect((await withUnread(testDb(), 'colleague', [c]))[0]!.unread).toBe(2);
    // Reading is not shared state: nothing in the log.
    expect((await testDb().log.toArray()).map((e) => e.payload.type)).toEqual([
      'account.added',
      'messages.ingested',
    ]);
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
    const events = await testDb()
      .log.where('[actor+seq]')
      .between(['system', 0], ['system', Infinity])
      .toArray();
    expect(
      events.some(
        (e) =>
          e.payload.type === 'conversation.changed' &&
          e.payload.event.type === 'wake' &&
          e.conversationId === a!.id,
      ),
    ).toBe(true);
  });
});

describe('notes and replies', () => {
  it('a note is stored as an internal message and clears the draft', async () => {
    await seedSmall();
    const [c] = await listConversations(testDb(), 'open', 'me', 1);
    await testDb().drafts.put({ conversationId: c!.id, kind: 'note', text: 'x', updatedAt: NOW });
    const m = await addNote(testDb(), c!.id, '  Klant gebeld  ', 'me', NOW);
    expect(m).toMatchObject({ direction: 'note', text: 'Klant gebeld', public: false, remoteId: null });
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
    const inbox = generateDemoInbox({ seed: 20_261_124, conversations: 300, now: NOW, agentId: 'me' });
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
