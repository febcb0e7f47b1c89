import {
  DEMO_LABEL_NAMES,
  LEGACY_DEMO_LABEL_NAMES,
  demoLabels,
  type DemoLabelLang,
} from '../../shared/demo/brands.ts';
import { DEMO_AGENTS, DEMO_BRANDS, generateDemoInbox } from '../../shared/demo/generate.ts';
import { demoSource } from '../../shared/demo/ingest.ts';
import { conversationLocalId } from '../../shared/domain/ids.ts';
import type { Label } from '../../shared/domain/types.ts';
import type { Settings } from '../../shared/settings/schema.ts';
import type { WebcareDb } from './schema.ts';
import { DEFAULT_STATEMENTS } from './crisis.ts';
import { ensureLocalAccount, ingestInTx } from './ingest.ts';
import { commit, writeTx } from './log.ts';

export const DEMO_SEED = 20_261_124;
export const DEMO_CONVERSATIONS = 3000;
const DEMO_META = 'demo';
/** Colleagues known on this computer, and the brands answered for (`[{ id, name }]` each). */
export const AGENTS_META = 'agents';
export const BRANDS_META = 'brands';

/** The demo team and brands, so that assignments and templates show names, not ids. */
async function writeDirectories(db: WebcareDb): Promise<void> {
  await db.meta.put({ key: AGENTS_META, value: DEMO_AGENTS.map((a) => ({ id: a.id, name: a.name })) });
  await db.meta.put({ key: BRANDS_META, value: DEMO_BRANDS.map((b) => ({ id: b.id, name: b.name })) });
}
/** The name each demo label was last given by us ({ id: name }); see localizeDemoLabels. */
const DEMO_LABELS_META = 'demo-labels';

interface DemoMeta {
  seeded: boolean;
  seededAt: number | null;
}

let running: Promise<void> = Promise.resolve();

/** Resolves when no demo seed or removal is under way (jobs that read the whole demo wait for it). */
export function demoSettled(): Promise<void> {
  return running;
}

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
      return (await seedDemo(db, settings, now, lang)) ? ('seeded' as const) : ('unchanged' as const);
    }
    // Demo inboxes seeded before the team and brands were recorded get them once.
    if (meta.seeded && !(await db.meta.get(BRANDS_META))) await writeDirectories(db);
    if (!settings.demo.enabled && meta.seeded) {
      await removeDemo(db, now);
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
  /** Tests seed a smaller demo. */
  conversations = DEMO_CONVERSATIONS,
): Promise<boolean> {
  const inbox = generateDemoInbox({
    lang,
    seed: DEMO_SEED,
    conversations,
    now,
    agentId: settings.agent.id,
    agentInitials: settings.agent.initials || undefined,
    agentName: settings.agent.name || undefined,
  });
  const source = demoSource(inbox);
  // One transaction that first checks whether the demo is there: two windows that both try to
  // seed (only the leader should) still seed once.
  return writeTx(db, async () => {
    const meta = (await db.meta.get(DEMO_META))?.value as DemoMeta | undefined;
    if (meta?.seeded) return false;
    for (const label of inbox.labels)
      if (!(await db.labels.get(label.id)))
        await commit(db, { type: 'label.created', label }, { actor: 'demo', origin: 'system', at: now });
    await writeDirectories(db);
    await db.meta.put({
      key: DEMO_LABELS_META,
      value: Object.fromEntries(inbox.labels.map((l) => [l.id, l.name])),
    });
    if ((await db.statements.count()) === 0) await db.statements.bulkPut(DEFAULT_STATEMENTS);
    const conversationOf = new Map<string, string>();
    const notesByChannel = new Map<
      string,
      { threadKey: string; note: (typeof source.notes)[number] & { remoteId: null; rfcMessageId: null } }[]
    >();
    for (const n of source.notes) {
      const list = notesByChannel.get(n.channel) ?? [];
      list.push({ threadKey: n.conversationId, note: { ...n, remoteId: null, rfcMessageId: null } });
      notesByChannel.set(n.channel, list);
    }
    for (const [channel, messages] of source.byChannel) {
      const account = await ensureLocalAccount(db, 'demo', channel, now);
      const report = await ingestInTx(
        db,
        { accountId: account.id, source: 'demo', backfill: false, messages },
        now,
        { seedStates: source.seedStates, demo: true, notes: notesByChannel.get(channel) ?? [] },
      );
      for (const m of messages)
        conversationOf.set(m.threadKey as string, conversationLocalId(account.id, m.threadKey as string));
      if (report.errors.length) throw new Error(`demo seed: ${report.errors.length} messages rejected`);
    }
    // What the user has already read is their own state, not the inbox's.
    const convIds = [...source.unread.keys()]
      .map((k) => conversationOf.get(k))
      .filter((id): id is string => !!id);
    const rows = await db.conversations.bulkGet(convIds);
    await db.reads.bulkPut(
      rows
        .filter((c): c is NonNullable<typeof c> => !!c)
        .map((c) => ({
          agentId: settings.agent.id,
          conversationId: c.id,
          seen: Math.max(0, c.incomingCount - (source.unread.get(c.threadKey) ?? 0)),
          at: now,
        })),
    );
    await db.meta.put({ key: DEMO_META, value: { seeded: true, seededAt: now } satisfies DemoMeta });
    return true;
  });
}

/**
 * Removes every demo row (one `demo.removed` event; the projection deletes the rows and corrects
 * the counters by their contributions). The agent's own conversations (demo = 0) stay.
 */
export async function removeDemo(db: WebcareDb, now = Date.now()): Promise<void> {
  await writeTx(db, async () => {
    await commit(db, { type: 'demo.removed' }, { actor: 'demo', origin: 'system', at: now });
    await db.meta.put({ key: DEMO_META, value: { seeded: false, seededAt: null } satisfies DemoMeta });
  });
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
