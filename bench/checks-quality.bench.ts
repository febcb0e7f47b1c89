// How often the pre-send checks fire on real human text that none of us wrote: Reddit comments
// (GoEmotions) and film subtitles (XED, English and Dutch), from ../shared/datasets. None of these
// lines is a brand reply with a customer's personal data or a template placeholder in it, so
// every hit of those checks is a false positive to look at (the first few are printed). The
// language check is scored against the file's language. Prints numbers; asserts nothing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPersonalData } from '../shared/checks/privacy.ts';
import { checkPlaceholders, checkFallback } from '../shared/checks/placeholder.ts';
import { checkLanguage } from '../shared/checks/language.ts';

// shared/ sits beside the checkout (CI), or beside the folder of worktrees (development).
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const root =
  [
    process.env.WEBCARE_DATASETS,
    join(repo, '..', 'shared', 'datasets'),
    join(repo, '..', '..', 'shared', 'datasets'),
  ].find((p): p is string => !!p && existsSync(p)) ?? '';
if (!root) {
  console.log('datasets not found beside the checkout (set WEBCARE_DATASETS); skipped');
  process.exit(0);
}
const lines = (file: string, column: number) =>
  readFileSync(join(root, file), 'utf8')
    .split('\n')
    .map((l) => l.split('\t')[column] ?? '')
    .filter((t) => t.trim().length > 0);

// XED is tokenized ("Hey , come on ."): glue punctuation back as people type it.
const detokenize = (t: string) => t.replace(/ ([,.!?;:'’]|n't)/g, '$1');
// GoEmotions masks names as [NAME]: a real placeholder, counted apart from the other hits.
const MASK = /\[(?:NAME|RELIGION)\]/;

const corpora: Array<{ name: string; lang: 'nl' | 'en'; texts: string[] }> = [
  {
    name: 'GoEmotions (en, Reddit)',
    lang: 'en',
    texts: [...lines('goemotions/train.tsv', 0), ...lines('goemotions/dev.tsv', 0)],
  },
  {
    name: 'XED en (subtitles)',
    lang: 'en',
    texts: [...lines('xed/en-annotated.tsv', 0), ...lines('xed/neu_en.txt', 1)].map(detokenize),
  },
  { name: 'XED nl (subtitles)', lang: 'nl', texts: lines('xed/nl-projections.tsv', 0).map(detokenize) },
];

const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(2)}%`;
for (const { name, lang, texts } of corpora) {
  const t0 = performance.now();
  let personal = 0;
  let placeholder = 0;
  let masks = 0;
  let fallback = 0;
  let judged = 0;
  let correct = 0;
  const examples: string[] = [];
  const other = lang === 'nl' ? 'en' : 'nl';
  for (const text of texts) {
    const hits = findPersonalData(text);
    if (hits.length) {
      personal++;
      if (examples.length < 4)
        examples.push(`personalData ${hits[0]!.kind}: ${JSON.stringify(text.slice(0, 100))}`);
    }
    if (MASK.test(text)) {
      if (checkPlaceholders(text)) masks++;
    } else if (checkPlaceholders(text)) {
      placeholder++;
      if (examples.length < 8) examples.push(`placeholder: ${JSON.stringify(text.slice(0, 100))}`);
    }
    if (checkFallback(text)) fallback++;
    // Answering a customer of the other language: the check should say so for every line it can judge.
    const finding = checkLanguage(text, other);
    const sameLang = checkLanguage(text, lang);
    if (finding || sameLang) {
      judged++;
      if (finding && !sameLang) correct++;
    }
  }
  const ms = performance.now() - t0;
  console.log(
    `${name}: ${texts.length.toLocaleString('en')} lines in ${ms.toFixed(0)} ms; personal data flagged ${personal} (${pct(personal, texts.length)}), ` +
      `placeholder ${placeholder} (${pct(placeholder, texts.length)}; the corpus' own [NAME] masks found: ${masks}), fallback ${fallback} (${pct(fallback, texts.length)}); ` +
      `language: judged ${pct(judged, texts.length)} of lines, right on ${pct(correct, judged)} of those`,
  );
  for (const e of examples) console.log(`  ${e}`);
}
