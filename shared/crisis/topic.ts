import { normalizeForSearch, searchTokens } from '../search/tokenize.ts';

/**
 * Which conversations belong to a crisis. A crisis is about one brand and one topic from a
 * point in time on: a conversation joins when a customer of that brand writes about the topic
 * after the crisis began (`since`), also after crisis mode was switched on. Old complaints of the
 * same brand about something else do not join, however risky they are.
 */
export interface CrisisTopic {
  brand: string;
  /** Normalized words of the topic, strongest first; the first DECIDING_TERMS decide membership. */
  terms: string[];
  /** Epoch ms: the first piece of evidence. */
  since: number;
}

/** How many of the strongest topic words decide membership (the rest of a label is context). */
export const DECIDING_TERMS = 2;

/**
 * Topic words from a radar topic label ("#kpnstoring · storingen · internet", strongest first)
 * or any text: words of four letters or more, without the brand's own name (every message to
 * the brand says it).
 */
export function topicTerms(label: string, brand: string | null = null, max = 6): string[] {
  const own = brand ? normalizeForSearch(brand) : null;
  return searchTokens(label.replace(/#/g, ' '))
    .filter((t) => t.length >= 4 && !/^\d+$/.test(t) && !(own && t.startsWith(own)))
    .slice(0, max);
}

/** Whether a text is about the topic: one of its words starts with a deciding term (stems: "storing" ~ "storingen"). */
export function matchesTopic(text: string, terms: readonly string[]): boolean {
  const deciding = terms.slice(0, DECIDING_TERMS);
  if (deciding.length === 0) return false;
  const words = searchTokens(normalizeForSearch(text), 400);
  return words.some((w) => deciding.some((t) => w.startsWith(t) || (w.length >= 5 && t.startsWith(w))));
}

export function belongsToCrisis(
  topic: CrisisTopic,
  m: { brand: string | null; createdAt: number; text: string; direction: string },
): boolean {
  return (
    m.direction === 'incoming' &&
    m.brand === topic.brand &&
    m.createdAt >= topic.since &&
    matchesTopic(m.text, topic.terms)
  );
}
