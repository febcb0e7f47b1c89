import type { Label } from '../domain/types.ts';

/** Fictional brands of the demo inbox. Any likeness to a real company is accidental. */
export type DemoIndustry = 'telecom' | 'energy' | 'webshop' | 'transport' | 'food';

export type DemoTopic =
  | 'outage'
  | 'billing'
  | 'delivery'
  | 'refund'
  | 'rude_staff'
  | 'app_crash'
  | 'delay'
  | 'damaged'
  | 'installation'
  | 'meter';

export interface DemoBrand {
  id: string;
  name: string;
  /** The brand's own account handle on social channels. */
  handle: string;
  industry: DemoIndustry;
  /** Relative share of the inbox. */
  weight: number;
  /** Complaint topics with relative weights. */
  topics: readonly (readonly [DemoTopic, number])[];
  /** Things customers name: a product, a subscription, a dish, a route. */
  products: readonly string[];
}

export const DEMO_BRANDS: readonly DemoBrand[] = [
  {
    id: 'belnet',
    name: 'Belnet',
    handle: 'belnet_nl',
    industry: 'telecom',
    weight: 30,
    topics: [
      ['outage', 30],
      ['billing', 20],
      ['installation', 12],
      ['rude_staff', 8],
      ['app_crash', 8],
      ['refund', 6],
    ],
    products: [
      'glasvezel 1 Gbit',
      'Alles-in-1 pakket',
      'mobiel abonnement 10 GB',
      'modem (Belbox 3)',
      'tv-pakket Plus',
      'sim-only 20 GB',
    ],
  },
  {
    id: 'voltera',
    name: 'Voltera Energie',
    handle: 'voltera',
    industry: 'energy',
    weight: 18,
    topics: [
      ['billing', 35],
      ['meter', 20],
      ['refund', 12],
      ['outage', 6],
      ['rude_staff', 6],
      ['app_crash', 6],
    ],
    products: [
      'jaarafrekening',
      'termijnbedrag',
      'slimme meter',
      'laadpaal-tarief',
      'groene stroom vast contract',
      'terugleververgoeding',
    ],
  },
  {
    id: 'kooplijn',
    name: 'Kooplijn',
    handle: 'kooplijn',
    industry: 'webshop',
    weight: 22,
    topics: [
      ['delivery', 35],
      ['refund', 20],
      ['damaged', 15],
      ['rude_staff', 6],
      ['app_crash', 8],
      ['billing', 5],
    ],
    products: [
      'wasmachine',
      'airfryer',
      'koptelefoon',
      'bureaustoel',
      'stofzuiger',
      'laptop',
      'kinderfiets',
      'koffiezetapparaat',
    ],
  },
  {
    id: 'regiorail',
    name: 'RegioRail',
    handle: 'regiorail',
    industry: 'transport',
    weight: 15,
    topics: [
      ['delay', 40],
      ['refund', 18],
      ['rude_staff', 14],
      ['app_crash', 10],
      ['billing', 6],
    ],
    products: [
      'trein van {time}',
      'sprinter naar {city}',
      'bus 52',
      'nachttrein',
      'dalurenabonnement',
      'e-ticket',
    ],
  },
  {
    id: 'smikkel',
    name: 'Smikkel',
    handle: 'smikkel_app',
    industry: 'food',
    weight: 15,
    topics: [
      ['delivery', 35],
      ['damaged', 15],
      ['refund', 20],
      ['rude_staff', 10],
      ['app_crash', 12],
    ],
    products: [
      'pizza margherita',
      'sushi box',
      'poke bowl',
      'kapsalon',
      'pad thai',
      'burger menu',
      'shoarma schotel',
    ],
  },
];

/** Fixed labels of the demo inbox; names read the same in Dutch and English webcare teams. */
/** Languages the demo labels are written in (the UI languages). */
export type DemoLabelLang = 'nl' | 'en';

/**
 * The demo labels, named in each UI language. Labels are data: the demo is seeded with the
 * names in the user's language, and `demoLabels` is what gets written. Ids are stable.
 */
export const DEMO_LABEL_NAMES: Readonly<Record<string, { color: string; en: string; nl: string }>> = {
  billing: { color: '#b45309', en: 'Billing', nl: 'Facturen' },
  outage: { color: '#dc2626', en: 'Outage', nl: 'Storing' },
  delivery: { color: '#2563eb', en: 'Delivery', nl: 'Bezorging' },
  refund: { color: '#7c3aed', en: 'Refund', nl: 'Terugbetaling' },
  app: { color: '#0891b2', en: 'App', nl: 'App' },
  vip: { color: '#ca8a04', en: 'VIP', nl: 'VIP' },
  press: { color: '#be123c', en: 'Press', nl: 'Pers' },
  praise: { color: '#16a34a', en: 'Praise', nl: 'Compliment' },
};

/**
 * Names the demo labels had before they were seeded per language (all English, outage
 * bilingual). A stored demo label still carrying one of these was never renamed by the user.
 */
export const LEGACY_DEMO_LABEL_NAMES: Readonly<Record<string, string>> = {
  billing: 'Billing',
  outage: 'Storing / outage',
  delivery: 'Delivery',
  refund: 'Refund',
  app: 'App',
  vip: 'VIP',
  press: 'Press',
  praise: 'Praise',
};

/** The demo labels named in `lang`. */
export function demoLabels(lang: DemoLabelLang): Label[] {
  return Object.entries(DEMO_LABEL_NAMES).map(([id, l]) => ({ id, name: l[lang], color: l.color }));
}

/** The demo labels in English (ids and colours are the same in every language). */
export const DEMO_LABELS: readonly Label[] = demoLabels('en');

/** The label a topic gets, when any. */
export const TOPIC_LABEL: Readonly<Record<DemoTopic, string | null>> = {
  outage: 'outage',
  billing: 'billing',
  meter: 'billing',
  delivery: 'delivery',
  damaged: 'delivery',
  refund: 'refund',
  delay: null,
  rude_staff: null,
  app_crash: 'app',
  installation: 'outage',
};

/** Colleagues who answered part of the demo inbox (the user is the `agentId` passed to the generator). */
export const DEMO_AGENTS: readonly { id: string; name: string; initials: string }[] = [
  { id: 'demo-agent-sanne', name: 'Sanne', initials: 'SV' },
  { id: 'demo-agent-tom', name: 'Tom', initials: 'TB' },
  { id: 'demo-agent-priya', name: 'Priya', initials: 'PK' },
  { id: 'demo-agent-jeroen', name: 'Jeroen', initials: 'JH' },
];
