/**
 * Tokenizer for the local search index: the Dexie multi-entry index `*searchTokens` on
 * conversations holds the output of `searchTokens`, and `queryTerms` turns what an agent types into
 * prefixes to look up in that index (`where('searchTokens').startsWith(term)`, intersected per term).
 * Both sides must normalize identically, which is why they live together.
 */

/** Most tokens a single document contributes to the index; bounds index size per conversation. */
export const MAX_SEARCH_TOKENS = 200;

/** Longest token kept; longer runs (base64, URLs glued together) are noise in a search index. */
export const MAX_TOKEN_LENGTH = 40;

/**
 * Very frequent Dutch and English words that would match nearly every conversation. Kept short on
 * purpose: words such as "niet", "not", "geen" carry meaning for agents and stay searchable.
 */
export const SEARCH_STOPWORDS: ReadonlySet<string> = new Set([
  // nl
  'de',
  'het',
  'een',
  'en',
  'van',
  'te',
  'dat',
  'die',
  'in',
  'op',
  'is',
  'ik',
  'je',
  'jij',
  'we',
  'wij',
  'ze',
  'zij',
  'hij',
  'er',
  'met',
  'voor',
  'aan',
  'om',
  'maar',
  'ook',
  'als',
  'dan',
  'bij',
  'nog',
  'wel',
  'al',
  'zo',
  'uit',
  'tot',
  'of',
  'mijn',
  'me',
  'mij',
  'jullie',
  'u',
  'uw',
  'was',
  'heb',
  'hebben',
  'heeft',
  'ben',
  'zijn',
  'wordt',
  'worden',
  'kan',
  'dit',
  'deze',
  'naar',
  'wat',
  'hoe',
  // en
  'the',
  'a',
  'an',
  'and',
  'or',
  'to',
  'of',
  'in',
  'on',
  'at',
  'for',
  'with',
  'it',
  'its',
  'this',
  'that',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'my',
  'me',
  'you',
  'your',
  'we',
  'our',
  'i',
  'have',
  'has',
  'had',
  'do',
  'does',
  'so',
  'but',
  'as',
  'by',
  'from',
  'he',
  'she',
  'they',
  'them',
]);

const COMBINING_MARKS = /\p{M}+/gu;
// eslint-disable-next-line no-control-regex -- the whole ASCII range is meant
const ASCII = /^[\x00-\x7f]*$/;
// A word, or a compound joined by dots or underscores as in handles, hashtags, e-mail addresses and
// domains ("belnet_nl", "lotte.bakker", "example.com"). Sigils (@, #) are not word characters.
const WORD = /[\p{L}\p{N}]+(?:[._][\p{L}\p{N}]+)*/gu;
const JOINER = /[._]/;

/** Lowercases and folds diacritics ("Café" → "cafe", "ﬁ" → "fi") so that accents never block a match. */
export function normalizeForSearch(text: string): string {
  // Most text is plain ASCII: skip the (comparatively slow) Unicode decomposition for it.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
}

function keep(token: string): boolean {
  return token.length > 1 && token.length <= MAX_TOKEN_LENGTH && !SEARCH_STOPWORDS.has(token);
}

/**
 * Splits text into normalized, de-duplicated search words, in order of first appearance.
 * Handles and hashtags count as one word without the sigil ("@belnet_nl" → "belnet_nl"), and their
 * parts are kept too ("belnet"). One-character tokens and stopwords are dropped; at most `max` tokens.
 * Re-tokenizing the joined output gives the same tokens, so stored tokens can be merged with new text.
 */
export function searchTokens(text: string, max: number = MAX_SEARCH_TOKENS): string[] {
  const out = new Set<string>();
  for (const m of normalizeForSearch(text).matchAll(WORD)) {
    const word = m[0];
    if (keep(word)) out.add(word);
    if (JOINER.test(word)) for (const part of word.split(JOINER)) if (keep(part)) out.add(part);
    if (out.size >= max) return [...out].slice(0, max);
  }
  return [...out];
}

/** Tokens of several texts merged, de-duplicated and capped: for a conversation's subject, author and messages. */
export function searchTokensOf(
  texts: readonly (string | null | undefined)[],
  max: number = MAX_SEARCH_TOKENS,
): string[] {
  let joined = '';
  for (const text of texts) if (text) joined += `${text}\n`;
  return searchTokens(joined, max);
}

/**
 * Turns a search box query into index prefixes: every returned term is meant to be matched with
 * `startsWith`, and a conversation matches when it has a token starting with each term.
 * The last term is the word being typed, so it is kept even when it is a stopword ("he" may become
 * "helpdesk"); earlier stopwords are dropped because the index does not hold them. One-character
 * terms are dropped (they would match almost everything).
 */
export function queryTerms(query: string): string[] {
  const raw = [...normalizeForSearch(query).matchAll(WORD)].map((m) => m[0]);
  const typingLast = !/\s$/.test(query);
  const out: string[] = [];
  raw.forEach((term, i) => {
    const isLast = i === raw.length - 1 && typingLast;
    if (term.length < 2 || term.length > MAX_TOKEN_LENGTH) return;
    if (!isLast && SEARCH_STOPWORDS.has(term)) return;
    if (!out.includes(term)) out.push(term);
  });
  return out;
}
