// Regression test for issue 8, defect 4 of the list ("Print / save as PDF" printed about three
// lines): the handover and the crisis report print in full. Chromium renders the page with print
// media (page.pdf), poppler reads the PDF back (pdftotext, pdfinfo) and draws its first page
// (pdftoppm) next to the other screenshots.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DEMO_ESCALATION_ID } from '../../shared/demo/ingest.ts';
import { SHOTS, setLanguage } from './helpers.ts';

const ESCALATION = DEMO_ESCALATION_ID;

function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdftoppm', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`${tool} (Debian poppler-utils, installed by .ci/run) failed: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

/** Prints the page as the user's "Save as PDF" would and reads it back. */
async function printed(page: Page, name: string): Promise<{ text: string; pages: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'webcare-print-'));
  const pdf = join(dir, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
  const text = poppler('pdftotext', ['-layout', pdf, '-']);
  mkdirSync(SHOTS, { recursive: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdf]))?.[1] ?? 0);
  poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, `${SHOTS}${name}`]);
  return { text, pages };
}

// Words with a letter or digit: the PDF has no glyphs for emoji (no emoji font on test machines).
const words = (s: string) =>
  s
    .replace(/[#*_`>|-]/g, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));

/** Every word of the report is in the PDF (pdftotext keeps the words, not the Markdown). */
function expectFullReport(pdf: { text: string; pages: number }, markdown: string) {
  const inPdf = new Set(words(pdf.text));
  const missing = words(markdown).filter((w) => !inPdf.has(w));
  expect(missing.slice(0, 20)).toEqual([]);
  expect(pdf.pages).toBeGreaterThanOrEqual(1);
}

test('the handover and the crisis report print in full, in nl and en', async ({ host, page }) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready', { timeout: 60_000 });
  await expect(page.locator('html')).toHaveAttribute('data-analysis', /^done:[1-9]/, { timeout: 120_000 });
  await setLanguage(page, 'nl');
  await page.keyboard.press('7');
  await page.locator(`[data-testid=flag-card][data-id="${ESCALATION}"]`).click();
  await page.getByTestId('flag-escalate').click();
  const report = page.getByTestId('report-text');
  await expect(report).toContainText('# Escalatie:');
  const handover = await report.innerText();
  expect(handover.split('\n').length).toBeGreaterThan(20);
  const pdf = await printed(page, 'handover-print-nl');
  expectFullReport(pdf, handover);
  // Only the report: no sidebar, list or buttons of the app around it.
  expect(pdf.text).not.toContain('Instellingen');
  expect(pdf.text).not.toContain('Kopiëren');
  await page.keyboard.press('Escape');

  await page.getByTestId('flag-start-crisis').click();
  await expect(page.getByTestId('crisis-view')).toBeVisible();
  for (const lang of ['en', 'nl'] as const) {
    await setLanguage(page, lang);
    await page.getByTestId('crisis-report').click();
    await expect(page.getByTestId('report-dialog')).toContainText(
      lang === 'en' ? 'Crisis report' : 'Crisisrapport',
    );
    const crisis = await report.innerText();
    const out = await printed(page, `crisis-report-print-${lang}`);
    expectFullReport(out, crisis);
    await page.keyboard.press('Escape');
    await expect(report).toHaveCount(0);
  }
});
