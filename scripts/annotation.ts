// The two-annotator batches of data/annotation/ (README there) as labelled rows for training and
// evaluation. Reddit batches hold ids, labels and references only: their texts are GoEmotions
// comments, rebuilt here from ../shared/datasets by comment id (never committed). Writer batches
// hold their own text.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { readLabels } from './agreement.ts';
import type { Labels } from './agreement.ts';
import { datasetsDir } from './corpora.ts';

export const ANNOTATION_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'annotation');

export interface AnnotatedRow {
  id: string;
  text: string;
  lang: 'en' | 'nl';
  complaint: 0 | 1;
  polarity: Labels['polarity'];
  /** The batch (file stem), e.g. `reddit-001`, `nl-w1-001`. */
  batch: string;
  /** Who wrote the texts: `reddit` or the writer (`w1`, `w2`, …). Splits go by this, never by line. */
  writer: string;
  /** GoEmotions comment id for Reddit rows. */
  ref?: string;
  /** Whether the label is adjudicated gold or only the agreement of A and B (gold not written yet). */
  gold: boolean;
}

function lines(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

/** Reddit comment id → text, from the GoEmotions train/dev/test files. */
let goTexts: Map<string, string> | null = null;
function goEmotionsTexts(): Map<string, string> {
  if (goTexts) return goTexts;
  goTexts = new Map();
  const dir = datasetsDir();
  if (!dir) return goTexts;
  for (const split of ['train', 'dev', 'test'])
    for (const [text, , id] of lines(join(dir, 'goemotions', `${split}.tsv`)))
      if (id && text !== undefined) goTexts.set(id, text);
  return goTexts;
}

/** Batch names present in data/annotation/ with labels (gold, or both annotators' files). */
export function annotatedBatches(dir = ANNOTATION_DIR): string[] {
  if (!existsSync(dir)) return [];
  const names = new Set<string>();
  for (const f of readdirSync(dir)) {
    const m = /^(.+)\.(gold|A)\.tsv$/.exec(f);
    if (m && (m[2] === 'gold' || existsSync(join(dir, `${m[1] as string}.B.tsv`)))) names.add(m[1] as string);
  }
  return [...names].sort();
}

/**
 * One batch's labelled rows: the adjudicated gold file when it exists, else the lines on which A
 * and B agree on both labels (disagreements wait for the adjudicator). Reddit rows whose comment
 * is not in ../shared/datasets are left out.
 */
export function loadBatch(batch: string, dir = ANNOTATION_DIR): AnnotatedRow[] {
  const goldPath = join(dir, `${batch}.gold.tsv`);
  const gold = existsSync(goldPath);
  let labels: Map<string, Labels>;
  if (gold) labels = readLabels(readFileSync(goldPath, 'utf8'), goldPath);
  else {
    const a = readLabels(readFileSync(join(dir, `${batch}.A.tsv`), 'utf8'), `${batch}.A.tsv`);
    const b = readLabels(readFileSync(join(dir, `${batch}.B.tsv`), 'utf8'), `${batch}.B.tsv`);
    labels = new Map();
    for (const [id, x] of a) {
      const y = b.get(id);
      if (y && y.complaint === x.complaint && y.polarity === x.polarity) labels.set(id, x);
    }
  }
  const reddit = batch.startsWith('reddit-');
  const writer = reddit ? 'reddit' : (/-(w\d+)-/.exec(batch)?.[1] ?? batch);
  const out: AnnotatedRow[] = [];
  if (reddit) {
    const texts = goEmotionsTexts();
    for (const [id, ref] of lines(join(dir, `${batch}.refs.tsv`))) {
      const l = id ? labels.get(id) : undefined;
      const text = ref ? texts.get(ref.trim()) : undefined;
      if (l && text !== undefined)
        out.push({ id: id as string, text, lang: 'en', ...l, batch, writer, ref, gold });
    }
  } else {
    for (const [id, lang, text] of lines(join(dir, `${batch}.tsv`))) {
      const l = id ? labels.get(id) : undefined;
      if (l && text !== undefined)
        out.push({
          id: id as string,
          // Writers put message line breaks as a literal \n (one message per line).
          text: text.replace(/\\n/g, '\n'),
          lang: lang === 'en' ? 'en' : 'nl',
          ...l,
          batch,
          writer,
          gold,
        });
    }
  }
  return out;
}

/** All annotated rows, every batch. */
export function annotatedRows(dir = ANNOTATION_DIR): AnnotatedRow[] {
  return annotatedBatches(dir).flatMap((b) => loadBatch(b, dir));
}

/**
 * Texts labelled by the annotators (Reddit batches are GoEmotions comments): kept out of the hard
 * negatives and of the polarity heads' training rows, so that the batches stay data those steps
 * did not see (the polarity band is tuned on them, the complaint model learns their own labels).
 */
export function annotatedTexts(dir = ANNOTATION_DIR): Set<string> {
  return new Set(annotatedRows(dir).map((r) => r.text));
}
