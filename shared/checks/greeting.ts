/**
 * The greeting at the start of a reply ("Hoi Sanne", "Beste mevrouw Kuipers", "Hi Sam",
 * "@fleur_bos Goedemorgen Fleur!") and whether its name is the customer's. Only the opening is
 * read: a name further on (in a quote of what someone else wrote, in a signature) is not a greeting.
 */
import { normalizeForSearch } from '../search/tokenize.ts';
import { signatureName } from '../templates/values.ts';

const GREETING_WORDS = [
  // nl
  'hoi',
  'hoihoi',
  'hey',
  'hee',
  'hi',
  'hai',
  'hallo',
  'dag',
  'beste',
  'lieve',
  'geachte',
  'moi',
  'goedemorgen',
  'goedemiddag',
  'goedenavond',
  'goeiemorgen',
  'goeiemiddag',
  'goeienavond',
  // en
  'hello',
  'hiya',
  'dear',
  'good morning',
  'good afternoon',
  'good evening',
  'morning',
  'afternoon',
  'evening',
];
const TITLES = [
  'mevrouw',
  'meneer',
  'mevr.',
  'mevr',
  'mw.',
  'mw',
  'dhr.',
  'dhr',
  'de heer',
  'heer',
  'mr.',
  'mr',
  'mrs.',
  'mrs',
  'ms.',
  'ms',
  'miss',
  'mx.',
  'mx',
  'dr.',
  'dr',
  'sir',
  'madam',
];
/** Dutch name particles: "Beste meneer van der Berg". */
const PARTICLES = new Set([
  'de',
  'van',
  'der',
  'den',
  'ten',
  'ter',
  'te',
  "'t",
  'het',
  'la',
  'le',
  'du',
  'von',
  'op',
  'in',
  'vd',
  'v.d.',
]);

/** Addressees that are no name: "Hoi daar", "Hi all", "Beste klant" (the fallback check judges those). */
export const GENERIC_ADDRESSEES = new Set([
  'daar',
  'allemaal',
  'iedereen',
  'allen',
  'jij',
  'jullie',
  'there',
  'all',
  'everyone',
  'everybody',
  'folks',
  'guys',
  'team',
  'you',
  'klant',
  'klanten',
  'customer',
  'customers',
  'gebruiker',
  'user',
  'client',
  'heer',
  'mevrouw',
  'heer/mevrouw',
  'sir',
  'madam',
  'sir/madam',
  'friend',
  'vriend',
]);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;
const GREETING = new RegExp(
  `^((?:@[\\w.]+\\s+)*)(${[...GREETING_WORDS].sort(byLength).map(escape).join('|')})(?=[\\s,!.]|$)[ \\t]*,?[ \\t]*(?:(${[
    ...TITLES,
  ]
    .sort(byLength)
    .map(escape)
    .join('|')})\\s+)?([^,!?.\\n:;()"“”]{0,60})`,
  'iu',
);

export interface Greeting {
  /** The greeting word as written ("Hoi", "Beste"). */
  word: string;
  title: string | null;
  /** The name as written ("Sanne", "Kuipers", "van der Berg"), or '' when none. */
  name: string;
  /** Offsets of the name in the reply. */
  start: number;
  end: number;
  /** The name is a generic addressee ("daar", "klant"). */
  generic: boolean;
}

/** Reads the greeting at the start of a reply, or null when it does not open with one. */
export function parseGreeting(text: string): Greeting | null {
  const m = GREETING.exec(text);
  if (!m) return null;
  const [, mentions = '', word = '', title, rest = ''] = m;
  // The name is capitalised words (and particles) right after the greeting: "Hoi Sanne en Piet"
  // reads "Sanne en Piet" up to the first lowercase word that is not a particle.
  const words = rest.split(/(\s+)/);
  let name = '';
  // "Hoi sanne, ..." is typed in a hurry: one lowercase word up to the punctuation is a name too.
  const single = rest.trim();
  const lowercaseName = !title && /^[\p{Ll}][\p{L}'’-]*$/u.test(single) && !PARTICLES.has(single);
  for (const w of words) {
    if (!w) continue;
    if (/^\s+$/.test(w)) {
      name += w;
      continue;
    }
    const lower = w.toLowerCase();
    const isName =
      lowercaseName ||
      /^[\p{Lu}]/u.test(w) ||
      PARTICLES.has(lower) ||
      (name === '' && !title && GENERIC_ADDRESSEES.has(lower)) ||
      (title && name === '');
    if (!isName) break;
    name += w;
  }
  name = name.trimEnd();
  // Trailing particles belong to the sentence, not the name ("Hoi Sanne de ...").
  while (true) {
    const parts = name.split(/\s+/);
    if (parts.length > 1 && PARTICLES.has(parts[parts.length - 1]!.toLowerCase()))
      name = parts.slice(0, -1).join(' ');
    else break;
  }
  const nameStart = m.index + m[0].length - rest.length + (rest.length - rest.trimStart().length);
  const generic = name.split(/\s+/).every((p) => GENERIC_ADDRESSEES.has(p.toLowerCase())) && name !== '';
  void mentions;
  return {
    word,
    title: title ?? null,
    name,
    start: nameStart,
    end: nameStart + name.length,
    generic:
      generic || (title !== undefined && GENERIC_ADDRESSEES.has((title ?? '').toLowerCase()) && name === ''),
  };
}

function fold(s: string): string {
  return normalizeForSearch(s)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim();
}

/** The parts a handle is made of: "fleur_bos92" → fleur, bos; "SamPorter" → sam, porter. */
function handleParts(handle: string): string[] {
  const bare = handle.replace(/^@/, '');
  const split = bare
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}]+/u)
    .map((p) => fold(p))
    .filter((p) => p.length >= 2);
  return [fold(bare).replace(/\s+/g, ''), ...split];
}

export interface NameFacts {
  name?: string | null;
  handle?: string | null;
  /** The customer's own messages: a sign-off ("Groet, Fleur") is a name too. */
  messages?: readonly string[];
}

/**
 * Whether the greeting's name fits the customer: any of its words equals, or is the start of, a
 * word of the author's display name or a signed name ("Sam" for "Samantha"), or is found in the
 * handle ("Hi Sam" to @sam_porter). Returns null when there is nothing to compare against.
 */
export function greetingMatches(greeting: Greeting, facts: NameFacts): boolean | null {
  const words = fold(greeting.name)
    .split(/\s+/)
    .filter((w) => w.length >= 2 && !PARTICLES.has(w));
  if (words.length === 0) return null;
  const known: string[] = [];
  if (facts.name) known.push(...fold(facts.name).split(/\s+/).filter(Boolean));
  for (const m of facts.messages ?? []) {
    const signed = signatureName(m);
    if (signed) known.push(fold(signed));
  }
  const handle = facts.handle ? handleParts(facts.handle) : [];
  if (known.length === 0 && handle.length === 0) return null;
  return words.some(
    (w) =>
      known.some(
        (k) => k === w || (w.length >= 3 && k.startsWith(w)) || (k.length >= 3 && w.startsWith(k)),
      ) || handle.some((h) => h === w || (w.length >= 3 && h.includes(w))),
  );
}
