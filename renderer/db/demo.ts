import {
  DEMO_LABEL_NAMES,
  LEGACY_DEMO_LABEL_NAMES,
  demoLabels,
  type DemoLabelLang,
} from '../../shared/demo/brands.ts';
import { generateDemoInbox } from '../../shared/demo/generate.ts';
import type { Label } from '../../shared/domain/types.ts';
import type { Settings } from '../../shared/settings/schema.ts';
import { counterDeltas } from '../../shared/inbox/views.ts';
import type { WebcareDb } from './schema.ts';
import { DEFAULT_STATEMENTS } from './crisis.ts';

export const DEMO_SEED = 20_261_124;
export const DEMO_CONVERSATIONS = 3000;
const DEMO_META = 'demo';
/** The name each demo label was last given by us ({ id: name }); see localizeDemoLabels. */
const DEMO_LABELS_META = 'demo-labels';

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
  lang: DemoLabelLang = 'en',
): Promise<'seeded' | 'removed' | 'unchanged'> {
  const result = running.then(async () => {
    const meta = ((await db.meta.get(DEMO_META))?.value as DemoMeta | undefined) ?? {
      seeded: false,
      seededAt: null,
    };
    if (settings.demo.enabled && !meta.seeded) {
      await seedDemo(db, settings, now, lang);
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

/** Seeds the demo inbox; its labels are named in `lang`, the user's UI language. */
export async function seedDemo(
  db: WebcareDb,
  settings: Settings,
  now: number,
  lang: DemoLabelLang = 'en',
): Promise<void> {
  const inbox = generateDemoInbox({
    lang,
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
      await db.meta.put({
        key: DEMO_LABELS_META,
        value: Object.fromEntries(inbox.labels.map((l) => [l.id, l.name])),
      });
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

/**
 * Renames the demo labels into `lang` when the UI language changes (and once for installs seeded
 * before labels were seeded per language). Demo labels are our data, so they follow the user's
 * language; but only while they still carry the name we gave them. A demo label the user renamed,
 * and every label the user created, is their data and is never touched. Eight rows at most.
 */
export async function localizeDemoLabels(db: WebcareDb, lang: DemoLabelLang): Promise<number> {
  return db.transaction('rw', [db.labels, db.meta], async () => {
    const ours = ((await db.meta.get(DEMO_LABELS_META))?.value ?? null) as Record<string, string> | null;
    // No record and never seeded: there are no demo labels, only the user's own.
    if (!ours && !(await db.meta.get(DEMO_META))) return 0;
    const ids = Object.keys(DEMO_LABEL_NAMES);
    const stored = await db.labels.bulkGet(ids);
    const wanted = new Map(demoLabels(lang).map((l) => [l.id, l.name]));
    const next: Record<string, string> = { ...ours };
    const renamed: Label[] = [];
    for (const [i, id] of ids.entries()) {
      const label = stored[i];
      if (!label) continue;
      // Without a record (seeded by an older version), the legacy English name marks ours.
      const untouched = ours ? ours[id] === label.name : LEGACY_DEMO_LABEL_NAMES[id] === label.name;
      if (!untouched) continue;
      const name = wanted.get(id)!;
      next[id] = name;
      if (name !== label.name) renamed.push({ ...label, name });
    }
    if (renamed.length) await db.labels.bulkPut(renamed);
    await db.meta.put({ key: DEMO_LABELS_META, value: next });
    return renamed.length;
  });
}
