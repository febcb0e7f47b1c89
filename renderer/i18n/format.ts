import { formatDistanceToNowStrict, format, isSameDay, isSameYear } from 'date-fns';
import { enGB, nl } from 'date-fns/locale';

const LOCALES = { nl, en: enGB } as const;
export type UiLanguage = keyof typeof LOCALES;

/** Compact age for list rows: "5 min", "3 u", "2 d" (nl) / "5m", "3h", "2d" (en). */
export function shortAge(ms: number, now: number, lang: UiLanguage): string {
  const diff = Math.max(0, now - ms);
  const min = Math.floor(diff / 60_000);
  const units =
    lang === 'nl'
      ? { now: 'nu', m: 'min', h: 'u', d: 'd', w: 'w' }
      : { now: 'now', m: 'm', h: 'h', d: 'd', w: 'w' };
  const sep = lang === 'nl' ? ' ' : '';
  if (min < 1) return units.now;
  if (min < 60) return `${min}${sep}${units.m}`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h}${sep}${units.h}`;
  const d = Math.floor(h / 24);
  if (d < 14) return `${d}${sep}${units.d}`;
  return `${Math.floor(d / 7)}${sep}${units.w}`;
}

/** Full timestamp for messages: time today, day + time this year, else the date. */
export function messageTime(ms: number, now: number, lang: UiLanguage): string {
  const locale = LOCALES[lang];
  if (isSameDay(ms, now)) return format(ms, 'HH:mm', { locale });
  if (isSameYear(ms, now)) return format(ms, 'd MMM HH:mm', { locale });
  return format(ms, 'd MMM yyyy', { locale });
}

export function relative(ms: number, lang: UiLanguage): string {
  return formatDistanceToNowStrict(ms, { locale: LOCALES[lang], addSuffix: true });
}

export function absolute(ms: number, lang: UiLanguage): string {
  return format(ms, 'PPpp', { locale: LOCALES[lang] });
}

// Counts: one formatter for the whole app (list rows, author card, reasons, reports).
export { compactNumber, plainNumber } from '../../shared/i18n/numbers.ts';
