// Printing to PDF the way "Save as PDF" does, and reading the PDF back with poppler (Debian
// poppler-utils, installed by .ci/run): shared by the report specs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import { SHOTS } from './helpers.ts';

function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdftoppm', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`${tool} (Debian poppler-utils, installed by .ci/run) failed: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

/**
 * Prints the page as the user's "Save as PDF" would and reads it back. The first page is drawn
 * to `SHOTS/<name>.png`; with `drawAll`, every further page to `<name>-p<N>.png` too.
 */
export async function printed(
  page: Page,
  name: string,
  drawAll = false,
): Promise<{ text: string; pages: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'webcare-print-'));
  const pdf = join(dir, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
  const text = poppler('pdftotext', ['-layout', pdf, '-']);
  mkdirSync(SHOTS, { recursive: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdf]))?.[1] ?? 0);
  poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, `${SHOTS}${name}`]);
  for (let n = 2; drawAll && n <= pages; n++)
    poppler('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      `${n}`,
      '-l',
      `${n}`,
      '-singlefile',
      pdf,
      `${SHOTS}${name}-p${n}`,
    ]);
  return { text, pages };
}

// Words with a letter or digit: the PDF has no glyphs for emoji (no emoji font on test machines).
export const words = (s: string) =>
  s
    .replace(/[#*_`>|-]/g, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));

/** Every word of the report is in the PDF (pdftotext keeps the words, not the Markdown). */
export function expectFullReport(pdf: { text: string; pages: number }, markdown: string) {
  const inPdf = new Set(words(pdf.text));
  const missing = words(markdown).filter((w) => !inPdf.has(w));
  expect(missing.slice(0, 20)).toEqual([]);
  expect(pdf.pages).toBeGreaterThanOrEqual(1);
}
