/**
 * Crisis radar: fed messages in event-time order, it groups negative messages per brand into
 * topics (keyword-overlap clustering), keeps a per-topic baseline and raises a crisis alert when a
 * topic bursts (Poisson z-score against an EWMA baseline, see docs/analysis.md for the comparison
 * with CUSUM and Kleinberg), weighing severity, first-time authors, reach and watchlisted
 * accounts. It also raises escalation alerts for single conversations crossing the risk
 * threshold. Stateful but pure: no clock, no I/O.
 */
import { extractSignals } from './signals.ts';
import type { MessageSignals } from './signals.ts';
import { normalize } from './text.ts';
import { scoreSignals } from './score.ts';
import type { MessageScore } from './score.ts';
import { DEFAULT_RISK_THRESHOLD, MESSAGE_REASON_CODES, scoreConversation } from './risk.ts';
import type { ConversationInput, RiskMessage } from './risk.ts';
import { reasonText } from './reasons.ts';
import { cascadeReasons, createCascadeDetector } from './cascade.ts';
import type { Reason, ReasonLocale } from './reasons.ts';

export interface RadarMessage {
  id: string;
  text: string;
  /** Epoch ms (event time). */
  createdAt: number;
  channel: string;
  direction: 'incoming' | 'outgoing';
  public: boolean;
  author: { id: string; handle?: string | null; followers?: number | null; verified?: boolean | null };
  brand?: string | null;
  conversationId?: string | null;
  inReplyTo?: string | null;
  lang?: string | null;
  metrics?: { likes?: number; reposts?: number; replies?: number; quotes?: number } | null;
}

export interface RadarAlert {
  id: string;
  kind: 'crisis' | 'escalation';
  /** ISO time of the event at which the alert fired. */
  at: string;
  brand: string;
  topic: string;
  /** 0–100. */
  score: number;
  /** Evidence so far (message ids). */
  messageIds: string[];
  reasons: Reason[];
}

export interface RadarOptions {
  /** Lowercase handles (without @) of journalists, politicians, celebrities. */
  watchlist?: Iterable<string>;
  riskThreshold?: number;
  locale?: ReasonLocale;
  /** Burst window in minutes (default 15). */
  windowMinutes?: number;
  /** Minimum negative mentions in the window (default 6). */
  minCount?: number;
  /** Poisson z-score needed (default 3.5). */
  zThreshold?: number;
  /** Slow-burn detector over SLOW_WINDOWS burst windows (default on). */
  slowBurn?: boolean;
  /**
   * Burst detectors per topic: `window` (15-minute Poisson test plus the slow-burn hour),
   * `cusum` (a Poisson CUSUM only), or `both` (default: whichever fires first).
   */
  detector?: 'window' | 'cusum' | 'both';
  /** CUSUM design ratio ρ (the rate multiple it is tuned to detect) and alarm level h. */
  cusumRho?: number;
  cusumH?: number;
  /**
   * Whether a reply to a message in a negative topic counts as a mention of that topic when it
   * is not positive itself, even if the model does not call it negative (default on).
   */
  replyEvidence?: boolean;
  /**
   * A brand-level CUSUM over the mentions of all young topics together (default on; with the
   * `cusum` and `both` detectors).
   */
  brandCusum?: boolean;
  /**
   * Whether a young topic's main word in a message outweighs the shared everyday words of an
   * older topic (or one on alert) that does not use that word much (default on).
   */
  freshWord?: boolean;
  /**
   * The thread-cascade detector (`cascade.ts`): reactions by other people to complaints, per
   * brand, against the brand's own rate of them (default on).
   */
  threadCascade?: boolean;
  /** Raise the CUSUM alarm level with the number of topics at a brand (default on). */
  multipleTesting?: boolean;
}

export interface TopicView {
  brand: string;
  topic: string;
  state: 'quiet' | 'rising' | 'crisis';
  inWindow: number;
  baselinePerWindow: number;
}

export interface Radar {
  /** Adds one message (in event-time order) and returns the alerts it raised. */
  push(msg: RadarMessage, score?: MessageScore): RadarAlert[];
  topics(): TopicView[];
}

interface TopicEvent {
  t: number;
  id: string;
  author: string;
  firstTime: boolean;
  followers: number;
  severity: number;
  watch: string | null;
  terms: string[];
  /** A reply to or quote of another message (engagement, as opposed to a standalone post). */
  engaged: boolean;
}

interface Topic {
  id: number;
  brand: string;
  terms: Map<string, number>;
  /** Events of the last burst window. */
  events: TopicEvent[];
  /** Events of the last slow-burn window (SLOW_WINDOWS burst windows). */
  hour: TopicEvent[];
  /** EWMA of negative mentions per window, updated at window boundaries. */
  baseline: number;
  binStart: number;
  binCount: number;
  lastAt: number;
  createdAt: number;
  alerted: boolean;
  alertedAt: number;
  label: string;
  /** `topicLabel` until the terms change. */
  labelCache: string | null;
  evidence: string[];
  /** The brand whose `topics` list holds this topic (and whose `termIndex` lists its terms). */
  owner: BrandState;
  /** False once pruned from the owner's list or merged. */
  live: boolean;
  /** The topic this one was merged into. */
  mergedInto: Topic | null;
  /** The highest count in `terms`. */
  maxTerm: number;
  /** Poisson CUSUM: statistic, time of its last update, and the events since it left zero. */
  cusum: number;
  cusumAt: number;
  run: TopicEvent[];
  /** How often each surface word and hashtag was used (labels show words, not stems). */
  forms: Map<string, number>;
  /** Created at the topic's first hashtag. */
  tags: Map<string, number> | null;
  /** The `assignTopic` call that last collected this topic as a candidate. */
  seen: number;
  /** How many of that message's keywords the topic holds. */
  hits: number;
}

/** A conversation: the risk's input itself (one object per conversation), plus bookkeeping. */
interface ConvState extends ConversationInput {
  brand: string;
  lastAt: number;
  alerted: boolean;
  /** The radar topic of its latest negative message (`topic` is the risk's view of it). */
  radarTopic: Topic | null;
  /** Whether some message of the conversation (kept in `messages`) is incoming. */
  hasIncoming: boolean;
  /** Whether `author` is the conversation's own copy (else shared with the first message). */
  ownAuthor: boolean;
}

interface BrandState {
  topics: Topic[];
  /** Authors seen at the brand (incoming messages). */
  authors: Set<string>;
  /** EWMA of all negative mentions per window, the prior for new topics. */
  negRate: number;
  binStart: number;
  binCount: number;
  nextTopic: number;
  /** Times of negative mentions in the current window (all topics). */
  recent: number[];
  /**
   * The brand's young-topic stream (mentions of topics younger than MERGE_AGE and not on
   * alert, whichever topic): its usual rate per window (EWMA, capped like a young topic's
   * baseline), this window's count, the times of the current window, and a Poisson CUSUM with
   * its run (events and their topics). It adds up a cascade whose parts landed in several fresh
   * topics.
   */
  youngRate: number;
  /** When the brand was first seen: its young-topic stream is watched from YOUNG_TOPIC later. */
  since: number;
  youngCount: number;
  youngRecent: number[];
  youngCusum: number;
  youngCusumAt: number;
  youngRun: TopicEvent[];
  youngRunTopics: Topic[];
  /**
   * Inverted index over `topics`: keyword → the live topics whose `terms` hold it (each once,
   * in no particular order; plain arrays, lighter than thousands of small sets).
   */
  termIndex: Map<string, Topic[]>;
  /** Negative mentions per keyword, decaying (half-life about a day): how common a word is here. */
  df: Map<string, number>;
  /** The df decays applied to `df` (see `syncDf`). */
  dfEpoch: number;
  /** At most the smallest `lastAt` of `topics` (Infinity when none): when to look at pruning. */
  minLastAt: number;
}

const MIN = 60_000;
/** Topics at a brand before the CUSUM alarm level rises (see `alarmLevel`). */
const TOPICS_FREE = 20;
/** The slow-burn window, in burst windows (4 × 15 min = one hour). */
const SLOW_WINDOWS = 4;
/** Slow burn: at least this many mentions and authors in the hour, and replies/quotes among them. */
const SLOW_MIN_COUNT = 8;
const SLOW_MIN_AUTHORS = 6;
const SLOW_MIN_ENGAGED = 2;
/** Slow burn needs a stronger deviation than the burst test: z and rate ratio over the hour. */
const SLOW_Z = 4.5;
const SLOW_RATIO = 4;
/** A severe topic (mean severity at least this, or a watched account in it) needs one mention less. */
const SEVERE_MEAN = 0.75;
/** A topic younger than this may not teach its baseline more than two standard deviations a window. */
const YOUNG_TOPIC = 6 * 60 * MIN;
/** Poisson CUSUM: design rate ratio, alarm level, and the rate ratio its run must show. */
const CUSUM_RHO = 4;
const CUSUM_H = 6;
const CUSUM_RATIO = 3;
/** The young-topic stream alerts only when one topic holds at least this many of its run. */
const YOUNG_MIN_TOP = 3;
/** A topic on alert may alert again (a second wave) this long after its last alert. */
const REALERT_GAP = 2 * 60 * MIN;
/** Two topics bridged by one message merge when both are younger than this. */
const MERGE_AGE = 3 * 60 * MIN;
const STOPWORDS = new Set(
  (
    'user url the and for with that this have from your you are was but not they what when why how just still again been will can all our out get got been does did than then them there their about after would could should into over more some very really dont cant wont het een van een voor met dat die dit niet maar ook nog weer zijn was heb hebben wordt worden geen mijn jullie bij naar kan kunnen dan wel waarom hoe wie waar echt heel erg moet gaat gewoon alweer steeds keer even weet zelf hier daar deze wat welke toch want omdat iedereen niemand ' +
    // Function words of four letters or more that glued unrelated topics together.
    'door over onder tegen zonder alle veel niks niets iets heeft hebt werd waren zullen zouden jouw onze staan staat also because before were which while like much many every here only even other these those going doing being nothing anything something gaan gaat doen'
  ).split(' '),
);

const SUFFIXES = ['ing', 'ed', 'es', 'en', 's', 'e'];

/**
 * A light nl + en stem: up to two common inflection suffixes off (keeping four letters), then
 * the first seven letters. "charged"/"charge", "outages"/"outage", "gegevens"/"gegeven" and
 * "storingen"/"storing" meet; the label shows the surface words, so the stems need not be words.
 */
function stem(t: string): string {
  let s = t;
  for (let pass = 0; pass < 2; pass++) {
    for (const suf of SUFFIXES) {
      if (s.length - suf.length >= 4 && s.endsWith(suf)) {
        s = s.slice(0, s.length - suf.length);
        break;
      }
    }
  }
  return s.length > 7 ? s.slice(0, 7) : s;
}

/** `/^\d+$/.test(t)` without a regex. */
function allDigits(t: string): boolean {
  if (t.length === 0) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Memoized `stem`: the same few hundred words recur in every stream. */
const STEMS = new Map<string, string>();

/** Keyword stems of a message, and beside each the surface word it came from (for labels). */
function keywords(tokens: readonly string[], brandTokens: ReadonlySet<string>, surface: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.length < 4 || STOPWORDS.has(t) || t.startsWith('emo_') || brandTokens.has(t) || allDigits(t))
      continue;
    let s = STEMS.get(t);
    if (s === undefined) {
      s = stem(t);
      if (STEMS.size < 100_000) STEMS.set(t, s);
    }
    if (!out.includes(s)) {
      out.push(s);
      surface.push(t);
    }
  }
  return out;
}

function mergeByTime(a: TopicEvent[], c: TopicEvent[]): TopicEvent[] {
  const out: TopicEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < c.length) {
    if (j >= c.length || (i < a.length && (a[i] as TopicEvent).t <= (c[j] as TopicEvent).t))
      out.push(a[i++] as TopicEvent);
    else out.push(c[j++] as TopicEvent);
  }
  return out;
}

/** The topic a merged topic forwards to. */
function resolve(topic: Topic): Topic {
  let tp = topic;
  while (tp.mergedInto !== null) tp = tp.mergedInto;
  return tp;
}

function stemOf(t: string): string {
  return STEMS.get(t) ?? stem(t);
}

/** `scoreSignals` options of the kept scores, and a shared empty contact list. */
const NO_TEXTS = { texts: false } as const;
const NO_TIMES: number[] = [];
const NO_TERMS: string[] = [];

/**
 * The message reasons `scoreConversation` reads. Kept scores drop the others: they were most of
 * the objects in the radar's 48 hours of conversations. radar.test.ts checks for every signal
 * code that the risk reads exactly these.
 */
export const RISK_REASON_CODES = MESSAGE_REASON_CODES;
const NO_REASONS: Reason[] = [];

/** A message score as the radar keeps it: no reason texts, only the reasons the risk reads. */
function keptScore(id: string, sig: MessageSignals): MessageScore {
  const score = scoreSignals(id, sig, NO_TEXTS);
  let kept: Reason[] | null = null;
  for (const r of score.reasons) if (RISK_REASON_CODES.test(r.code)) (kept ??= []).push(r);
  score.reasons = kept ?? NO_REASONS;
  return score;
}

/**
 * Keys with the event time at which they were last touched, in time order: pruning pops the
 * expired head instead of walking every conversation and author each hour.
 */
class TimeQueue {
  private keys: string[] = [];
  private times: number[] = [];
  private head = 0;

  push(key: string, t: number): void {
    this.keys.push(key);
    this.times.push(t);
  }

  /** Pops every entry with `expired(time)` (times are ascending), calling `drop` with its key. */
  popWhile(expired: (time: number) => boolean, drop: (key: string) => void): void {
    const { keys, times } = this;
    let h = this.head;
    while (h < times.length && expired(times[h] as number)) drop(keys[h++] as string);
    this.head = h;
    if (h > 4096 && h * 2 > times.length) {
      this.keys = keys.slice(h);
      this.times = times.slice(h);
      this.head = 0;
    }
  }
}

function poissonZ(n: number, mu: number): number {
  return (n - mu) / Math.sqrt(Math.max(mu, 0.25));
}

/** Creates a radar. Feed it with `push` in event-time order. */
export function createRadar(options: RadarOptions = {}): Radar {
  const watch = new Set([...(options.watchlist ?? [])].map((h) => h.replace(/^@/, '').toLowerCase()));
  const W = (options.windowMinutes ?? 15) * MIN;
  const minCount = options.minCount ?? 5;
  const zThreshold = options.zThreshold ?? 3.5;
  const riskThreshold = options.riskThreshold ?? DEFAULT_RISK_THRESHOLD;
  const locale = options.locale ?? 'en';
  const slowBurn = options.slowBurn ?? true;
  const detector = options.detector ?? 'cusum';
  const rho = options.cusumRho ?? CUSUM_RHO;
  const cusumH = options.cusumH ?? CUSUM_H;
  const lnRho = Math.log(rho);
  const replyEvidence = options.replyEvidence ?? true;
  // Part of the CUSUM detector (not of the window tests, which the comparison keeps as they were).
  const brandCusum = (options.brandCusum ?? true) && detector !== 'window';
  const freshWord = options.freshWord ?? true;
  const brands = new Map<string, BrandState>();
  const convs = new Map<string, ConvState>();
  const msgConv = new Map<string, string>();
  const msgTopic = new Map<string, Topic>();
  const authorContacts = new Map<string, number[]>();
  const convQueue = new TimeQueue();
  const contactQueue = new TimeQueue();
  let alertSeq = 0;
  /** Marks the topics already collected as candidates of the current message. */
  let assignSeq = 0;
  let lastPrune = 0;
  let lastDfDecay = 0;
  /** How many df decays have happened; a brand applies the ones it missed when it next uses df. */
  let dfEpoch = 0;

  function syncDf(b: BrandState): void {
    while (b.dfEpoch < dfEpoch) {
      if (b.df.size === 0) {
        b.dfEpoch = dfEpoch;
        break;
      }
      for (const [k, v] of b.df) {
        if (v < 0.5) b.df.delete(k);
        else b.df.set(k, v * 0.83);
      }
      b.dfEpoch++;
    }
  }

  const cascade = options.threadCascade === false ? null : createCascadeDetector();
  const multipleTesting = options.multipleTesting ?? true;
  const reason = (code: string, value: string | number, weight: number): Reason => ({
    code,
    text: reasonText(code, value, locale),
    value,
    weight: Math.round(weight * 10) / 10,
  });

  /** The author's lowercase handle when it is on the watchlist. */
  function watchedHandle(h: string | null | undefined): string | null {
    if (!h || watch.size === 0) return null;
    const handle = h.replace(/^@/, '').toLowerCase();
    return handle && watch.has(handle) ? handle : null;
  }

  function brandState(brand: string, t: number): BrandState {
    let b = brands.get(brand);
    if (!b) {
      b = {
        topics: [],
        authors: new Set(),
        negRate: 0.5,
        binStart: t,
        binCount: 0,
        nextTopic: 1,
        recent: [],
        termIndex: new Map(),
        df: new Map(),
        dfEpoch,
        minLastAt: Infinity,
        youngRate: 0.5,
        since: t,
        youngCount: 0,
        youngRecent: [],
        youngCusum: 0,
        youngCusumAt: t,
        youngRun: [],
        youngRunTopics: [],
      };
      brands.set(brand, b);
    }
    while (t - b.binStart >= W) {
      b.negRate = 0.9 * b.negRate + 0.1 * b.binCount;
      b.binCount = 0;
      // A window counts for at most two standard deviations above the usual, so that a cascade
      // does not teach the young-topic stream its own level.
      // While the brand is new every topic is young: learn freely then.
      const cap =
        b.binStart - b.since < YOUNG_TOPIC
          ? Infinity
          : b.youngRate + 2 * Math.sqrt(Math.max(b.youngRate, 0.25));
      b.youngRate = 0.85 * b.youngRate + 0.15 * Math.min(b.youngCount, cap);
      b.youngCount = 0;
      b.binStart += W;
      if (t - b.binStart > 96 * W) b.binStart = t - ((t - b.binStart) % W);
    }
    return b;
  }

  function rollTopic(topic: Topic, t: number): void {
    while (t - topic.binStart >= W) {
      // Only quiet windows teach the baseline, so a burst does not hide itself; and while the
      // topic is young a window counts for at most two standard deviations above the baseline,
      // so that a slow climb does not teach itself either. Older topics learn freely: their
      // daily rhythm is the usual rate.
      // On alert the baseline follows the crisis level, so that a second wave (or another
      // theme's crisis that joined the topic) stands out against it.
      const young = !topic.alerted && topic.binStart - topic.createdAt < YOUNG_TOPIC;
      const cap = young ? topic.baseline + 2 * Math.sqrt(Math.max(topic.baseline, 0.25)) : Infinity;
      topic.baseline = 0.85 * topic.baseline + 0.15 * Math.min(topic.binCount, cap);
      topic.binCount = 0;
      topic.binStart += W;
      if (t - topic.binStart > 96 * W) topic.binStart = t - ((t - topic.binStart) % W);
    }
    while (topic.events.length && (topic.events[0] as TopicEvent).t < t - W) topic.events.shift();
    while (topic.hour.length && (topic.hour[0] as TopicEvent).t < t - SLOW_WINDOWS * W) topic.hour.shift();
    if (topic.alerted && t - topic.alertedAt > 6 * 60 * MIN && topic.events.length < minCount)
      topic.alerted = false;
  }

  function assignTopic(b: BrandState, terms: string[], t: number, parent: Topic | undefined): Topic {
    if (parent && parent.brand && t - parent.lastAt < 6 * 60 * MIN) return parent;
    // Only topics sharing a keyword can score above zero: take them from the inverted index and
    // visit them in `b.topics` order (ascending id), so that ties go to the same topic as a scan.
    // `hits` counts the message's keywords a topic holds (an upper bound of the overlap below,
    // which also needs the count to be at least 1). A topic holding just one of them cannot
    // score 0.5 when the message has four or more keywords, or three and the topic is no
    // longer young; unless it may still merge, it is skipped without looking at its terms: at a
    // busy brand most candidates are old topics sharing one common word.
    const all: Topic[] = [];
    const stamp = ++assignSeq;
    for (const k of terms) {
      const holders = b.termIndex.get(k);
      if (holders === undefined) continue;
      for (const topic of holders) {
        if (!topic.live) continue;
        if (topic.seen !== stamp) {
          topic.seen = stamp;
          topic.hits = 1;
          all.push(topic);
        } else topic.hits++;
      }
    }
    const n = terms.length;
    const candidates: Topic[] = [];
    for (const topic of all) {
      if (
        topic.hits === 1 &&
        (n >= 4 || (n === 3 && t - topic.createdAt >= YOUNG_TOPIC)) &&
        !(t - topic.createdAt < MERGE_AGE && !topic.alerted)
      )
        continue;
      candidates.push(topic);
    }
    if (candidates.length > 1) candidates.sort((x, y) => x.id - y.id);
    let best: Topic | null = null;
    let bestScore = 0;
    let bridged: Topic | null = null;
    // (topic, keyword) pairs where the keyword is central in a young topic: merge candidates.
    const centralPairs: Array<Topic | string> = [];
    for (const topic of candidates) {
      let overlap = 0;
      let established = false;
      const mergeable = t - topic.createdAt < MERGE_AGE && !topic.alerted;
      for (const k of terms) {
        const c = topic.terms.get(k) ?? 0;
        if (c >= 1) overlap++;
        if (mergeable && c >= 2 && c >= 0.8 * topic.maxTerm) centralPairs.push(topic, k);
        // Established: used three times, and central to the topic (at least half as often as its
        // most used keyword), so that a side word ("schandalig", "disgraceful") does not pull
        // another theme's messages in.
        if (c >= 3 && c >= 0.5 * topic.maxTerm) established = true;
        // Two shared keywords settle the score (1); only a merge candidate needs the rest.
        if (overlap >= 2 && !mergeable) break;
      }
      // One shared keyword that the topic already used three times is enough: echoes of a crisis
      // ("storing hier ook", "hele straat zonder internet door de storing") share one word. Not
      // for a message with four or more keywords of which the topic knows one: "got sick from the
      // chicken burger, food poisoning" is not an echo of "food arrived cold".
      let score = overlap >= 2 ? 1 : overlap / Math.max(1, Math.min(terms.length, 3));
      // Only young topics (a crisis in its first hours) take such echoes: an everyday topic
      // ("app not working after the update") would swallow a new theme's first messages.
      if (overlap === 1 && established && terms.length <= 3 && t - topic.createdAt < YOUNG_TOPIC)
        score = Math.max(score, 0.5);
      if (score < 0.5) continue;
      // Ties go to the topic sharing the rarer words at this brand: "outage, nothing works" fits
      // a fresh outage topic better than the everyday "app not working" one.
      if (
        score > bestScore ||
        (score === bestScore && best !== null && specificity(b, topic, terms) > specificity(b, best, terms))
      ) {
        if (best !== null && bestScore >= 1 && bridged === null) bridged = best;
        bestScore = score;
        best = topic;
      } else if (score >= 1 && bridged === null) bridged = topic;
    }
    if (best !== null) {
      // A message that fits two young topics bridges them: typically one cascade split by the
      // order of its first messages (replies stay with their parent's topic). Merge them; also
      // young topics for which one of the message's keywords is central in both ("outage" in
      // "outage here too, nothing works" and in "massive outage, whole country ...").
      // Never a topic on alert: another theme's crisis would lose its own alert.
      if (t - best.createdAt >= MERGE_AGE || best.alerted) {
        // But a fresh theme's main word outweighs everyday words: "dubbele afschrijving, wanneer
        // krijgen we geld terug" shares "geld" and "terug" with the everyday "geld nog steeds
        // niet terug", and "dubbel" with a young topic whose main word it is. When the older
        // topic (or one on alert) does not use that word much itself, the young topic takes the
        // message, so that a crisis does not feed an old topic with part of its echoes.
        if (freshWord) {
          for (let i = 0; i < centralPairs.length; i += 2) {
            const young = centralPairs[i] as Topic;
            const k = centralPairs[i + 1] as string;
            if (young !== best && young.live && (best.terms.get(k) ?? 0) < 0.5 * best.maxTerm) return young;
          }
        }
        return best;
      }
      if (bridged !== null && bestScore >= 1 && t - bridged.createdAt < MERGE_AGE && !bridged.alerted)
        best = mergeTopics(b, best, bridged, t);
      for (let i = 0; i < centralPairs.length; i += 2) {
        const other = centralPairs[i] as Topic;
        if (other !== best && other.live && central(best, centralPairs[i + 1] as string))
          best = mergeTopics(b, best, other, t);
      }
      return best;
    }
    const topic: Topic = {
      id: b.nextTopic++,
      brand: '',
      terms: new Map(),
      events: [],
      hour: [],
      baseline: Math.max(0.05, b.negRate * 0.05),
      binStart: t,
      binCount: 0,
      lastAt: t,
      createdAt: t,
      alerted: false,
      alertedAt: 0,
      label: terms.slice(0, 3).join(' ') || 'other',
      labelCache: null,
      evidence: [],
      owner: b,
      live: true,
      mergedInto: null,
      maxTerm: 0,
      forms: new Map(),
      tags: null,
      cusum: 0,
      cusumAt: t,
      run: [],
      seen: 0,
      hits: 0,
    };
    b.topics.push(topic);
    if (t < b.minLastAt) b.minLastAt = t;
    return topic;
  }

  /** How rare at the brand the keywords are that a topic shares with a message (ties only). */
  function specificity(b: BrandState, topic: Topic, terms: readonly string[]): number {
    let sum = 0;
    syncDf(b);
    for (const k of terms) if (topic.terms.has(k)) sum += 1 / (1 + (b.df.get(k) ?? 0));
    return sum;
  }

  /** Whether keyword `k` is a topic's main word: used twice, and (nearly) its most used one. */
  function central(topic: Topic, k: string): boolean {
    const c = topic.terms.get(k) ?? 0;
    return c >= 2 && c >= 0.8 * topic.maxTerm;
  }

  /** Merges two topics of a brand into the older one; the other forwards to it. */
  function mergeTopics(b: BrandState, x: Topic, y: Topic, t: number): Topic {
    const [dst, src] = x.id < y.id ? [x, y] : [y, x];
    rollTopic(dst, t);
    rollTopic(src, t);
    for (const [k, c] of src.terms) {
      const d = dst.terms.get(k);
      dst.terms.set(k, (d ?? 0) + c);
      if ((d ?? 0) + c > dst.maxTerm) dst.maxTerm = (d ?? 0) + c;
      unindex(src, k);
      if (d === undefined) {
        const holders = b.termIndex.get(k);
        if (holders === undefined) b.termIndex.set(k, [dst]);
        else holders.push(dst);
      }
    }
    for (const [w, c] of src.forms) dst.forms.set(w, (dst.forms.get(w) ?? 0) + c);
    if (src.tags !== null) {
      const tags = dst.tags ?? (dst.tags = new Map());
      for (const [h, c] of src.tags) tags.set(h, (tags.get(h) ?? 0) + c);
    }
    dst.events = mergeByTime(dst.events, src.events);
    dst.hour = mergeByTime(dst.hour, src.hour);
    dst.binCount += src.binCount;
    // Two topics' expectations add up.
    dst.baseline += src.baseline;
    for (const id of src.evidence) if (dst.evidence.length < 200) dst.evidence.push(id);
    if (src.alerted && (!dst.alerted || src.alertedAt > dst.alertedAt)) {
      dst.alerted = true;
      dst.alertedAt = src.alertedAt;
    }
    dst.lastAt = Math.max(dst.lastAt, src.lastAt);
    dst.labelCache = null;
    src.live = false;
    src.mergedInto = dst;
    b.topics = b.topics.filter((tp) => tp !== src);
    return dst;
  }

  function topicLabel(topic: Topic): string {
    // Cached until the topic's terms change: the label is asked for at every message of every
    // conversation on the topic.
    if (topic.labelCache !== null) return topic.labelCache;
    const parts: string[] = [];
    let tag = '';
    let tagCount = 1;
    if (topic.tags !== null) for (const [h, c] of topic.tags) if (c > tagCount) [tag, tagCount] = [h, c];
    if (tag) parts.push(`#${tag}`);
    const top = [...topic.terms.entries()].sort((a, c) => c[1] - a[1]);
    for (const [k] of top) {
      if (parts.length >= 3) break;
      const word = surfaceOf(topic, k);
      // A hashtag's words are tokens too ("#boycotkpn" → "boycot"): do not repeat them.
      if (tag && tag.includes(word)) continue;
      parts.push(word);
    }
    topic.labelCache = parts.join(' · ') || topic.label;
    return topic.labelCache;
  }

  /** The most used surface word of a stem in a topic ("storing" for "stor"). */
  function surfaceOf(topic: Topic, k: string): string {
    let best = k;
    let bestCount = 0;
    for (const [w, c] of topic.forms) {
      if (c > bestCount && stemOf(w) === k) {
        best = w;
        bestCount = c;
      }
    }
    return best;
  }

  function unindex(topic: Topic, k: string): void {
    const holders = topic.owner.termIndex.get(k);
    if (holders === undefined) return;
    // Order does not matter (candidates are sorted by id): swap with the last and pop.
    const i = holders.indexOf(topic);
    if (i < 0) return;
    holders[i] = holders[holders.length - 1] as Topic;
    holders.pop();
    if (holders.length === 0) topic.owner.termIndex.delete(k);
  }

  function prune(t: number): void {
    const dfDecay = t - lastDfDecay >= 6 * 60 * MIN;
    if (dfDecay) lastDfDecay = t;
    // A conversation is dropped 48 h after its last message: the queue holds each conversation
    // at each of its messages, so its last entry comes due exactly then.
    convQueue.popWhile(
      (x) => t - x > 48 * 60 * MIN,
      (key) => {
        const c = convs.get(key);
        if (c === undefined || !(t - c.lastAt > 48 * 60 * MIN)) return;
        convs.delete(key);
        for (const m of c.messages) {
          msgConv.delete(m.id);
          msgTopic.delete(m.id);
        }
      },
    );
    // Every six hours is enough for a day-long memory; each brand catches up on its next use.
    if (dfDecay) dfEpoch++;
    for (const b of brands.values()) {
      // `minLastAt` is at most its topics' oldest `lastAt` (which only grows): most brands
      // have nothing to prune and are not scanned.
      if (t - b.minLastAt < 24 * 60 * MIN) continue;
      let stale = false;
      let min = Infinity;
      for (const tp of b.topics) {
        if (!(t - tp.lastAt < 24 * 60 * MIN)) stale = true;
        else if (tp.lastAt < min) min = tp.lastAt;
      }
      b.minLastAt = min;
      if (!stale) continue;
      b.topics = b.topics.filter((tp) => {
        if (t - tp.lastAt < 24 * 60 * MIN) return true;
        tp.live = false;
        for (const k of tp.terms.keys()) unindex(tp, k);
        return false;
      });
    }
    // Contacts older than a day are forgotten: the queue holds every contact, so each list with
    // an expired entry is visited when that entry comes due.
    contactQueue.popWhile(
      (x) => !(t - x < 24 * 60 * MIN),
      (a) => {
        const list = authorContacts.get(a);
        if (list === undefined) return;
        let stale = false;
        for (const x of list) if (!(t - x < 24 * 60 * MIN)) stale = true;
        if (!stale) return;
        const kept = list.filter((x) => t - x < 24 * 60 * MIN);
        if (kept.length) authorContacts.set(a, kept);
        else authorContacts.delete(a);
      },
    );
  }

  function push(msg: RadarMessage, given?: MessageScore): RadarAlert[] {
    const t = msg.createdAt;
    if (t - lastPrune > 60 * MIN) {
      prune(t);
      lastPrune = t;
    }
    const alerts: RadarAlert[] = [];
    // Only incoming messages are scored: nothing reads an outgoing message's score (the risk
    // scores incoming messages only, and topics hold negative incoming ones), and skipping them
    // saves the radar about 40% of its scoring on a typical export. Outgoing messages without a
    // brand still need their mentions.
    const sig = msg.direction === 'incoming' ? extractSignals(msg.text, msg.lang ?? null) : null;
    // Kept scores need no reason texts (`scoreConversation` renders its own), and only the
    // reasons it reads.
    const score = given ?? (sig !== null ? keptScore(msg.id, sig) : undefined);
    const brand = (
      msg.brand ??
      (sig !== null ? sig.norm.mentions[0] : normalize(msg.text).mentions[0]) ??
      'unknown'
    )
      .replace(/^@/, '')
      .toLowerCase();
    const b = brandState(brand, t);
    const negative =
      sig !== null && score !== undefined && (score.isComplaint || score.polarity === 'negative');
    // Whether the author is new at the brand (read only for incoming messages).
    let firstTime = false;
    if (msg.direction === 'incoming') {
      const size = b.authors.size;
      firstTime = b.authors.add(msg.author.id).size > size;
    }

    if (cascade !== null && msg.direction === 'incoming' && score !== undefined) {
      const busy = b.recent.length / Math.max(0.5, b.negRate);
      const ev = cascade.observe(
        {
          id: msg.id,
          t,
          brand,
          author: msg.author.id,
          handle: msg.author.handle ?? null,
          followers: msg.author.followers ?? 0,
          inReplyTo: msg.inReplyTo ?? null,
          text: msg.text,
          complaint: score.isComplaint,
          positive: score.polarity === 'positive',
          severity: score.severity,
        },
        busy,
      );
      const rootTopic = ev ? msgTopic.get(ev.roots[0] as string) : undefined;
      // A cascade whose thread's topic is already on crisis alert has its alert.
      if (ev && !(rootTopic !== undefined && resolve(rootTopic).alerted)) {
        alerts.push({
          id: `alert-${++alertSeq}`,
          kind: 'crisis',
          at: new Date(t).toISOString(),
          brand,
          topic: rootTopic ? topicLabel(resolve(rootTopic)) : '',
          score: Math.min(100, Math.round(40 + 8 * Math.log2(Math.max(1, ev.ratio)) + 25 * ev.meanSeverity)),
          messageIds: ev.messageIds,
          reasons: cascadeReasons(ev, reason),
        });
      }
    }

    // Conversation bookkeeping (escalation risk).
    const parentConvKey = msg.inReplyTo ? msgConv.get(msg.inReplyTo) : undefined;
    const ownKey =
      msg.conversationId ??
      (msg.direction === 'outgoing' && parentConvKey ? parentConvKey : `${brand}:${msg.author.id}`);
    const rm: RiskMessage = {
      id: msg.id,
      // The risk reads a message's text only to score it when it has no score; incoming
      // messages here always have one and outgoing ones are never scored, so the radar does not
      // keep 48 hours of texts.
      text: '',
      createdAt: t,
      direction: msg.direction,
      public: msg.public,
      channel: msg.channel,
      lang: msg.lang ?? null,
      metrics: msg.metrics ?? null,
      score,
    };
    let conv = convs.get(ownKey);
    if (!conv) {
      // Contact lists are never changed in place (a new list replaces the old), so the
      // conversation can share the author's current one.
      const prior = authorContacts.get(msg.author.id) ?? NO_TIMES;
      const a = msg.author;
      conv = {
        id: ownKey,
        brand,
        // Shared until the conversation raises the follower count (copy on write).
        author: a,
        messages: [rm],
        priorContacts: prior,
        engagementTimes: undefined,
        topic: null,
        lastAt: t,
        alerted: false,
        radarTopic: null,
        hasIncoming: msg.direction === 'incoming',
        ownAuthor: false,
      };
      convs.set(ownKey, conv);
      if (msg.direction === 'incoming') {
        const list = [...prior, t];
        authorContacts.set(msg.author.id, list);
        contactQueue.push(msg.author.id, t);
      }
    } else if (conv.messages.length < 200) {
      conv.messages.push(rm);
      if (rm.direction === 'incoming') conv.hasIncoming = true;
    }
    conv.lastAt = t;
    convQueue.push(ownKey, t);
    if (msg.direction === 'incoming' && msg.author.id === conv.author.id) {
      if ((msg.author.followers ?? 0) > (conv.author.followers ?? 0)) {
        if (!conv.ownAuthor) {
          const a = conv.author;
          conv.author = { id: a.id, handle: a.handle, followers: a.followers, verified: a.verified };
          conv.ownAuthor = true;
        }
        conv.author.followers = msg.author.followers ?? 0;
      }
    }
    msgConv.set(msg.id, ownKey);
    const touched: ConvState[] = [conv];
    if (parentConvKey && parentConvKey !== ownKey && msg.direction === 'incoming') {
      const parent = convs.get(parentConvKey);
      if (parent) {
        const times = parent.engagementTimes;
        if (times === undefined) parent.engagementTimes = [t];
        else times.push(t);
        touched.push(parent);
      }
    }

    // Topic clustering and burst detection for negative messages, and for replies that join a
    // negative topic's thread without being positive themselves (the cascade: "same here",
    // "what happened?", an echo the model does not call a complaint). Such a reply counts as a
    // mention of the thread's topic but does not change its vocabulary.
    const parentFound = msg.inReplyTo ? msgTopic.get(msg.inReplyTo) : undefined;
    const parentTopic = parentFound ? resolve(parentFound) : undefined;
    const echo =
      !negative &&
      replyEvidence &&
      sig !== null &&
      score !== undefined &&
      score.polarity !== 'positive' &&
      parentTopic !== undefined &&
      parentTopic.live &&
      t - parentTopic.lastAt < 6 * 60 * MIN;
    // A repost ("RT @user: …") repeats its original's words: it is a reaction (the cascade
    // detector counts it), not one more mention of the topic, or one repost storm of a single
    // misread message looks like a burst of many.
    const repost = sig !== null && /^rt user ?:/.test(sig.norm.text);
    if ((negative || echo) && !repost) {
      let terms = NO_TERMS;
      let surface = NO_TERMS;
      let topic: Topic;
      if (negative) {
        const brandTokens = new Set([brand, ...sig.norm.mentions]);
        surface = [];
        terms = keywords(sig.norm.tokens, brandTokens, surface);
        topic = assignTopic(b, terms, t, parentTopic);
        syncDf(b);
        for (const k of terms) b.df.set(k, (b.df.get(k) ?? 0) + 1);
      } else topic = parentTopic as Topic;
      topic.brand = brand;
      rollTopic(topic, t);
      // The brand's usual negative rate (the prior of new topics, and how busy the brand is) does
      // not count mentions of a topic on alert: a crisis is not the usual, and a second crisis
      // during the first must not be measured against it.
      if (!topic.alerted) {
        b.binCount++;
        b.recent.push(t);
      }
      while (b.recent.length && (b.recent[0] as number) < t - W) b.recent.shift();
      for (const k of terms) {
        const c = topic.terms.get(k);
        topic.terms.set(k, (c ?? 0) + 1);
        if ((c ?? 0) + 1 > topic.maxTerm) topic.maxTerm = (c ?? 0) + 1;
        if (c === undefined && topic.live) {
          const holders = topic.owner.termIndex.get(k);
          if (holders === undefined) topic.owner.termIndex.set(k, [topic]);
          else holders.push(topic);
        }
      }
      for (const w of surface) topic.forms.set(w, (topic.forms.get(w) ?? 0) + 1);
      if (negative && sig.norm.hashtags.length) {
        const tags = topic.tags ?? (topic.tags = new Map());
        for (const h of sig.norm.hashtags) tags.set(h, (tags.get(h) ?? 0) + 1);
      }
      if (negative) topic.labelCache = null;
      // Forget slowly so that a long-lived topic's vocabulary can drift.
      if (topic.terms.size > 60) {
        for (const [k, v] of topic.terms) {
          if (v <= 1) {
            topic.terms.delete(k);
            unindex(topic, k);
          } else topic.terms.set(k, v * 0.9);
        }
        topic.maxTerm *= 0.9;
        for (const [w, v] of topic.forms) {
          if (v <= 1) topic.forms.delete(w);
          else topic.forms.set(w, v * 0.9);
        }
      }
      topic.binCount++;
      topic.lastAt = t;
      const event: TopicEvent = {
        t,
        id: msg.id,
        author: msg.author.id,
        firstTime,
        followers: msg.author.followers ?? 0,
        severity: (score as MessageScore).severity,
        watch: watchedHandle(msg.author.handle),
        terms,
        engaged: !!msg.inReplyTo,
      };
      topic.events.push(event);
      topic.hour.push(event);
      msgTopic.set(msg.id, topic);
      conv.radarTopic = topic;
      if (topic.evidence.length < 200) topic.evidence.push(msg.id);
      const alert = checkBurst(topic, t, b, event);
      if (alert) {
        alerts.push(alert);
        // The young-topic stream's evidence so far is this alert's (or another theme's that
        // it now stands out against): start afresh.
        b.youngCusum = 0;
        b.youngRun = [];
        b.youngRunTopics = [];
      } else if (brandCusum && !topic.alerted && t - topic.createdAt < MERGE_AGE) {
        const young = checkYoung(b, topic, event, t);
        if (young) alerts.push(young);
      }
    } else if (parentTopic !== undefined && msg.direction === 'incoming') {
      msgTopic.set(msg.id, parentTopic);
    }

    for (const c of touched) {
      if (c.alerted || !c.hasIncoming) continue;
      if (c.radarTopic !== null) c.radarTopic = resolve(c.radarTopic);
      const topic = c.radarTopic;
      const state = topic
        ? topic.alerted
          ? 'crisis'
          : topicRatio(topic) >= 2 && topic.events.length >= 3
            ? 'rising'
            : 'quiet'
        : 'quiet';
      // The risk reads the label only for a rising or crisis topic; sorting terms is not free.
      if (topic === null) c.topic = null;
      else {
        const label = state === 'quiet' ? '' : topicLabel(topic);
        const view = c.topic;
        if (!view || view.label !== label || view.state !== state) c.topic = { label, state };
      }
      // Reason texts only for the few conversations that raise an alert.
      const opts = { now: t, watchlist: watch, threshold: riskThreshold, locale, texts: false };
      let r = scoreConversation(c, opts);
      if (r.flagged) {
        opts.texts = true;
        r = scoreConversation(c, opts);
        c.alerted = true;
        alerts.push({
          id: `alert-${++alertSeq}`,
          kind: 'escalation',
          at: new Date(t).toISOString(),
          brand: c.brand,
          topic: topic ? topicLabel(topic) : '',
          score: r.risk,
          messageIds: c.messages.filter((m) => m.direction === 'incoming').map((m) => m.id),
          reasons: r.reasons.slice(0, 6),
        });
      }
    }
    return alerts;
  }

  function topicRatio(topic: Topic): number {
    return topic.events.length / Math.max(topic.baseline, 0.25);
  }

  /** Expected negative mentions of a topic per burst window right now. */
  function expectation(topic: Topic, n: number, b: BrandState): number {
    // When the whole brand is busier than usual (daytime), every topic's expectation rises too.
    const others = b.recent.length - n;
    const usualOthers = Math.max(0.5, b.negRate - topic.baseline);
    return Math.max(topic.baseline, 0.05) * Math.max(1, others / usualOthers);
  }

  /** Mean severity and whether a watched account took part, over some events. */
  function severe(events: readonly TopicEvent[]): boolean {
    let sev = 0;
    for (const e of events) {
      if (e.watch) return true;
      sev += e.severity;
    }
    return events.length > 0 && sev / events.length >= SEVERE_MEAN;
  }

  /**
   * Poisson CUSUM of the topic's mentions against its expectation: between mentions the
   * statistic drifts down by (ρ − 1)·λ₀·Δt, each mention adds ln ρ (the log-likelihood ratio of
   * rate ρ·λ₀ against λ₀), floored at 0. The mentions since it last left 0 are the evidence
   * ("9 negative mentions in 34 min").
   */
  function updateCusum(topic: Topic, event: TopicEvent, mu: number): void {
    const drift = ((rho - 1) * mu * (event.t - topic.cusumAt)) / W;
    topic.cusum = Math.max(0, topic.cusum - drift);
    if (topic.cusum === 0) topic.run = [];
    topic.cusum += lnRho;
    topic.cusumAt = event.t;
    topic.run.push(event);
    if (topic.run.length > 200) topic.run.shift();
  }

  /**
   * The brand-level CUSUM over mentions of young topics (see BrandState): when it and its run's
   * counts make the case, the alert goes to the topic with most of the run's mentions and lists
   * the whole run as evidence.
   */
  function checkYoung(b: BrandState, topic: Topic, event: TopicEvent, t: number): RadarAlert | null {
    b.youngCount++;
    b.youngRecent.push(t);
    while (b.youngRecent.length && (b.youngRecent[0] as number) < t - W) b.youngRecent.shift();
    // As for a topic: when the rest of the brand is busier than usual, so is this stream.
    const others = b.recent.length - b.youngRecent.length;
    const usualOthers = Math.max(0.5, b.negRate - b.youngRate);
    const mu = Math.max(b.youngRate, 0.05) * Math.max(1, others / usualOthers);
    b.youngCusum = Math.max(0, b.youngCusum - ((rho - 1) * mu * (t - b.youngCusumAt)) / W);
    if (b.youngCusum === 0) {
      b.youngRun = [];
      b.youngRunTopics = [];
    }
    b.youngCusum += lnRho;
    b.youngCusumAt = t;
    b.youngRun.push(event);
    b.youngRunTopics.push(topic);
    if (b.youngRun.length > 200) {
      b.youngRun.shift();
      b.youngRunTopics.shift();
    }
    if (b.youngCusum < alarmLevel(b) || t - b.since < YOUNG_TOPIC) return null;
    const run = b.youngRun;
    const span = Math.max(W, t - (run[0] as TopicEvent).t);
    const c = burstTest(run, (mu * span) / W, minCount, 0, CUSUM_RATIO, Math.min(minCount, 4));
    if (!c) return null;
    // The topic holding most of the run (merged topics count for the one they joined).
    const counts = new Map<Topic, number>();
    let top = topic;
    let topCount = 0;
    for (const tp of b.youngRunTopics) {
      const r = resolve(tp);
      const n = (counts.get(r) ?? 0) + 1;
      counts.set(r, n);
      if (n > topCount) [top, topCount] = [r, n];
    }
    // A theme, not a mix: several unrelated fresh complaints are not a crisis.
    if (top.alerted || !top.live || topCount < YOUNG_MIN_TOP) return null;
    const alert = raise(top, t, run, c.ratio, 'cusum', 0, Math.round(span / MIN));
    if (alert) {
      b.youngCusum = 0;
      b.youngRun = [];
      b.youngRunTopics = [];
    }
    return alert;
  }

  /**
   * The CUSUM alarm level at a brand: h, raised by the log of how many topics run side by side
   * beyond TOPICS_FREE. Each topic is one more test; at a brand with thousands of messages a day
   * hundreds of topics each crossing h by chance now and then made most false alerts of the second
   * simulator (bench/simulate/simulate2.ts).
   */
  function alarmLevel(b: BrandState): number {
    return multipleTesting ? cusumH + Math.log(Math.max(1, b.topics.length / TOPICS_FREE)) : cusumH;
  }

  function checkBurst(topic: Topic, t: number, b: BrandState, event: TopicEvent): RadarAlert | null {
    const mu = expectation(topic, topic.events.length, b);
    if (detector !== 'window') updateCusum(topic, event, mu);
    if (topic.alerted && t - topic.alertedAt < REALERT_GAP) return null;
    if (detector !== 'cusum') {
      // The burst test: many mentions in one window (fast cascades).
      const fast = burstTest(topic.events, mu, minCount, zThreshold, 3, Math.min(minCount, 4));
      if (fast) return raise(topic, t, topic.events, fast.ratio, 'window');
      // The slow-burn test: a steady climb over the last hour (slow cascades that never put
      // enough mentions into one 15-minute window), with people replying to and quoting each other.
      if (slowBurn) {
        const hour = topic.hour;
        let engaged = 0;
        for (const e of hour) if (e.engaged) engaged++;
        const slow =
          engaged >= SLOW_MIN_ENGAGED
            ? burstTest(hour, mu * SLOW_WINDOWS, SLOW_MIN_COUNT, SLOW_Z, SLOW_RATIO, SLOW_MIN_AUTHORS)
            : null;
        if (slow) return raise(topic, t, hour, slow.ratio, 'hour', engaged);
      }
    }
    if (detector !== 'window' && topic.cusum >= alarmLevel(b)) {
      // The run's own counts must make the case too: enough mentions and authors, and a rate
      // well above the expectation over its span (at least one window).
      const run = topic.run;
      const span = Math.max(W, t - (run[0] as TopicEvent).t);
      const c = burstTest(run, (mu * span) / W, minCount, 0, CUSUM_RATIO, Math.min(minCount, 4));
      if (c) return raise(topic, t, run, c.ratio, 'cusum', 0, Math.round(span / MIN));
    }
    return null;
  }

  /** Poisson test of `events` against expectation `mu`; a severe topic needs one mention less. */
  function burstTest(
    events: readonly TopicEvent[],
    mu: number,
    minN: number,
    zMin: number,
    ratioMin: number,
    minAuthors: number,
  ): { ratio: number } | null {
    const n = events.length;
    if (n < minN - 1) return null;
    // Cheapest checks first: this runs at every mention of a topic on the rise.
    const z = poissonZ(n, mu);
    const ratio = n / Math.max(mu, 0.25);
    if (z < zMin || ratio < ratioMin) return null;
    let relax = -1;
    if (n < minN) {
      relax = severe(events) ? 1 : 0;
      if (n < minN - relax) return null;
    }
    const authors = new Set<string>();
    for (const e of events) {
      authors.add(e.author);
      if (authors.size >= minAuthors) return { ratio };
    }
    if (relax === -1) relax = severe(events) ? 1 : 0;
    if (authors.size < minAuthors - relax) return null;
    return { ratio };
  }

  function raise(
    topic: Topic,
    t: number,
    events: readonly TopicEvent[],
    ratio: number,
    test: 'window' | 'hour' | 'cusum',
    engaged = 0,
    spanMin = 0,
  ): RadarAlert | null {
    const n = events.length;
    let first = 0;
    let sev = 0;
    let reach = 0;
    const watched: string[] = [];
    const termCount = new Map<string, number>();
    for (const e of events) {
      if (e.firstTime) first++;
      sev += e.severity;
      reach += e.followers;
      if (e.watch && !watched.includes(e.watch)) watched.push(e.watch);
      for (const k of e.terms) termCount.set(k, (termCount.get(k) ?? 0) + 1);
    }
    const firstShare = first / n;
    const meanSev = sev / n;
    const score = Math.min(
      100,
      Math.round(
        30 +
          8 * Math.log2(ratio) +
          20 * firstShare +
          25 * meanSev +
          (reach > 0 ? 3 * Math.log10(1 + reach) : 0) +
          (watched.length ? 10 : 0),
      ),
    );
    if (score < 50) return null;
    topic.alerted = true;
    topic.alertedAt = t;
    // A second wave must build up its own evidence.
    topic.cusum = 0;
    topic.run = [];
    const top = [...termCount.entries()].sort((a, c) => c[1] - a[1]).slice(0, 2);
    const reasons: Reason[] = [
      test === 'cusum'
        ? reason('radar.volumeSince', `${n} in ${spanMin}`, 8 * Math.log2(ratio))
        : reason(test === 'hour' ? 'radar.volumeHour' : 'radar.volume', n, 8 * Math.log2(ratio)),
      reason('radar.ratio', Math.round(ratio * 10) / 10, 8 * Math.log2(ratio)),
      reason('radar.firstTime', Math.round(firstShare * 100), 20 * firstShare),
      reason('radar.severity', Math.round(meanSev * 100) / 100, 25 * meanSev),
    ];
    if (test === 'hour') reasons.push(reason('radar.engagement', engaged, 4));
    if (reach > 0) reasons.push(reason('radar.reach', reach, 3 * Math.log10(1 + reach)));
    if (watched.length) reasons.push(reason('radar.watchlist', watched.map((h) => `@${h}`).join(', '), 10));
    if (top.length)
      reasons.push(
        reason('radar.keyword', top.map(([k, c]) => `'${surfaceOf(topic, k)}' ×${c}`).join(', '), 2),
      );
    return {
      id: `alert-${++alertSeq}`,
      kind: 'crisis',
      at: new Date(t).toISOString(),
      brand: topic.brand,
      topic: topicLabel(topic),
      score,
      messageIds: events.map((e) => e.id),
      reasons,
    };
  }

  function topics(): TopicView[] {
    const out: TopicView[] = [];
    for (const [brand, b] of brands) {
      for (const topic of b.topics) {
        const ratio = topicRatio(topic);
        out.push({
          brand,
          topic: topicLabel(topic),
          state: topic.alerted ? 'crisis' : ratio >= 2 && topic.events.length >= 3 ? 'rising' : 'quiet',
          inWindow: topic.events.length,
          baselinePerWindow: Math.round(topic.baseline * 100) / 100,
        });
      }
    }
    return out;
  }

  return { push, topics };
}
