import type { ChannelKind } from '../domain/channels.ts';
import { REVIEW_CHANNELS } from '../domain/channels.ts';
import type {
  Author as StoredAuthor,
  Conversation as StoredConversation,
  ConversationStatus,
  Label,
  Message as StoredMessage,
  MessageDirection,
  MessageMetrics,
  Priority,
} from '../domain/types.ts';
import { snippetOf } from '../domain/projection.ts';

/**
 * The generator's rows. They are the demo's own description of an inbox, not stored rows: the
 * seed (renderer/db/demo.ts) hands the messages to the ingest pipeline like any other source and
 * applies the triage state, so the demo takes the same path as real data. The bench generators
 * export them as interchange JSONL.
 */
export type Message = Omit<StoredMessage, 'accountId' | 'remoteId' | 'rfcMessageId'>;
export type Author = Omit<StoredAuthor, 'accountId'>;
export type Conversation = Pick<
  StoredConversation,
  | 'id'
  | 'channel'
  | 'authorId'
  | 'subject'
  | 'status'
  | 'priority'
  | 'assignee'
  | 'labels'
  | 'snoozedUntil'
  | 'waitingSince'
  | 'lastMessageAt'
  | 'snippet'
  | 'lastDirection'
  | 'messageCount'
  | 'public'
  | 'lang'
  | 'brand'
  | 'demo'
  | 'searchTokens'
> & {
  /** Customer messages the user has not seen yet. */
  unread: number;
};
import { UNASSIGNED, authorKey } from '../domain/types.ts';
import { searchTokensOf } from '../search/tokenize.ts';
import type { DemoBrand, DemoTopic } from './brands.ts';
import { DEMO_AGENTS, DEMO_BRANDS, demoLabels, TOPIC_LABEL, type DemoLabelLang } from './brands.ts';
import type { Lang } from './phrases.ts';
import * as P from './phrases.ts';
import type { Random } from './random.ts';
import { createRandom } from './random.ts';

export { DEMO_AGENTS, DEMO_BRANDS, DEMO_LABELS, demoLabels } from './brands.ts';

/** The seeded escalation: a verified X author (~48k followers), third contact in 24 h, unanswered for ~2 h. */
export const DEMO_ESCALATION_CONVERSATION_ID = 'demo-c-escalation';
/** The message in the escalation that threatens press and Consumentenbond (the newest one). */
export const DEMO_ESCALATION_MESSAGE_ID = 'demo-m-escalation-5';
/** Brand and topic of the seeded burst of negative public messages in the last 30 minutes. */
export const DEMO_BURST_BRAND = 'belnet';
export const DEMO_BURST_TOPIC = 'outage';
/** Conversation ids of the burst start with this prefix. */
export const DEMO_BURST_CONVERSATION_PREFIX = 'demo-c-burst-';
/** Number of burst conversations (one public post each). */
export const DEMO_BURST_SIZE = 30;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface DemoInboxOptions {
  seed: number;
  /** Conversations to generate, the escalation scenario (21 conversations) included. */
  conversations: number;
  /** Epoch ms; every timestamp lies before it, every snooze after it. */
  now: number;
  /** The user's agent id: some conversations are assigned to them and their notes carry it. */
  agentId: string;
  /** Initials the user signs replies with (default "MV"). */
  agentInitials?: string;
  /** The user's first name as it appears in email signatures (default "Marloes"). */
  agentName?: string;
  /** Include the seeded escalation and burst (default true). */
  escalation?: boolean;
  /** The language the labels are named in: the user's UI language (default en). */
  lang?: DemoLabelLang;
}

export interface DemoStreamOptions extends DemoInboxOptions {
  /** Conversations per yielded batch (default 500). */
  batchSize?: number;
  /** Stop after the batch in which this many messages were reached. */
  maxMessages?: number;
}

export interface DemoBatch {
  conversations: Conversation[];
  messages: Message[];
  /**
   * Authors touched in this batch, with their cumulative counters so far: an upsert stream.
   * Writing every batch with put/bulkPut leaves each author with its final values.
   */
  authors: Author[];
}

export interface DemoInbox {
  conversations: Conversation[];
  messages: Message[];
  authors: Author[];
  labels: Label[];
}

const CHANNEL_WEIGHTS: readonly (readonly [ChannelKind, number])[] = [
  ['email', 18],
  ['facebook', 14],
  ['instagram', 12],
  ['whatsapp', 14],
  ['x', 14],
  ['mastodon', 3],
  ['bluesky', 4],
  ['trustpilot', 7],
  ['google', 6],
  ['appstore', 4],
  ['forum', 4],
];

/** Share of first messages that are public posts/comments, per channel. */
const PUBLIC_SHARE: Partial<Record<ChannelKind, number>> = {
  x: 0.7,
  mastodon: 0.8,
  bluesky: 0.8,
  facebook: 0.6,
  instagram: 0.5,
  forum: 1,
};

const SOCIAL: ReadonlySet<ChannelKind> = new Set(['x', 'mastodon', 'bluesky', 'facebook', 'instagram']);
const FOLLOWER_CHANNELS: ReadonlySet<ChannelKind> = new Set(['x', 'mastodon', 'bluesky', 'instagram']);

type Kind = 'complaint' | 'question' | 'praise';

interface AuthorSeed {
  id: string;
  channel: ChannelKind;
  lang: Lang;
  brand: DemoBrand;
  first: string;
  press: boolean;
}

type AuthorRow = Omit<Author, 'firstSeenAt' | 'lastSeenAt' | 'messageCount' | 'conversationCount' | 'demo'>;

interface Agent {
  id: string;
  name: string;
  initials: string;
}

/** Ring buffer size of authors that may come back with a new conversation; bounds memory when streaming. */
const RECALL_SIZE = 4000;

class DemoState {
  readonly authors = new Map<string, Author>();
  readonly touched = new Set<string>();
  readonly recall: AuthorSeed[] = [];
  nextAuthor = 0;
  readonly me: Agent;
  readonly agents: Agent[];

  constructor(
    readonly rnd: Random,
    readonly opts: DemoInboxOptions,
  ) {
    this.me = { id: opts.agentId, name: opts.agentName ?? 'Marloes', initials: opts.agentInitials ?? 'MV' };
    this.agents = [this.me, ...DEMO_AGENTS];
  }

  /** Counts a message by an author; creates the author row on first sight. */
  seen(seed: AuthorRow, at: number, newConversation: boolean): void {
    let a = this.authors.get(seed.id);
    if (!a) {
      // Built field by field (not spread) so every author row shares one object shape.
      a = {
        id: seed.id,
        channel: seed.channel,
        handle: seed.handle,
        name: seed.name,
        followers: seed.followers,
        verified: seed.verified,
        firstSeenAt: at,
        lastSeenAt: at,
        messageCount: 0,
        conversationCount: 0,
        demo: 1,
      };
      this.authors.set(seed.id, a);
    }
    a.messageCount += 1;
    if (newConversation) a.conversationCount += 1;
    if (at < a.firstSeenAt) a.firstSeenAt = at;
    if (at > a.lastSeenAt) a.lastSeenAt = at;
    this.touched.add(a.id);
  }

  takeTouched(): Author[] {
    const out: Author[] = [];
    for (const id of this.touched) {
      const a = this.authors.get(id);
      if (a) out.push({ ...a });
    }
    this.touched.clear();
    return out;
  }

  remember(seed: AuthorSeed): void {
    this.recall.push(seed);
    if (this.recall.length > RECALL_SIZE) {
      const gone = this.recall.shift();
      // Forget authors that can no longer come back, so a 1M-message stream stays bounded
      // (ring entries are unique: only new authors are pushed).
      if (gone) this.authors.delete(gone.id);
    }
  }

  brandAccount(brand: DemoBrand, channel: ChannelKind): AuthorRow {
    const followers =
      FOLLOWER_CHANNELS.has(channel) || channel === 'facebook' ? 8000 + brand.weight * 1500 : null;
    return {
      id: authorKey(channel, `brand-${brand.id}`),
      channel,
      handle:
        channel === 'email'
          ? `klantenservice@${brand.id}.example`
          : channel === 'whatsapp'
            ? null
            : brand.handle,
      name: brand.name,
      followers,
      verified: SOCIAL.has(channel),
    };
  }

  newCustomer(
    channel: ChannelKind,
    lang: Lang,
    brand: DemoBrand,
    highReach: boolean,
  ): { seed: AuthorSeed; row: AuthorRow } {
    const r = this.rnd;
    const n = this.nextAuthor++;
    const first = r.pick(lang === 'nl' ? P.FIRST_NAMES_NL : P.FIRST_NAMES_EN);
    const last = r.pick(lang === 'nl' ? P.LAST_NAMES_NL : P.LAST_NAMES_EN);
    const slug = (first + last).toLowerCase().replace(/[^a-z]/g, '');
    const shortSlug = `${first.toLowerCase()}${r.pick(['_', '', '.'])}${last
      .replace(/^(van den |van |de |el )/i, '')
      .slice(0, r.int(1, 4))
      .toLowerCase()
      .replace(/[^a-z]/g, '')}`;
    let handle: string | null = null;
    let name: string | null = `${first} ${last}`;
    let followers: number | null = null;
    let verified = false;
    let press = false;
    switch (channel) {
      case 'x':
      case 'instagram':
        handle = r.chance(0.5) ? shortSlug.replace('.', '_') : `${slug.slice(0, 10)}${r.int(70, 2004)}`;
        break;
      case 'bluesky':
        handle = `${shortSlug.replace('_', '')}.bsky.social`;
        break;
      case 'mastodon':
        handle = `${shortSlug.replace('.', '_')}@${r.pick(['mastodon.example', 'social.example', 'toot.example'])}`;
        break;
      case 'email':
        handle = `${slug.slice(0, 14)}${r.chance(0.3) ? r.int(1, 99) : ''}@${r.pick(['example.com', 'example.org', 'example.net'])}`;
        break;
      case 'forum':
        handle = `${first.toLowerCase()}_${r.int(70, 99)}`;
        break;
      case 'trustpilot':
      case 'google':
      case 'appstore':
        name = `${first} ${last.replace(/^(van den |van |de |el )/i, '').charAt(0)}.`;
        break;
      default:
        break;
    }
    if (FOLLOWER_CHANNELS.has(channel) || channel === 'facebook') {
      if (highReach) {
        followers = Math.round(50_000 * Math.exp(r.next() * Math.log(10)));
        verified = r.chance(0.75);
        press = r.chance(0.4);
        name = `${name} ${r.pick(press ? P.PRESS_SUFFIXES : P.INFLUENCER_SUFFIXES)}`;
      } else {
        followers = Math.min(40_000, Math.round(r.lognormal(Math.log(220), 1.4)));
      }
    }
    const id = authorKey(channel, `demo-u${n}`);
    return {
      seed: { id, channel, lang, brand, first, press },
      row: { id, channel, handle, name, followers, verified },
    };
  }
}

function fill(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => vars[key] ?? m);
}

function conversationVars(
  r: Random,
  brand: DemoBrand,
  lang: Lang,
  first: string,
  agent: Agent,
): Record<string, string> {
  const euros = r.int(brand.industry === 'food' ? 12 : 9, brand.industry === 'webshop' ? 899 : 240);
  const cents = r.pick(['00', '95', '50', '99', '45', '20']);
  const hh = String(r.int(6, 22)).padStart(2, '0');
  const mm = r.pick(['00', '05', '15', '20', '30', '40', '45', '50']);
  const vars: Record<string, string> = {
    brand: brand.name,
    handle: `@${brand.handle}`,
    order:
      brand.industry === 'webshop'
        ? `KL-${r.int(1_000_000, 9_999_999)}`
        : brand.industry === 'food'
          ? `#SM${r.int(100_000, 999_999)}`
          : `${brand.id.slice(0, 2).toUpperCase()}${r.int(10_000_000, 99_999_999)}`,
    city: r.pick(P.CITIES),
    station: r.pick(P.STATIONS),
    days: String(r.int(2, 12)),
    weeks: String(r.int(2, 6)),
    hours: String(r.int(2, 9)),
    minutes: String(r.int(3, 15) * 5),
    amount: lang === 'nl' ? `€ ${euros},${cents}` : `€${euros}.${cents}`,
    time: `${hh}:${mm}`,
    first,
    agent: agent.name,
    ticket: `INC-${r.int(10_000, 99_999)}`,
    customerNo: String(r.int(10_000_000, 99_999_999)),
  };
  vars.product = fill(r.pick(brand.products), vars);
  return vars;
}

const NL_TYPOS: readonly (readonly [RegExp, string])[] = [
  [/\beven\b/, 'ff'],
  [/\bjullie\b/, 'julie'],
  [/\bwordt\b/, 'word'],
  [/\beigenlijk\b/, 'eigelijk'],
  [/\bgewoon\b/, 'gwn'],
  [/\becht\b/, 'echttt'],
  [/\bniet\b/, 'nie'],
];
const EN_TYPOS: readonly (readonly [RegExp, string])[] = [
  [/\byou\b/, 'u'],
  [/\breally\b/, 'rly'],
  [/\bthe\b/, 'teh'],
  [/\bbecause\b/, 'bc'],
  [/\bplease\b/, 'pls'],
];

/** Makes customer text read like typed on a phone: lower case start, missing full stop, a typo, emoji. */
function roughen(
  r: Random,
  text: string,
  lang: Lang,
  mood: 'negative' | 'positive' | 'neutral',
  social: boolean,
  formal = false,
): string {
  let t = text;
  if (r.chance(0.1)) {
    const typos = lang === 'nl' ? NL_TYPOS : EN_TYPOS;
    const [re, to] = r.pick(typos);
    t = t.replace(re, to);
  }
  if (!formal && r.chance(lang === 'nl' ? 0.3 : 0.2)) t = t.charAt(0).toLowerCase() + t.slice(1);
  if (r.chance(0.35)) t = t.replace(/\.$/, '');
  if (mood === 'negative' && r.chance(0.08)) t = t.replace(/[.?]?$/, '!!!');
  if (social && mood !== 'neutral' && r.chance(0.25))
    t = `${t} ${r.pick(mood === 'positive' ? P.EMOJI_POSITIVE : P.EMOJI_NEGATIVE)}`;
  return t;
}

function pickLang(r: Random): Lang {
  return r.chance(0.6) ? 'nl' : 'en';
}

/**
 * Days of history the demo inbox covers: enough for the dashboard's 30-day view to show every
 * chart with data on first run. Every message lies within this window before `now`.
 */
export const DEMO_HISTORY_DAYS = 30;
/** The most recent days keep the density they were drawn with (the radar's baseline, the burst). */
const RECENT_DAYS = 3;
/** Threads older than RECENT_DAYS end between RECENT_DAYS and this many days ago (threads span at most ~10 days). */
const OLDEST_LAST_MESSAGE_DAYS = DEMO_HISTORY_DAYS - 1;

/** Draws the age of an older thread's last message: 1–14 days, then days 3–14 stretched over 3–29. */
function olderAge(r: Random): number {
  const drawn = DAY + r.next() * 13 * DAY;
  if (drawn <= RECENT_DAYS * DAY) return drawn;
  const stretch = (OLDEST_LAST_MESSAGE_DAYS - RECENT_DAYS) / (14 - RECENT_DAYS);
  return RECENT_DAYS * DAY + (drawn - RECENT_DAYS * DAY) * stretch;
}

function pickAge(r: Random, now: number): number {
  for (let attempt = 0; attempt < 4; attempt++) {
    const x = r.next();
    const age = x < 0.05 ? r.int(1, 60) * MINUTE : x < 0.25 ? HOUR + r.next() * 23 * HOUR : olderAge(r);
    // Fewer messages at night (Amsterdam time, taken as UTC+1 without DST: good enough for demo data).
    const hour = new Date(now - age + HOUR).getUTCHours();
    if (hour >= 7 || hour < 1 || r.chance(0.25) || age < HOUR) return age;
  }
  return olderAge(r);
}

function pickStatus(r: Random, ageMs: number): ConversationStatus {
  if (ageMs < DAY)
    return r.weighted([
      ['open', 50],
      ['pending', 16],
      ['snoozed', 8],
      ['resolved', 26],
    ] as const);
  if (ageMs < 3 * DAY)
    return r.weighted([
      ['open', 22],
      ['pending', 18],
      ['snoozed', 10],
      ['resolved', 50],
    ] as const);
  return r.weighted([
    ['open', 5],
    ['pending', 7],
    ['snoozed', 4],
    ['resolved', 84],
  ] as const);
}

function agentSigned(
  r: Random,
  channel: ChannelKind,
  lang: Lang,
  body: string,
  agent: Agent,
  brand: DemoBrand,
  first: string,
): string {
  if (channel === 'email') {
    const hello = lang === 'nl' ? r.pick([`Beste ${first},`, `Hoi ${first},`]) : `Hi ${first},`;
    const bye = lang === 'nl' ? 'Met vriendelijke groet,' : 'Kind regards,';
    return `${hello}\n\n${body}\n\n${bye}\n${agent.name}\nKlantenservice ${brand.name}`;
  }
  if (channel === 'whatsapp') return `${body}\n\n${lang === 'nl' ? 'Groetjes' : 'Cheers'}, ${agent.name}`;
  return `${body} ^${agent.initials}`;
}

function metricsFor(
  r: Random,
  followers: number | null,
  direction: MessageDirection,
  pub: boolean,
  channel: ChannelKind,
): MessageMetrics | null {
  if (!pub) return null;
  if (direction === 'outgoing') return { likes: r.int(0, 3), reposts: 0, replies: 0, quotes: 0 };
  if (REVIEW_CHANNELS.has(channel)) return { likes: r.int(0, 5), reposts: 0, replies: 0, quotes: 0 };
  const base = followers ?? 100;
  const likes = Math.round(r.lognormal(Math.log(1 + base / 300), 0.9)) - 1;
  const replies = Math.round(Math.max(0, likes) * r.next() * 0.3);
  const reposts = Math.round(Math.max(0, likes) * r.next() * 0.25);
  const quotes = Math.round(reposts * r.next() * 0.3);
  return { likes: Math.max(0, likes), reposts, replies, quotes };
}

type Step = 'in' | 'out' | 'note';

function planSteps(r: Random, status: ConversationStatus, kind: Kind, channel: ChannelKind): Step[] {
  const review = REVIEW_CHANNELS.has(channel);
  let n: number = review
    ? r.weighted([
        [1, 45],
        [2, 55],
      ] as const)
    : r.weighted([
        [1, 20],
        [2, 24],
        [3, 18],
        [4, 13],
        [5, 9],
        [6, 7],
        [7, 5],
        [8, 4],
      ] as const);
  if (kind === 'praise') n = Math.min(n, 3);
  const steps: Step[] = ['in'];
  while (steps.length < n) {
    const last = steps[steps.length - 1];
    steps.push(last === 'in' ? (kind === 'complaint' && !review && r.chance(0.2) ? 'in' : 'out') : 'in');
  }
  const last = steps[steps.length - 1];
  if (status === 'open' && last !== 'in') steps.push('in');
  if ((status === 'pending' || status === 'snoozed') && last !== 'out') steps.push('out');
  if (
    status === 'resolved' &&
    last === 'in' &&
    !(steps.length >= 3 && r.chance(0.4)) &&
    !(steps.length === 1 && kind === 'praise')
  )
    steps.push('out');
  if (review) while (steps.length > 2) steps.splice(1, 1);
  // Internal notes: before some replies, and often as the last word on a snoozed case.
  const withNotes: Step[] = [];
  for (const s of steps) {
    if (s === 'out' && r.chance(0.15)) withNotes.push('note');
    withNotes.push(s);
  }
  if (status === 'snoozed' && r.chance(0.4)) withNotes.push('note');
  return withNotes;
}

function gapBefore(r: Random, prev: Step, next: Step): number {
  if (next === 'note') return r.int(1, 20) * MINUTE;
  if (prev === 'note') return r.int(1, 15) * MINUTE;
  if (prev === 'in' && next === 'out') return Math.min(20 * HOUR, r.lognormal(Math.log(40 * MINUTE), 1.1));
  if (prev === 'in' && next === 'in') return Math.min(12 * HOUR, r.lognormal(Math.log(45 * MINUTE), 1));
  return Math.min(DAY, r.lognormal(Math.log(2 * HOUR), 1.2));
}

type Role = 'opener' | 'info' | 'impatient' | 'thanks' | 'ack' | 'progress' | 'resolution' | 'close' | 'note';

/** Gives every planned step its part in the story, so that a resolved case ends with a fix and a thank-you. */
function assignRoles(steps: readonly Step[], status: ConversationStatus): Role[] {
  const roles: Role[] = [];
  let ins = 0;
  let outs = 0;
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k];
    if (s === 'note') roles.push('note');
    else if (s === 'in') roles.push(ins++ === 0 ? 'opener' : steps[k - 1] === 'in' ? 'impatient' : 'info');
    else roles.push(outs++ === 0 ? 'ack' : 'progress');
  }
  if (status !== 'resolved') return roles;
  const real = roles.map((role, k) => [role, k] as const).filter(([role]) => role !== 'note');
  const last = real[real.length - 1];
  const prev = real[real.length - 2];
  const prevprev = real[real.length - 3];
  if (!last || !prev) return roles;
  if (last[0] === 'info' || last[0] === 'impatient') {
    roles[last[1]] = 'thanks';
    if (prev[0] === 'progress') roles[prev[1]] = 'resolution';
  } else if (last[0] === 'progress') {
    if ((prev[0] === 'info' || prev[0] === 'impatient') && prevprev && prevprev[0] === 'progress') {
      roles[prev[1]] = 'thanks';
      roles[prevprev[1]] = 'resolution';
      roles[last[1]] = 'close';
    } else {
      roles[last[1]] = 'resolution';
    }
  }
  return roles;
}

function pickTopical(
  r: Random,
  topical: Partial<Readonly<Record<DemoTopic, Readonly<Record<Lang, readonly string[]>>>>>,
  generic: Readonly<Record<Lang, readonly string[]>>,
  topic: DemoTopic,
  lang: Lang,
): string {
  const own = topical[topic]?.[lang];
  return own && own.length > 0 && r.chance(0.7) ? r.pick(own) : r.pick(generic[lang]);
}

/** Email bodies get their own greeting; drop the chat-style one the templates start with. */
function stripGreeting(body: string): string {
  const t = body.replace(/^(Hoi|Hi) [^,!]+[,!] /, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

interface Built {
  conversation: Conversation;
  messages: Message[];
}

function buildConversation(g: DemoState, index: number): Built {
  const r = g.rnd;
  const now = g.opts.now;

  // Who writes: sometimes a returning customer (repeat contact), mostly someone new.
  let seed: AuthorSeed;
  let channel: ChannelKind;
  let fresh: AuthorRow | null = null;
  if (g.recall.length > 20 && r.chance(0.12)) {
    seed = r.pick(g.recall);
    channel = seed.channel;
  } else {
    channel = r.weighted(CHANNEL_WEIGHTS);
    const brand = r.weighted(DEMO_BRANDS.map((b) => [b, b.weight] as const));
    const highReach = FOLLOWER_CHANNELS.has(channel) && r.chance(0.03);
    const created = g.newCustomer(channel, pickLang(r), brand, highReach);
    seed = created.seed;
    fresh = created.row;
    g.remember(seed);
  }
  // A new author gets its row on its first message (see DemoState.seen).
  const customer = fresh ?? g.authors.get(seed.id);
  if (!customer) throw new Error(`demo author ${seed.id} missing`);
  const { brand, lang } = seed;
  const review = REVIEW_CHANNELS.has(channel);
  const kind: Kind = review
    ? r.weighted([
        ['complaint', 55],
        ['praise', 35],
        ['question', 10],
      ] as const)
    : r.weighted([
        ['complaint', 62],
        ['question', 25],
        ['praise', 13],
      ] as const);
  const topic: DemoTopic = r.weighted(brand.topics);
  const pub = review || channel === 'forum' ? true : r.chance(PUBLIC_SHARE[channel] ?? 0);

  const age = pickAge(r, now);
  const status = pickStatus(r, age);
  const lastAt = now - age;

  let assignee: string = UNASSIGNED;
  if (status === 'open')
    assignee = r.weighted([
      [UNASSIGNED, 55],
      [g.me.id, 20],
      ['colleague', 25],
    ] as const);
  else if (status === 'resolved') assignee = r.chance(0.25) ? g.me.id : 'colleague';
  else assignee = r.chance(0.4) ? g.me.id : 'colleague';
  if (assignee === 'colleague') assignee = r.pick(DEMO_AGENTS).id;
  const agent = g.agents.find((a) => a.id === assignee) ?? r.pick(g.agents);
  const vars = conversationVars(r, brand, lang, seed.first, agent);

  const steps = planSteps(r, status, kind, channel);
  const times: number[] = new Array<number>(steps.length);
  times[steps.length - 1] = lastAt;
  for (let i = steps.length - 2; i >= 0; i--) {
    times[i] = (times[i + 1] as number) - gapBefore(r, steps[i] as Step, steps[i + 1] as Step);
  }
  // Keep whole threads inside the demo window: move a thread that starts too early forward
  // (a thread spans at most ~10 days, so its end stays well before now).
  const earliest = now - DEMO_HISTORY_DAYS * DAY + HOUR;
  if ((times[0] as number) < earliest) {
    const shift = earliest - (times[0] as number);
    for (let i = 0; i < times.length; i++) times[i] = (times[i] as number) + shift;
  }

  const social = SOCIAL.has(channel);
  const subjectBank = P.EMAIL_SUBJECTS[kind === 'complaint' ? topic : kind];
  const subject = channel === 'email' || channel === 'forum' ? fill(r.pick(subjectBank[lang]), vars) : null;

  const convId = `demo-c-${index}`;
  const brandAuthor = g.brandAccount(brand, channel);
  const messages: Message[] = [];
  let lastNonNote: string | null = null;
  const participants = new Set<string>();

  const roles = assignRoles(steps, status);
  steps.forEach((step, k) => {
    const at = times[k] as number;
    const id = `demo-m-${index}-${k}`;
    const role = roles[k] as Role;
    let text: string;
    let direction: MessageDirection;
    let authorId: string;
    if (step === 'in') {
      direction = 'incoming';
      authorId = customer.id;
      let body: string;
      if (role === 'opener') {
        body =
          kind === 'complaint'
            ? r.pick((P.INDUSTRY_OPENERS[`${brand.industry}.${topic}`] ?? P.COMPLAINT_OPENERS[topic])[lang])
            : kind === 'question'
              ? r.pick(P.QUESTIONS[brand.industry][lang])
              : r.pick((r.chance(0.4) ? P.INDUSTRY_PRAISE[brand.industry] : P.PRAISE)[lang]);
      } else if (role === 'thanks') {
        body = r.pick(P.THANKS[lang]);
      } else if (kind === 'question') {
        body = r.pick(P.QUESTION_FOLLOWUPS[lang]);
      } else if (role === 'impatient' || (kind === 'complaint' && r.chance(0.4))) {
        body = r.pick(P.FOLLOWUPS_IMPATIENT[lang]);
      } else {
        body = pickTopical(r, P.TOPIC_FOLLOWUPS_INFO, P.FOLLOWUPS_INFO, topic, lang);
      }
      const mood =
        role === 'thanks' || kind === 'praise' ? 'positive' : kind === 'complaint' ? 'negative' : 'neutral';
      body = roughen(r, fill(body, vars), lang, mood, social, channel === 'email');
      if (
        role === 'opener' &&
        pub &&
        (channel === 'x' || channel === 'mastodon' || channel === 'bluesky') &&
        r.chance(0.7)
      ) {
        body = `@${brand.handle} ${body}`;
      }
      if (channel === 'email') {
        // People write the first mail properly; replies in the thread are short.
        body =
          role === 'opener'
            ? `${fill(r.pick(P.EMAIL_GREETING[lang]), vars)}\n\n${body}\n\n${r.pick(P.EMAIL_SIGNOFF[lang])}\n${customer.name ?? seed.first}`
            : `${body}\n\n${seed.first}`;
      }
      text = body;
    } else if (step === 'out') {
      direction = 'outgoing';
      authorId = brandAuthor.id;
      let body: string;
      if (role === 'ack') {
        body =
          kind === 'complaint'
            ? r.pick((P.INDUSTRY_ACK[`${brand.industry}.${topic}`] ?? P.AGENT_ACK[topic])[lang])
            : kind === 'question'
              ? r.pick(P.AGENT_QUESTION_REPLY[lang])
              : r.pick(P.AGENT_PRAISE_REPLY[lang]);
      } else if (role === 'close' || kind === 'praise') {
        body = r.pick(P.AGENT_CLOSE[lang]);
      } else if (role === 'resolution' && kind === 'complaint') {
        body = r.pick(
          (P.INDUSTRY_RESOLUTION[`${brand.industry}.${topic}`] ?? P.AGENT_RESOLUTION[topic])[lang],
        );
      } else if (kind === 'question') {
        body = r.pick(P.AGENT_QUESTION_REPLY[lang]);
      } else {
        body = r.pick(P.AGENT_PROGRESS[lang]);
      }
      body = fill(body, vars);
      if (channel === 'email') body = stripGreeting(body);
      text = agentSigned(r, channel, lang, body, agent, brand, seed.first);
    } else {
      direction = 'note';
      authorId = agent.id;
      text = fill(pickTopical(r, P.TOPIC_NOTES, P.NOTES, topic, r.chance(0.85) ? 'nl' : 'en'), vars);
    }
    const isPublic = direction === 'note' ? false : pub;
    const message: Message = {
      id,
      conversationId: convId,
      channel,
      direction,
      public: isPublic,
      authorId,
      text,
      createdAt: Math.round(at),
      lang: direction === 'note' ? null : lang,
      inReplyTo: direction === 'note' ? null : lastNonNote,
      metrics: direction === 'note' ? null : metricsFor(r, customer.followers, direction, isPublic, channel),
      brand: brand.id,
      delivery: direction === 'outgoing' ? 'sent' : null,
      demo: 1,
    };
    if (direction !== 'note') lastNonNote = id;
    messages.push(message);
    if (direction === 'incoming') {
      g.seen(customer, message.createdAt, !participants.has(customer.id));
      participants.add(customer.id);
    } else if (direction === 'outgoing') {
      g.seen(brandAuthor, message.createdAt, !participants.has(brandAuthor.id));
      participants.add(brandAuthor.id);
    }
  });

  const labels: string[] = [];
  const topicLabel = kind === 'complaint' ? TOPIC_LABEL[topic] : kind === 'praise' ? 'praise' : null;
  if (topicLabel && r.chance(0.6)) labels.push(topicLabel);
  if ((customer.followers ?? 0) >= 50_000) labels.push('vip');
  if (seed.press) labels.push('press');

  let priority: Priority =
    kind === 'complaint'
      ? r.weighted([
          ['low', 8],
          ['normal', 64],
          ['high', 22],
          ['urgent', 6],
        ] as const)
      : r.weighted([
          ['low', 35],
          ['normal', 65],
        ] as const);
  if ((customer.followers ?? 0) >= 50_000 && kind === 'complaint')
    priority = r.chance(0.5) ? 'urgent' : 'high';

  let snoozedUntil: number | null = null;
  if (status === 'snoozed') {
    snoozedUntil = now + (r.chance(0.05) ? r.int(1, 15) * MINUTE : HOUR + Math.round(r.next() * 4 * DAY));
  }
  return {
    conversation: summarize(
      convId,
      channel,
      customer,
      subject,
      status,
      priority,
      assignee,
      labels,
      snoozedUntil,
      pub,
      lang,
      brand.id,
      messages,
    ),
    messages,
  };
}

/** Derives the list fields of a conversation from its messages so that they cannot disagree. */
function summarize(
  id: string,
  channel: ChannelKind,
  customer: AuthorRow,
  subject: string | null,
  status: ConversationStatus,
  priority: Priority,
  assignee: string,
  labels: string[],
  snoozedUntil: number | null,
  pub: boolean,
  lang: string | null,
  brand: string,
  messages: readonly Message[],
  unreadOverride?: number,
): Conversation {
  const last = messages[messages.length - 1];
  if (!last) throw new Error(`conversation ${id} has no messages`);
  let waitingSince: number | null = null;
  let trailingIncoming = 0;
  if (status === 'open') {
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i] as Message;
      if (m.direction === 'outgoing') break;
      if (m.direction === 'incoming') {
        waitingSince = m.createdAt;
        trailingIncoming++;
      }
    }
  }
  // Roughly a third of open conversations were already looked at: not unread, still waiting.
  const unread =
    unreadOverride ?? (status === 'open' && (messages.length + id.length) % 3 !== 0 ? trailingIncoming : 0);
  return {
    id,
    channel,
    authorId: customer.id,
    subject,
    status,
    priority,
    assignee,
    labels,
    snoozedUntil,
    waitingSince,
    lastMessageAt: last.createdAt,
    snippet: snippetOf(last.text),
    lastDirection: last.direction,
    unread,
    messageCount: messages.length,
    public: pub,
    lang,
    brand,
    demo: 1,
    searchTokens: searchTokensOf([subject, customer.name, customer.handle, ...messages.map((m) => m.text)]),
  };
}

// Every burst text names the outage ("storing"/"outage") and "internet": a real wave repeats
// the same words, and the radar groups by shared keywords.
const BURST_TEXTS: Readonly<Record<Lang, readonly string[]>> = {
  nl: [
    'Weer storing bij @belnet_nl. Al de hele middag geen internet in {city} 😡',
    'Is er nou alweer een storing bij Belnet?? Geen internet, niks doet het hier in {city}',
    '@belnet_nl storing: internet plat, tv plat, en jullie klantenservice neemt niet op. Echt belachelijk',
    'Hele wijk zonder internet in {city} door de storing. Belnet zegt niks. #belnetstoring',
    'Kan iemand van @belnet_nl de storing uitleggen? Al {hours} uur geen internet. Thuiswerken gaat zo niet',
    'Belnet storing. Weer geen internet. Ik stap over, klaar mee.',
    'Storing, geen internet, geen bericht, niks. Bedankt hoor @belnet_nl 👏',
    'Storingskaart van Belnet zegt "geen storing". Ondertussen geen internet in de hele straat in {city} 🙄',
  ],
  en: [
    'Belnet outage again in {city}? No internet all afternoon @belnet_nl',
    '@belnet_nl internet outage, whole neighbourhood offline and zero communication. Great job',
    'Another Belnet internet outage. Switching providers, done with this #belnetstoring',
    'Internet outage for {hours} hours and Belnet support does not pick up. Unbelievable',
  ],
};

function buildEscalation(g: DemoState): Built[] {
  const r = g.rnd.fork('escalation');
  const now = g.opts.now;
  const brand = DEMO_BRANDS.find((b) => b.id === DEMO_BURST_BRAND) ?? (DEMO_BRANDS[0] as DemoBrand);
  const out: Built[] = [];

  const linda = {
    id: authorKey('x', 'demo-escalation-author'),
    channel: 'x' as const,
    handle: 'lindavdberg',
    name: 'Linda van den Berg',
    followers: 48_213,
    verified: true,
  };
  const brandX = g.brandAccount(brand, 'x');
  const sanne = DEMO_AGENTS[0] as Agent;
  const tom = DEMO_AGENTS[1] as Agent;
  const city = 'Amersfoort';
  const script: {
    at: number;
    dir: MessageDirection;
    text: string;
    metrics: MessageMetrics | null;
    agent?: Agent;
  }[] = [
    {
      at: now - 23 * HOUR,
      dir: 'incoming',
      text: `@belnet_nl mijn internet ligt er al sinds vanochtend uit in ${city}. Thuiswerken lukt zo niet. Wanneer is dit opgelost?`,
      metrics: { likes: 31, reposts: 4, replies: 6, quotes: 0 },
    },
    {
      at: now - 22 * HOUR,
      dir: 'outgoing',
      text: `Hoi Linda, wat vervelend! Er is een storing in ${city}, onze monteurs zijn ermee bezig. We houden je op de hoogte ^${sanne.initials}`,
      metrics: { likes: 2, reposts: 0, replies: 1, quotes: 0 },
    },
    {
      at: now - 7 * HOUR,
      dir: 'incoming',
      text: '@belnet_nl nog steeds geen internet. Twee keer gebeld, twee keer een ander verhaal. Dit is echt belachelijk.',
      metrics: { likes: 88, reposts: 12, replies: 14, quotes: 2 },
    },
    {
      at: now - 6.5 * HOUR,
      dir: 'outgoing',
      text: `Sorry Linda, de storing is helaas nog niet verholpen. Ik heb je melding doorgezet naar de technische dienst ^${tom.initials}`,
      metrics: { likes: 0, reposts: 0, replies: 3, quotes: 0 },
    },
    {
      at: now - 6.4 * HOUR,
      dir: 'note',
      text: 'Melding doorgezet naar 2e lijn, ticket INC-20417. Let op: verified account, 48k volgers.',
      metrics: null,
      agent: tom,
    },
    {
      at: now - 2 * HOUR - 4 * MINUTE,
      dir: 'incoming',
      text:
        'Derde keer in 24 uur dat ik contact opneem. Nog steeds geen internet, geen antwoord, niks. @belnet_nl als dit vandaag niet is opgelost ' +
        'stap ik naar de Consumentenbond en ga ik naar de pers. Wie herkent dit? #belnetstoring',
      metrics: { likes: 412, reposts: 143, replies: 27, quotes: 19 },
    },
  ];
  const messages: Message[] = [];
  let lastNonNote: string | null = null;
  let outgoingSeen = false;
  script.forEach((s, k) => {
    const id = k === script.length - 1 ? DEMO_ESCALATION_MESSAGE_ID : `demo-m-escalation-${k}`;
    const authorId =
      s.dir === 'incoming' ? linda.id : s.dir === 'outgoing' ? brandX.id : (s.agent ?? sanne).id;
    messages.push({
      id,
      conversationId: DEMO_ESCALATION_CONVERSATION_ID,
      channel: 'x',
      direction: s.dir,
      public: s.dir !== 'note',
      authorId,
      text: s.text,
      createdAt: Math.round(s.at),
      lang: s.dir === 'note' ? null : 'nl',
      inReplyTo: s.dir === 'note' ? null : lastNonNote,
      metrics: s.metrics,
      brand: brand.id,
      delivery: s.dir === 'outgoing' ? 'sent' : null,
      demo: 1,
    });
    if (s.dir !== 'note') lastNonNote = id;
    if (s.dir === 'incoming') g.seen(linda, Math.round(s.at), k === 0);
    if (s.dir === 'outgoing') {
      g.seen(brandX, Math.round(s.at), !outgoingSeen);
      outgoingSeen = true;
    }
  });
  const lindaRow = g.authors.get(linda.id) as Author;
  out.push({
    conversation: summarize(
      DEMO_ESCALATION_CONVERSATION_ID,
      'x',
      lindaRow,
      null,
      'open',
      'normal',
      UNASSIGNED,
      ['outage'],
      null,
      true,
      'nl',
      brand.id,
      messages,
      1,
    ),
    messages,
  });

  const burstChannels: ChannelKind[] = [
    'x',
    'x',
    'x',
    'x',
    'x',
    'x',
    'x',
    'x',
    'x',
    'x',
    'instagram',
    'instagram',
    'instagram',
    'facebook',
    'facebook',
    'facebook',
    'bluesky',
    'bluesky',
    'mastodon',
    'mastodon',
  ];
  for (let j = 0; j < DEMO_BURST_SIZE; j++) {
    const channel = burstChannels[j % burstChannels.length] as ChannelKind;
    const lang: Lang = r.chance(0.8) ? 'nl' : 'en';
    const { row } = g.newCustomer(channel, lang, brand, false);
    // First-time authors: never put in the recall ring, so they appear nowhere else.
    // Spread over the last 25 minutes: a wave, not a trickle.
    const at = now - Math.round((25 - (j * 24) / DEMO_BURST_SIZE) * MINUTE) - r.int(0, 40) * 1000;
    const vars = { city: r.pick(P.CITIES), hours: String(r.int(2, 6)) };
    const text = roughen(r, fill(r.pick(BURST_TEXTS[lang]), vars), lang, 'negative', false);
    const convId = `${DEMO_BURST_CONVERSATION_PREFIX}${j}`;
    const msg: Message = {
      id: `demo-m-burst-${j}`,
      conversationId: convId,
      channel,
      direction: 'incoming',
      public: true,
      authorId: row.id,
      text,
      createdAt: at,
      lang,
      inReplyTo: null,
      metrics: { likes: r.int(0, 25), reposts: r.int(0, 6), replies: r.int(0, 4), quotes: r.int(0, 2) },
      brand: brand.id,
      delivery: null,
      demo: 1,
    };
    g.seen(row, at, true);
    const author = g.authors.get(row.id) as Author;
    out.push({
      conversation: summarize(
        convId,
        channel,
        author,
        null,
        'open',
        'normal',
        UNASSIGNED,
        [],
        null,
        true,
        lang,
        brand.id,
        [msg],
        1,
      ),
      messages: [msg],
    });
  }
  return out;
}

/**
 * Streams a deterministic demo inbox in batches (same seed and `now` ⇒ the same rows), so a
 * million-message benchmark never holds the whole inbox. The first batch starts with the seeded
 * escalation and burst (unless `escalation: false`). Authors arrive as an upsert stream (see DemoBatch).
 */
export function* generateDemoBatches(opts: DemoStreamOptions): Generator<DemoBatch, void, undefined> {
  const g = new DemoState(createRandom(opts.seed), opts);
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  let conversations: Conversation[] = [];
  let messages: Message[] = [];
  let total = 0;
  let made = 0;
  const flush = (): DemoBatch => {
    const batch = { conversations, messages, authors: g.takeTouched() };
    conversations = [];
    messages = [];
    return batch;
  };
  const add = (b: Built): void => {
    conversations.push(b.conversation);
    for (const m of b.messages) messages.push(m);
    total += b.messages.length;
    made++;
  };
  if (opts.escalation !== false) for (const b of buildEscalation(g)) add(b);
  let index = 0;
  while (made < opts.conversations && (opts.maxMessages === undefined || total < opts.maxMessages)) {
    add(buildConversation(g, index++));
    if (conversations.length >= batchSize) yield flush();
  }
  if (conversations.length > 0) yield flush();
}

/**
 * Generates the whole demo inbox at once (first-run data, tests): every row has `demo: 1`.
 * Same `seed` and `now` ⇒ identical output. About 3,000 conversations take well under a second.
 */
export function generateDemoInbox(opts: DemoInboxOptions): DemoInbox {
  const conversations: Conversation[] = [];
  const messages: Message[] = [];
  const authors = new Map<string, Author>();
  for (const batch of generateDemoBatches({ ...opts, batchSize: 1000 })) {
    for (const c of batch.conversations) conversations.push(c);
    for (const m of batch.messages) messages.push(m);
    for (const a of batch.authors) authors.set(a.id, a);
  }
  return {
    conversations,
    messages,
    authors: [...authors.values()],
    labels: demoLabels(opts.lang ?? 'en'),
  };
}
