// Second crisis simulator: cascades that share no hashtag and little wording. Texts come from
// sources no model was trained on: the complaint and other lines of the hand-written *test* files
// (data/handwritten/{en,nl}-test.tsv) and, when ../shared/datasets is there, the *test* rows of
// GoEmotions and XED (never trained on). A crisis is a thread-shaped cascade at one brand: seed
// posts by several people, replies and quotes from many authors, each message a different
// complaint line reworded (openers, tails, dropped words, case, emoji), fast (mean reaction 2–10
// min) or slow (arrivals spread over 90 minutes). Brands from 50 to 50,000 messages a day, a
// diurnal cycle, ordinary reply traffic (customers and brand agents in their own threads), and
// benign spikes (praise, a campaign) with the same dynamics. Same ground truth and metrics as
// simulate.ts (`evaluate`).
import type { RadarMessage } from '../../shared/analysis/radar.ts';
import { mulberry32 } from '../../shared/demo/random.ts';
import { handwrittenTest } from '../../scripts/train-data.ts';
import { goEmotions, xed, xedSplit } from '../../scripts/corpora.ts';
import type { SimResult, Truth } from './simulate.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
type Lang = 'nl' | 'en';
const pick = <T>(r: () => number, l: readonly T[]): T => l[Math.floor(r() * l.length)] as T;

interface Pools {
  complaints: string[];
  neutral: string[];
  positive: string[];
  /** Benign spikes: text whose labels are reliable (GoEmotions' raters, the test files' author), not XED nl's projected ones. */
  spike: string[];
}

/** Text pools per language, brand handles stripped (the simulator addresses its own brands). */
function pools(): Record<Lang, Pools> {
  const strip = (t: string): string => t.replace(/@\w+/g, '').replace(/\s+/g, ' ').trim();
  const out = {} as Record<Lang, Pools>;
  for (const lang of ['en', 'nl'] as const) {
    const own = handwrittenTest(lang);
    const p: Pools = {
      complaints: own.filter((e) => e.label === 1).map((e) => strip(e.text)),
      neutral: own.filter((e) => e.label === 0).map((e) => strip(e.text)),
      positive: [],
      spike: own.filter((e) => e.label === 0).map((e) => strip(e.text)),
    };
    const others =
      lang === 'en'
        ? [...goEmotions('test'), ...xed('en').filter((e) => xedSplit(e.text) === 'test')]
        : xed('nl').filter((e) => xedSplit(e.text) === 'test');
    for (const e of others) {
      if (e.text.length < 12 || e.text.length > 200) continue;
      if (e.label === 'neutral') p.neutral.push(e.text);
      else if (e.label === 'positive') {
        p.positive.push(e.text);
        if (e.source.startsWith('goemotions')) p.spike.push(e.text);
      }
    }
    if (p.positive.length === 0) p.positive = p.neutral.slice(0, 20);
    out[lang] = p;
  }
  return out;
}

const OPENERS: Record<Lang, string[]> = {
  en: [
    '',
    '',
    'same here.',
    'this.',
    'me too!',
    'also',
    'can confirm,',
    'yep',
    'honestly',
    'wow.',
    'ugh',
    'not again',
  ],
  nl: [
    '',
    '',
    'hier ook.',
    'dit.',
    'ik ook!',
    'ook',
    'klopt,',
    'jep',
    'eerlijk',
    'wauw.',
    'pff',
    'niet weer',
  ],
};
const TAILS: Record<Lang, string[]> = {
  en: ['', '', '', '...', '!!', ' seriously', ' anyone else?', ' 😡', ' 🙄', ' unreal', ' fix it'],
  nl: [
    '',
    '',
    '',
    '...',
    '!!',
    ' serieus',
    ' iemand anders ook?',
    ' 😡',
    ' 🙄',
    ' onvoorstelbaar',
    ' los het op',
  ],
};
const REPLIES: Record<Lang, string[]> = {
  en: [
    'same',
    'same here',
    'any update?',
    'happening to me too',
    'this is ridiculous',
    'why is nobody answering',
    'day 2 of this',
    '+1',
  ],
  nl: [
    'zelfde',
    'hier ook',
    'al nieuws?',
    'bij mij ook',
    'dit is belachelijk',
    'waarom reageert niemand',
    'dag 2 hiervan',
    '+1',
  ],
};
const AGENT: Record<Lang, string[]> = {
  en: [
    'Sorry to hear that, can you DM us your order number?',
    'Thanks for letting us know, we are looking into it.',
    'Glad we could help!',
  ],
  nl: [
    'Vervelend om te horen, stuur je je ordernummer via DM?',
    'Dank voor je melding, we zoeken het uit.',
    'Fijn dat we konden helpen!',
  ],
};

/** A different wording of a line: an opener, a tail, a dropped word, lower case. */
function reword(r: () => number, lang: Lang, text: string): string {
  let words = text.split(' ');
  if (words.length > 6 && r() < 0.4) words.splice(Math.floor(r() * words.length), 1);
  if (r() < 0.3) words = words.map((w) => w.toLowerCase());
  return `${pick(r, OPENERS[lang])} ${words.join(' ')}${pick(r, TAILS[lang])}`.trim();
}

export interface Sim2Config {
  seed?: number;
  days?: number;
  brands?: number;
  crisesPerBrandDay?: number;
  spikesPerBrandDay?: number;
}

/** Generates the stream (sorted by time) and the ground truth; see the header. */
export function simulate2(cfg: Sim2Config = {}): SimResult {
  const r = mulberry32(cfg.seed ?? 4242);
  const days = cfg.days ?? 2;
  const nBrands = cfg.brands ?? 16;
  const text = pools();
  const brands: SimResult['brands'] = [];
  for (let i = 0; i < nBrands; i++)
    brands.push({
      name: `merk${i}`,
      lang: i % 2 ? 'en' : 'nl',
      perDay: Math.round(50 * Math.pow(1000, r())),
    });
  const messages: RadarMessage[] = [];
  const truths: Truth[] = [];
  let seq = 0;
  const t0 = Date.UTC(2026, 4, 4, 0, 0, 0);
  const end = t0 + days * DAY;
  const diurnal = (t: number): number => {
    const h = ((t - t0) % DAY) / (60 * MIN);
    return 0.2 + 0.8 * Math.max(0, Math.sin(((h - 6) / 18) * Math.PI));
  };
  const followers = (): number => Math.round(Math.pow(10, 1 + 3 * r() * r()));
  const mk = (
    b: (typeof brands)[number],
    t: number,
    body: string,
    author: string,
    extra: Partial<RadarMessage> = {},
  ): RadarMessage => ({
    id: `t${++seq}`,
    // A repost carries the reposted text as it is ("RT @handle: …"), with its brand mention.
    text: body.startsWith('RT @') ? body : r() < 0.85 ? `@${b.name} ${body}` : `${body} @${b.name}`,
    createdAt: Math.round(t),
    channel: 'x',
    direction: 'incoming',
    public: true,
    // Handles are word characters, as on X.
    author: { id: author, handle: author.replace(/-/g, '_'), followers: followers() },
    brand: b.name,
    lang: b.lang as Lang,
    ...extra,
  });

  for (const b of brands) {
    const lang = b.lang as Lang;
    const P = text[lang];
    // Background: 30 % complaints (the same pool crises draw from), the rest questions, chatter
    // and praise; a fifth of them get a reply thread with the brand's agent and the customer.
    const peak = b.perDay / DAY / 0.6;
    const pool = Math.max(20, Math.round(b.perDay * 1.5));
    for (let t = t0; ;) {
      t += -Math.log(1 - r()) / peak;
      if (t >= end) break;
      if (r() > diurnal(t)) continue;
      const roll = r();
      const body =
        roll < 0.3
          ? reword(r, lang, pick(r, P.complaints))
          : roll < 0.8
            ? pick(r, P.neutral)
            : pick(r, P.positive);
      const author = `${b.name}-u${Math.floor(r() * pool)}`;
      const m = mk(b, t, body, author);
      messages.push(m);
      if (r() < 0.2) {
        const agentAt = t + (5 + 60 * r()) * MIN;
        messages.push({
          ...mk(b, agentAt, pick(r, AGENT[lang]), `${b.name}-agent`),
          direction: 'outgoing',
          inReplyTo: m.id,
          conversationId: m.id,
        });
        if (r() < 0.5)
          messages.push(
            mk(b, agentAt + (2 + 30 * r()) * MIN, pick(r, roll < 0.3 ? REPLIES[lang] : P.positive), author, {
              inReplyTo: m.id,
              conversationId: m.id,
            }),
          );
      }
    }
    const cascade = (kind: 'crisis' | 'spike', start: number): void => {
      const slow = r() < 0.35;
      const scale = (slow ? 10 + 25 * r() : 2 + 8 * r()) * MIN;
      const branching = 0.7 + 0.4 * r();
      // New people joining on their own: 0.5–3 per 10 min, for 90 min (slow) or 40 min (fast).
      const immigrants = 0.5 + 2.5 * r();
      const span = slow ? 90 * MIN : 40 * MIN;
      const truth: Truth = { kind, brand: b.name, start, ids: new Set() };
      const line = (): string =>
        kind === 'crisis' ? reword(r, lang, pick(r, P.complaints)) : pick(r, P.spike);
      const queue: RadarMessage[] = [mk(b, start, line(), `${b.name}-s${seq}`)];
      for (let te = start; ;) {
        te += (-Math.log(1 - r()) * 10 * MIN) / immigrants;
        if (te > start + span) break;
        queue.push(mk(b, te, line(), `${b.name}-j${seq}`));
      }
      const out: RadarMessage[] = [];
      while (queue.length && out.length < 500) {
        queue.sort((x, y) => x.createdAt - y.createdAt);
        const m = queue.shift() as RadarMessage;
        out.push(m);
        let k = 0;
        for (let p = Math.exp(-branching), cdf = p, u = r(); u > cdf && k < 6;) {
          k++;
          p *= branching / k;
          cdf += p;
        }
        for (let i = 0; i < k; i++) {
          const at = m.createdAt + -Math.log(1 - r()) * scale;
          const author = `${b.name}-x${seq}-${i}-${Math.floor(r() * 1e6)}`;
          const roll = r();
          if (roll < 0.45)
            queue.push(
              mk(b, at, kind === 'crisis' ? pick(r, REPLIES[lang]) : pick(r, P.spike), author, {
                inReplyTo: m.id,
              }),
            );
          else if (roll < 0.65)
            queue.push({
              ...mk(b, at, `RT @${m.author.handle ?? 'user'}: ${m.text}`, author),
              metrics: { reposts: 0, likes: 0, replies: 0, quotes: 0 },
            });
          else if (roll < 0.8)
            queue.push(mk(b, at, `${line()} ${m.text.slice(0, 60)}`, author, { inReplyTo: m.id }));
          else queue.push(mk(b, at, line(), author));
        }
      }
      for (const m of out)
        if (m.createdAt < end) {
          messages.push(m);
          truth.ids.add(m.id);
        }
      truths.push(truth);
    };
    const nCrisis = Math.max(1, Math.round((cfg.crisesPerBrandDay ?? 0.6) * days * (0.5 + r())));
    for (let i = 0; i < nCrisis; i++) cascade('crisis', t0 + r() * (days * DAY - 3 * 60 * MIN));
    const nSpike = Math.round((cfg.spikesPerBrandDay ?? 0.7) * days * (0.5 + r()));
    for (let i = 0; i < nSpike; i++) cascade('spike', t0 + r() * (days * DAY - 3 * 60 * MIN));
  }
  messages.sort((a, c) => a.createdAt - c.createdAt);
  return { messages, truths, brands, days };
}
