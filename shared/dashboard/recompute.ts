import type { AlertRow, FlagRow } from '../crisis/types.ts';
import type { Conversation, Message } from '../domain/types.ts';
import {
  authorEventOf,
  authorStatsOf,
  statusCountsOf,
  type AuthorEvent,
  type AuthorStats,
} from './authors.ts';
import {
  classifyMessage,
  recomputeRollups,
  responseFactOf,
  type ResponseFact,
  type RollupRow,
} from './rollups.ts';

export interface Derived {
  rollups: RollupRow[];
  facts: ResponseFact[];
  authorStats: AuthorStats[];
  statusCounts: Record<string, number>;
}

/**
 * Everything the dashboard and the author directory derive, from scratch, from stored rows.
 * The incremental projection must always equal this (tests compare them); the v5 upgrade and
 * the "Recount dashboard" command use it. It reads the whole inbox, so it never runs on the
 * start-up or interaction path.
 */
export function deriveAll(input: {
  messages: readonly Message[];
  conversations: readonly Pick<Conversation, 'id' | 'authorId' | 'demo'>[];
  flags: readonly FlagRow[];
  alerts: readonly Pick<AlertRow, 'at' | 'brand' | 'messageIds'>[];
}): Derived {
  const conv = new Map(input.conversations.map((c) => [c.id, c]));
  const demoMessage = new Map(input.messages.map((m) => [m.id, m.demo]));
  const classes = new Map(
    input.messages
      .filter((m) => m.direction === 'incoming')
      .map((m) => [m.id, classifyMessage(m.text, m.lang)]),
  );
  const rollups = recomputeRollups({
    messages: input.messages,
    classes,
    flags: input.flags.map((flag) => ({ flag, demo: conv.get(flag.conversationId)?.demo ?? 0 })),
    alerts: input.alerts.map((a) => ({
      at: a.at,
      brand: a.brand,
      demo: a.messageIds.length > 0 && a.messageIds.every((id) => demoMessage.get(id) === 1) ? 1 : 0,
    })),
  });
  const threads = new Map<string, Message[]>();
  const byAuthor = new Map<string, { demo: 0 | 1; events: AuthorEvent[] }>();
  for (const m of input.messages) {
    const list = threads.get(m.conversationId) ?? [];
    list.push(m);
    threads.set(m.conversationId, list);
    const author = m.direction === 'incoming' ? m.authorId : conv.get(m.conversationId)?.authorId;
    const e = author ? authorEventOf(m, classes.get(m.id) ?? null) : null;
    if (!author || !e) continue;
    // An author's demo flag is their conversations' (demo authors live in demo accounts only).
    const entry = byAuthor.get(author) ?? { demo: conv.get(m.conversationId)?.demo ?? m.demo, events: [] };
    entry.events.push(e);
    byAuthor.set(author, entry);
  }
  const facts: ResponseFact[] = [];
  for (const list of threads.values()) {
    const f = responseFactOf(list);
    if (f) facts.push(f);
  }
  const authorStats = [...byAuthor].map(([id, { demo, events }]) => authorStatsOf(id, demo, events));
  return { rollups: [...rollups.values()], facts, authorStats, statusCounts: statusCountsOf(authorStats) };
}
