/**
 * Unfilled placeholders ("Beste {{naam}}") and text that reads as a fallback ("Beste klant",
 * "Hi [name]", "Hoi ,"). Both read the final text, so a placeholder typed by hand or pasted from
 * elsewhere is caught as well as one left by a template.
 */
import type { Span } from '../templates/render.ts';
import { parseGreeting } from './greeting.ts';
import type { Finding, TextRange } from './types.ts';

const MUSTACHE = /{{[^{}\n]{0,80}}}/g;
// Placeholder styles from other tools and hand-made templates: [naam], <name>, {voornaam},
// %NAME%, $firstname.
const BRACKETED =
  /\[(?:naam|voornaam|achternaam|name|first ?name|last ?name|klant|customer|x+|\.\.\.|…)\]|<(?:naam|voornaam|name|first ?name|klant|customer)>|{(?:naam|voornaam|name|first ?name|customer\.\w+|klant)}|%(?:naam|name|voornaam|first_?name)%|\$(?:naam|name|voornaam|first_?name)\b/gi;
// All-caps words left to fill in later. Case-sensitive: "je naam" is a normal sentence.
const CAPS = /\b(?:XXX+|NAAM|VOORNAAM|NAME|FIRSTNAME|KLANTNAAM|ORDERNUMMER|ORDERNUMBER)\b/g;

/** `{{…}}` left in the reply, or another tool's placeholder syntax. */
export function checkPlaceholders(text: string): Finding | null {
  const ranges: TextRange[] = [];
  for (const re of [MUSTACHE, BRACKETED, CAPS]) {
    for (const m of text.matchAll(re)) {
      // A capitalised word inside shouting ("WAAR IS MIJN NAAM") is the customer's quote, not a placeholder.
      if (re === CAPS && /[A-Z]{3,}\s+$/.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (!ranges.some((r) => start < r.end && end > r.start)) ranges.push({ start, end });
    }
  }
  if (ranges.length === 0) return null;
  ranges.sort((a, b) => a.start - b.start);
  const first = ranges[0]!;
  return {
    messageKey: 'checks.placeholder',
    params: { placeholder: text.slice(first.start, first.end), count: ranges.length },
    ranges,
  };
}

// Addressee words that show that a name was not known: the customer reads "klant" as "number".
const FALLBACK_WORDS = new Set([
  'klant',
  'klanten',
  'customer',
  'gebruiker',
  'user',
  'client',
  'heer/mevrouw',
  'mevrouw/heer',
  'sir/madam',
  'madam/sir',
  'naam',
  'name',
  'valued customer',
  'beste klant',
]);

/** The customer addressed by a stand-in rather than a name ("Beste klant", "Dear customer", "Hoi ,"). */
export function checkFallback(text: string, spans: readonly Span[] = []): Finding | null {
  const greeting = parseGreeting(text);
  if (greeting) {
    const lower = greeting.name.toLowerCase();
    if (FALLBACK_WORDS.has(lower) || (greeting.title && FALLBACK_WORDS.has(greeting.title.toLowerCase())))
      return {
        messageKey: 'checks.fallback.generic',
        params: { text: greeting.name || greeting.title || '' },
        ranges: [{ start: greeting.start, end: greeting.end }],
      };
    // "Hoi , dank je": an empty value rendered between greeting and comma.
    const before = text.slice(0, greeting.start);
    const gap = /\s,\s*$/.exec(before);
    if (greeting.name === '' && gap)
      return {
        messageKey: 'checks.fallback.empty',
        params: {},
        ranges: [{ start: gap.index, end: gap.index + 2 }],
      };
  }
  // A template fallback that is a stand-in word, wherever it sits.
  for (const span of spans) {
    if (span.source !== 'fallback') continue;
    const value = text.slice(span.start, span.end).trim().toLowerCase();
    if (value === '' || FALLBACK_WORDS.has(value))
      return {
        messageKey: value ? 'checks.fallback.generic' : 'checks.fallback.empty',
        params: { text: value },
        ranges: [{ start: span.start, end: span.end }],
      };
  }
  return null;
}
