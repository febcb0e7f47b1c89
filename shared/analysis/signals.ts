/**
 * Named, explainable signals for one message: lexicon sentiment with negation and intensifiers,
 * complaint cues, threats, safety, discrimination, sarcasm, shouting and angry emoji.
 * Every signal keeps its evidence (the words that fired) so that a reason can quote it.
 */
import { LUPJE_NL } from './lexicons/lupje-nl.ts';
import { AFINN_165 } from './lexicons/afinn-165.ts';
import { PATTERN_NL } from './lexicons/pattern-nl.ts';
import {
  LANG_DUTCH_SPELLING,
  LANG_EN_WORD,
  LANG_NL_WORD,
  langFromCounts,
  langFromHint,
  langMarks,
  normalize,
} from './text.ts';
import { compileCueFilter, isWordCode } from './prefilter.ts';
import type { AnalysisLang, NormalizedText } from './text.ts';

export const SIGNAL_CODES = [
  'sentiment.negative',
  'sentiment.positive',
  'negation',
  'intensifier',
  'complaint.persistence',
  'complaint.duration',
  'complaint.waiting',
  'complaint.failure',
  'complaint.blame',
  'complaint.money',
  'threat.legal',
  'threat.media',
  'threat.churn',
  'threat.boycott',
  'safety.health',
  'safety.hazard',
  'discrimination',
  'sarcasm',
  'shouting.caps',
  'shouting.exclaim',
  'emoji.angry',
  'cue.question',
  'cue.praise',
  'cue.noproblem',
  'quoted',
] as const;
export type SignalCode = (typeof SIGNAL_CODES)[number];

/** One fired signal: `value` is its strength (counts or lexicon sums), `evidence` the words. */
export interface Signal {
  code: SignalCode;
  value: number;
  evidence: string[];
}

export interface MessageSignals {
  lang: AnalysisLang;
  norm: NormalizedText;
  /** Lexicon sentiment after negation and intensifiers, summed per polarity (neg ≤ 0 ≤ pos). */
  lexPos: number;
  lexNeg: number;
  /** Strength per signal code (0 when it did not fire). */
  values: Record<SignalCode, number>;
  /** Fired signals only, with evidence. */
  fired: Signal[];
}

const LUPJE = LUPJE_NL;
const AFINN = AFINN_165;
const PATTERN = PATTERN_NL;

const NEGATORS = new Set([
  'niet',
  'geen',
  'nooit',
  'niemand',
  'niets',
  'nergens',
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'without',
  'zonder',
  'nor',
  'neither',
]);
const INTENSIFIERS = new Set([
  'heel',
  'erg',
  'zeer',
  'super',
  'echt',
  'enorm',
  'ontzettend',
  'totaal',
  'compleet',
  'zwaar',
  'hartstikke',
  'bizar',
  'mega',
  'zo',
  'very',
  'really',
  'so',
  'extremely',
  'totally',
  'absolutely',
  'completely',
  'utterly',
  'incredibly',
  'seriously',
  'truly',
  'fucking',
]);
/** Lexicon entries that mislead in webcare text (brand or service words, "like" as a filler). */
const LEX_SKIP = new Set([
  'naar',
  'service',
  'user',
  'like',
  'please',
  'hoor',
  'user',
  'url',
  'help',
  'no',
  'yes',
  'ok',
  'okay',
  'want',
  'kind',
  'pretty',
  'lol',
  'haha',
  'ha',
]);

const DUTCH_SUFFIXES = [
  'en',
  'e',
  'er',
  'ere',
  'st',
  'ste',
  's',
  'heid',
  'lijk',
  'lijke',
  'je',
  'jes',
  't',
  'd',
];

/**
 * What the sentiment loop needs to know about a token, memoized: a few thousand distinct tokens
 * cover most traffic, and one map look-up replaces the negator, intensifier and lexicon ones.
 * `kind` is 1 for a negator, 2 for an intensifier, else 0; `emo` the fixed score of an emoji
 * placeholder (null for words); the lexicon value per language is filled in on first use.
 */
interface TokenClass {
  kind: number;
  /** NaN for words. All number fields start as numbers (NaN = "not yet"): a field that goes from
   * undefined or null to a number changes the object's hidden class, and the look-ups here
   * became megamorphic. */
  emo: number;
  nl: number;
  en: number;
  other: number;
  /** `langMarks` of the token (language detection). */
  lang: number;
  /** The cues this token may start (`CueFilter.maskToken`); -1 until first needed. */
  cues: number;
}
const TOKEN_CLASS = new Map<string, TokenClass>();
const TOKEN_CLASS_MAX = 200_000;

function tokenClass(t: string): TokenClass {
  let c = TOKEN_CLASS.get(t);
  if (c === undefined) {
    if (TOKEN_CLASS.size >= TOKEN_CLASS_MAX) TOKEN_CLASS.clear();
    const emo = t.startsWith('emo_')
      ? ANGRY_EMOJI.has(t)
        ? -3
        : POSITIVE_EMOJI.has(t)
          ? 2
          : t === 'emo_sad'
            ? -2
            : 0
      : Number.NaN;
    c = {
      kind: NEGATORS.has(t) ? 1 : INTENSIFIERS.has(t) ? 2 : 0,
      emo,
      nl: Number.NaN,
      en: Number.NaN,
      other: Number.NaN,
      lang: langMarks(t),
      cues: -1,
    };
    TOKEN_CLASS.set(t, c);
  }
  return c;
}

/** Reused per call: the classes of the current message's tokens. */
let CLASS_BUFFER: TokenClass[] = [];
function classBuffer(n: number): TokenClass[] {
  if (CLASS_BUFFER.length < n) CLASS_BUFFER = new Array<TokenClass>(Math.max(n, 2 * CLASS_BUFFER.length));
  return CLASS_BUFFER;
}

function lexLookup(token: string, lang: AnalysisLang): number {
  if (LEX_SKIP.has(token)) return 0;
  if (lang !== 'en') {
    const v = LUPJE[token];
    if (v !== undefined) return v;
    const p = PATTERN[token];
    if (p !== undefined) return p;
    for (const suffix of DUTCH_SUFFIXES) {
      if (token.length > suffix.length + 3 && token.endsWith(suffix)) {
        const stem = token.slice(0, -suffix.length);
        const s = PATTERN[stem] ?? LUPJE[stem];
        if (s !== undefined) return s;
      }
    }
    if (lang === 'nl') return 0;
  }
  return AFINN[token] ?? 0;
}

interface CueDef {
  code: SignalCode;
  re: RegExp;
  /** Whether a preceding negator ("niet", "not") cancels the cue. */
  negatable: boolean;
}

const w = (s: string): RegExp => new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${s})(?![\\p{L}\\p{N}])`, 'gu');

const CUES: CueDef[] = [
  {
    code: 'complaint.persistence',
    re: w(
      'nog steeds|nog altijd|alweer|wederom|opnieuw|weer eens|weer niet|weer geen|voor de (?:zoveelste|\\d+e|tweede|derde|vierde) keer|zoveelste keer|elke keer weer|telkens|still|again|yet again|once again|for the (?:\\d+(?:st|nd|rd|th)|second|third|fourth|fifth|umpteenth|nth) time|every single time|keeps? happening|constantly|repeatedly',
    ),
    negatable: false,
  },
  {
    code: 'complaint.duration',
    re: w(
      '(?:al|sinds|ruim|bijna|meer dan) (?:\\d+|een|twee|drie|vier|vijf|zes|tien) (?:minuten|min|uur|uren|dag|dagen|week|weken|maand|maanden|jaar)|sinds (?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|gisteren|vorige week|vanochtend|vanmorgen)|(?:for|over|nearly|almost|more than) (?:\\d+|an?|one|two|three|four|five|six|ten|several) (?:minutes|mins|hours?|hrs|days?|weeks?|months?|years?)|since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last week|this morning)|(?:\\d+|two|three|four|five|six) (?:days|weeks|months) (?:later|now|and counting)',
    ),
    negatable: false,
  },
  {
    code: 'complaint.waiting',
    re: w(
      'wacht(?:en)? al|zit(?:ten)? al .{0,20}in de wacht|in de wacht|geen reactie|geen antwoord|niks gehoord|niets gehoord|nog niks|nog niets|niemand (?:reageert|neemt op|belt terug)|wordt niet teruggebeld|nooit teruggebeld|reageren niet|nergens op|still waiting|waiting for|been waiting|no (?:reply|response|answer|update|one answers|one replies)|nobody (?:answers|replies|responds|called back|got back)|never (?:heard back|got back|called back|replied|responded)|on hold|ignored|ignoring|negeren|genegeerd|ghosted',
    ),
    negatable: true,
  },
  {
    code: 'complaint.failure',
    re: w(
      'werkt (?:nog steeds |alweer |weer |gewoon |helemaal )?niet|doet het (?:nog steeds |weer )?niet|kapot|stuk gegaan|storing\\p{L}*|\\p{L}*storing|ligt (?:er )?(?:weer |alweer |nog steeds )?(?:plat|eruit)|niet (?:bezorgd|geleverd|ontvangen|aangekomen|opgelost|gekomen)|nooit (?:bezorgd|geleverd|aangekomen|ontvangen)|kwijt|vertraagd|vertraging|uitgevallen|geannuleerd|verkeerde|beschadigd|defect|foutmelding|fout|gefaald|mislukt|(?:is |was )?not working|does not work|did not work|stopped working|broken|outage|(?:is |was |went )?down again|not (?:delivered|received|arrived|fixed|resolved|refunded)|never (?:arrived|delivered|received|came|showed up)|lost my|missing|delayed|cancell?ed (?:my|our|the) (?:flight|order|train)|damaged|wrong (?:order|item|size|amount)|error|crash(?:es|ed|ing)?|glitch|faulty|no (?:signal|internet|connection|power|wifi|service)|geen (?:bereik|internet|verbinding|stroom|signaal|wifi)|dropped|overbooked|overboekt|datalek\\p{L}*|\\p{L}*datalek(?:ken)?|gehackt|gehacked|uitgelekt|gelekt|data ?breach|data leak|hacked|leaked',
    ),
    negatable: true,
  },
  {
    code: 'complaint.blame',
    re: w(
      'jullie schuld|door jullie|dankzij jullie|schande|schandalig|belachelijk|waardeloos|waardeloze|bagger|slechtste|slechte service|klantonvriendelijk|incompetent\\p{L}*|amateurs?|oplichters?|oplichting|zielig|triest|diefstal|your fault|thanks to you|shame on you|disgrace(?:ful)?|ridiculous|useless|worst|terrible|horrible|awful|pathetic|unacceptable|onacceptabel|incompetence|joke of a|scam(?:mers)?|rip ?off|ripped off|fraud|disgusting|appalling|shocking|lousy|garbage|trash|rubbish|clowns|fix (?:this|it|your)|los (?:dit|het) op|get your act together|do better',
    ),
    negatable: true,
  },
  {
    code: 'complaint.money',
    re: w(
      'geld terug|terugbetaling|restitutie|dubbel afgeschreven|twee keer afgeschreven|te veel (?:betaald|afgeschreven|gerekend)|afgeschreven|compensatie|schadevergoeding|refund(?:ed)?|charged (?:me )?(?:twice|double)|double charged|overcharged|compensation|money back|chargeback',
    ),
    negatable: true,
  },
  {
    code: 'threat.legal',
    re: w(
      'advoca(?:at|ten)|jurist|rechter|rechtbank|rechtszaak|juridische stappen|aangifte|consumentenbond|acm|autoriteit consument|geschillencommissie|ombudsman|kifid|klachteninstituut|het juridisch loket|sommatie|dagvaarding|lawyers?|attorney|sue|suing|lawsuit|legal action|small claims|court|ombudsman|trading standards|ftc|bbb|better business bureau|consumer protection|regulator',
    ),
    negatable: true,
  },
  {
    code: 'threat.media',
    re: w(
      'journalist(?:en)?|de pers|naar de pers|naar de media|de media|nos|rtl(?: nieuws)?|radar|kassa|tros radar|opgelicht\\?!|de telegraaf|telegraaf|ad\\.nl|nu\\.nl|hart van nederland|pointer|eenvandaag|the press|to the press|journalists?|reporters?|the media|news(?:paper)?s?|bbc|watchdog|going viral|go viral|tv station|cnn|fox news|every(?:one|body) (?:needs to|should) know|spread the word|retweet (?:this|if)|rt if',
    ),
    negatable: true,
  },
  {
    code: 'threat.churn',
    re: w(
      'opzeggen|opgezegd|zeg (?:mijn \\p{L}+ )?op|overstappen|overstap|stap over|ga over naar|weg bij|nooit meer|laatste keer|klant af|cancel(?:l?ing|l?ed)? (?:my|our|the)|cancel|cancelling|switch(?:ing)? to|leaving (?:you|for)|never again|never (?:ordering|flying|using|buying)|last time i|taking my business|lost a customer|former customer|ex-klant|oud-klant',
    ),
    negatable: true,
  },
  {
    code: 'threat.boycott',
    re: w(
      'boycot\\p{L}*|boycott\\p{L}*|niet meer kopen|koop (?:daar )?niet|don.?t buy|do not buy|stop buying|avoid (?:at all costs|them)|vermijd',
    ),
    negatable: true,
  },
  {
    code: 'safety.health',
    re: w(
      'ziek|ziekenhuis|misselijk|overgeven|overgegeven|allergisch|allergie|allergische reactie|voedselvergiftiging|vergiftig\\p{L}*|bedorven|beschimmeld|schimmel|glas in|insect\\p{L}*|kakkerlak\\p{L}*|muizen|salmonella|listeria|ambulance|eerste hulp|gewond|letsel|sick|ill|hospital|food poisoning|poisoned|vomit\\p{L}*|threw up|allergic|allergy|anaphyla\\p{L}*|mou?ldy|rotten|cockroach\\p{L}*|rats?|mice|injur\\p{L}*|hurt|bleeding|choking|a&e|emergency room|er visit',
    ),
    negatable: true,
  },
  {
    code: 'safety.hazard',
    re: w(
      'brand|rook|rookontwikkeling|vlam\\p{L}*|ontplof\\p{L}*|explo\\p{L}*|kortsluiting|gaslek|gas lek|gevaarlijk|levensgevaarlijk|onveilig|elektrocut\\p{L}*|fire|smoke|flames?|caught fire|explod\\p{L}*|short circuit|gas leak|dangerous|unsafe|hazard\\p{L}*|recall|terugroep\\p{L}*|electric shock|overheat\\p{L}*|oververhit\\p{L}*',
    ),
    negatable: true,
  },
  {
    code: 'discrimination',
    re: w(
      'discrimin\\p{L}*|racis\\p{L}*|racist\\p{L}*|seksis\\p{L}*|sexis\\p{L}*|homofob\\p{L}*|homophob\\p{L}*|transfob\\p{L}*|transphob\\p{L}*|etnisch profiler\\p{L}*|ethnic profiling|geweigerd (?:vanwege|omdat ik)|refused (?:because of|service because)|vanwege mijn (?:huidskleur|afkomst|hoofddoek|geloof|handicap|rolstoel)|because of my (?:skin|race|religion|hijab|accent|disability|wheelchair)|rolstoel\\p{L}* geweigerd|wheelchair (?:user )?(?:refused|denied)|moslimhaat|antisemit\\p{L}*|islamofob\\p{L}*|islamophob\\p{L}*|hate speech|haatzaaien',
    ),
    negatable: true,
  },
  {
    code: 'sarcasm',
    re: w(
      'bedankt hoor|dank je (?:wel )?hoor|dankjewel hoor|dank u (?:wel )?hoor|fijn hoor|leuk hoor|top hoor|lekker bezig|goed bezig(?: weer)?|lekker dan|super dan|nou (?:lekker|fijn|top)|echt top (?:weer|dit)|wat een (?:service|klantvriendelijkheid|topservice)|prima geregeld weer|thanks for nothing|bedankt voor niks|bedankt voor niets|thanks a bunch|gotta love|just what i needed|what a joke|yeah right|oh great|oh wonderful|very helpful not|top service emo_(?:clap|annoyed)|emo_clap emo_clap',
    ),
    negatable: false,
  },
  {
    code: 'cue.question',
    re: w(
      'hoe (?:kan|moet|kun|doe|zit)|kan ik|kunnen jullie|kun je|kunt u|weet iemand|is het mogelijk|waar kan ik|wanneer (?:komt|gaat|is|wordt|kan)|hebben jullie|zijn jullie|heeft iemand|vraagje|vraag|how (?:do|can|long|much)|can i|can you|could you|do you|does anyone|is it possible|where can i|when (?:will|does|is|do)|what time|are you|is there|any (?:update|news|idea)|quick question|question',
    ),
    negatable: false,
  },
  {
    code: 'cue.praise',
    re: w(
      'bedankt(?! hoor)(?: voor (?:de|het|jullie|uw) (?:hulp|snelle|reactie|service|moeite))?|dankjewel(?! hoor)|dank je wel(?! hoor)|top geregeld|snel geholpen|goed geholpen|super geholpen|netjes opgelost|fijne service|complimenten|compliment|chapeau voor|heerlijk|aanrader|thank you(?: so much)?|thanks(?: so much)?(?! for nothing| a lot| a bunch)|great service|excellent service|amazing service|quick response|sorted it|sorted out|problem solved|well sorted|love (?:my|the|this|your|you)|recommend|shout ?out|kudos|props to|happy customer|tevreden klant|blij mee|zo blij',
    ),
    negatable: true,
  },
  {
    code: 'cue.noproblem',
    re: w(
      'geen (?:problemen|probleem|klachten|klacht|issues|storing|last)|nergens last van|niks mis|niets mis|no (?:problems?|issues?|complaints?)|nothing wrong|never had (?:a|any) (?:problem|issue)|zero (?:issues|problems)|never (?:a problem|an issue)|works (?:perfectly|fine|great)|werkt (?:perfect|prima|goed|super)',
    ),
    negatable: false,
  },
];

/** Praise words that are sarcastic only next to a failure, a complaint or an eye roll. */
const SARCASM_WEAK = w(
  'ja hoor|goed geregeld|top|geweldig|fantastisch|prachtig|fijn|lekker|chapeau|bravo|great job|good job|well done|nice one|great service|amazing|brilliant|fantastic|wonderful|lovely|love (?:how|that|it when)|so helpful|thanks a lot|great|perfect|awesome|top service|service emo_clap|emo_clap|emo_annoyed',
);

const W_PREFIX = '(?:^|[^\\p{L}\\p{N}])(?:';
const W_SUFFIX = ')(?![\\p{L}\\p{N}])';
/** The alternation inside a `w(...)` regex. */
function alternation(re: RegExp): string {
  const src = re.source;
  if (!src.startsWith(W_PREFIX) || !src.endsWith(W_SUFFIX)) throw new Error(`not a w() cue: ${src}`);
  return src.slice(W_PREFIX.length, -W_SUFFIX.length);
}
/** Bits 0..n-1: CUES in order; bit n: SARCASM_WEAK. */
const CUE_FILTER = compileCueFilter([...CUES.map((c) => alternation(c.re)), alternation(SARCASM_WEAK)]);
const WEAK_BIT = 1 << CUES.length;

/** The cue regexes in filter-bit order (for the pre-filter's soundness test). */
export function cueRegexes(): RegExp[] {
  return [...CUES.map((c) => c.re), SARCASM_WEAK];
}

const ANGRY_EMOJI = new Set(['emo_angry', 'emo_annoyed', 'emo_disgust', 'emo_bad']);
const POSITIVE_EMOJI = new Set(['emo_love', 'emo_good', 'emo_happy']);

function insideQuote(quoted: ReadonlyArray<[number, number]>, index: number): boolean {
  for (const [a, b] of quoted) if (index >= a && index < b) return true;
  return false;
}

/** True when one of the three words before `index` is a negator. */
function negatedBefore(text: string, index: number): boolean {
  let end = index;
  for (let k = 0; k < 3; k++) {
    while (end > 0 && !isWordCode(text.charCodeAt(end - 1))) end--;
    if (end <= 0) return false;
    let start = end;
    while (start > 0 && isWordCode(text.charCodeAt(start - 1))) start--;
    if (NEGATORS.has(text.slice(start, end))) return true;
    if (/[.!?;]/.test(text.slice(end, index))) return false;
    end = start;
  }
  return false;
}

const EMPTY_VALUES = Object.fromEntries(SIGNAL_CODES.map((c) => [c, 0])) as Record<SignalCode, number>;

function emptyValues(): Record<SignalCode, number> {
  return { ...EMPTY_VALUES };
}

function label(hit: string): string {
  return hit.includes('emo_') ? hit.replace(/emo_\w+/g, (e) => EMOJI_LABEL[e] ?? e) : hit;
}

/**
 * Extracts every signal from a message text. `langHint` is the message's declared language if
 * any. Cues inside quotes (or a retweet) count for 30% and those after a negator not at all.
 */
export function extractSignals(raw: string, langHint?: string | null): MessageSignals {
  const norm = normalize(raw);
  const tokens = norm.tokens;
  // One memoized look-up per token serves language detection, the cue pre-filter and the
  // sentiment loop below.
  const classes = classBuffer(tokens.length);
  let nlWords = 0;
  let enWords = 0;
  let dutchSpelling = 0;
  let mayMatch = CUE_FILTER.tokenAlways;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const info = tokenClass(t);
    classes[i] = info;
    const marks = info.lang;
    if (marks !== 0) {
      if (marks & LANG_NL_WORD) nlWords++;
      if (marks & LANG_EN_WORD) enWords++;
      if (marks & LANG_DUTCH_SPELLING) dutchSpelling++;
    }
    if (info.cues < 0) info.cues = CUE_FILTER.maskToken(t);
    mayMatch |= info.cues;
  }
  const lang = langFromHint(langHint) ?? langFromCounts(nlWords, enWords, dutchSpelling, tokens.length);
  const values = emptyValues();
  const evidence = new Map<SignalCode, string[]>();
  const add = (code: SignalCode, amount: number, ev: string): void => {
    values[code] += amount;
    const list = evidence.get(code);
    if (list) {
      if (list.length < 4 && !list.includes(ev)) list.push(ev);
    } else evidence.set(code, [ev]);
  };

  // Lexicon sentiment with negation (3-token scope) and intensifiers (next word ×1.5).
  let lexPos = 0;
  let lexNeg = 0;
  let negScope = 0;
  let boost = 1;
  const negEvidence: string[] = [];
  const posWords: string[] = [];
  const negWords: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t === '!' || t === '?') {
      negScope = 0;
      continue;
    }
    const info = classes[i] as TokenClass;
    if (info.kind === 1) {
      negScope = 3;
      continue;
    }
    if (info.kind === 2) {
      boost = 1.5;
      add('intensifier', 1, t);
      continue;
    }
    let s = info.emo;
    if (Number.isNaN(s)) {
      s = lang === 'nl' ? info.nl : lang === 'en' ? info.en : info.other;
      if (Number.isNaN(s)) {
        s = lexLookup(t, lang);
        if (lang === 'nl') info.nl = s;
        else if (lang === 'en') info.en = s;
        else info.other = s;
      }
    }
    if (s !== 0) {
      s *= boost;
      if (negScope > 0) {
        // "niet goed" is clearly negative; "not bad" is only mildly positive.
        s = s > 0 ? -s * 0.8 : -s * 0.4;
        values.negation += 1;
        if (negEvidence.length < 3) negEvidence.push(t);
      }
      if (s > 0) {
        lexPos += s;
        if (posWords.length < 4 && !posWords.includes(t)) posWords.push(t);
      } else {
        lexNeg += s;
        if (negWords.length < 4 && !negWords.includes(t)) negWords.push(t);
      }
    }
    boost = 1;
    if (negScope > 0) negScope--;
  }
  if (lexNeg < 0) {
    values['sentiment.negative'] = lexNeg;
    evidence.set(
      'sentiment.negative',
      negWords.map((x) => EMOJI_LABEL[x] ?? x),
    );
  }
  if (lexPos > 0) {
    values['sentiment.positive'] = lexPos;
    evidence.set(
      'sentiment.positive',
      posWords.map((x) => EMOJI_LABEL[x] ?? x),
    );
  }
  if (negEvidence.length) evidence.set('negation', negEvidence);

  const text = norm.text;
  for (let c = 0; c < CUES.length; c++) {
    if ((mayMatch & (1 << c)) === 0) continue;
    const cue = CUES[c] as CueDef;
    const re = cue.re;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const hit = m[0].replace(/^[^\p{L}\p{N}#]+/u, '');
      const at = m.index + (m[0].length - hit.length);
      if (cue.negatable && negatedBefore(text, at)) continue;
      const inQuote = insideQuote(norm.quoted, at);
      if (cue.code === 'safety.hazard' && hit === 'brand' && lang !== 'nl') continue;
      add(cue.code, inQuote ? 0.3 : 1, label(hit));
    }
  }
  if (norm.hashtags.some((h) => h === 'not' || h === 'sarcasm' || h === 'sarcasme' || h === 'ironie'))
    add('sarcasm', 1, '#not');
  const negativeContext =
    values['complaint.failure'] +
      values['complaint.persistence'] +
      values['complaint.waiting'] +
      values['complaint.duration'] +
      values['complaint.blame'] >
      0 ||
    lexNeg <= -2 ||
    tokens.includes('emo_annoyed') ||
    tokens.includes('emo_clap');
  if (negativeContext && (mayMatch & WEAK_BIT) !== 0) {
    SARCASM_WEAK.lastIndex = 0;
    for (let m = SARCASM_WEAK.exec(text); m !== null; m = SARCASM_WEAK.exec(text))
      add('sarcasm', 1, label(m[0].trim()));
  }
  if (values.sarcasm > 0 && values['cue.praise'] > 0) values['cue.praise'] = 0;
  // Praise in a message that also reports a failure is usually sarcasm ("great service, 3 weeks no internet").
  if (
    values['cue.praise'] > 0 &&
    values['complaint.failure'] +
      values['complaint.persistence'] +
      values['complaint.waiting'] +
      values['complaint.duration'] >=
      2
  ) {
    add('sarcasm', 1, evidence.get('cue.praise')?.[0] ?? 'praise');
    values['cue.praise'] = 0;
  }
  if (values['cue.praise'] === 0) evidence.delete('cue.praise');
  if (norm.quoted.length) add('quoted', norm.quoted.length, 'quote');

  if (norm.capsWords >= 2 && norm.capsRatio >= 0.5)
    add('shouting.caps', Math.min(1, norm.capsRatio), `${norm.capsWords} words in caps`);
  if (norm.exclaimRun >= 2)
    add('shouting.exclaim', norm.exclaimRun, '!'.repeat(Math.min(norm.exclaimRun, 5)));
  for (const t of tokens) if (ANGRY_EMOJI.has(t)) add('emoji.angry', 1, EMOJI_LABEL[t] ?? t);

  const fired: Signal[] = [];
  for (const code of SIGNAL_CODES) {
    if (values[code] !== 0) fired.push({ code, value: values[code], evidence: evidence.get(code) ?? [] });
  }
  return { lang, norm, lexPos, lexNeg, values, fired };
}

const EMOJI_LABEL: Record<string, string> = {
  emo_love: '❤️',
  emo_good: '👍',
  emo_happy: '😊',
  emo_sad: '😢',
  emo_angry: '😡',
  emo_annoyed: '🙄',
  emo_clap: '👏',
  emo_disgust: '🤮',
  emo_bad: '👎',
};
