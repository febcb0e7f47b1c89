/**
 * A sound pre-filter for the word-bounded cue regexes of `signals.ts`: it tells which of them can
 * possibly match a normalized text, so that the others are not run at all. Running every cue
 * regex over every message cost about a fifth of the CLI's time; most messages can match only a
 * few of them.
 *
 * How: each cue is `(?:^|[^\p{L}\p{N}])(?:ALTERNATIVES)(?![\p{L}\p{N}])`, so a match of an
 * alternative starts at a word start. From the regex source we derive every string of up to three
 * characters a match can start with (a small regex-prefix analysis that gives up, soundly, on
 * wildcards), and index them. Per message we look up the 1-, 2- and 3-character strings at each
 * word start. An alternative that may begin with letters of any kind (`\p{L}*storing`) is checked
 * by a substring test of what follows instead. The filter only ever answers "may match" too often,
 * never too rarely: a test compares it with running every regex on a corpus.
 *
 * Normalized text is Latin-1 (see `normalize`), so character codes fit in a byte.
 */

/** Prefix length of the analysis. The per-text mask uses the first three characters of each. */
const K = 5;
const TEXT_K = 3;
/** Marks "any character from here on": the prefix stops growing. */
const WILD = '\u0001';

type PrefixSet = Set<string>;

const isDone = (s: string): boolean => s.endsWith(WILD) || s.length >= K;

function trim(s: string): string {
  const w = s.indexOf(WILD);
  if (w >= 0 && w < K) return s.slice(0, w + 1);
  return s.length > K ? s.slice(0, K) : s;
}

function concat(a: PrefixSet, b: PrefixSet): PrefixSet {
  const out: PrefixSet = new Set();
  for (const x of a) {
    if (isDone(x)) {
      out.add(x);
      continue;
    }
    for (const y of b) out.add(trim(x + y));
  }
  return out;
}

function power(x: PrefixSet, min: number, max: number): PrefixSet {
  const lo = Math.min(min, K + 1);
  const hi = Math.min(max, K + 1);
  const out: PrefixSet = new Set();
  let cur: PrefixSet = new Set(['']);
  for (let j = 0; j <= hi; j++) {
    if (j >= lo) for (const s of cur) out.add(s);
    let open = false;
    for (const s of cur) if (!isDone(s)) open = true;
    // Every prefix is complete: more repetitions add nothing new.
    if (!open) {
      if (j < lo) for (const s of cur) out.add(s);
      break;
    }
    cur = concat(cur, x);
  }
  return out;
}

interface Parser {
  src: string;
  pos: number;
}

/** All digits are folded to '0' (in the patterns and in the text) to keep the sets small. */
const DIGITS: PrefixSet = new Set(['0']);
const ANY: PrefixSet = new Set([WILD]);

/** Parses an alternation until `)` or the end; returns one prefix set per alternative. */
function parseAlternatives(p: Parser): PrefixSet[] {
  const alts: PrefixSet[] = [];
  for (;;) {
    alts.push(parseSequence(p));
    if (p.src[p.pos] === '|') {
      p.pos++;
      continue;
    }
    return alts;
  }
}

function parseSequence(p: Parser): PrefixSet {
  let acc: PrefixSet = new Set(['']);
  while (p.pos < p.src.length && p.src[p.pos] !== '|' && p.src[p.pos] !== ')') {
    const atom = parseAtom(p);
    const [min, max] = parseQuantifier(p);
    acc = concat(acc, atom === null ? new Set(['']) : power(atom, min, max));
  }
  return acc;
}

/** One atom's prefix set; null for a zero-width assertion. */
function parseAtom(p: Parser): PrefixSet | null {
  const c = p.src[p.pos] as string;
  if (c === '(') {
    p.pos++;
    let lookaround = false;
    if (p.src.startsWith('?:', p.pos)) p.pos += 2;
    else if (p.src.startsWith('?=', p.pos) || p.src.startsWith('?!', p.pos)) {
      p.pos += 2;
      lookaround = true;
    } else if (p.src.startsWith('?<=', p.pos) || p.src.startsWith('?<!', p.pos)) {
      p.pos += 3;
      lookaround = true;
    } else if (c === '(' && p.src[p.pos] === '?') throw new Error(`unsupported group at ${p.pos}`);
    const alts = parseAlternatives(p);
    if (p.src[p.pos] !== ')') throw new Error(`unclosed group at ${p.pos}`);
    p.pos++;
    if (lookaround) return null;
    const out: PrefixSet = new Set();
    for (const a of alts) for (const s of a) out.add(s);
    return out;
  }
  if (c === '[') {
    // Character classes are treated as "any character": sound, and rare in the cue lists.
    p.pos++;
    while (p.pos < p.src.length && p.src[p.pos] !== ']') p.pos += p.src[p.pos] === '\\' ? 2 : 1;
    if (p.src[p.pos] !== ']') throw new Error('unclosed class');
    p.pos++;
    return ANY;
  }
  if (c === '.') {
    p.pos++;
    return ANY;
  }
  if (c === '^' || c === '$') {
    p.pos++;
    return null;
  }
  if (c === '\\') {
    const e = p.src[p.pos + 1] as string;
    p.pos += 2;
    if (e === 'd') return DIGITS;
    if (e === 'b' || e === 'B') return null;
    if (e === 'p' || e === 'P') {
      const end = p.src.indexOf('}', p.pos);
      if (end < 0) throw new Error('bad \\p');
      p.pos = end + 1;
      return ANY;
    }
    if (/[a-zA-Z0-9]/.test(e)) return ANY;
    return new Set([fold(e)]);
  }
  p.pos++;
  return new Set([fold(c)]);
}

function parseQuantifier(p: Parser): [number, number] {
  const c = p.src[p.pos];
  let q: [number, number] = [1, 1];
  if (c === '?') q = [0, 1];
  else if (c === '*') q = [0, Infinity];
  else if (c === '+') q = [1, Infinity];
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.src.slice(p.pos));
    if (!m) return q;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    p.pos += m[0].length;
    if (p.src[p.pos] === '?') p.pos++;
    return [min, max];
  } else return q;
  p.pos++;
  if (p.src[p.pos] === '?') p.pos++;
  return q;
}

function fold(c: string): string {
  return c >= '0' && c <= '9' ? '0' : c;
}

/** Whether a Latin-1 character code is `[\p{L}\p{N}]`. */
const WORD_CHAR = new Uint8Array(256);
for (let c = 0; c < 256; c++) WORD_CHAR[c] = /[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 0;

export function isWordCode(c: number): boolean {
  return c < 256 ? WORD_CHAR[c] === 1 : /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}

const foldCode = (c: number): number => (c >= 48 && c <= 57 ? 48 : c);

/** `[\p{L}\p{N}_]` for Latin-1 codes: the characters `tokenize` keeps together. */
const TOKEN_CHAR = new Uint8Array(256);
for (let c = 0; c < 256; c++) TOKEN_CHAR[c] = /[\p{L}\p{N}_]/u.test(String.fromCharCode(c)) ? 1 : 0;
const isTokenChar = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c < 256 && TOKEN_CHAR[c] === 1;
};
const foldDigits = (s: string): string => s.replace(/[0-9]/g, '0');

export interface CueFilter {
  /** Bit i set: cue i may match `text` (normalized, Latin-1). */
  mask(text: string): number;
  /**
   * The same answer from the text's tokens (`normalize(...).tokens`, the maximal runs of
   * `[\p{L}\p{N}_]`), with five characters of look-ahead instead of three: it tells "user" from
   * "useless". Not memoized; `extractSignals` keeps each token's `maskToken` in its token cache.
   */
  maskTokens(tokens: readonly string[]): number;
  /** One token's part of `maskTokens` (without `always`), not memoized: for callers' own caches. */
  maskToken(token: string): number;
  /** Bits that `maskTokens` always sets. */
  readonly tokenAlways: number;
  /** Bits of cues that could not be analysed and always run. */
  readonly always: number;
}

/**
 * Builds the filter for up to 31 alternation sources (the part inside `w(...)` in signals.ts).
 * A source that cannot be analysed always runs.
 */
export function compileCueFilter(sources: readonly string[]): CueFilter {
  if (sources.length > 31) throw new Error('at most 31 cues');
  const index = new Map<number, number>();
  const firstChar = new Uint8Array(256);
  const anywhere: Array<[string, number]> = [];
  let always = 0;
  // Token mode: prefixes that lie inside one token, prefixes that end the token (followed by a
  // non-token character), literals after `\p{L}*`, and cues that may start outside a token.
  const tokenKeys = new Map<string, number>();
  const tokenEnds = new Map<string, number>();
  const tokenAnywhere: Array<[string, number]> = [];
  let tokenAlways = 0;
  const addTokenKey = (k: string, bit: number): void => {
    if (k === '' || !isTokenChar(k, 0)) {
      tokenAlways |= bit;
      return;
    }
    let i = 1;
    while (i < k.length && isTokenChar(k, i)) i++;
    if (i === k.length) tokenKeys.set(k, (tokenKeys.get(k) ?? 0) | bit);
    else tokenEnds.set(k.slice(0, i), (tokenEnds.get(k.slice(0, i)) ?? 0) | bit);
  };
  const addKey = (full: string, bit: number): void => {
    addTokenKey(full, bit);
    const s = full.slice(0, TEXT_K);
    let key = s.length << 24;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      // The text is Latin-1: a prefix with a wider character can never occur.
      if (c > 0xff) return;
      key |= c << (8 * (2 - i));
    }
    firstChar[s.charCodeAt(0)] = 1;
    index.set(key, (index.get(key) ?? 0) | bit);
  };
  sources.forEach((src, i) => {
    const bit = 1 << i;
    try {
      const p: Parser = { src, pos: 0 };
      const alts = parseAlternatives(p);
      if (p.pos !== src.length) throw new Error(`unparsed rest at ${p.pos}`);
      // Split the source's top-level alternatives again, to find those that start with `\p{L}*`.
      const texts = splitTopLevel(src);
      alts.forEach((set, k) => {
        const altSrc = texts[k] as string;
        for (const s of set) {
          if (s === '' || s.startsWith(WILD)) {
            const lead = /^\\p\{L\}\*/.exec(altSrc);
            if (!lead) throw new Error(`alternative may start anywhere: ${altSrc}`);
            const rest = parseAlternatives({ src: altSrc.slice(lead[0].length), pos: 0 });
            for (const r of rest) {
              for (const t of r) {
                const lit = t.replace(WILD, '');
                if (lit === '') throw new Error(`alternative has no literal: ${altSrc}`);
                anywhere.push([lit, bit]);
                let n = 0;
                while (n < lit.length && isTokenChar(lit, n)) n++;
                if (n === 0) tokenAlways |= bit;
                else tokenAnywhere.push([lit.slice(0, n), bit]);
              }
            }
            continue;
          }
          addKey(s.replace(WILD, ''), bit);
        }
      });
    } catch {
      always |= bit;
    }
  });
  tokenAlways |= always;
  const tokenMask = (token: string): number => {
    const u = foldDigits(token);
    let m = 0;
    for (let s = 0; s < u.length; s = u.indexOf('_', s) + 1 || u.length) {
      // A match starts at the token's start or after an underscore (not `[\p{L}\p{N}]`).
      if (s > 0 && u.charCodeAt(s - 1) !== 95) continue;
      const rest = s === 0 ? u : u.slice(s);
      const top = Math.min(K, rest.length);
      for (let l = 1; l <= top; l++) m |= tokenKeys.get(rest.slice(0, l)) ?? 0;
      m |= tokenEnds.get(rest) ?? 0;
    }
    for (const [lit, bit] of tokenAnywhere) if ((m & bit) === 0 && u.includes(lit)) m |= bit;
    return m;
  };
  // The one- and two-character keys as flat tables, and which two-character prefixes have
  // three-character keys at all: most positions then need no map look-up.
  const one = new Int32Array(256);
  const two = new Int32Array(65536);
  const hasThree = new Uint8Array(65536);
  for (const [key, bits] of index) {
    const len = key >>> 24;
    const c = (key >>> 16) & 0xff;
    const c1 = (key >>> 8) & 0xff;
    if (len === 1) one[c] = bits;
    else if (len === 2) two[(c << 8) | c1] = bits;
    else if (len === 3) hasThree[(c << 8) | c1] = 1;
  }
  return {
    always,
    mask(text: string): number {
      let m = always;
      const n = text.length;
      for (let i = 0; i < n; i++) {
        const c = foldCode(text.charCodeAt(i));
        if (i > 0 && isWordCode(text.charCodeAt(i - 1))) continue;
        if (c > 0xff || firstChar[c] === 0) continue;
        const c1 = i + 1 < n ? foldCode(text.charCodeAt(i + 1)) : -1;
        const c2 = i + 2 < n ? foldCode(text.charCodeAt(i + 2)) : -1;
        m |= one[c] as number;
        if (c1 >= 0 && c1 <= 0xff) {
          const k2 = (c << 8) | c1;
          m |= two[k2] as number;
          if (c2 >= 0 && c2 <= 0xff && hasThree[k2] === 1)
            m |= index.get((3 << 24) | (c << 16) | (c1 << 8) | c2) ?? 0;
        }
      }
      for (const [lit, bit] of anywhere) if ((m & bit) === 0 && text.includes(lit)) m |= bit;
      return m;
    },
    tokenAlways,
    maskToken: tokenMask,
    maskTokens(tokens: readonly string[]): number {
      let m = tokenAlways;
      for (const t of tokens) m |= tokenMask(t);
      return m;
    },
  };
}

/** Splits a regex source at its top-level `|`. */
function splitTopLevel(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}

export interface FilterAudit {
  /** Cue runs that match (text × regex). */
  matched: number;
  /** Non-matching cue runs the text mask skips, and those the token mask skips. */
  skipped: number;
  skippedByTokens: number;
  /** Matches a mask would have skipped: must be empty ("cue 3 on '…'", "cue 3 by tokens on '…'"). */
  misses: string[];
}

/**
 * Compares both masks with running every regex on `texts` (raw message texts, normalized here):
 * the soundness check the tests run on edge cases and on the training corpus.
 */
export function auditCueFilter(
  filter: CueFilter,
  regexes: readonly RegExp[],
  texts: readonly string[],
  normalizeText: (raw: string) => { text: string; tokens: string[] },
): FilterAudit {
  const audit: FilterAudit = { matched: 0, skipped: 0, skippedByTokens: 0, misses: [] };
  for (const raw of texts) {
    const norm = normalizeText(raw);
    const mask = filter.mask(norm.text);
    const tokenMask = filter.maskTokens(norm.tokens);
    regexes.forEach((re, i) => {
      re.lastIndex = 0;
      const hit = re.test(norm.text);
      re.lastIndex = 0;
      const bit = 1 << i;
      if (hit) {
        audit.matched++;
        if ((mask & bit) === 0) audit.misses.push(`cue ${i} on "${norm.text}"`);
        if ((tokenMask & bit) === 0) audit.misses.push(`cue ${i} by tokens on "${norm.text}"`);
      } else {
        if ((mask & bit) === 0) audit.skipped++;
        if ((tokenMask & bit) === 0) audit.skippedByTokens++;
      }
    });
  }
  return audit;
}
