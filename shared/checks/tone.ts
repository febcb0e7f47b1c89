/**
 * Tone mismatch: a cheerful template, emoji or exclamation on a very negative or escalating
 * conversation. "Super dat je het meldt! 😊" under a furious complaint reads as mockery.
 * The conversation's mood comes from the analysis (shared/analysis): its scores when the caller
 * has them, else scored here from the customer's recent messages.
 */
import { scoreMessage } from '../analysis/score.ts';
import type { TemplateTone } from '../templates/model.ts';
import type { Finding, TextRange } from './types.ts';

export interface Mood {
  /** Most negative sentiment among the customer's recent messages (-1..1). */
  sentiment: number;
  /** Highest severity among them (0..1). */
  severity: number;
  /** The conversation is flagged, escalated or part of a crisis. */
  escalating: boolean;
}

/** Scores the customer's last three messages with the analysis model. */
export function moodOf(messages: ReadonlyArray<{ text: string; lang?: string | null }>): Mood {
  let sentiment = 0;
  let severity = 0;
  messages.slice(-3).forEach((m, i) => {
    const s = scoreMessage(
      { id: String(i), text: m.text, lang: m.lang ?? null },
      { texts: false, maxReasons: 0 },
    );
    sentiment = Math.min(sentiment, s.sentiment);
    severity = Math.max(severity, s.severity);
  });
  return { sentiment, severity, escalating: false };
}

// Emoji and emoticons that smile or celebrate; 🙏 and 💙 (sympathy) are not cheerful.
const CHEERFUL_EMOJI =
  /[😀😃😄😁😆😊🙂😉😍🥰🤩🥳🎉🎊👍🙌👌💪✨🌞☀🤗😎😜😝🤪🍀🌈]|❤️|:-?\)|;-?\)|:-?D\b|\bxD\b/gu;
const CHEERFUL_WORDS =
  /\b(?:super|top|yay|joepie|woohoo|hoera|gezellig|leuk|geweldig|fantastisch|wat fijn|awesome|amazing|great news|brilliant|yay|woo+|lovely|fab|fabulous)\b!+|\b(?:fijne dag|have a (?:great|lovely|nice) day|geniet ervan|enjoy)\b[!.]*|(?:^|[.!?]\s+)(?:super|top|gaaf|wat leuk|leuk|geweldig|awesome|great|amazing)\b/giu;

export interface ToneInput {
  text: string;
  mood: Mood;
  templateTone?: TemplateTone | null;
  negativeSentiment: number;
}

/** Whether the mood is very negative or escalating. */
export function isHeated(mood: Mood, negativeSentiment: number): boolean {
  return mood.escalating || mood.sentiment <= negativeSentiment || mood.severity >= 0.6;
}

export function checkTone(input: ToneInput): Finding | null {
  if (!isHeated(input.mood, input.negativeSentiment)) return null;
  const ranges: TextRange[] = [];
  for (const re of [CHEERFUL_EMOJI, CHEERFUL_WORDS])
    for (const m of input.text.matchAll(re)) ranges.push({ start: m.index, end: m.index + m[0].length });
  const cheerfulTemplate = input.templateTone === 'cheerful';
  if (ranges.length === 0 && !cheerfulTemplate) return null;
  ranges.sort((a, b) => a.start - b.start);
  const first = ranges[0];
  return {
    messageKey: input.mood.escalating ? 'checks.tone.escalating' : 'checks.tone.negative',
    params: {
      evidence: first ? input.text.slice(first.start, first.end) : '',
      template: cheerfulTemplate ? 1 : 0,
    },
    ranges,
  };
}
