import { describe, expect, it } from 'vitest';
import { freshDbPerTest } from '../test/db.ts';
import type { FlagRow } from '../../shared/crisis/types.ts';
import { generateDemoInbox } from '../../shared/demo/generate.ts';
import { dropOrphanFlags, flagsWithConversations } from './crisis.ts';

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
    const [a, b] = generateDemoInbox({ seed: 1, conversations: 2, now: NOW, agentId: 'me' }).conversations;
    await testDb().conversations.bulkPut([a!, b!]);
    await testDb().flags.bulkPut([flag(a!.id, 70), flag('gone-1', 95), flag(b!.id, 80), flag('gone-2', 65)]);

    const r = await flagsWithConversations(testDb(), 'new');
    expect(r.flags.map((f) => f.conversationId)).toEqual([b!.id, a!.id]);
    expect([...r.conversations.keys()].sort()).toEqual([a!.id, b!.id].sort());
    expect(r.orphans.sort()).toEqual(['gone-1', 'gone-2']);

    // 'gone-2' comes back (re-imported) before the clean-up runs: its flag is kept.
    await testDb().conversations.put({ ...a!, id: 'gone-2' });
    expect(await dropOrphanFlags(testDb(), r.orphans)).toBe(1);
    expect((await testDb().flags.toCollection().primaryKeys()).sort()).toEqual(
      [a!.id, b!.id, 'gone-2'].sort(),
    );
  });
});
