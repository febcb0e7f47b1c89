/**
 * Escalation risk of one conversation (0–100) with named reasons, the public-exposure clock and
 * threshold tuning from agent feedback. Pure: `now` is passed in.
 */
import { scoreMessage } from './score.ts';
import type { MessageScore } from './score.ts';
import { reasonText } from './reasons.ts';
import type { Reason, ReasonLocale } from './reasons.ts';

export const REVIEW_SITES: ReadonlySet<string> = new Set([
  'trustpilot',
  'google',
  'appstore',
  'tripadvisor',
  'yelp',
  'kiyoh',
  'reviews',
]);
export const DEFAULT_RISK_THRESHOLD = 60;
export const EXPOSURE_TARGET_MINUTES = 60;

export interface RiskMessage {
  id: string;
  text: string;
  /** Epoch ms. */
  createdAt: number;
  direction: 'incoming' | 'outgoing' | 'note';
  public: boolean;
  channel: string;
  lang?: string | null;
  metrics?: { likes?: number; reposts?: number; replies?: number; quotes?: number } | null;
  /** A precomputed score; computed here when absent. */
  score?: MessageScore;
}

export interface RiskAuthor {
  id: string;
  handle?: string | null;
  followers?: number | null;
  verified?: boolean | null;
}

export interface StatusChange {
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  /** Epoch ms. */
  at: number;
}

/** The conversation as the risk model sees it; the app adapts its Dexie rows to this. */
export interface ConversationInput {
  id: string;
  brand?: string | null;
  author: RiskAuthor;
  /** In time order; the customer's messages are `incoming`. */
  messages: RiskMessage[];
  statusHistory?: StatusChange[];
  /** Epoch ms of this author's earlier contacts (other conversations) with the brand. */
  priorContacts?: number[];
  /** Replies, reposts and quotes seen on the customer's public messages (epoch ms each). */
  engagementTimes?: number[];
  /** The radar state of the topic this conversation belongs to. */
  topic?: { label: string; state: 'quiet' | 'rising' | 'crisis' } | null;
}

export interface RiskOptions {
  /** Epoch ms; the moment the risk is computed for (event time in replays). */
  now: number;
  /** Lowercase handles (without @) of journalists, politicians, celebrities. */
  watchlist?: ReadonlySet<string>;
  threshold?: number;
  locale?: ReasonLocale;
  /**
   * Whether reasons get their display text (default true). Callers that need only the number
   * (`webcare score`) or that re-run for the few flagged conversations skip the formatting.
   */
  texts?: boolean;
}

export interface Exposure {
  isPublic: boolean;
  /** Epoch ms of the oldest unanswered public incoming message, or null. */
  unansweredSince: number | null;
  minutes: number;
  targetMinutes: number;
  overdue: boolean;
}

export interface ConversationRisk {
  id: string;
  risk: number;
  threshold: number;
  /** Risk at or above the threshold and at least two named signals. */
  flagged: boolean;
  reasons: Reason[];
  exposure: Exposure;
  /** The incoming message with the highest severity. */
  worstMessageId: string | null;
  severity: number;
}

const HOUR = 3_600_000;
/** The message reasons the risk reads from a message's score (the radar keeps only these). */
export const MESSAGE_REASON_CODES =
  /^(threat|safety|discrimination|complaint\.(persistence|waiting|duration)|sarcasm|shouting|emoji)/;

/** Scores a conversation's escalation risk at `options.now`. */
export function scoreConversation(conv: ConversationInput, options: RiskOptions): ConversationRisk {
  const locale = options.locale ?? 'en';
  const threshold = options.threshold ?? DEFAULT_RISK_THRESHOLD;
  const now = options.now;
  const texts = options.texts ?? true;
  const reasons: Reason[] = [];
  const push = (code: string, value: string | number, points: number): void => {
    reasons.push({
      code,
      text: texts ? reasonText(code, value, locale) : '',
      value,
      weight: Math.round(points * 10) / 10,
    });
  };
  let points = 0;

  const incoming = conv.messages.filter((m) => m.direction === 'incoming' && m.createdAt <= now);
  let worst: RiskMessage | null = null;
  let worstScore: MessageScore | null = null;
  for (const m of incoming) {
    const s = m.score ?? scoreMessage({ id: m.id, text: m.text, lang: m.lang ?? null });
    if (!worstScore || s.severity > worstScore.severity) {
      worst = m;
      worstScore = s;
    }
  }
  const severity = worstScore?.severity ?? 0;
  const negative = worstScore ? worstScore.polarity === 'negative' || worstScore.isComplaint : false;
  // Reach only amplifies negative messages: a famous customer saying thanks is no risk.
  const amp = negative ? Math.max(0.4, severity) : 0;

  if (worstScore && severity > 0.05) {
    const p = 45 * severity;
    points += p;
    push('risk.severity', Math.round(severity * 100) / 100, p);
    let threatPoints = 0;
    for (const r of worstScore.reasons) {
      if (!MESSAGE_REASON_CODES.test(r.code)) continue;
      const extra =
        /^(threat\.(legal|media|boycott)|safety|discrimination)/.test(r.code) && threatPoints < 12 ? 6 : 0;
      threatPoints += extra;
      points += extra;
      reasons.push({
        ...r,
        text: texts ? reasonText(r.code, r.value, locale) : '',
        weight: Math.round((r.weight + extra) * 10) / 10,
      });
    }
  }

  // Process: repeat contact, waiting, channel switch, review site, reopened.
  const recent = (conv.priorContacts ?? []).filter((t) => t <= now && now - t <= 24 * HOUR).length;
  if (recent > 0) {
    const p = 8 * Math.min(3, recent);
    points += p;
    push('risk.repeat', recent + 1, p);
  }
  let lastOut = -Infinity;
  for (const m of conv.messages)
    if (m.direction === 'outgoing' && m.createdAt <= now) lastOut = Math.max(lastOut, m.createdAt);
  const unanswered = incoming.filter((m) => m.createdAt > lastOut);
  const oldest = unanswered.length ? Math.min(...unanswered.map((m) => m.createdAt)) : null;
  if (oldest !== null && negative) {
    const h = (now - oldest) / HOUR;
    if (h >= 1) {
      const p = Math.min(10, 4 * Math.log2(1 + h));
      points += p;
      push('risk.waiting', Math.round(h * 10) / 10, p);
    }
  }
  const publicUnanswered = unanswered.filter((m) => m.public);
  const exposedSince = publicUnanswered.length ? Math.min(...publicUnanswered.map((m) => m.createdAt)) : null;
  const exposedMin = exposedSince === null ? 0 : Math.max(0, Math.round((now - exposedSince) / 60000));
  if (exposedSince !== null && negative && exposedMin >= 15) {
    const p = Math.min(10, (exposedMin / EXPOSURE_TARGET_MINUTES) * 6);
    points += p;
    push('risk.exposure', exposedMin, p);
  }
  const firstPrivate = incoming.findIndex((m) => !m.public);
  const laterPublic = firstPrivate >= 0 ? incoming.slice(firstPrivate + 1).find((m) => m.public) : undefined;
  if (laterPublic) {
    points += 15;
    push('risk.channelSwitch', laterPublic.channel, 15);
  }
  const review = incoming.find((m) => REVIEW_SITES.has(m.channel));
  if (review && negative) {
    points += 10;
    push('risk.reviewSite', review.channel, 10);
  }
  let reopened = 0;
  const history = conv.statusHistory ?? [];
  for (let i = 1; i < history.length; i++) {
    const a = history[i - 1] as StatusChange;
    const b = history[i] as StatusChange;
    if (a.status === 'resolved' && b.status !== 'resolved' && b.at <= now) reopened++;
  }
  if (reopened > 0) {
    const p = 10 * Math.min(2, reopened);
    points += p;
    push('risk.reopened', reopened, p);
  }

  // Reach × velocity.
  const followers = conv.author.followers ?? 0;
  if (amp > 0 && followers >= 1000) {
    const p = amp * Math.min(30, 10 * (Math.log10(followers) - 2.5));
    points += p;
    // The count itself: the UI formats it in the agent's language ("1,9K volgers", "1.9k followers").
    push('risk.followers', followers, p);
  }
  if (amp > 0 && conv.author.verified) {
    points += 8 * amp;
    push('risk.verified', conv.author.handle ? `@${conv.author.handle}` : '', 8 * amp);
  }
  const handle = (conv.author.handle ?? '').replace(/^@/, '').toLowerCase();
  if (amp > 0 && handle && options.watchlist?.has(handle)) {
    points += 22 * amp;
    push('risk.watchlist', `@${handle}`, 22 * amp);
  }
  const firstPublic = incoming.find((m) => m.public);
  if (amp > 0 && firstPublic) {
    const start = firstPublic.createdAt;
    let early = (conv.engagementTimes ?? []).filter(
      (t) => t >= start && t <= Math.min(now, start + 10 * 60000),
    ).length;
    if (early === 0) {
      // Without observed events, fall back to the platform counters as a rate per 10 minutes.
      let total = 0;
      for (const m of incoming)
        if (m.metrics) total += (m.metrics.replies ?? 0) + (m.metrics.reposts ?? 0) + (m.metrics.quotes ?? 0);
      const minutes = Math.max(10, (now - start) / 60000);
      early = Math.round((total / minutes) * 10);
    }
    if (early >= 3) {
      const p = amp * Math.min(25, 8 * Math.log2(1 + early / 3));
      points += p;
      push('risk.velocity', early, p);
    }
  }
  if (conv.topic && conv.topic.state !== 'quiet') {
    const p = conv.topic.state === 'crisis' ? 18 : 8;
    points += p;
    push('risk.topic', conv.topic.label, p);
  }

  const risk = Math.round(100 * (1 - Math.exp(-points / 60)));
  reasons.sort((a, b) => b.weight - a.weight);
  const named = reasons.filter((r) => r.weight > 0).length;
  return {
    id: conv.id,
    risk,
    threshold,
    flagged: risk >= threshold && named >= 2,
    reasons,
    exposure: {
      isPublic: exposedSince !== null,
      unansweredSince: exposedSince,
      minutes: exposedMin,
      targetMinutes: EXPOSURE_TARGET_MINUTES,
      overdue: exposedMin > EXPOSURE_TARGET_MINUTES,
    },
    worstMessageId: worst?.id ?? null,
    severity,
  };
}

// ---------------------------------------------------------------------------------------------
// Threshold tuning from one-click feedback. The UI persists `TuningState` (settings or Dexie);
// the entries double as labels for retraining.

export type Verdict = 'escalate' | 'dismiss';

export interface FeedbackEntry {
  conversationId: string;
  risk: number;
  verdict: Verdict;
  /** Epoch ms. */
  at: number;
  /** Reason codes shown when the agent decided. */
  codes: string[];
}

export interface TuningState {
  threshold: number;
  feedback: FeedbackEntry[];
}

export const MAX_FEEDBACK = 500;
const MIN_T = 30;
const MAX_T = 90;

export function initialTuning(threshold = DEFAULT_RISK_THRESHOLD): TuningState {
  return { threshold, feedback: [] };
}

/** Most a single verdict moves the threshold: one "not an escalation" click on a risk-67 flag
 * used to lift a threshold of 60 to 68 at once and silence most other flags. */
export const MAX_STEP_FEW = 2;
export const MAX_STEP = 5;

/**
 * Adds one verdict and returns the new state. With fewer than five verdicts the threshold moves
 * towards just past the contested risk by at most MAX_STEP_FEW points; from five on towards the
 * value in 30–90 that minimises missed escalations × 2 + false flags over the kept feedback
 * (ties: closest to the current one), by at most MAX_STEP points per verdict.
 */
export function applyFeedback(state: TuningState, entry: FeedbackEntry): TuningState {
  const feedback = [...state.feedback.filter((f) => f.conversationId !== entry.conversationId), entry].slice(
    -MAX_FEEDBACK,
  );
  let threshold = state.threshold;
  if (feedback.length < 5) {
    if (entry.verdict === 'dismiss' && entry.risk >= threshold)
      threshold = Math.min(MAX_T, entry.risk + 1, threshold + MAX_STEP_FEW);
    if (entry.verdict === 'escalate' && entry.risk < threshold)
      threshold = Math.max(MIN_T, entry.risk, threshold - MAX_STEP_FEW);
  } else {
    let bestCost = Infinity;
    for (let t = MIN_T; t <= MAX_T; t++) {
      let cost = 0;
      for (const f of feedback) {
        if (f.verdict === 'escalate' && f.risk < t) cost += 2;
        if (f.verdict === 'dismiss' && f.risk >= t) cost += 1;
      }
      if (
        cost < bestCost ||
        (cost === bestCost && Math.abs(t - state.threshold) < Math.abs(threshold - state.threshold))
      ) {
        bestCost = cost;
        threshold = t;
      }
    }
    threshold = Math.max(state.threshold - MAX_STEP, Math.min(state.threshold + MAX_STEP, threshold));
  }
  return { threshold, feedback };
}
