// Crisis simulator: diurnal background traffic for many brands, Hawkes-like complaint cascades
// (replies, quotes and new complainants that beget more), benign positive spikes and planted
// single escalations. Replays everything through the radar and measures detection delay, false
// crisis alerts and the precision of the daily top-10 escalation flags. Pure and seeded.
import { createRadar } from '../../shared/analysis/radar.ts';
import type { RadarAlert, RadarMessage, RadarOptions } from '../../shared/analysis/radar.ts';
import { mulberry32 } from '../../shared/demo/random.ts';

export const rng = mulberry32;

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const pick = <T>(r: () => number, l: readonly T[]): T => l[Math.floor(r() * l.length)] as T;

type Lang = 'nl' | 'en';
interface Brand {
  name: string;
  lang: Lang;
  perDay: number;
}

const BG_COMPLAINTS: Record<Lang, string[]> = {
  nl: [
    'mijn pakket is nog steeds niet bezorgd',
    'al 2 uur in de wacht bij de klantenservice',
    'factuur klopt weer niet',
    'app doet het niet na de update',
    'monteur niet komen opdagen',
    'verkeerde bestelling ontvangen',
    'geld nog steeds niet terug',
    'wifi valt steeds weg',
    'pas geblokkeerd zonder reden',
    'trein weer vertraagd',
    'bestelling kwam koud aan',
    'premie zomaar verhoogd',
  ],
  en: [
    'my package still has not arrived',
    'on hold for 2 hours with customer service',
    'my bill is wrong again',
    'app not working after the update',
    'technician never showed up',
    'got the wrong order',
    'still no refund',
    'wifi keeps dropping',
    'card blocked for no reason',
    'train delayed again',
    'food arrived cold',
    'premium went up for no reason',
  ],
};
const BG_OTHER: Record<Lang, string[]> = {
  nl: [
    'hoe kan ik mijn adres wijzigen?',
    'bedankt voor de snelle hulp!',
    'zijn jullie morgen open?',
    'top service vandaag, dank jullie wel',
    'wanneer komt de nieuwe app?',
    'fijne medewerker aan de telefoon, bedankt',
    'kan ik ook online betalen?',
  ],
  en: [
    'how do I change my address?',
    'thanks for the quick help!',
    'are you open tomorrow?',
    'great service today, thank you',
    'when is the new app out?',
    'lovely agent on the phone, thanks',
    'can I pay online?',
  ],
};
const CRISES: Record<Lang, Array<{ seed: string; echo: string[] }>> = {
  nl: [
    {
      seed: 'grote storing, hele land zonder internet en geen enkele info',
      echo: [
        'ook hier geen internet, storing al uren',
        'storing hier ook, niks werkt',
        'hele straat zonder internet door de storing',
        'storing en geen info, schandalig',
      ],
    },
    {
      seed: 'datalek: mijn gegevens staan online door jullie',
      echo: [
        'mijn gegevens ook gelekt, datalek is schandalig',
        'datalek! ik ga naar de Consumentenbond',
        'hoe kan zo een datalek gebeuren, advocaat ingeschakeld',
      ],
    },
    {
      seed: 'ziek geworden van de kipburger, voedselvergiftiging',
      echo: [
        'wij ook ziek na de kipburger',
        'voedselvergiftiging door de kipburger, hele gezin ziek',
        'kipburger terugroepen nu!',
      ],
    },
    {
      seed: 'racistische reclame, walgelijk, boycot',
      echo: [
        'die reclame is echt racistisch, boycot',
        'boycot dit merk, racistische reclame',
        'schaam je voor die reclame',
      ],
    },
    {
      seed: 'alle betalingen dubbel afgeschreven, rekening leeg',
      echo: [
        'bij mij ook dubbel afgeschreven!',
        'dubbel afgeschreven en nu rood staan',
        'dubbele afschrijving, wanneer krijgen we geld terug',
      ],
    },
  ],
  en: [
    {
      seed: 'massive outage, whole country without internet and zero info',
      echo: [
        'outage here too, nothing works',
        'no internet here either, outage for hours',
        'whole street down in this outage',
        'outage and no updates, disgraceful',
      ],
    },
    {
      seed: 'data breach: my details are online because of you',
      echo: [
        'my data leaked too in this breach, disgraceful',
        'data breach! contacting my lawyer',
        'how does a breach like this happen, going to the press',
      ],
    },
    {
      seed: 'got sick from the chicken burger, food poisoning',
      echo: [
        'we got sick too after the chicken burger',
        'food poisoning from the chicken burger, whole family ill',
        'recall the chicken burger now!',
      ],
    },
    {
      seed: 'racist ad, disgusting, boycott',
      echo: ['that ad is racist, boycott', 'boycott this brand, racist ad', 'shame on you for that ad'],
    },
    {
      seed: 'all payments charged twice, account empty',
      echo: [
        'charged twice here too!',
        'double charged and now overdrawn',
        'double charge, when do we get our money back',
      ],
    },
  ],
};
const SPIKES: Record<Lang, { seed: string; echo: string[] }> = {
  nl: {
    seed: 'wat een geweldige nieuwe reclame, prachtig gedaan!',
    echo: [
      'echt een prachtige reclame',
      'kippenvel van die reclame, top',
      'mooiste reclame van het jaar ❤️',
      'geweldig gedaan, chapeau',
    ],
  },
  en: {
    seed: 'what an amazing new ad, beautifully done!',
    echo: [
      'love the new ad so much',
      'that ad gave me chills, brilliant',
      'best ad of the year ❤️',
      'amazing work, well done',
    ],
  },
};
const WATCH = ['journalist_anna', 'nosnieuws_jan', 'rtlnieuws_eva', 'bbc_tom', 'reuters_kim'];

export interface Truth {
  kind: 'crisis' | 'spike' | 'escalation';
  brand: string;
  start: number;
  ids: Set<string>;
}

export interface SimConfig {
  seed?: number;
  days?: number;
  brands?: number;
  cascadesPerBrandDay?: number;
  spikesPerBrandDay?: number;
  escalationsPerBrandDay?: number;
}

export interface SimResult {
  messages: RadarMessage[];
  truths: Truth[];
  brands: Brand[];
  days: number;
}

/** Generates the stream (sorted by time) and the ground truth. */
export function simulate(cfg: SimConfig = {}): SimResult {
  const r = rng(cfg.seed ?? 42);
  const days = cfg.days ?? 3;
  const nBrands = cfg.brands ?? 20;
  const brands: Brand[] = [];
  for (let i = 0; i < nBrands; i++) {
    const lang: Lang = i % 2 === 0 ? 'nl' : 'en';
    // Volumes from ~50 to ~3000 messages a day (log-uniform).
    brands.push({ name: `brand${i}`, lang, perDay: Math.round(50 * Math.pow(60, r())) });
  }
  const messages: RadarMessage[] = [];
  const truths: Truth[] = [];
  let seq = 0;
  const t0 = Date.UTC(2026, 2, 2, 0, 0, 0);
  const diurnal = (t: number): number => {
    const h = ((t - t0) % DAY) / (60 * MIN);
    return 0.25 + 0.75 * Math.max(0, Math.sin(((h - 6) / 18) * Math.PI));
  };
  const mk = (
    b: Brand,
    t: number,
    text: string,
    author: string,
    extra: Partial<RadarMessage> = {},
  ): RadarMessage => ({
    id: `s${++seq}`,
    text: `@${b.name} ${text}`,
    createdAt: Math.round(t),
    channel: 'x',
    direction: 'incoming',
    public: true,
    author: { id: author, handle: author, followers: Math.round(Math.pow(10, 1 + 2.5 * r())) },
    brand: b.name,
    lang: b.lang,
    ...extra,
  });

  for (const b of brands) {
    // Background: inhomogeneous Poisson by thinning; ~35% complaints; a pool of regular authors.
    const peak = b.perDay / DAY / 0.55;
    let t = t0;
    const pool = Math.max(20, Math.round(b.perDay * 1.5));
    while (true) {
      t += -Math.log(1 - r()) / peak;
      if (t >= t0 + days * DAY) break;
      if (r() > diurnal(t)) continue;
      const text = r() < 0.35 ? pick(r, BG_COMPLAINTS[b.lang]) : pick(r, BG_OTHER[b.lang]);
      messages.push(mk(b, t, text, `${b.name}-bg${Math.floor(r() * pool)}`));
    }

    // Two cascades of the same crisis theme at one brand within six hours are one crisis to the
    // radar (and to the brand); the second would be scored as "missed" although its topic is
    // already on crisis alert. Such a draw takes the next theme instead (same random draws, so
    // the rest of the stream is unchanged).
    const themesUsed: Array<{ start: number; theme: number }> = [];
    const crisisTheme = (start: number): { seed: string; echo: string[] } => {
      const list = CRISES[b.lang];
      let k = Math.floor(r() * list.length);
      for (
        let tries = 0;
        tries < list.length &&
        themesUsed.some((u) => u.theme === k && Math.abs(u.start - start) < 6 * 60 * MIN);
        tries++
      )
        k = (k + 1) % list.length;
      themesUsed.push({ start, theme: k });
      return list[k] as { seed: string; echo: string[] };
    };
    const cascade = (kind: 'crisis' | 'spike', start: number): void => {
      const theme = kind === 'crisis' ? crisisTheme(start) : SPIKES[b.lang];
      const scale = (2 + 18 * r()) * MIN; // speed: mean reaction delay 2–20 min
      const branching = 0.85 + 0.3 * r();
      const immigrants = 1 + 3 * r(); // new complainants per 10 min at the start
      const truth: Truth = { kind, brand: b.name, start, ids: new Set() };
      const seedAuthor = `${b.name}-c${seq}`;
      const seedMsg = mk(b, start, theme.seed, seedAuthor);
      const queue: RadarMessage[] = [seedMsg];
      const out: RadarMessage[] = [];
      // Exogenous arrivals of new complainants over 3 hours, decaying.
      let te = start;
      while (true) {
        te += (-Math.log(1 - r()) * 10 * MIN) / immigrants;
        if (te > start + 180 * MIN) break;
        if (r() > Math.exp(-(te - start) / (120 * MIN))) continue;
        queue.push(mk(b, te, pick(r, theme.echo), `${b.name}-n${seq}-${out.length}`));
      }
      while (queue.length && out.length < 400) {
        const m = queue.shift() as RadarMessage;
        out.push(m);
        // Each message spawns Poisson(branching) children: replies, quotes, new posts.
        let k = 0;
        let p = Math.exp(-branching);
        const u = r();
        let cdf = p;
        while (u > cdf && k < 8) {
          k++;
          p *= branching / k;
          cdf += p;
        }
        for (let i = 0; i < k; i++) {
          const dt = -Math.log(1 - r()) * scale;
          const roll = r();
          const author = `${b.name}-x${seq}-${i}-${Math.floor(r() * 1e6)}`;
          const text = pick(r, theme.echo);
          queue.push(
            roll < 0.5
              ? mk(b, m.createdAt + dt, text, author, { inReplyTo: m.id })
              : mk(b, m.createdAt + dt, text, author),
          );
        }
      }
      for (const m of out) {
        if (m.createdAt < t0 + days * DAY) {
          messages.push(m);
          truth.ids.add(m.id);
        }
      }
      // A journalist joins some crises.
      if (kind === 'crisis' && r() < 0.3) {
        const j = mk(b, start + (10 + 40 * r()) * MIN, theme.echo[0] as string, pick(r, WATCH));
        j.author.followers = 80_000;
        j.author.verified = true;
        messages.push(j);
        truth.ids.add(j.id);
      }
      truths.push(truth);
    };
    const nCrisis = Math.max(1, Math.round((cfg.cascadesPerBrandDay ?? 1) * days * (0.5 + r())));
    for (let i = 0; i < nCrisis; i++) cascade('crisis', t0 + r() * (days * DAY - 4 * 60 * MIN));
    const nSpike = Math.round((cfg.spikesPerBrandDay ?? 0.7) * days);
    for (let i = 0; i < nSpike; i++) cascade('spike', t0 + r() * (days * DAY - 4 * 60 * MIN));
    // Planted single escalations: big or watched accounts with threats.
    const nEsc = Math.round((cfg.escalationsPerBrandDay ?? 1) * days);
    for (let i = 0; i < nEsc; i++) {
      const t = t0 + r() * (days * DAY - 60 * MIN);
      const text =
        b.lang === 'nl'
          ? 'al 3 weken geen internet en niemand reageert. Ik ga naar de pers en mijn advocaat!!'
          : 'no internet for 3 weeks and nobody responds. Going to the press and my lawyer!!';
      const m = mk(b, t, text, `${b.name}-vip${i}`);
      m.author.followers = Math.round(20_000 + 200_000 * r());
      m.author.verified = r() < 0.5;
      messages.push(m);
      truths.push({ kind: 'escalation', brand: b.name, start: t, ids: new Set([m.id]) });
    }
  }
  messages.sort((a, c) => a.createdAt - c.createdAt);
  return { messages, truths, brands, days };
}

export interface SimReport {
  messages: number;
  crises: number;
  fizzled: number;
  spikes: number;
  medianDelayMin: number;
  p90DelayMin: number;
  within60: number;
  falseAlertsPerBrandDay: number;
  spikeAlerts: number;
  top10Precision: number;
  alerts: RadarAlert[];
}

function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

/** Replays a simulated stream through the radar and measures it. */
export function evaluate(sim: SimResult, options: RadarOptions = {}): SimReport {
  const radar = createRadar({ watchlist: WATCH, ...options });
  const alerts: RadarAlert[] = [];
  for (const m of sim.messages) alerts.push(...radar.push(m));
  const owner = new Map<string, Truth>();
  for (const t of sim.truths) for (const id of t.ids) owner.set(id, t);
  const crisisAlerts = alerts.filter((a) => a.kind === 'crisis');
  const delays: number[] = [];
  const byId = new Map(sim.messages.map((m) => [m.id, m]));
  // A cascade that fizzles (fewer than 10 messages in its first two hours) is not a crisis.
  const fizzled = (t: Truth): boolean =>
    [...t.ids].filter((id) => (byId.get(id)?.createdAt ?? Infinity) - t.start <= 120 * MIN).length < 10;
  const crises = sim.truths.filter((x) => x.kind === 'crisis' && !fizzled(x));
  for (const t of crises) {
    const hit = crisisAlerts.find((a) => a.messageIds.some((id) => owner.get(id) === t));
    delays.push(hit ? (Date.parse(hit.at) - t.start) / MIN : Infinity);
  }
  let falseAlerts = 0;
  let spikeAlerts = 0;
  for (const a of crisisAlerts) {
    const votes = new Map<Truth | undefined, number>();
    for (const id of a.messageIds) votes.set(owner.get(id), (votes.get(owner.get(id)) ?? 0) + 1);
    const best = [...votes.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
    if (!best || best.kind === 'spike' || best.kind === 'escalation') falseAlerts++;
    if (best?.kind === 'spike') spikeAlerts++;
  }
  // Precision of the daily top 10 escalation flags (by score).
  const esc = alerts.filter((a) => a.kind === 'escalation');
  const byDay = new Map<number, RadarAlert[]>();
  for (const a of esc) {
    const d = Math.floor(Date.parse(a.at) / (24 * 60 * MIN));
    byDay.set(d, [...(byDay.get(d) ?? []), a]);
  }
  let hits = 0;
  let total = 0;
  for (const list of byDay.values()) {
    const top = list.sort((a, b) => b.score - a.score).slice(0, 10);
    for (const a of top) {
      total++;
      const t = owner.get(a.messageIds[0] ?? '');
      if (t && t.kind !== 'spike') hits++;
    }
  }
  const finite = delays.map((d) => (Number.isFinite(d) ? d : 1e9));
  return {
    messages: sim.messages.length,
    crises: delays.length,
    fizzled: sim.truths.filter((x) => x.kind === 'crisis').length - crises.length,
    spikes: sim.truths.filter((t) => t.kind === 'spike').length,
    medianDelayMin: quantile(finite, 0.5),
    p90DelayMin: quantile(finite, 0.9),
    within60: delays.filter((d) => d <= 60).length / Math.max(1, delays.length),
    falseAlertsPerBrandDay: falseAlerts / (sim.brands.length * sim.days),
    spikeAlerts,
    top10Precision: total ? hits / total : NaN,
    alerts,
  };
}
