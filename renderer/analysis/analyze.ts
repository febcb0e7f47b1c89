import Dexie from 'dexie';
import {
  createRadar,
  scoreConversation,
  type ConversationInput,
  type ConversationRisk,
  type Reason,
} from '../../shared/analysis/index.ts';
import type { AlertRow, FlagRow, StoredReason } from '../../shared/crisis/types.ts';
import type { Conversation } from '../../shared/domain/types.ts';
import { commit, writeTx } from '../db/log.ts';
import { readTuning } from '../db/project.ts';
import type { WebcareDb } from '../db/schema.ts';

export { readTuning, TUNING_KEY } from '../db/project.ts';

/**
 * Runs the escalation analysis over stored conversations and writes flags and radar alerts.
 * Called from the analysis worker on ingestion (first-run demo, imports, new messages), never on
 * the startup path. Pure scoring lives in shared/analysis; this file only reads and writes rows.
 */

/** The radar replays this much history so its baselines are warm. */
export const RADAR_WINDOW_MS = 48 * 3_600_000;
const PRIOR_CONTACT_WINDOW = 30;

const toStored = (r: Reason): StoredReason => ({ code: r.code, value: r.value, weight: r.weight });

async function inputFor(db: WebcareDb, c: Conversation): Promise<ConversationInput | null> {
  const author = await db.authors.get(c.authorId);
  const messages = await db.messages
    .where('[conversationId+createdAt]')
    .between([c.id, Dexie.minKey], [c.id, Dexie.maxKey])
    .toArray();
  if (!messages.some((m) => m.direction === 'incoming')) return null;
  const others = await db.conversations
    .where('authorId')
    .equals(c.authorId)
    .limit(PRIOR_CONTACT_WINDOW)
    .toArray();
  return {
    id: c.id,
    brand: c.brand,
    author: {
      id: c.authorId,
      handle: author?.handle ?? null,
      followers: author?.followers ?? null,
      verified: author?.verified ?? false,
    },
    messages: messages.map((m) => ({
      id: m.id,
      text: m.text,
      createdAt: m.createdAt,
      direction: m.direction,
      public: m.public,
      channel: m.channel,
      lang: m.lang,
      metrics: m.metrics,
    })),
    priorContacts: others.filter((o) => o.id !== c.id).map((o) => o.lastMessageAt),
  };
}

/**
 * The risk of one stored conversation at `now`, as the worker computes it (tests and the
 * app/CLI parity check use it; the worker scores in chunks).
 */
export async function riskOf(
  db: WebcareDb,
  conversationId: string,
  now: number,
  threshold?: number,
): Promise<ConversationRisk | null> {
  const c = await db.conversations.get(conversationId);
  const input = c ? await inputFor(db, c) : null;
  if (!input) return null;
  return scoreConversation(input, { now, threshold: threshold ?? (await readTuning(db)).threshold });
}

/** Conversations read, scored and written per step: one read and one write transaction each. */
const ANALYZE_CHUNK = 100;

/**
 * Scores the given conversations and keeps their flags up to date: a conversation at or above the
 * (feedback-tuned) threshold with two or more named signals gets a flag; an agent's decision on a
 * flag (acknowledged, escalated, dismissed) is kept when the flag is refreshed.
 *
 * Works in chunks: the reads of a chunk run in parallel inside one read-only transaction (one
 * IndexedDB round trip at a time per conversation was most of the cost), then the chunk's
 * outcomes are written in one transaction that re-checks what changed meanwhile.
 */
export async function analyzeConversations(
  db: WebcareDb,
  ids: readonly string[],
  now: number,
): Promise<{ scored: number; flagged: number }> {
  const tuning = await readTuning(db);
  let scored = 0;
  let flagged = 0;
  for (let i = 0; i < ids.length; i += ANALYZE_CHUNK) {
    const chunk = ids.slice(i, i + ANALYZE_CHUNK);
    // undefined: the conversation does not exist; null: nothing to score (resolved, no customer).
    const inputs = await db.transaction('r', [db.conversations, db.messages, db.authors], () =>
      Promise.all(
        chunk.map(async (id) => {
          const c = await db.conversations.get(id);
          if (!c) return undefined;
          return c.status === 'resolved' ? null : inputFor(db, c);
        }),
      ),
    );
    const outcomes: [string, ConversationRisk | null][] = [];
    chunk.forEach((id, k) => {
      const input = inputs[k];
      if (input === undefined) return;
      if (input === null) outcomes.push([id, null]);
      else {
        scored++;
        outcomes.push([id, scoreConversation(input, { now, threshold: tuning.threshold })]);
      }
    });
    flagged += await writeOutcomes(db, outcomes, now);
  }
  return { scored, flagged };
}

/**
 * Stores analysis outcomes in one transaction that re-reads the conversations and their flags,
 * so that what happened while they were being scored wins:
 * - a conversation is gone (the demo inbox was removed, say): nothing is written for it and a
 *   flag left behind is deleted; a flag for a conversation that no longer exists would show a
 *   bare id;
 * - the manager decided meanwhile (acknowledged, escalated, dismissed): the decision is kept.
 * A null risk means "nothing to score" (resolved, or no customer message): the flag goes
 * inactive. Returns the number of flags written.
 */
export async function writeOutcomes(
  db: WebcareDb,
  outcomes: readonly (readonly [string, ConversationRisk | null])[],
  now: number,
): Promise<number> {
  if (outcomes.length === 0) return 0;
  return writeTx(db, async () => {
    const ids = outcomes.map(([id]) => id);
    const [convs, flags] = await Promise.all([db.conversations.bulkGet(ids), db.flags.bulkGet(ids)]);
    const puts: FlagRow[] = [];
    const deletes: string[] = [];
    let written = 0;
    outcomes.forEach(([id, risk], i) => {
      const c = convs[i];
      const existing = flags[i];
      if (!c) {
        if (existing) deletes.push(id);
      } else if (!risk) {
        if (existing?.active) puts.push({ ...existing, active: 0, updatedAt: now });
      } else if (!risk.flagged) {
        if (existing?.state === 'new') deletes.push(id);
      } else {
        written++;
        const next: FlagRow = {
          conversationId: id,
          risk: risk.risk,
          threshold: risk.threshold,
          severity: risk.severity,
          reasons: risk.reasons.map(toStored),
          state: existing?.state ?? 'new',
          brand: c.brand,
          channel: c.channel,
          exposureSince: risk.exposure.unansweredSince,
          flaggedAt: existing?.flaggedAt ?? now,
          updatedAt: now,
          escalatedAt: existing?.escalatedAt ?? null,
          active: existing?.state === 'dismissed' ? 0 : 1,
        };
        // A re-score that changes nothing writes nothing (and logs nothing).
        if (!existing || !sameFlag(existing, next)) puts.push(next);
      }
    });
    if (puts.length || deletes.length)
      await commit(
        db,
        { type: 'flags.scored', set: puts, cleared: deletes },
        { actor: 'system', origin: 'system', at: now },
      );
    return written;
  });
}

/** Two flag rows say the same (apart from when they were last looked at). */
function sameFlag(a: FlagRow, b: FlagRow): boolean {
  return (
    a.risk === b.risk &&
    a.threshold === b.threshold &&
    a.severity === b.severity &&
    a.state === b.state &&
    a.active === b.active &&
    a.exposureSince === b.exposureSince &&
    a.brand === b.brand &&
    a.reasons.length === b.reasons.length &&
    a.reasons.every(
      (r, i) =>
        r.code === b.reasons[i]?.code && r.value === b.reasons[i]?.value && r.weight === b.reasons[i]?.weight,
    )
  );
}

/** `writeOutcomes` for one conversation; true when a flag was written. */
export async function writeOutcome(
  db: WebcareDb,
  id: string,
  risk: ConversationRisk | null,
  now: number,
): Promise<boolean> {
  return (await writeOutcomes(db, [[id, risk]], now)) > 0;
}

/**
 * Replays the recent message window (index range on `createdAt`, bounded by time, not by the
 * inbox) through the crisis radar and stores alerts it has not stored before.
 */
export async function runRadar(db: WebcareDb, now: number): Promise<AlertRow[]> {
  const radar = createRadar({});
  const messages = await db.messages
    .where('createdAt')
    .between(now - RADAR_WINDOW_MS, now + 1)
    .toArray();
  const authorIds = [...new Set(messages.map((m) => m.authorId))];
  const authors = new Map((await db.authors.bulkGet(authorIds)).filter((a) => !!a).map((a) => [a!.id, a!]));
  const fresh: AlertRow[] = [];
  for (const m of messages) {
    if (m.direction === 'note') continue;
    const a = authors.get(m.authorId);
    const alerts = radar.push({
      id: m.id,
      text: m.text,
      createdAt: m.createdAt,
      channel: m.channel,
      direction: m.direction,
      public: m.public,
      author: {
        id: m.authorId,
        handle: a?.handle ?? null,
        followers: a?.followers ?? null,
        verified: a?.verified ?? false,
      },
      brand: m.brand,
      conversationId: m.conversationId,
      inReplyTo: m.inReplyTo,
      lang: m.lang,
      metrics: m.metrics,
    });
    for (const alert of alerts) {
      if (alert.kind !== 'crisis') continue; // single-conversation escalations are flags already
      // The radar numbers alerts per run; a replay must map the same burst to the same row, so
      // the id is the brand plus the first piece of evidence.
      fresh.push({
        id: `crisis:${alert.brand}:${alert.messageIds[0] ?? alert.at}`,
        kind: alert.kind,
        at: Date.parse(alert.at),
        brand: alert.brand,
        topic: alert.topic,
        score: alert.score,
        messageIds: alert.messageIds,
        reasons: alert.reasons.map(toStored),
        state: 'new',
      });
    }
  }
  if (fresh.length === 0) return [];
  // Known alerts are skipped; so are alerts whose evidence was deleted meanwhile (the demo inbox
  // removed while the radar replayed it), checked in the same transaction as the write.
  return writeTx(db, async () => {
    const known = await db.alerts.bulkGet(fresh.map((f) => f.id));
    const evidence = await db.messages.bulkGet(fresh.map((f) => f.messageIds[0] ?? ''));
    const added = fresh.filter((_, i) => !known[i] && evidence[i]);
    if (added.length)
      await commit(
        db,
        { type: 'alerts.raised', alerts: added },
        { actor: 'system', origin: 'system', at: now },
      );
    return added;
  });
}

/** Ids of conversations that can need a flag: everything not resolved, newest first, capped. */
export async function activeConversationIds(db: WebcareDb, limit = 5000): Promise<string[]> {
  const ids: string[] = [];
  for (const status of ['open', 'pending', 'snoozed'] as const) {
    ids.push(
      ...(await db.conversations
        .where('[status+lastMessageAt]')
        .between([status, Dexie.minKey], [status, Dexie.maxKey])
        .reverse()
        .limit(limit)
        .primaryKeys()),
    );
  }
  return ids;
}

/** How often the analysis worker re-scores waiting conversations while the app is open. */
export const RESCORE_INTERVAL_MS = 5 * 60_000;
/** Only conversations with a message this recent are re-scored (their risk can still move). */
export const RESCORE_WINDOW_MS = 48 * 3_600_000;
/**
 * Work cap per tick: at most this many waiting conversations, plus at most RESCORE_FLAG_CAP
 * standing flags, whatever the inbox size. Measured once: a tick of ~450 conversations on the
 * demo inbox took ~1.3 s of worker time in Chromium (loaded 2-core VM), flat in the inbox size
 * (Node, fake-indexeddb: 0.4–1.1 s for 500 at 1k, 5k and 20k open conversations). Every five
 * minutes, off the main thread, that is well under 1 % of one core.
 */
export const RESCORE_CAP = 500;
export const RESCORE_FLAG_CAP = 100;

/**
 * Conversations whose risk can have grown by waiting alone: open, a customer waiting for an
 * answer, a message in the last 48 hours, and not flagged-and-decided already (the manager's
 * decision stands; the flag is not re-scored behind their back). Read through the
 * `[status+lastMessageAt]` index, newest first: the cost is the recent open window, never the
 * inbox. Newest first because the time-driven parts of the risk (waiting, public exposure)
 * saturate within a few hours, so older waiting conversations have little left to gain.
 */
export async function rescoreCandidates(db: WebcareDb, now: number, cap = RESCORE_CAP): Promise<string[]> {
  const waiting = await db.conversations
    .where('[status+lastMessageAt]')
    .between(['open', now - RESCORE_WINDOW_MS], ['open', Dexie.maxKey])
    .reverse()
    .filter((c) => c.waitingSince !== null)
    .limit(cap)
    .primaryKeys();
  const flags = await db.flags.bulkGet(waiting);
  return waiting.filter((_, i) => !flags[i] || flags[i]!.state === 'new');
}

/**
 * Undecided flags that are still standing (highest risk first, capped): re-scoring them lets a
 * flag whose conversation was answered, resolved or moved on drop off, or refreshes its reasons.
 */
export async function standingNewFlags(db: WebcareDb, cap = RESCORE_FLAG_CAP): Promise<string[]> {
  return (
    await db.flags
      .where('[active+risk]')
      .between([1, Dexie.minKey], [1, Dexie.maxKey])
      .reverse()
      .filter((f) => f.state === 'new')
      .limit(cap)
      .toArray()
  ).map((f) => f.conversationId);
}

export interface RescoreResult {
  /** Conversations looked at (candidates plus standing flags). */
  considered: number;
  scored: number;
  flagged: number;
  /** Flags that exist after the tick and did not before it. */
  added: number;
}

/**
 * One periodic re-score: conversations whose exposure clock kept running get flagged when their
 * risk crosses the threshold (with the reasons), flags of conversations that were answered or
 * resolved are refreshed or dropped. Decided flags are never selected, and `writeOutcome` keeps
 * a decision taken while the tick ran.
 */
export async function rescoreTick(db: WebcareDb, now: number): Promise<RescoreResult> {
  const ids = [...new Set([...(await rescoreCandidates(db, now)), ...(await standingNewFlags(db))])];
  const before = await db.flags.bulkGet(ids);
  const r = await analyzeConversations(db, ids, now);
  const after = await db.flags.bulkGet(ids);
  const added = after.filter((f, i) => f && !before[i]).length;
  return { considered: ids.length, ...r, added };
}

/** Conversations taken from the analysis queue per drain step. */
export const QUEUE_CHUNK = 500;

/**
 * Scores what the ingest pipeline queued (table `analysisQueue`), oldest first, in bounded
 * steps. A row is removed only if it was not queued again while it was being scored, so a
 * message that arrives meanwhile is never left unscored. Returns how many were scored.
 */
export async function drainAnalysisQueue(
  db: WebcareDb,
  now: number,
  max = 20_000,
): Promise<{ scored: number; flagged: number }> {
  let done = 0;
  const total = { scored: 0, flagged: 0 };
  while (done < max) {
    const rows = await db.analysisQueue.orderBy('queuedAt').limit(QUEUE_CHUNK).toArray();
    if (rows.length === 0) break;
    const r = await analyzeConversations(
      db,
      rows.map((row) => row.conversationId),
      now,
    );
    total.scored += r.scored;
    total.flagged += r.flagged;
    await db.transaction('rw', [db.analysisQueue], async () => {
      const current = await db.analysisQueue.bulkGet(rows.map((r) => r.conversationId));
      await db.analysisQueue.bulkDelete(
        rows.filter((r, i) => current[i] && current[i]!.queuedAt <= r.queuedAt).map((r) => r.conversationId),
      );
    });
    done += rows.length;
  }
  return total;
}
