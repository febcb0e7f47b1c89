import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IpcCallError, type WebcareApi } from '../../shared/ipc/contract.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { registerBackupHandlers } from '../../electron/main/ipc/backups.ts';
import { createIpcRouter } from '../../electron/main/ipc/handle.ts';
import { createBackupService } from '../../electron/main/services/backups.ts';
import { seedDemo } from '../../renderer/db/demo.ts';
import { addNote, dispatch, queueReply, saveDraft } from '../../renderer/db/repo.ts';
import { WebcareDb } from '../../renderer/db/schema.ts';
import { DB_VERSION } from '../../renderer/db/schema.ts';
import { DEMO_COUNTER } from '../../shared/inbox/views.ts';
import { OLDEST_SNAPSHOT_SCHEMA, SNAPSHOT_STEPS } from '../../shared/migrations/snapshot-rows.ts';
import {
  SnapshotError,
  listSnapshots,
  readSnapshot,
  restoreSnapshot,
  writeSnapshot,
} from '../../renderer/db/snapshot.ts';

/**
 * Snapshot → restore across the real boundary: the renderer's snapshot code (Dexie on
 * fake-indexeddb) talks to the real main-side backup service through the IPC router and the
 * contract's schemas, with a real data folder.
 */

const NOW = Date.UTC(2026, 11, 1, 10, 0);
let dataDir: string;
let api: Pick<WebcareApi, 'invoke'>;
const dbs: WebcareDb[] = [];

async function freshDb(): Promise<WebcareDb> {
  const db = new WebcareDb(`snap-${Math.random()}`);
  await db.open();
  dbs.push(db);
  return db;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'webcare-snap-'));
  const router = createIpcRouter<null>({ isTrustedSender: () => true });
  registerBackupHandlers(router, createBackupService(dataDir, { keep: { auto: 2 } }));
  api = {
    invoke: (async (channel: string, arg?: unknown) => {
      const r = await router.dispatch(channel, arg, null);
      if (!r.ok) throw new IpcCallError(r.error.code, r.error.message);
      return r.value;
    }) as WebcareApi['invoke'],
  };
});
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
  rmSync(dataDir, { recursive: true, force: true });
});

async function everything(db: WebcareDb) {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

async function seeded() {
  const db = await freshDb();
  await seedDemo(db, DEFAULT_SETTINGS, NOW, 'nl', 40);
  const [c1, c2] = await db.conversations.limit(2).toArray();
  await queueReply(db, c1!.id, 'We kijken ernaar, één moment.', 'me', NOW + 1000);
  await addNote(db, c2!.id, 'Klant belt terug', 'me', NOW + 2000);
  await dispatch(db, c2!.id, { type: 'resolve' }, 'me', NOW + 3000);
  await saveDraft(db, c1!.id, 'reply', 'Nog een vraag…', NOW + 4000);
  return db;
}

describe('inbox snapshots', () => {
  it('a snapshot restored into an empty profile gives the same database, row for row', async () => {
    const source = await seeded();
    const info = await writeSnapshot(source, api, 'manual', NOW + 5000);
    expect(info.counts.conversations).toBe(40);
    expect((await listSnapshots(api)).map((s) => s.name)).toEqual([info.name]);
    const target = await freshDb();
    const snap = await readSnapshot(target, api, info.name);
    await restoreSnapshot(target, snap);
    expect(await everything(target)).toEqual(await everything(source));
  });

  it('copies in short transactions: writers go on during the copy, and the copy is consistent', async () => {
    const source = await seeded();
    const [first] = await source.conversations.orderBy('id').limit(1).toArray();
    let writes = 0;
    // Between pages a writer changes an already copied conversation and a meta row together,
    // and adds 60 labels at once (a bulk write Dexie reports as a whole-table change).
    const onPage = async (table: string) => {
      if (writes >= 6) return;
      writes++;
      await source.transaction('rw', source.conversations, source.meta, source.labels, async () => {
        await source.conversations.update(first!.id, { subject: `probe ${writes}` });
        await source.meta.put({ key: 'probe', value: `probe ${writes}` });
        if (table === 'messages' && writes < 4)
          await source.labels.bulkPut(
            Array.from({ length: 60 }, (_, i) => ({
              id: `bulk-${writes}-${i}`,
              name: `b${i}`,
              color: '#000',
            })),
          );
      });
    };
    // Awaiting a write inside onPage would never finish if the copy held one read transaction.
    const info = await writeSnapshot(source, api, 'manual', NOW + 5000, undefined, { pageRows: 7, onPage });
    expect(writes).toBe(6);
    const target = await freshDb();
    await restoreSnapshot(target, await readSnapshot(target, api, info.name));
    const conv = await target.conversations.get(first!.id);
    expect(conv?.subject).toBe('probe 6');
    expect((await target.meta.get('probe'))?.value).toBe('probe 6');
    expect(await everything(target)).toEqual(await everything(source));
    expect(info.counts.labels).toBe(await source.labels.count());
  });

  it('a row deleted after it was copied is not in the snapshot', async () => {
    const source = await seeded();
    const [gone] = await source.drafts.toArray();
    let done = false;
    const info = await writeSnapshot(source, api, 'manual', NOW, undefined, {
      pageRows: 5,
      onPage: async (table) => {
        if (table !== 'outbox' || done) return; // outbox is copied after drafts
        done = true;
        await source.drafts.delete(gone!.conversationId);
      },
    });
    expect(done).toBe(true);
    const target = await freshDb();
    await restoreSnapshot(target, await readSnapshot(target, api, info.name));
    expect(await target.drafts.get(gone!.conversationId)).toBeUndefined();
    expect(info.counts.drafts).toBe(await source.drafts.count());
  });

  it('a snapshot written by an older build (database versions 4 and 5) restores with the upgrades run: the same inbox', async () => {
    const source = await seeded();
    const info = await writeSnapshot(source, api, 'manual', NOW + 5000);
    const file = join(dataDir, 'backups', info.name);
    const text = readFileSync(file, 'utf8');
    const expected = await everything(source);
    const { createHash } = await import('node:crypto');
    // What each older build did not have: v5 added the derived tables and the status counts,
    // v6 the demo counter.
    const missingIn: Record<number, (row: { t: string; r: Record<string, unknown> }) => boolean> = {
      5: (l) => l.t === 'counters' && l.r.key === DEMO_COUNTER,
      4: (l) =>
        ['rollups', 'responseFacts', 'authorStats', 'watchlist', 'relations'].includes(l.t) ||
        (l.t === 'meta' && l.r.key === 'author-status-counts') ||
        (l.t === 'counters' && l.r.key === DEMO_COUNTER),
    };
    for (const schema of [5, 4]) {
      const [head, ...rest] = text.trimEnd().split('\n');
      const rows = rest.slice(0, -1).map((l) => JSON.parse(l) as { t: string; r: Record<string, unknown> });
      const kept = rows.filter((l) => !missingIn[schema]!(l));
      expect(kept.length).toBeLessThan(rows.length);
      const counts: Record<string, number> = {};
      for (const l of kept) counts[l.t] = (counts[l.t] ?? 0) + 1;
      const old =
        [
          JSON.stringify({ ...JSON.parse(head!), schema, counts }),
          ...kept.map((l) => JSON.stringify(l)),
          JSON.stringify({ end: true, rows: kept.length }),
        ].join('\n') + '\n';
      writeFileSync(file, old);
      const manifest = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
      writeFileSync(
        `${file}.json`,
        JSON.stringify({
          ...manifest,
          schema,
          bytes: Buffer.byteLength(old),
          sha256: createHash('sha256').update(old).digest('hex'),
        }),
      );
      const target = await freshDb();
      const snapshot = await readSnapshot(target, api, info.name);
      expect(snapshot.header.schema).toBe(schema);
      await restoreSnapshot(target, snapshot);
      const restored = await everything(target);
      // The derived rows are recomputed from the messages: equal to what the projection kept.
      for (const t of Object.keys(expected)) {
        if (schema === 4 && (t === 'watchlist' || t === 'relations')) continue;
        expect(restored[t], `${t} from a version ${schema} snapshot`).toEqual(expected[t]);
      }
    }
  });

  it('every database version after the first snapshot format has a snapshot upgrade step', () => {
    for (let v = OLDEST_SNAPSHOT_SCHEMA + 1; v <= DB_VERSION; v++)
      expect(SNAPSHOT_STEPS[v], `v${v}`).toBeTypeOf('function');
  });

  it('a truncated snapshot is refused with the reason and the inbox stays as it was', async () => {
    const source = await seeded();
    const info = await writeSnapshot(source, api, 'manual', NOW);
    const file = join(dataDir, 'backups', info.name);
    truncateSync(file, Math.floor(info.bytes / 2));
    const target = await seeded();
    const before = await everything(target);
    await expect(readSnapshot(target, api, info.name)).rejects.toMatchObject({ code: 'size' });
    expect(await everything(target)).toEqual(before);
  });

  it('a changed byte fails the checksum; a whole but cut-off snapshot with a fixed manifest fails its own checks', async () => {
    const source = await seeded();
    const info = await writeSnapshot(source, api, 'manual', NOW);
    const file = join(dataDir, 'backups', info.name);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"conversations"', '"conversationz"'));
    await expect(readSnapshot(source, api, info.name)).rejects.toMatchObject({ code: 'checksum' });

    // Someone rewrote the manifest to match a cut-off file: the snapshot's own trailer is missing.
    const cut = text.split('\n').slice(0, 30).join('\n') + '\n';
    writeFileSync(file, cut);
    const { createHash } = await import('node:crypto');
    const manifest = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
    writeFileSync(
      `${file}.json`,
      JSON.stringify({
        ...manifest,
        bytes: Buffer.byteLength(cut),
        sha256: createHash('sha256').update(cut).digest('hex'),
      }),
    );
    const err = await readSnapshot(source, api, info.name).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as SnapshotError).code).toBe('truncated');
  });

  it('a failing restore rolls back whole', async () => {
    const source = await seeded();
    const info = await writeSnapshot(source, api, 'manual', NOW);
    const target = await seeded();
    await dispatch(
      target,
      (await target.conversations.limit(1).toArray())[0]!.id,
      { type: 'pend' },
      'me',
      NOW + 9000,
    );
    const before = await everything(target);
    const snap = await readSnapshot(target, api, info.name);
    target.messages.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(restoreSnapshot(target, snap)).rejects.toThrow();
    expect(await everything(target)).toEqual(before);
  });

  it('keeps the newest automatic snapshots only, and never leaves partial files', async () => {
    const db = await seeded();
    for (let i = 0; i < 4; i++) await writeSnapshot(db, api, 'auto', NOW + i * 3_600_000);
    const manual = await writeSnapshot(db, api, 'manual', NOW);
    const names = (await listSnapshots(api)).map((s) => s.name);
    expect(names).toHaveLength(3);
    expect(names).toContain(manual.name);
    expect(readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('refuses names outside the backups folder and chunks out of order', async () => {
    await expect(api.invoke('backup:open', { name: '../settings.json' })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    const { uploadId } = await api.invoke('backup:begin', { reason: 'manual' });
    await api.invoke('backup:append', { uploadId, seq: 0, text: 'a\n' });
    await expect(api.invoke('backup:append', { uploadId, seq: 0, text: 'a\n' })).rejects.toThrow(
      /expected chunk 1/,
    );
  });
});
