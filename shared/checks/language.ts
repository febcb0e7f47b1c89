/**
 * Reply language against the customer's: a Dutch customer answered in English (or the other way
 * round) usually means the wrong template variant. Uses the analysis language detector, which
 * reads function words; replies too short to tell ("Thanks! ^JV") are not judged.
 */
import { detectLang, normalize } from '../analysis/text.ts';
import type { Finding } from './types.ts';

function langOf(text: string, hint?: string | null): 'nl' | 'en' | 'other' {
  return detectLang(normalize(text).tokens, hint ?? null);
}

/** The customer's language: the conversation's, else the majority of their messages. */
export function customerLanguage(
  messages: ReadonlyArray<{ text: string; lang?: string | null }>,
  conversationLang?: string | null,
): 'nl' | 'en' | null {
  if (conversationLang === 'nl' || conversationLang === 'en') return conversationLang;
  let nl = 0;
  let en = 0;
  for (const m of messages.slice(-5)) {
    const l = langOf(m.text, m.lang);
    if (l === 'nl') nl++;
    if (l === 'en') en++;
  }
  if (nl === en) return null;
  return nl > en ? 'nl' : 'en';
}

/** Fewer words than this say nothing reliable about a language ("Thanks! ^JV", "Top, dank je!"). */
const MIN_WORDS = 4;

export function checkLanguage(text: string, customer: 'nl' | 'en' | null): Finding | null {
  if (!customer) return null;
  // Handles and the signature carry no language.
  const tokens = normalize(text.replace(/@[\w.]+/g, ' ').replace(/\^\w+/g, ' ')).tokens;
  if (tokens.filter((t) => /\p{L}/u.test(t)).length < MIN_WORDS) return null;
  const reply = detectLang(tokens, null);
  if (reply === 'other' || reply === customer) return null;
  return { messageKey: `checks.language.${reply}`, params: { reply, customer }, ranges: [] };
}
