import { describe, expect, it } from 'vitest';
import { freshDbPerTest } from '../test/db.ts';
import { scoreConversation } from '../../shared/analysis/index.ts';
import type { Conversation } from '../../shared/domain/types.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { decideFlag } from '../db/crisis.ts';
import { removeDemo, seedDemo } from '../db/demo.ts';
import { importJsonlText } from '../db/importExport.ts';
import { dispatch, queueReply } from '../db/repo.ts';
import { conversationRow, importedConversation as id } from '../test/ids.ts';
import {
  activeConversationIds,
  analyzeConversations,
  RESCORE_CAP,
  rescoreCandidates,
  rescoreTick,
  writeOutcome,
} from './analyze.ts';

// A fake clock: every call gets `now` passed in; T is when the complaints are posted.
const T = Date.UTC(2026, 10, 24, 9, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
// Negative, public, a churn threat, 3,000 followers: below the threshold when posted, above it
// after two to three hours without an answer (waiting and public exposure add up).
const COMPLAINT =
  'Ik wacht al twee weken op mijn terugbetaling. Schandalig, ik stap over naar een andere provider.';

const testDb = freshDbPerTest('rescore');

function line(conv: string, at: number, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: `${conv}-m1`,
    channel: 'x',
    conversationId: conv,
    direction: 'incoming',
    public: true,
    author: { id: `a-${conv}`, handle: `user_${conv}`, followers: 3000 },
    text: COMPLAINT,
    createdAt: new Date(at).toISOString(),
    lang: 'nl',
    brand: 'belnet',
    ...extra,
  });
}

async function importLines(lines: string[], now: number) {
  const r = await importJsonlText(testDb(), lines.join('\n'), now);
  expect(r.errors).toEqual([]);
}

/** A bare waiting conversation row for selection tests (the scorer is not involved). */
function waitingRow(rowId: string, lastMessageAt: number, waiting: boolean): Conversation {
  return conversationRow({
    id: rowId,
    waitingSince: waiting ? lastMessageAt : null,
    lastMessageAt,
    lastDirection: waiting ? 'incoming' : 'outgoing',
    public: true,
    lang: 'nl',
    brand: 'belnet',
  });
}

describe('periodic re-score: selection', () => {
  it('picks open, waiting, recent conversations only, and skips flags the manager decided', async () => {
    await importLines(
      ['fresh', 'answered', 'resolved', 'old', 'decided'].map((c) =>
        line(c, c === 'old' ? T - 3 * 24 * HOUR : T),
      ),
      T,
    );
    await queueReply(testDb(), id('answered'), 'Vervelend! We kijken het na.', 'me', T + MIN);
    await dispatch(testDb(), id('resolved'), { type: 'resolve' }, 'me', T + MIN);
    // 'decided' is flagged and acknowledged: it stays out of every tick.
    await testDb().flags.put({
      conversationId: id('decided'),
      risk: 70,
      threshold: 60,
      severity: 0.8,
      reasons: [],
      state: 'acknowledged',
      brand: 'belnet',
      channel: 'x',
      exposureSince: T,
      flaggedAt: T,
      updatedAt: T,
      escalatedAt: null,
      active: 1,
    });
    expect(await rescoreCandidates(testDb(), T + 3 * HOUR)).toEqual([id('fresh')]);
  });

  it('reads at most the cap, newest first, counting only waiting conversations', async () => {
    const rows: Conversation[] = [];
    // 700 waiting conversations interleaved with 700 answered ones in the last 48 hours.
    for (let i = 0; i < 1400; i++) rows.push(waitingRow(`c${i}`, T - i * MIN, i % 2 === 0));
    await testDb().conversations.bulkPut(rows);
    const ids = await rescoreCandidates(testDb(), T);
    expect(ids).toHaveLength(RESCORE_CAP);
    expect(ids[0]).toBe('c0');
    expect(ids.every((id) => Number(id.slice(1)) % 2 === 0)).toBe(true);
    expect(ids.at(-1)).toBe(`c${(RESCORE_CAP - 1) * 2}`);
  });
});

describe('periodic re-score: a complaint that waits crosses the threshold', () => {
  it('is not flagged on arrival, gets a flag with its reasons once it has waited', async () => {
    await importLines([line('slow', T)], T);
    await analyzeConversations(testDb(), [id('slow')], T);
    expect(await testDb().flags.get(id('slow'))).toBeUndefined();

    // Nothing new arrives; the clock moves on. Ticks every five minutes.
    let crossedAt: number | null = null;
    for (let now = T + 5 * MIN; now <= T + 4 * HOUR && crossedAt === null; now += 5 * MIN) {
      const r = await rescoreTick(testDb(), now);
      if (r.added > 0) crossedAt = now;
    }
    expect(crossedAt).not.toBeNull();
    const flag = (await testDb().flags.get(id('slow')))!;
    expect(flag.state).toBe('new');
    expect(flag.risk).toBeGreaterThanOrEqual(flag.threshold);
    expect(flag.flaggedAt).toBe(crossedAt);
    expect(flag.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['risk.waiting', 'risk.exposure']),
    );
    expect(flag.exposureSince).toBe(T);
  });

  it('drops out once answered: the flag loses its exposure and falls below the threshold', async () => {
    await importLines([line('slow', T)], T);
    await rescoreTick(testDb(), T + 3 * HOUR);
    expect((await testDb().flags.get(id('slow')))?.state).toBe('new');
    await queueReply(
      testDb(),
      id('slow'),
      'Sorry! We zoeken het uit en mailen je vandaag.',
      'me',
      T + 3 * HOUR + MIN,
    );
    expect(await rescoreCandidates(testDb(), T + 3 * HOUR + 5 * MIN)).toEqual([]);
    await rescoreTick(testDb(), T + 3 * HOUR + 5 * MIN);
    const after = await testDb().flags.get(id('slow'));
    // Without the waiting points the complaint is back below the threshold: the undecided flag goes.
    expect(after).toBeUndefined();
  });

  it('a resolved conversation’s undecided flag goes inactive', async () => {
    await importLines([line('slow', T)], T);
    await rescoreTick(testDb(), T + 3 * HOUR);
    await dispatch(testDb(), id('slow'), { type: 'resolve' }, 'me', T + 3 * HOUR + MIN);
    await rescoreTick(testDb(), T + 3 * HOUR + 5 * MIN);
    expect((await testDb().flags.get(id('slow')))?.active).toBe(0);
  });

  it('never overwrites a decision: decided flags are left alone, and a decision taken mid-tick wins', async () => {
    await importLines([line('a', T), line('b', T), line('c', T)], T);
    await rescoreTick(testDb(), T + 3 * HOUR);
    expect((await testDb().flags.toArray()).map((f) => f.state)).toEqual(['new', 'new', 'new']);

    // The manager escalates 'c' after the worker scored it but before the worker writes.
    const messages = await testDb().messages.where('conversationId').equals(id('c')).toArray();
    const risk = scoreConversation(
      {
        id: id('c'),
        brand: 'belnet',
        author: { id: 'x:a-c', handle: 'user_c', followers: 3000, verified: false },
        messages,
      },
      { now: T + 3 * HOUR + 5 * MIN, threshold: 60 },
    );
    expect(risk.flagged).toBe(true);
    await decideFlag(testDb(), id('c'), 'escalated', T + 3 * HOUR + 4 * MIN);
    await writeOutcome(testDb(), id('c'), risk, T + 3 * HOUR + 5 * MIN);
    expect(await testDb().flags.get(id('c'))).toMatchObject({
      state: 'escalated',
      escalatedAt: T + 3 * HOUR + 4 * MIN,
      active: 1,
    });

    // Decided flags are not selected again, whatever the clock says.
    await decideFlag(testDb(), id('a'), 'acknowledged', T + 3 * HOUR + 6 * MIN);
    await decideFlag(testDb(), id('b'), 'dismissed', T + 3 * HOUR + 6 * MIN);
    const before = await testDb().flags.bulkGet([id('a'), id('b'), id('c')]);
    expect(await rescoreCandidates(testDb(), T + 4 * HOUR)).toEqual([]);
    await rescoreTick(testDb(), T + 4 * HOUR);
    expect(await testDb().flags.bulkGet([id('a'), id('b'), id('c')])).toEqual(before);
  });
});

describe('orphan flags', () => {
  it('a flag is not written for a conversation deleted between scoring and writing; a leftover is removed', async () => {
    await importLines([line('gone', T)], T);
    const messages = await testDb().messages.where('conversationId').equals(id('gone')).toArray();
    const risk = scoreConversation(
      {
        id: id('gone'),
        brand: 'belnet',
        author: { id: 'x:a-gone', handle: 'user_gone', followers: 3000, verified: false },
        messages,
      },
      { now: T + 3 * HOUR, threshold: 60 },
    );
    expect(risk.flagged).toBe(true);
    await testDb().conversations.delete(id('gone'));
    expect(await writeOutcome(testDb(), id('gone'), risk, T + 3 * HOUR)).toBe(false);
    expect(await testDb().flags.get(id('gone'))).toBeUndefined();
  });

  it('removing the demo inbox while the worker analyses it leaves no flag without a conversation', async () => {
    const NOW = Date.UTC(2026, 10, 24, 23, 10, 0);
    await seedDemo(testDb(), DEFAULT_SETTINGS, NOW, 'en', 300);
    await analyzeConversations(testDb(), await activeConversationIds(testDb()), NOW);
    const ids = await testDb().flags.toCollection().primaryKeys();
    expect(ids.length).toBeGreaterThan(3);
    await testDb().flags.clear();
    // Re-analysed (every one of them flags again), the demo is switched off after the worker has
    // scored the first chunk and before it writes it: the removal lands between scoring and writing.
    const transaction = testDb().transaction.bind(testDb()) as (...args: unknown[]) => Promise<unknown>;
    let writes = 0;
    let removed = false;
    (testDb() as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = async (
      ...args: unknown[]
    ) => {
      const tables = args[1];
      // The first write transaction of the analysis: where its outcomes are committed.
      if (
        !removed &&
        Array.isArray(tables) &&
        tables.includes(testDb().flags) &&
        tables.includes(testDb().log)
      ) {
        if (++writes === 1) {
          removed = true;
          await removeDemo(testDb(), NOW);
        }
      }
      return transaction(...args);
    };
    const r = await analyzeConversations(testDb(), ids, NOW);
    expect(removed).toBe(true);
    expect(r.scored).toBeGreaterThanOrEqual(3);
    const flags = await testDb().flags.toArray();
    const convs = await testDb().conversations.bulkGet(flags.map((f) => f.conversationId));
    expect(convs.filter((c) => !c)).toEqual([]);
    expect(flags).toEqual([]);
  }, 120_000);
});
