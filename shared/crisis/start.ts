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

/**
 * The radar alert that joins a crisis started for `brand` at `now`: the first (alerts come newest
 * first) alert of the same brand raised less than six hours ago, or `null`.
 */
export function alertJoiningCrisis(alerts: readonly AlertRow[], brand: string, now: number): AlertRow | null {
  return alerts.find((a) => a.brand === brand && a.at > now - ALERT_JOINS_CRISIS_MS) ?? null;
}

/**
 * A crisis started from one flagged conversation: about its brand, joined by a recent radar
 * alert of that brand (whose topic it then takes), else about what the customer said.
 */
export function crisisFromConversation(input: {
  conversationId: string;
  brand: string;
  customerSnippet: string;
  alerts: readonly AlertRow[];
  now: number;
}): CrisisStart {
  const alert = alertJoiningCrisis(input.alerts, input.brand, input.now);
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
