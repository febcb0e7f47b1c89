/**
 * Numbers as the two UI languages write them, through Intl (CLDR): compact counts ("1,9K" and
 * "1,3 mln." in Dutch, "1.9k" and "1.3m" in British English) and plain ones ("3.000" / "3,000").
 * One formatter per language and style, made once: formatting runs for every reason chip and row.
 */
export type NumberLanguage = 'nl' | 'en';

const LOCALE: Record<NumberLanguage, string> = { nl: 'nl-NL', en: 'en-GB' };

const compact = {
  nl: new Intl.NumberFormat(LOCALE.nl, { notation: 'compact' }),
  en: new Intl.NumberFormat(LOCALE.en, { notation: 'compact' }),
};
const plain = {
  nl: new Intl.NumberFormat(LOCALE.nl, { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat(LOCALE.en, { maximumFractionDigits: 1 }),
};

/** Follower, like and repost counts: 950, 1,9K, 48K, 1,3 mln. (nl) / 950, 1.9k, 48k, 1.3m (en). */
export function compactNumber(n: number, lang: NumberLanguage): string {
  return compact[lang].format(n);
}

/** Exact counts with digit grouping and at most one decimal: 3.000 / 0,9 (nl), 3,000 / 0.9 (en). */
export function plainNumber(n: number, lang: NumberLanguage): string {
  return plain[lang].format(n);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
const bytesFormat = new Map<string, Intl.NumberFormat>();

/** Sizes of storage: "12 MB", "1,5 GB" (nl) / "1.5 GB" (en), in powers of 1024 as disks are shown. */
export function byteSize(n: number, lang: NumberLanguage): string {
  let value = Math.max(0, n);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const key = `${lang}:${unit}`;
  let f = bytesFormat.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], {
      style: 'unit',
      unit: BYTE_UNITS[unit],
      unitDisplay: 'short',
      maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
    });
    bytesFormat.set(key, f);
  }
  return f.format(value);
}
