import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AlertRow, FlagRow } from '../../shared/crisis/types.ts';
import type { LogEvent } from '../../shared/domain/log.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { importJsonlText } from '../db/importExport.ts';
import { commit, writeTx } from '../db/log.ts';
import { undo } from '../db/repo.ts';
import type { WebcareDb } from '../db/schema.ts';
import { initI18n } from '../i18n/i18n.ts';
import { writeFailures } from '../platform/storage.ts';
import { freshDbPerTest } from '../test/db.ts';
import { importedConversation } from '../test/ids.ts';
import { ACTIONS, runAction, type ActionId, type ActionParams } from './actions.ts';
import type { CommandContext, Report, Screen, ToastInput } from './commands.ts';
import { COMMANDS } from './commands.ts';

const NOW = Date.UTC(2026, 11, 2, 9, 0);
const HOUR = 3_600_000;
const ME = 'agent-7';
const testDb = freshDbPerTest('actions');

beforeAll(async () => {
  await initI18n('en');
});

/** A command context on a real database that records what the action asked of the shell. */
function shell(db: WebcareDb, accounts: Record<string, string> = {}) {
  const seen = {
    toasts: [] as ToastInput[],
    reports: [] as Report[],
    notifications: [] as { title: string; body: string }[],
    selections: [] as [string | null, boolean][],
    screens: [] as Screen[],
    inserted: [] as [string, string][],
  };
  const ctx: CommandContext = {
    db,
    me: ME,
    now: () => NOW,
    view: 'open',
    selectedId: null,
    selected: null,
    visibleIds: [],
    select: (id, pin) => void seen.selections.push([id, pin ?? false]),
    setView: () => undefined,
    setScreen: (s) => void seen.screens.push(s),
    open: () => undefined,
    focus: () => undefined,
    toast: (t) => void seen.toasts.push(t),
    settings: DEFAULT_SETTINGS,
    darkTheme: () => false,
    updateSettings: async () => undefined,
    t: i18next.getFixedT('en', 'app'),
    lang: 'en',
    notify: (n) => void seen.notifications.push(n),
    showReport: (r) => void seen.reports.push(r),
    insertReply: (conversationId, text) => void seen.inserted.push([conversationId, text]),
    connectedAccountName: (id) => accounts[id],
    conversationLabel: () => '@fleur_bos',
  };
  const run = <K extends ActionId>(id: K, params: ActionParams[K]) => runAction(ctx, id, params);
  return { ctx, seen, run };
}

const line = (id: string, at: number, text: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    channel: 'x',
    conversationId: `t-${id}`,
    direction: 'incoming',
    public: true,
    author: { id: `u-${id}`, handle: 'fleur_bos', name: 'Fleur Bos' },
    text,
    createdAt: new Date(at).toISOString(),
    brand: 'belnet',
    ...extra,
  });

/** One imported conversation (through the ingest pipeline); returns its id. */
async function conversation(db: WebcareDb, id = 'c1', text = 'Al drie dagen geen internet in Utrecht!') {
  await importJsonlText(db, line(id, NOW - HOUR, text), NOW - HOUR);
  return importedConversation(`t-${id}`);
}

async function flagged(db: WebcareDb, conversationId: string) {
  const flag: FlagRow = {
    conversationId,
    risk: 82,
    threshold: 60,
    severity: 0.8,
    reasons: [
      { code: 'followers', value: 12000, weight: 2 },
      { code: 'complaint', value: 1, weight: 9 },
      { code: 'waiting', value: 40, weight: 4 },
      { code: 'public', value: 1, weight: 1 },
    ],
    state: 'new',
    brand: 'belnet',
    channel: 'x',
    exposureSince: NOW - HOUR,
    flaggedAt: NOW - HOUR / 2,
    updatedAt: NOW - HOUR / 2,
    escalatedAt: null,
    active: 1,
  };
  await writeTx(db, () =>
    commit(
      db,
      { type: 'flags.scored', set: [flag], cleared: [] },
      { actor: 'system', origin: 'system', at: NOW - HOUR / 2 },
    ),
  );
}

async function lastEvent(db: WebcareDb): Promise<LogEvent> {
  return (await db.log.orderBy('seq').last())!;
}

describe('the action registry', () => {
  it('ids are unique across commands and actions, and every action is keyed by its id', () => {
    const ids = [...COMMANDS.map((c) => c.id), ...Object.keys(ACTIONS)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const [key, a] of Object.entries(ACTIONS)) expect(a.id).toBe(key);
  });

  it('every action has a label in both languages', () => {
    for (const a of Object.values(ACTIONS))
      for (const lang of ['nl', 'en'] as const)
        expect({ id: a.id, lang, label: i18next.exists(a.labelKey, { lng: lang, ns: 'app' }) }).toEqual({
          id: a.id,
          lang,
          label: true,
        });
  });
});

describe('flag verdicts', () => {
  it('escalate: logs the verdict, pins the conversation, notifies with the heaviest reasons and opens the handover', async () => {
    const db = testDb();
    const id = await conversation(db);
    await flagged(db, id);
    const { seen, run } = shell(db);

    await run('flag.decide', { conversationId: id, state: 'escalated' });

    const e = await lastEvent(db);
    expect(e.payload).toEqual({ type: 'flag.decided', conversationId: id, state: 'escalated', prior: 'new' });
    expect(e).toMatchObject({ actor: ME, origin: 'agent', at: NOW, conversationId: id });
    expect((await db.flags.get(id))?.state).toBe('escalated');
    expect(seen.selections).toEqual([[id, true]]);
    expect(seen.toasts).toEqual([{ text: i18next.t('risk.escalated', { lng: 'en' }), undo: e.id }]);
    expect(seen.notifications).toHaveLength(1);
    expect(seen.notifications[0]!.title).toContain('Fleur Bos');
    expect(seen.notifications[0]!.body).toContain('82');
    expect(seen.reports).toHaveLength(1);
    expect(seen.reports[0]!.filename).toBe(`escalation-${id}.md`);
    // The handover quotes the customer's complaint.
    expect(seen.reports[0]!.markdown).toContain('Al drie dagen geen internet in Utrecht!');
  });

  it('not an escalation: logged and undoable from its toast, no notification, no handover', async () => {
    const db = testDb();
    const id = await conversation(db);
    await flagged(db, id);
    const { seen, run } = shell(db);

    await run('flag.decide', { conversationId: id, state: 'dismissed' });

    const e = await lastEvent(db);
    expect(e.payload).toMatchObject({ type: 'flag.decided', state: 'dismissed', prior: 'new' });
    expect(seen.notifications).toEqual([]);
    expect(seen.reports).toEqual([]);
    expect(seen.toasts[0]!.undo).toBe(e.id);
    const r = await undo(db, { actor: ME, eventId: seen.toasts[0]!.undo! }, NOW + 1);
    expect(r.ok).toBe(true);
    expect((await db.flags.get(id))?.state).toBe('new');
  });

  it('on a conversation without a flag: nothing is logged or said', async () => {
    const db = testDb();
    const id = await conversation(db);
    const before = await db.log.count();
    const { seen, run } = shell(db);
    await run('flag.decide', { conversationId: id, state: 'escalated' });
    expect(await db.log.count()).toBe(before);
    expect(seen.toasts).toEqual([]);
  });
});

describe('crisis mode', () => {
  const alert = (id: string, at: number, brand = 'belnet'): AlertRow => ({
    id,
    kind: 'crisis',
    at,
    brand,
    topic: 'storing internet',
    score: 90,
    messageIds: [],
    reasons: [],
    state: 'new',
  });
  const raise = (db: WebcareDb, alerts: AlertRow[]) =>
    writeTx(db, () =>
      commit(db, { type: 'alerts.raised', alerts }, { actor: 'system', origin: 'system', at: NOW - HOUR }),
    );

  it('from a conversation: a radar alert of the same brand within six hours joins it and gives the topic', async () => {
    const db = testDb();
    const id = await conversation(db);
    await raise(db, [
      alert('old', NOW - 7 * HOUR),
      alert('recent', NOW - 2 * HOUR),
      alert('other', NOW - HOUR, 'acme'),
    ]);
    const { seen, run } = shell(db);

    await run('crisis.startFromConversation', { conversationId: id });

    const e = await lastEvent(db);
    expect(e.payload.type).toBe('crisis.started');
    const crisis = e.payload.type === 'crisis.started' ? e.payload.crisis : null;
    expect(crisis).toMatchObject({
      brand: 'belnet',
      topic: 'storing internet',
      alertId: 'recent',
      active: 1,
    });
    expect(crisis?.conversationIds).toContain(id);
    expect((await db.crises.where('active').equals(1).first())?.id).toBe(crisis?.id);
    expect(seen.screens).toEqual(['crisis']);
    expect(seen.toasts.map((t) => t.text)).toEqual([i18next.t('crisis.started', { lng: 'en' })]);
  });

  it('from a conversation without a recent alert: about what the customer said', async () => {
    const db = testDb();
    const id = await conversation(db);
    await raise(db, [alert('old', NOW - 7 * HOUR)]);
    const { run } = shell(db);
    await run('crisis.startFromConversation', { conversationId: id });
    const c = await db.crises.where('active').equals(1).first();
    expect(c).toMatchObject({ brand: 'belnet', alertId: null });
    expect(c?.topic).toBe((await db.conversations.get(id))?.customerSnippet);
  });

  it('from a radar alert, then ended, then reported', async () => {
    const db = testDb();
    const id = await conversation(db);
    const a = alert('a1', NOW - HOUR);
    await raise(db, [a]);
    const { seen, run } = shell(db);

    await run('crisis.start', { alert: a, brand: a.brand, topic: a.topic, conversationIds: [id] });
    const started = await db.crises.where('active').equals(1).first();
    expect(started?.alertId).toBe('a1');

    await run('crisis.end', { crisisId: started!.id });
    expect(await lastEvent(db)).toMatchObject({
      payload: { type: 'crisis.ended', crisisId: started!.id },
      actor: ME,
    });
    expect((await db.crises.get(started!.id))?.active).toBe(0);
    expect(seen.toasts.at(-1)?.text).toBe('Crisis mode ended');

    await run('crisis.report', { crisisId: started!.id });
    expect(seen.reports).toHaveLength(1);
    expect(seen.reports[0]!.filename).toBe(`${started!.id}.md`);
    expect(seen.reports[0]!.markdown).toContain('belnet');
  });

  it('a holding statement goes into the reply box of the conversation it names', async () => {
    const { seen, run } = shell(testDb());
    await run('crisis.useStatement', { conversationId: 'c-9', text: 'We weten van de storing.' });
    expect(seen.inserted).toEqual([['c-9', 'We weten van de storing.']]);
    expect(seen.toasts).toHaveLength(1);
  });
});

describe('labels', () => {
  it('a new label gets its id from the name, is created as an event and put on the conversation', async () => {
    const db = testDb();
    const id = await conversation(db);
    const { run } = shell(db);

    await run('label.create', { conversationId: id, name: 'Te laat / Vertraging' });

    expect(await db.labels.get('te-laat-vertraging')).toEqual({
      id: 'te-laat-vertraging',
      name: 'Te laat / Vertraging',
      color: '#6b7280',
    });
    const events = await db.log.orderBy('seq').reverse().limit(2).toArray();
    expect(events.map((e) => e.payload.type)).toEqual(['conversation.changed', 'label.created']);
    expect(events[0]!.payload).toMatchObject({ event: { type: 'label.add', label: 'te-laat-vertraging' } });
    expect((await db.conversations.get(id))?.labels).toEqual(['te-laat-vertraging']);
  });

  it('toggling adds, then removes, each with an undo for exactly that event', async () => {
    const db = testDb();
    const id = await conversation(db);
    const { seen, run } = shell(db);

    await run('label.toggle', { conversationId: id, labelId: 'billing' });
    const added = await lastEvent(db);
    expect(added.payload).toMatchObject({
      type: 'conversation.changed',
      event: { type: 'label.add', label: 'billing' },
    });
    expect((await db.conversations.get(id))?.labels).toEqual(['billing']);

    await run('label.toggle', { conversationId: id, labelId: 'billing' });
    const removed = await lastEvent(db);
    expect(removed.payload).toMatchObject({ event: { type: 'label.remove', label: 'billing' } });
    expect((await db.conversations.get(id))?.labels).toEqual([]);
    expect(seen.toasts.map((t) => t.undo)).toEqual([added.id, removed.id]);
  });
});

describe('snooze until a time', () => {
  it('snoozes the named conversation until then, logged, with an undo', async () => {
    const db = testDb();
    const id = await conversation(db);
    const { seen, run } = shell(db);
    const until = NOW + 3 * HOUR;

    await run('conversation.snoozeUntil', { conversationId: id, until });

    const e = await lastEvent(db);
    expect(e.payload).toMatchObject({ type: 'conversation.changed', event: { type: 'snooze', until } });
    expect(await db.conversations.get(id)).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    expect(seen.toasts).toEqual([{ text: expect.stringContaining('Snoozed until'), undo: e.id }]);
  });

  it('a conversation that cannot be snoozed says why and logs nothing', async () => {
    const db = testDb();
    const { seen, run } = shell(db);
    const before = await db.log.count();
    await run('conversation.snoozeUntil', { conversationId: 'gone', until: NOW + HOUR });
    expect(await db.log.count()).toBe(before);
    expect(seen.toasts).toEqual([
      { text: i18next.t('errors.transition.not-found', { lng: 'en' }), tone: 'error' },
    ]);
  });
});

describe('writing', () => {
  it('a reply is queued in the outbox, logged, its draft gone, and the composer told it was written', async () => {
    const db = testDb();
    const id = await conversation(db);
    await db.drafts.put({ conversationId: id, kind: 'reply', text: 'Hoi Fl', updatedAt: NOW - 1 });
    const { seen, run } = shell(db);

    expect(await run('reply.send', { conversationId: id, text: '  Hoi Fleur, we kijken ernaar.  ' })).toBe(
      true,
    );

    const e = await lastEvent(db);
    expect(e.payload.type).toBe('reply.queued');
    const message = e.payload.type === 'reply.queued' ? e.payload.message : null;
    expect(message).toMatchObject({
      conversationId: id,
      text: 'Hoi Fleur, we kijken ernaar.',
      direction: 'outgoing',
    });
    expect(await db.outbox.where('messageId').equals(message!.id).first()).toMatchObject({
      status: 'queued',
    });
    expect(await db.drafts.get(id)).toBeUndefined();
    expect(seen.toasts.map((t) => t.text)).toEqual([i18next.t('composer.queued', { lng: 'en' })]);
  });

  it('a reply on a connected account says it goes out through that account', async () => {
    const db = testDb();
    const id = await conversation(db);
    const accountId = (await db.conversations.get(id))!.accountId;
    const { seen, run } = shell(db, { [accountId]: 'Support mail' });
    await run('reply.send', { conversationId: id, text: 'Hoi!' });
    expect(seen.toasts[0]!.text).toBe(
      i18next.t('composer.queuedConnected', { lng: 'en', account: 'Support mail' }),
    );
  });

  it('an empty reply writes nothing and tells the composer so (it keeps its text)', async () => {
    const db = testDb();
    const id = await conversation(db);
    const before = await db.log.count();
    const { seen, run } = shell(db);
    expect(await run('reply.send', { conversationId: id, text: '   ' })).toBe(false);
    expect(await db.log.count()).toBe(before);
    expect(seen.toasts).toEqual([]);
  });

  it('a note is logged and never enters the outbox', async () => {
    const db = testDb();
    const id = await conversation(db);
    const { seen, run } = shell(db);
    expect(await run('note.add', { conversationId: id, text: 'Klant belt morgen terug' })).toBe(true);
    const e = await lastEvent(db);
    expect(e.payload).toMatchObject({ type: 'note.added', message: { text: 'Klant belt morgen terug' } });
    expect(await db.outbox.count()).toBe(0);
    expect(seen.toasts.map((t) => t.text)).toEqual([i18next.t('composer.noteAdded', { lng: 'en' })]);
  });

  it('a draft is saved per conversation, outside the shared log; empty text removes it', async () => {
    const db = testDb();
    const id = await conversation(db);
    const before = await db.log.count();
    const { run } = shell(db);
    await run('draft.save', { conversationId: id, kind: 'note', text: 'half a note' });
    expect(await db.drafts.get(id)).toMatchObject({ kind: 'note', text: 'half a note', updatedAt: NOW });
    await run('draft.save', { conversationId: id, kind: 'note', text: '' });
    expect(await db.drafts.get(id)).toBeUndefined();
    expect(await db.log.count()).toBe(before);
  });

  it('"yes, it arrived" for a reply nobody knows about makes it sent and logs the delivery', async () => {
    const db = testDb();
    const id = await conversation(db);
    const { run } = shell(db);
    await run('reply.send', { conversationId: id, text: 'Hoi!' });
    const row = (await db.outbox.toArray())[0]!;
    // The delivery worker could not tell whether the channel took it.
    await db.outbox.update(row.seq!, { status: 'unknown' });

    await run('outbox.answer', { messageId: row.messageId, action: 'delivered' });

    expect((await db.outbox.get(row.seq!))?.status).toBe('sent');
    expect((await lastEvent(db)).payload).toMatchObject({
      type: 'reply.delivered',
      messageId: row.messageId,
    });
  });
});

describe('a failing action', () => {
  it('on a full disk goes to the storage banner, named after the action and its conversation; nothing is logged', async () => {
    const db = testDb();
    const id = await conversation(db);
    const before = await db.log.count();
    db.log.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const { seen, run } = shell(db);

    await expect(run('label.create', { conversationId: id, name: 'Billing' })).resolves.toBeUndefined();

    expect(seen.toasts).toEqual([]);
    expect(writeFailures.snapshot()).toContainEqual(
      expect.objectContaining({
        key: `action:label.create:${id}`,
        what: 'action',
        action: 'New label',
        conversationLabel: '@fleur_bos',
      }),
    );
    expect(await db.log.count()).toBe(before);
    expect(await db.labels.get('billing')).toBeUndefined();
    writeFailures.clear(`action:label.create:${id}`);
  });

  it('for any other reason is an error toast, not thrown', async () => {
    const db = testDb();
    const id = await conversation(db);
    db.log.hook('creating', () => {
      throw new Error('boom');
    });
    const { seen, run } = shell(db);
    await run('crisis.startFromConversation', { conversationId: id });
    expect(seen.toasts).toHaveLength(1);
    expect(seen.toasts[0]).toMatchObject({ tone: 'error', text: expect.stringContaining('boom') });
    expect(seen.screens).toEqual([]);
  });
});
