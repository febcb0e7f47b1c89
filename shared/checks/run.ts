/**
 * The check runner: every pre-send check on one reply, with the settings applied (block, warn or
 * off per check). The composer calls it while the agent types; the delivery worker calls it again
 * right before sending, with the same input rebuilt from the stored message, so a reply queued
 * offline is judged against the world at send time.
 */
import type { ChannelKind } from '../domain/channels.ts';
import type { TemplateTone } from '../templates/model.ts';
import { agentSpans, personalTouch, type Span } from '../templates/render.ts';
import { draftFromProvenance, type ReplyProvenance } from '../templates/draft.ts';
import { checkNearDuplicate, customerNames, type ReplyCandidates } from './duplicate.ts';
import { greetingMatches, parseGreeting } from './greeting.ts';
import { checkLanguage, customerLanguage } from './language.ts';
import { measureReply, overflowOffset } from './length.ts';
import { checkFallback, checkPlaceholders } from './placeholder.ts';
import { checkPersonalData } from './privacy.ts';
import { checkTone, moodOf, type Mood } from './tone.ts';
import type { CheckCode, CheckResult, CheckSettings, Finding } from './types.ts';

export interface CheckInput {
  /** The reply exactly as the customer will see it (signature included). */
  text: string;
  channel: ChannelKind;
  public: boolean;
  brand: string | null;
  /** Epoch ms: the moment of the check (typing, or the send attempt). */
  now: number;
  customer: { name?: string | null; handle?: string | null };
  /** The customer's messages in this conversation, oldest first. */
  customerMessages: ReadonlyArray<{ text: string; lang?: string | null }>;
  conversationLang?: string | null;
  /** The analysis' view of the conversation; scored from customerMessages when absent. */
  mood?: Mood | null;
  /** The template the reply started from. */
  template?: { id: string; tone: TemplateTone } | null;
  /** Where the text came from (from renderTemplate); all agent when absent. */
  spans?: readonly Span[];
  /** Template characters the agent deleted. */
  removed?: number;
  /** Recent public replies of the brand; null skips the near-duplicate check. */
  recentPublic?: ReplyCandidates | null;
  /** The message's own id, so a re-check at send time does not find the reply itself. */
  messageId?: string;
}

export interface CheckRun {
  results: CheckResult[];
  /** At least one result blocks the send (an override with a reason can lift it). */
  blocked: boolean;
  /** Share of the reply the agent wrote (0..1), also reported as the personalTouch hint. */
  personalTouch: number;
}

const SEVERITY_ORDER = { block: 0, warn: 1, info: 2 } as const;

/** Runs every enabled check. Pure, apart from reading `recentPublic`. */
export function runChecks(input: CheckInput, settings: CheckSettings): CheckRun {
  const results: CheckResult[] = [];
  const on = (code: CheckCode) => settings.modes[code] !== 'off';
  const add = (code: CheckCode, finding: Finding | null) => {
    if (!finding) return;
    const mode = settings.modes[code];
    if (mode === 'off') return;
    results.push({
      code,
      severity: code === 'personalTouch' ? 'info' : mode,
      messageKey: finding.messageKey,
      params: finding.params ?? {},
      ranges: finding.ranges ?? [],
      ...(finding.earlier ? { earlier: finding.earlier } : {}),
    });
  };
  const text = input.text;
  const spans = input.spans ?? agentSpans(text);

  if (on('placeholder')) add('placeholder', checkPlaceholders(text));
  if (on('fallback')) add('fallback', checkFallback(text, spans));

  if (on('greetingName')) {
    const greeting = parseGreeting(text);
    if (greeting && !greeting.generic && greeting.name) {
      const match = greetingMatches(greeting, {
        name: input.customer.name,
        handle: input.customer.handle,
        messages: input.customerMessages.map((m) => m.text),
      });
      if (match === false)
        add('greetingName', {
          messageKey: 'checks.greetingName',
          params: { name: greeting.name, expected: input.customer.name || input.customer.handle || '' },
          ranges: [{ start: greeting.start, end: greeting.end }],
        });
    }
  }

  if (on('nearDuplicate') && input.public) {
    const names = customerNames(input.customer);
    add(
      'nearDuplicate',
      checkNearDuplicate(
        {
          text,
          brand: input.brand,
          now: input.now,
          names,
          ...(input.messageId ? { selfId: input.messageId } : {}),
        },
        input.recentPublic ?? null,
        settings.duplicate,
      ),
    );
  }

  if (on('language'))
    add('language', checkLanguage(text, customerLanguage(input.customerMessages, input.conversationLang)));

  if (on('tone')) {
    const mood = input.mood ?? moodOf(input.customerMessages);
    add(
      'tone',
      checkTone({
        text,
        mood,
        templateTone: input.template?.tone ?? null,
        negativeSentiment: settings.negativeSentiment,
      }),
    );
  }

  if (on('length')) {
    const over = measureReply(text, input.channel, input.public, settings.limits[input.channel]).find(
      (m) => m.over > 0,
    );
    if (over)
      add('length', {
        messageKey: `checks.length.${over.unit}`,
        params: { used: over.used, limit: over.limit, over: over.over },
        ranges: [{ start: overflowOffset(text, over), end: text.length }],
      });
  }

  if (on('personalData'))
    add(
      'personalData',
      checkPersonalData(text, input.public, {
        allowed: settings.allowedContacts,
        orderPatterns: settings.orderPatterns,
      }),
    );

  const touch = personalTouch(text, spans, input.removed ?? 0);
  // Only a hint for replies that started from a template: a reply typed by hand is all personal.
  if (on('personalTouch') && input.template)
    add('personalTouch', {
      messageKey: touch < 0.1 ? 'checks.personalTouch.low' : 'checks.personalTouch.score',
      params: { percent: Math.round(touch * 100) },
    });

  results.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { results, blocked: results.some((r) => r.severity === 'block'), personalTouch: touch };
}

/** An agent's override of blocking checks: which ones, and why. */
export interface CheckOverride {
  reason: string;
  codes: CheckCode[];
}

/** What is stored with the message: the results, and the override when a block was lifted. */
export interface CheckRecord {
  checkedAt: number;
  results: CheckResult[];
  override: CheckOverride | null;
}

export const MIN_OVERRIDE_REASON = 3;

export type SendDecision =
  | { ok: true; record: CheckRecord }
  | { ok: false; reason: 'blocked' | 'reasonTooShort'; blocking: CheckResult[] };

/**
 * Whether a checked reply may go out: without blocking results, or with an override whose reason
 * is more than a word ("ok" is not a reason) and that covers every blocking check. At send time
 * the stored override is passed back in: a block that appeared since (the same text went out
 * elsewhere meanwhile) is not covered, and the reply is held.
 */
export function decideSend(run: CheckRun, now: number, override?: CheckOverride | null): SendDecision {
  const blocking = run.results.filter((r) => r.severity === 'block');
  const reason = override?.reason.trim() ?? '';
  const record = (o: CheckOverride | null): SendDecision => ({
    ok: true,
    record: { checkedAt: now, results: run.results, override: o },
  });
  if (blocking.length === 0) return record(null);
  const uncovered = blocking.filter((r) => !override?.codes.includes(r.code));
  if (!override || uncovered.length > 0)
    return { ok: false, reason: 'blocked', blocking: override ? uncovered : blocking };
  if (reason.length < MIN_OVERRIDE_REASON) return { ok: false, reason: 'reasonTooShort', blocking };
  return record({ reason, codes: [...new Set(blocking.map((r) => r.code))] });
}

/** The override an agent gives for the blocks now shown. */
export function overrideFor(run: CheckRun, reason: string): CheckOverride {
  return {
    reason: reason.trim(),
    codes: [...new Set(run.results.filter((r) => r.severity === 'block').map((r) => r.code))],
  };
}

/** What a queued reply carries for its checks: how it was written and what the agent decided. */
export interface StoredReplyChecks {
  provenance: ReplyProvenance | null;
  checks: CheckRecord | null;
}

/**
 * The delivery worker's check right before sending: the same checks on the stored text and
 * provenance, against the world as it is now (recent public replies, the conversation's mood),
 * with the agent's stored override. A reply that now hits a block nobody overrode is held.
 */
export function recheckForSend(
  input: Omit<CheckInput, 'spans' | 'removed' | 'template'>,
  stored: StoredReplyChecks,
  settings: CheckSettings,
): SendDecision {
  const draft = draftFromProvenance(input.text, stored.provenance);
  const run = runChecks(
    {
      ...input,
      spans: draft.spans,
      removed: draft.removed,
      template: draft.template ? { id: draft.template.id, tone: draft.template.tone } : null,
    },
    settings,
  );
  return decideSend(run, input.now, stored.checks?.override ?? null);
}
