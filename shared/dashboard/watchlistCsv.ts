import Papa from 'papaparse';
import { WATCH_LISTS, type WatchList } from './relations.ts';

/**
 * A watchlist as a CSV file (press contacts, politicians, partners kept in a spreadsheet):
 * a header row with at least `handle` and `list`, optionally `owner` (the colleague's agent
 * id). The list is one of the list ids or its Dutch or English name ("pers", "press", "VIP").
 * Each row names its line, so a person can fix the file: good rows are imported, bad rows listed.
 */
export interface WatchlistCsvRow {
  line: number;
  /** Lower case, without a leading @. */
  handle: string;
  list: WatchList;
  owner: string;
}

export type WatchlistCsvErrorCode =
  'missing-columns' | 'no-handle' | 'unknown-list' | 'unknown-author' | 'bad-csv';

export interface WatchlistCsvError {
  line: number;
  code: WatchlistCsvErrorCode;
  value: string;
}

/** What an import did: authors newly watched, authors whose list or owner changed, bad lines. */
export interface WatchlistImportReport {
  added: number;
  updated: number;
  errors: WatchlistCsvError[];
}

/** The names people write for each list, in Dutch and English (lower case). */
const LIST_NAMES: Record<string, WatchList> = {
  ...Object.fromEntries(WATCH_LISTS.map((l) => [l, l])),
  influencers: 'influencer',
  pers: 'press',
  media: 'press',
  journalist: 'press',
  politiek: 'politics',
  politicus: 'politics',
  politician: 'politics',
  consument: 'consumer',
  consumentenprogramma: 'consumer',
  'consumer programme': 'consumer',
  partners: 'partner',
  klant: 'vip',
  'vip-klant': 'vip',
};

export const normalizeHandle = (h: string) => h.trim().replace(/^@+/, '').toLowerCase();

export function parseWatchlistCsv(text: string): { rows: WatchlistCsvRow[]; errors: WatchlistCsvError[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const errors: WatchlistCsvError[] = [];
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('handle') || !fields.includes('list'))
    return { rows: [], errors: [{ line: 1, code: 'missing-columns', value: fields.join(', ') }] };
  for (const e of parsed.errors)
    if (e.type !== 'FieldMismatch')
      errors.push({ line: (e.row ?? 0) + 2, code: 'bad-csv', value: e.message });
  const rows: WatchlistCsvRow[] = [];
  parsed.data.forEach((r, i) => {
    const line = i + 2; // the header is line 1
    const handle = normalizeHandle(r.handle ?? '');
    const listText = (r.list ?? '').trim().toLowerCase();
    if (!handle) return void errors.push({ line, code: 'no-handle', value: '' });
    const list = LIST_NAMES[listText];
    if (!list) return void errors.push({ line, code: 'unknown-list', value: r.list ?? '' });
    rows.push({ line, handle, list, owner: (r.owner ?? '').trim().slice(0, 64) });
  });
  return { rows, errors: errors.sort((a, b) => a.line - b.line) };
}
