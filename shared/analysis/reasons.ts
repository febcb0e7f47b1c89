/**
 * Reason texts in English and Dutch from the `analysis` i18n namespace. The UI may translate
 * `code` + `value` itself with i18next (`analysis:reason.<code>` with `{{value}}`); this helper
 * does the same interpolation for the CLI and worker, without i18next.
 */
import en from '../i18n/en/analysis.json';
import nl from '../i18n/nl/analysis.json';
import { compactNumber } from '../i18n/numbers.ts';

export type ReasonLocale = 'en' | 'nl';

/** One named contribution to a score: `value` is shown to the user ("48k", "'ik ga naar de pers'"). */
export interface Reason {
  code: string;
  text: string;
  value: string | number;
  weight: number;
}

type Table = Record<string, string>;
const TABLES: Record<ReasonLocale, Table> = {
  en: (en as { reason: Table }).reason,
  nl: (nl as { reason: Table }).reason,
};

/**
 * Reason texts not (yet) in the shared i18n files: used only when the locale's table lacks the
 * code, so that the i18n files stay the single source once the keys are added there.
 */
const EXTRA: Record<ReasonLocale, Table> = {
  en: {
    'radar.volumeHour': '{{value}} negative mentions in 60 min',
    'radar.engagement': '{{value}} replies and quotes among them',
  },
  nl: {
    'radar.volumeHour': '{{value}} negatieve berichten in 60 min',
    'radar.engagement': 'waarvan {{value}} reacties en quotes',
  },
};

/** Templates split at `{{value}}`, per locale and code (reason texts are built for every message). */
const SPLIT: Record<ReasonLocale, Map<string, string[]>> = { en: new Map(), nl: new Map() };

/** Reasons whose numeric value is a duration, and its unit in minutes: shown as "45 min",
 * "5.5 h" or "9 days" instead of "218.7 h" or "2.5k min". */
const DURATION_MINUTES: Readonly<Record<string, number>> = { 'risk.waiting': 60, 'risk.exposure': 1 };

const PLURAL: Record<ReasonLocale, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  nl: new Intl.PluralRules('nl'),
};

/**
 * Renders a reason; unknown codes fall back to "code: value". A count picks its plural form when
 * the table has one (`risk.velocity_one`: "1 reply, repost or quote"), so no text reads "1 replies".
 */
export function reasonText(code: string, value: string | number, locale: ReasonLocale = 'en'): string {
  const unit = DURATION_MINUTES[code];
  const plural =
    typeof value === 'number' && unit === undefined ? `${code}_${PLURAL[locale].select(value)}` : null;
  const key = plural !== null && (TABLES[locale][plural] ?? TABLES.en[plural]) !== undefined ? plural : code;
  const template = TABLES[locale][key] ?? EXTRA[locale][key] ?? TABLES.en[key];
  const shown =
    typeof value !== 'number'
      ? value
      : unit !== undefined
        ? formatDuration(value * unit, locale)
        : formatNumber(value, locale);
  if (!template) return `${code}: ${shown}`;
  // A "$" in the value would be a replacement pattern for String.replace: keep its exact behaviour.
  if (shown.includes('$')) return template.replace(/\{\{value\}\}/g, shown);
  let parts = SPLIT[locale].get(key);
  if (parts === undefined) {
    parts = template.split('{{value}}');
    SPLIT[locale].set(key, parts);
  }
  return parts.length === 1 ? (parts[0] as string) : parts.join(shown);
}

/** 45 → "45 min", 330 → "5.5 h" (nl "5,5 uur"), 13100 → "9 days" (nl "9 dagen"). */
export function formatDuration(minutes: number, locale: ReasonLocale = 'en'): string {
  if (minutes < 120) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) {
    const h = hours < 10 ? (Math.round(hours * 10) / 10).toString() : String(Math.round(hours));
    return locale === 'nl' ? `${h.replace('.', ',')} uur` : `${h} h`;
  }
  const days = Math.round(hours / 24);
  return locale === 'nl' ? `${days} dagen` : `${days} days`;
}

/**
 * Counts in reasons, as the UI writes them (Intl compact, see shared/i18n/numbers.ts): 48000 →
 * "48k" (nl "48K"), 1900 → "1.9k" (nl "1,9K"), 1250000 → "1.3m" (nl "1,3 mln."); below 1000
 * unchanged, fractions with one decimal ("0.9", nl "0,9").
 */
export function formatNumber(n: number, locale: ReasonLocale = 'en'): string {
  if (Math.abs(n) >= 1e3) return compactNumber(n, locale);
  if (Number.isInteger(n)) return String(n);
  const s = (Math.round(n * 10) / 10).toString();
  return locale === 'nl' ? s.replace('.', ',') : s;
}
