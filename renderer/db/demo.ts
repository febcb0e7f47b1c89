import { generateDemoInbox } from '../../shared/demo/generate.ts';
import type { Settings } from '../../shared/settings/schema.ts';
import { counterDeltas } from '../../shared/inbox/views.ts';
import type { WebcareDb } from './schema.ts';
import { DEFAULT_STATEMENTS } from './crisis.ts';

export const DEMO_SEED = 20_261_124;
export const DEMO_CONVERSATIONS = 3000;
const DEMO_META = 'demo';

interface DemoMeta {
  seeded: boolean;
  seededAt: number | null;
}

let running: Promise<void> = Promise.resolve();

/**
 * Makes the demo inbox match the setting: seeds it on first run (one-time bulk write) and
 * removes every demo row when the setting is turned off. The agent's own rows are never touched.
 * Calls are serialised so two triggers cannot seed twice.
 */
export function syncDemoInbox(
  db: WebcareDb,
  settings: Settings,
  now: number,
): Promise<'seeded' | 'removed' | 'unchanged'> {
  const result = running.then(async () => {
    const meta = ((await db.meta.get(DEMO_META))?.value as DemoMeta | undefined) ?? {
      seeded: false,
      seededAt: null,
    };
    if (settings.demo.enabled && !meta.seeded) {
      await seedDemo(db, settings, now);
      return 'seeded' as const;
    }
    if (!settings.demo.enabled && meta.seeded) {
      await removeDemo(db);
      return 'removed' as const;
    }
    return 'unchanged' as const;
  });
  running = result.then(() => undefined);
  return result;
}

export async function seedDemo(db: WebcareDb, settings: Settings, now: number): Promise<void> {
  const inbox = generateDemoInbox({
    seed: DEMO_SEED,
    conversations: DEMO_CONVERSATIONS,
    now,
    agentId: settings.agent.id,
    agentInitials: settings.agent.initials || undefined,
    agentName: settings.agent.name || undefined,
  });
  await db.transaction(
    'rw',
    [db.conversations, db.messages, db.authors, db.labels, db.counters, db.meta, db.statements],
    async () => {
      await db.labels.bulkPut(inbox.labels);
      if ((await db.statements.count()) === 0) await db.statements.bulkPut(DEFAULT_STATEMENTS);
      await db.authors.bulkPut(inbox.authors);
      await db.messages.bulkPut(inbox.messages);
      await db.conversations.bulkPut(inbox.conversations);
      const totals = new Map<string, number>();
      for (const c of inbox.conversations)
        for (const [k, v] of counterDeltas(null, c)) totals.set(k, (totals.get(k) ?? 0) + v);
      const existing = await db.counters.bulkGet([...totals.keys()]);
      await db.counters.bulkPut(
        [...totals].map(([key, value], i) => ({ key, value: value + (existing[i]?.value ?? 0) })),
      );
      await db.meta.put({ key: DEMO_META, value: { seeded: true, seededAt: now } satisfies DemoMeta });
    },
  );
}

/**
 * Removes every demo row in one transaction, counters included, so the lists and their sizes
 * change together. The agent's own conversations (demo = 0) and their counters stay.
 */
export async function removeDemo(db: WebcareDb): Promise<void> {
  await db.transaction(
    'rw',
    [
      db.conversations,
      db.messages,
      db.authors,
      db.events,
      db.drafts,
      db.outbox,
      db.meta,
      db.flags,
      db.alerts,
      db.crises,
      db.counters,
    ],
    async () => {
      const ids = await db.conversations.where('demo').equals(1).primaryKeys();
      const idSet = new Set(ids);
      await db.messages.where('demo').equals(1).delete();
      await db.authors.where('demo').equals(1).delete();
      await db.conversations.bulkDelete(ids);
      await db.drafts.bulkDelete(ids);
      await db.flags.bulkDelete(ids);
      await db.alerts.clear();
      await db.crises.filter((c) => c.conversationIds.some((id) => idSet.has(id))).delete();
      await db.events.filter((e) => idSet.has(e.conversationId)).delete();
      await db.outbox.where('conversationId').anyOf(ids).delete();
      const totals = new Map<string, number>();
      await db.conversations
        .where('demo')
        .equals(0)
        .each((c) => {
          for (const [k, v] of counterDeltas(null, c)) totals.set(k, (totals.get(k) ?? 0) + v);
        });
      await db.counters.clear();
      await db.counters.bulkPut([...totals].map(([key, value]) => ({ key, value })));
      await db.meta.put({ key: DEMO_META, value: { seeded: false, seededAt: null } satisfies DemoMeta });
    },
  );
}
