import { describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/demo/random.ts';
import type { ConversationEvent } from '../../shared/domain/events.ts';
import type { IngestMessage } from '../../shared/ingest/message.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { analyzeConversations } from '../analysis/analyze.ts';
import { freshDbPerTest } from '../test/db.ts';
import { decideFlag, endCrisis, startCrisis } from './crisis.ts';
import { removeDemo, seedDemo } from './demo.ts';
import { ensureLocalAccount, ingestBatch } from './ingest.ts';
import { commit, replay, writeTx } from './log.ts';
import { logRelation, watchAuthor } from './relations.ts';
import { deriveAll } from '../../shared/dashboard/recompute.ts';
import { addNote, createLabel, dispatch, queueReply, undo } from './repo.ts';
import { WebcareDb } from './schema.ts';

const T = Date.UTC(2026, 10, 20, 8, 0);
const MIN = 60_000;
const testDb = freshDbPerTest('log');

const TEXTS = [
  'Al drie dagen geen internet, niemand neemt op. Schandalig!',
  'Mijn pakket is nog steeds niet bezorgd',
  'Dank jullie wel, het werkt weer 👍',
  'Weer een storing bij jullie, ik stap over naar de concurrent',
  'Where is my refund? Third time I ask.',
  'Kunnen jullie mij terugbellen?',
];

/** Everything the log must rebuild: shared inbox state, not per-agent or bookkeeping rows. */
async function snapshot(db: WebcareDb) {
  const strip = <T extends { seq?: number }>(rows: T[]) => rows.map(({ seq: _s, ...r }) => r);
  return {
    conversations: await db.conversations.orderBy('id').toArray(),
    messages: await db.messages.orderBy('id').toArray(),
    authors: await db.authors.orderBy('id').toArray(),
    counters: (await db.counters.orderBy('key').toArray()).filter((c) => c.value !== 0),
    flags: await db.flags.orderBy('conversationId').toArray(),
    labels: await db.labels.orderBy('id').toArray(),
    alerts: await db.alerts.orderBy('id').toArray(),
    crises: await db.crises.orderBy('id').toArray(),
    accounts: await db.accounts.orderBy('id').toArray(),
    outbox: strip(await db.outbox.orderBy('messageId').toArray()),
    publicReplies: await db.publicReplies.orderBy('messageId').toArray(),
    tuning: (await db.meta.get('tuning'))?.value ?? null,
    rollups: await db.rollups.orderBy('key').toArray(),
    responseFacts: await db.responseFacts.orderBy('conversationId').toArray(),
    authorStats: await db.authorStats.orderBy('authorId').toArray(),
    statusCounts: (await db.meta.get('author-status-counts'))?.value ?? {},
    watchlist: await db.watchlist.orderBy('authorId').toArray(),
    relations: await db.relations.orderBy('id').toArray(),
  };
}

/** What the incremental projection keeps, against a recompute from the rows. */
async function derivedFromRows(db: WebcareDb) {
  const d = deriveAll({
    messages: await db.messages.toArray(),
    conversations: await db.conversations.toArray(),
    flags: await db.flags.toArray(),
    alerts: await db.alerts.toArray(),
  });
  const byKey = <T>(rows: T[], key: (r: T) => string) =>
    [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    rollups: byKey(d.rollups, (r) => r.key),
    responseFacts: byKey(d.facts, (r) => r.conversationId),
    authorStats: byKey(d.authorStats, (r) => r.authorId),
    statusCounts: d.statusCounts,
  };
}

async function derivedStored(db: WebcareDb) {
  const s = await snapshot(db);
  return {
    rollups: s.rollups,
    responseFacts: s.responseFacts,
    authorStats: s.authorStats,
    statusCounts: s.statusCounts,
  };
}

async function randomHistory(db: WebcareDb, seed: number): Promise<void> {
  const r = createRandom(seed);
  let now = T;
  const accounts = [
    await writeTx(db, () => ensureLocalAccount(db, 'imported', 'x', now)),
    await writeTx(db, () => ensureLocalAccount(db, 'imported', 'mastodon', now)),
  ];
  let n = 0;
  const ids = async () => db.conversations.toCollection().primaryKeys();
  if (r.chance(0.5)) await seedDemo(db, DEFAULT_SETTINGS, now, 'nl', 40);
  for (let step = 0; step < 45; step++) {
    now += r.int(1, 30) * MIN;
    const roll = r.next();
    const convs = await ids();
    const pick = () => convs[r.int(0, convs.length - 1)] as string;
    const actor = r.chance(0.7) ? 'me' : 'colleague';
    if (roll < 0.3 || convs.length === 0) {
      const account = r.pick(accounts);
      const messages: IngestMessage[] = [];
      for (let i = r.int(1, 6); i > 0; i--) {
        n++;
        const thread = `t${r.int(1, 8)}`;
        messages.push({
          remoteId: `r${n % 40}`, // repeats on purpose: re-fetched overlap
          threadKey: r.chance(0.8) ? thread : null,
          inReplyTo: r.chance(0.2) ? `r${r.int(0, 40)}` : null,
          references: [],
          rfcMessageId: null,
          subject: null,
          direction: r.chance(0.75) ? 'incoming' : 'outgoing',
          public: r.chance(0.7),
          author: {
            id: `u${r.int(1, 5)}`,
            handle: `user${r.int(1, 5)}`,
            name: null,
            followers: r.int(0, 50_000),
            verified: r.chance(0.1),
          },
          text: r.pick(TEXTS),
          html: null,
          attachments: [],
          createdAt: now - r.int(0, 3 * 24 * 60) * MIN, // back-dated: late and out of order
          lang: 'nl',
          metrics: null,
          brand: r.pick(['belnet', 'kooplijn']),
        });
      }
      await ingestBatch(
        db,
        { accountId: account.id, source: 'sync', backfill: r.chance(0.2), messages },
        now,
      );
    } else if (roll < 0.6) {
      const events: ConversationEvent[] = [
        { type: 'resolve' },
        { type: 'reopen' },
        { type: 'pend' },
        { type: 'snooze', until: now + r.int(1, 100) * MIN },
        { type: 'label.add', label: r.pick(['billing', 'press', 'vip']) },
        { type: 'label.remove', label: r.pick(['billing', 'press', 'vip']) },
        { type: 'assign', assignee: r.pick(['', 'me', 'colleague']) },
        { type: 'priority.set', priority: r.pick(['low', 'normal', 'high', 'urgent']) },
      ];
      await dispatch(db, pick(), r.pick(events), actor, now);
    } else if (roll < 0.68) await queueReply(db, pick(), 'We kijken ernaar!', actor, now);
    else if (roll < 0.7) await addNote(db, pick(), 'intern', actor, now);
    else if (roll < 0.72) {
      // The channel accepts a queued reply (the delivery worker's event), sometimes twice.
      const queued = await db.outbox
        .where('[status+nextAttemptAt]')
        .between(['queued', 0], ['queued', Infinity])
        .toArray();
      if (queued.length) {
        const o = r.pick(queued);
        await writeTx(db, async () => {
          await commit(
            db,
            { type: 'reply.delivered', messageId: o.messageId, remoteId: `sent-${step}`, at: now },
            { actor: 'system', origin: 'system', at: now, conversationId: o.conversationId },
          );
        });
      }
    } else if (roll < 0.74) {
      const authors = await db.authors.toCollection().primaryKeys();
      if (authors.length) {
        const a = r.pick(authors);
        if (r.chance(0.6))
          await watchAuthor(
            db,
            a,
            { list: r.pick(['influencer', 'press'] as const), owner: actor },
            actor,
            now,
          );
        else if (r.chance(0.5)) await watchAuthor(db, a, null, actor, now);
        else
          await logRelation(
            db,
            {
              authorId: a,
              kind: 'contact',
              text: 'Gebeld',
              nextCheckIn: r.chance(0.5) ? now + 7 * 24 * 60 * MIN : null,
            },
            actor,
            now,
          );
      }
    } else if (roll < 0.765)
      await createLabel(db, { id: `l${step}`, name: `Label ${step}`, color: '#333' }, actor, now);
    else if (roll < 0.82) await analyzeConversations(db, convs.slice(0, 30), now);
    else if (roll < 0.87) {
      const flags = await db.flags.toCollection().primaryKeys();
      if (flags.length)
        await decideFlag(
          db,
          r.pick(flags),
          r.pick(['acknowledged', 'escalated', 'dismissed'] as const),
          now,
          actor,
        );
    } else if (roll < 0.93) await undo(db, { actor, conversationId: r.chance(0.5) ? pick() : null }, now);
    else if (roll < 0.96)
      await startCrisis(
        db,
        { brand: 'belnet', topic: 'storing internet', alert: null, conversationIds: [pick()] },
        now,
        actor,
      );
    else if (roll < 0.98) {
      const active = await db.crises.where('active').equals(1).first();
      if (active) await endCrisis(db, active.id, now, actor);
    } else await removeDemo(db, now);
  }
}

describe('event log v2', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`replaying the log into an empty database rebuilds the same inbox (history ${seed})`, async () => {
      const source = testDb();
      await randomHistory(source, seed);
      const log = await source.log.orderBy('seq').toArray();
      expect(log.length).toBeGreaterThan(20);
      const target = new WebcareDb(`${source.name}-replay`);
      await target.open();
      try {
        expect(await replay(target, log)).toBe(log.length);
        expect(await snapshot(target)).toEqual(await snapshot(source));
        // Replaying again (a resumed rebuild) adds nothing.
        expect(await replay(target, log)).toBe(0);
      } finally {
        await target.delete();
      }
    }, 60_000);
  }

  for (const seed of [11, 12, 13]) {
    it(`dashboard rollups and author stats kept by the projection equal a recompute from the rows (history ${seed})`, async () => {
      const db = testDb();
      await randomHistory(db, seed);
      expect((await derivedStored(db)).rollups.length).toBeGreaterThan(0);
      expect(await derivedStored(db)).toEqual(await derivedFromRows(db));
    }, 60_000);
  }

  it('every event has a stable id, a device sequence without gaps and a causal clock', async () => {
    await randomHistory(testDb(), 9);
    const log = await testDb().log.orderBy('seq').toArray();
    expect(new Set(log.map((e) => e.id)).size).toBe(log.length);
    expect(log.map((e) => e.deviceSeq)).toEqual(log.map((_, i) => i + 1));
    expect(log.every((e) => e.id === `${e.device}.${e.deviceSeq}`)).toBe(true);
    const hlc = log.map((e) => e.hlc);
    expect([...hlc].sort()).toEqual(hlc);
    // Imports, seeds and sync carry what they brought: a received message carries the message.
    const ingest = log.find((e) => e.payload.type === 'messages.ingested');
    expect(ingest?.payload.type === 'messages.ingested' && ingest.payload.messages[0]?.text).toBeTruthy();
  }, 60_000);
});
