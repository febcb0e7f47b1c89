/**
 * Pre-send checks: what every check returns, and the settings that decide whether a finding
 * blocks the send or only warns. The composer runs them as the agent types; the delivery worker
 * runs them again at send time, because a reply queued offline may meet a different world (the
 * same text posted forty times since).
 */
import type { ChannelKind } from '../domain/channels.ts';

export const CHECK_CODES = [
  'placeholder',
  'fallback',
  'greetingName',
  'nearDuplicate',
  'language',
  'tone',
  'length',
  'personalData',
  'personalTouch',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** `block`: cannot be sent without an override reason; `warn`: shown; `info`: a hint. */
export type Severity = 'block' | 'warn' | 'info';
/** Per check: what a finding does. `personalTouch` is always a hint when on. */
export type CheckMode = 'block' | 'warn' | 'off';

export interface TextRange {
  start: number;
  end: number;
}

/** An earlier public reply that a new reply nearly repeats. */
export interface EarlierPost {
  id: string;
  conversationId: string;
  channel: ChannelKind;
  sentAt: number;
  text: string;
  /** Estimated share of shared word triples (0..1). */
  similarity: number;
}

export interface CheckResult {
  code: CheckCode;
  severity: Severity;
  /** i18n key in the `templates` namespace (`checks.…`). */
  messageKey: string;
  params: Record<string, string | number>;
  /** Where in the reply the problem is, for highlighting. */
  ranges: TextRange[];
  /** nearDuplicate only: the earlier posts, newest first. */
  earlier?: EarlierPost[];
}

export interface DuplicateSettings {
  /** Warn when the same text went out publicly at least this many times in the window. */
  count: number;
  /** Estimated Jaccard similarity of word triples from which two replies count as the same. */
  threshold: number;
  windowHours: number;
  /** Replies shorter than this (in words, after greeting, names and signature are taken out) never count: "Thanks!" is fine. */
  minWords: number;
}

export interface CheckSettings {
  modes: Record<CheckCode, CheckMode>;
  duplicate: DuplicateSettings;
  /** Brand-owned e-mail addresses and phone numbers that may appear in public replies. */
  allowedContacts: string[];
  /** Extra order or customer number patterns (regular expression sources, case-insensitive). */
  orderPatterns: string[];
  /** Per-channel limit overrides in the channel's own unit (Mastodon instances, Trustpilot). */
  limits: Partial<Record<ChannelKind, number>>;
  /** Sentiment (-1..1) at or below which a conversation counts as very negative. */
  negativeSentiment: number;
}

export const DEFAULT_CHECK_SETTINGS: CheckSettings = {
  modes: {
    placeholder: 'block',
    fallback: 'warn',
    greetingName: 'warn',
    nearDuplicate: 'warn',
    language: 'warn',
    tone: 'warn',
    length: 'block',
    personalData: 'block',
    personalTouch: 'warn',
  },
  duplicate: { count: 3, threshold: 0.75, windowHours: 24, minWords: 6 },
  allowedContacts: [],
  orderPatterns: [],
  limits: {},
  negativeSentiment: -0.5,
};

/** Merges partial settings (from the settings store) over the defaults. */
export function checkSettings(partial?: {
  modes?: Partial<Record<CheckCode, CheckMode>>;
  duplicate?: Partial<DuplicateSettings>;
  allowedContacts?: string[];
  orderPatterns?: string[];
  limits?: Partial<Record<ChannelKind, number>>;
  negativeSentiment?: number;
}): CheckSettings {
  return {
    modes: { ...DEFAULT_CHECK_SETTINGS.modes, ...partial?.modes },
    duplicate: { ...DEFAULT_CHECK_SETTINGS.duplicate, ...partial?.duplicate },
    allowedContacts: partial?.allowedContacts ?? [],
    orderPatterns: partial?.orderPatterns ?? [],
    limits: partial?.limits ?? {},
    negativeSentiment: partial?.negativeSentiment ?? DEFAULT_CHECK_SETTINGS.negativeSentiment,
  };
}

/** Every message key a check can return (in the `templates` namespace); a test checks nl and en have them. */
export const CHECK_MESSAGE_KEYS = [
  'checks.placeholder',
  'checks.fallback.generic',
  'checks.fallback.empty',
  'checks.greetingName',
  'checks.nearDuplicate',
  'checks.language.nl',
  'checks.language.en',
  'checks.tone.negative',
  'checks.tone.escalating',
  'checks.length.x-weighted',
  'checks.length.grapheme',
  'checks.length.byte',
  'checks.length.codepoint',
  'checks.length.utf16',
  'checks.personalData.email',
  'checks.personalData.phone',
  'checks.personalData.iban',
  'checks.personalData.order',
  'checks.personalData.address',
  'checks.personalTouch.low',
  'checks.personalTouch.score',
] as const;

/** A finding before the settings decide its severity. */
export interface Finding {
  messageKey: string;
  params?: Record<string, string | number>;
  ranges?: TextRange[];
  earlier?: EarlierPost[];
}
