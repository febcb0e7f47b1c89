import Dexie from 'dexie';
import {
  createRadar,
  DEFAULT_RISK_THRESHOLD,
  initialTuning,
  scoreConversation,
  type ConversationInput,
  type Reason,
  type TuningState,
} from '../../shared/analysis/index.ts';
import type { AlertRow, FlagRow, StoredReason } from '../../shared/crisis/types.ts';
import type { Conversation } from '../../shared/domain/types.ts';
import type { WebcareDb } from '../db/schema.ts';

/**
 * Runs the escalation analysis over stored conversations and writes flags and radar alerts.
 * Called from the analysis worker on ingestion (first-run demo, imports, new messages), never on
 * the startup path. Pure scoring lives in shared/analysis; this file only reads and writes rows.
 */

export const TUNING_KEY = 'tuning';
/** The radar replays this much history so its baselines are warm. */
export const RADAR_WINDOW_MS = 48 * 3_600_000;
const PRIOR_CONTACT_WINDOW = 30;

const toStored = (r: Reason): StoredReason => ({ code: r.code, value: r.value, weight: r.weight });

export async function readTuning(db: WebcareDb): Promise<TuningState> {
  return (
    ((await db.meta.get(TUNING_KEY))?.value as TuningState | undefined) ??
    initialTuning(DEFAULT_RISK_THRESHOLD)
  );
}

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
 * Scores the given conversations and keeps their flags up to date: a conversation at or above the
 * (feedback-tuned) threshold with two or more named signals gets a flag; an agent's decision on a
 * flag (acknowledged, escalated, dismissed) is kept when the flag is refreshed.
 */
export async function analyzeConversations(
  db: WebcareDb,
  ids: readonly string[],
  now: number,
): Promise<{ scored: number; flagged: number }> {
  const tuning = await readTuning(db);
  let scored = 0;
  let flagged = 0;
  for (const id of ids) {
    const c = await db.conversations.get(id);
    if (!c) continue;
    const input = c.status === 'resolved' ? null : await inputFor(db, c);
    const existing = await db.flags.get(id);
    if (!input) {
      if (existing?.active) await db.flags.update(id, { active: 0, updatedAt: now });
      continue;
    }
    scored++;
    const r = scoreConversation(input, { now, threshold: tuning.threshold });
    if (!r.flagged) {
      if (existing && existing.state === 'new') await db.flags.delete(id);
      continue;
    }
    flagged++;
    const row: FlagRow = {
      conversationId: id,
      risk: r.risk,
      threshold: r.threshold,
      severity: r.severity,
      reasons: r.reasons.map(toStored),
      state: existing?.state ?? 'new',
      brand: c.brand,
      channel: c.channel,
      exposureSince: r.exposure.unansweredSince,
      flaggedAt: existing?.flaggedAt ?? now,
      updatedAt: now,
      escalatedAt: existing?.escalatedAt ?? null,
      active: existing?.state === 'dismissed' ? 0 : 1,
    };
    await db.flags.put(row);
  }
  return { scored, flagged };
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
  const known = await db.alerts.bulkGet(fresh.map((f) => f.id));
  const added = fresh.filter((_, i) => !known[i]);
  if (added.length) await db.alerts.bulkAdd(added);
  return added;
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
