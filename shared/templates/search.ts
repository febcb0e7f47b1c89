/**
 * Full-text search over the template library (title, short code, keywords, bodies), and the
 * word vectors that suggestions use. The library is small (tens to a few thousand templates) and
 * held in memory by the composer, so a scan with prefix matching is fast enough and needs no index
 * table.
 */
import { normalizeForSearch, queryTerms, searchTokens } from '../search/tokenize.ts';
import type { Template, TemplateLang } from './model.ts';

/** Variable syntax is not something people search for; `{{customer.firstName}}` drops out. */
const VARIABLE = /{{[^}]*}}/g;

export interface SearchableTemplate {
  template: Template;
  /** Strong fields: short code, titles, keywords, category. */
  strong: string[];
  /** Every word of every body. */
  body: string[];
}

/** Prepares templates for `searchTemplates` (do it once per library change). */
export function indexTemplates(templates: readonly Template[]): SearchableTemplate[] {
  return templates.map((template) => ({
    template,
    strong: searchTokens(
      [
        template.shortCode,
        template.title.nl ?? '',
        template.title.en ?? '',
        template.category,
        ...template.keywords,
      ].join(' '),
      500,
    ),
    body: searchTokens(template.variants.map((v) => v.body.replace(VARIABLE, ' ')).join('\n'), 2000),
  }));
}

export interface SearchHit {
  template: Template;
  score: number;
}

export interface SearchOptions {
  /** The UI or conversation language: a template with a variant in it ranks first on ties. */
  lang?: TemplateLang;
  limit?: number;
}

function hasPrefix(tokens: readonly string[], term: string): boolean {
  for (const t of tokens) if (t.startsWith(term)) return true;
  return false;
}

/**
 * Searches the library. A query starting with `/` matches short codes by prefix (`/ref` finds
 * `/refund`); otherwise every word must be found (as a word prefix) in a template's title, short
 * code, keywords or bodies. Matches in strong fields count more; usage breaks ties.
 * An empty query lists the library, most used first.
 */
export function searchTemplates(
  index: readonly SearchableTemplate[],
  query: string,
  options: SearchOptions = {},
): SearchHit[] {
  const limit = options.limit ?? 50;
  const trimmed = query.trim();
  const hits: SearchHit[] = [];
  const langBonus = (t: Template) =>
    options.lang && t.variants.some((v) => v.lang === options.lang) ? 0.5 : 0;
  const usage = (t: Template) => Math.log1p(t.usageCount) / 100;
  if (trimmed.startsWith('/')) {
    const code = normalizeForSearch(trimmed.slice(1)).trim();
    for (const { template } of index) {
      if (template.shortCode.startsWith(code)) {
        const exact = template.shortCode === code ? 10 : 0;
        hits.push({ template, score: exact + 5 - template.shortCode.length / 100 + usage(template) });
      } else if (code && template.keywords.some((k) => normalizeForSearch(k).startsWith(code))) {
        // Short codes are one language; a keyword lets an English team type /outage for /storing.
        hits.push({ template, score: 1 + langBonus(template) + usage(template) });
      }
    }
  } else {
    const terms = queryTerms(trimmed);
    for (const entry of index) {
      let score = 0;
      let all = true;
      for (const term of terms) {
        const strong = hasPrefix(entry.strong, term);
        const inBody = strong || hasPrefix(entry.body, term);
        if (!inBody) {
          all = false;
          break;
        }
        score += strong ? 3 : 1;
      }
      if (!all) continue;
      hits.push({
        template: entry.template,
        score: score + langBonus(entry.template) + usage(entry.template),
      });
    }
  }
  return hits
    .sort((a, b) => b.score - a.score || a.template.shortCode.localeCompare(b.template.shortCode))
    .slice(0, limit);
}
