import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ESCALATION_ID } from '../../shared/demo/ingest.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { decideFlag } from '../db/crisis.ts';
import { seedDemo } from '../db/demo.ts';
import { dispatch, undo } from '../db/repo.ts';
import { WebcareDb } from '../db/schema.ts';
import { activeConversationIds, analyzeConversations, readTuning, runRadar } from './analyze.ts';

// A fixed clock: the demo inbox and the radar replay are deterministic for a given `now`.
const NOW = Date.UTC(2026, 10, 24, 23, 10, 0) + 2 * 7919;
let db: WebcareDb;

beforeAll(async () => {
  db = new WebcareDb(`analysis-${Math.random()}`);
  await db.open();
  await seedDemo(db, DEFAULT_SETTINGS, NOW);
  await analyzeConversations(db, await activeConversationIds(db), NOW);
}, 120_000);
afterAll(async () => {
  await db.delete();
});

describe('escalation analysis on the demo inbox', () => {
  it('flags the seeded escalation with at least two named reasons', async () => {
    const flag = await db.flags.get(DEMO_ESCALATION_ID);
    expect(flag).toBeDefined();
    expect(flag!.risk).toBeGreaterThanOrEqual(flag!.threshold);
    expect(flag!.reasons.length).toBeGreaterThanOrEqual(2);
    expect(flag!.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['risk.severity', 'risk.followers', 'risk.exposure']),
    );
    expect(flag!.state).toBe('new');
  });

  it('flags only a minority of the inbox and never a resolved conversation', async () => {
    const flags = await db.flags.toArray();
    expect(flags.length).toBeGreaterThan(5);
    expect(flags.length).toBeLessThan(300);
    const convs = await db.conversations.bulkGet(flags.map((f) => f.conversationId));
    expect(convs.every((c) => c && c.status !== 'resolved')).toBe(true);
  });

  it('the radar replay raises a crisis alert for the seeded outage burst, once', async () => {
    const added = await runRadar(db, NOW);
    const burst = added.filter((a) => a.brand === 'belnet' && a.at > NOW - 3_600_000);
    expect(burst.length).toBeGreaterThanOrEqual(1);
    expect(burst[0]!.reasons.length).toBeGreaterThanOrEqual(2);
    expect(await runRadar(db, NOW)).toEqual([]);
  });

  it('keeps the manager’s decision when the flag is refreshed, and a dismissal tunes the threshold', async () => {
    await decideFlag(db, DEMO_ESCALATION_ID, 'escalated', NOW);
    await analyzeConversations(db, [DEMO_ESCALATION_ID], NOW + 60_000);
    expect((await db.flags.get(DEMO_ESCALATION_ID))!.state).toBe('escalated');
    const other = (await db.flags.where('state').equals('new').toArray()).sort((a, b) => b.risk - a.risk)[0]!;
    const before = (await readTuning(db)).threshold;
    await decideFlag(db, other.conversationId, 'dismissed', NOW);
    const after = await readTuning(db);
    expect(after.threshold).toBeGreaterThan(before);
    expect(after.feedback.map((f) => f.verdict)).toEqual(['escalate', 'dismiss']);

    // A verdict can be taken back: the flag is undecided again and the tuning forgets the verdict.
    const r = await undo(db, { actor: 'me', conversationId: other.conversationId }, NOW + 1);
    expect(r.ok).toBe(true);
    expect((await db.flags.get(other.conversationId))!).toMatchObject({ state: 'new', active: 1 });
    const restored = await readTuning(db);
    expect(restored.feedback.map((f) => f.verdict)).toEqual(['escalate']);
    expect(restored.threshold).toBe(before);
    expect(await db.counters.get('flags:dismissed')).toMatchObject({ value: 0 });
  });

  it('resolving a flagged conversation takes its flag off the active list', async () => {
    await dispatch(db, DEMO_ESCALATION_ID, { type: 'resolve' }, 'me', NOW);
    await analyzeConversations(db, [DEMO_ESCALATION_ID], NOW);
    expect((await db.flags.get(DEMO_ESCALATION_ID))!.active).toBe(0);
  });
});
