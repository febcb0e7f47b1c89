import { matchesTopic, topicTerms } from './topic.ts';
import type { AlertRow, StoredReason } from './types.ts';

/** How recent a radar alert for the same brand must be to join a crisis started from a flag. */
export const ALERT_JOINS_CRISIS_MS = 6 * 3_600_000;

/** How far back the Flags screen lists radar alerts. */
export const RECENT_ALERTS_MS = 48 * 3_600_000;

/**
 * What a crisis is started with: the brand and topic, the radar alert it grew from (if any) and
 * the conversations that belong to it whatever they say (the flag it was started from).
 */
export interface CrisisStart {
  brand: string;
  /** The radar topic label, or for a crisis started from a flag what it is about. */
  topic: string;
  alert: AlertRow | null;
  conversationIds: string[];
}

/** What a flagged conversation said lately: its customer messages of the evidence window. */
export interface ConversationEvidence {
  messageIds: readonly string[];
  texts: readonly string[];
}

/**
 * The radar alert that joins a crisis started for `brand` at `now`: an alert of the same brand
 * raised less than six hours ago that is about this conversation: the newest alert whose
 * evidence holds one of the conversation's messages, else the one whose topic words the customer
 * used most (then the newest); an alert about something else never joins (two bursts of one
 * brand, "storing" in Dutch and "outage" in English, are two alerts). Alerts come newest first.
 */
export function alertJoiningCrisis(
  alerts: readonly AlertRow[],
  brand: string,
  now: number,
  about: ConversationEvidence,
): AlertRow | null {
  const recent = alerts.filter((a) => a.brand === brand && a.at > now - ALERT_JOINS_CRISIS_MS);
  const own = new Set(about.messageIds);
  const withOwn = recent.find((a) => a.messageIds.some((id) => own.has(id)));
  if (withOwn) return withOwn;
  let best: AlertRow | null = null;
  let bestHits = 0;
  for (const a of recent) {
    const hits = topicTerms(a.topic, brand).filter((term) =>
      about.texts.some((text) => matchesTopic(text, [term])),
    ).length;
    if (hits > bestHits) {
      best = a;
      bestHits = hits;
    }
  }
  return best;
}

/**
 * A crisis started from one flagged conversation: about its brand, joined by a recent radar
 * alert of that brand about the same thing (whose topic it then takes), else about what the
 * customer said.
 */
export function crisisFromConversation(input: {
  conversationId: string;
  brand: string;
  customerSnippet: string;
  /** The conversation's customer messages of the evidence window (none: only the snippet). */
  evidence?: ConversationEvidence;
  alerts: readonly AlertRow[];
  now: number;
}): CrisisStart {
  const about = input.evidence ?? { messageIds: [], texts: [input.customerSnippet] };
  const alert = alertJoiningCrisis(input.alerts, input.brand, input.now, about);
  return {
    brand: input.brand,
    topic: alert?.topic ?? input.customerSnippet,
    alert,
    conversationIds: [input.conversationId],
  };
}

/** The id of the crisis about a brand and topic: one active crisis per brand and topic. */
export function crisisId(brand: string, topic: string): string {
  return `crisis-${brand}-${topic}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 120);
}

/** The reasons an escalation's notification names: the three that weighed most. */
export function topReasons(reasons: readonly StoredReason[], n = 3): StoredReason[] {
  return [...reasons].sort((a, b) => b.weight - a.weight).slice(0, n);
}
