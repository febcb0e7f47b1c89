// Issue 14, reports: while the app runs, the leader makes the report of the last full week
// (Monday to Sunday, local calendar) from the rollups and keeps it in the reports list on the
// dashboard. Open it (text and charts, printed to PDF and read back), export it as CSV, in nl and en.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openApp, setLanguage, SHOTS } from './helpers.ts';
import { expectFullReport, printed, words } from './print-helpers.ts';

/** The last full week in the page's local calendar, and its customer messages from IndexedDB. */
async function lastWeek(page: Page): Promise<{ from: number; to: number; key: string; incoming: number }> {
  return page.evaluate(async () => {
    const to = new Date();
    to.setHours(0, 0, 0, 0);
    to.setDate(to.getDate() - ((to.getDay() + 6) % 7));
    const from = new Date(to);
    from.setDate(from.getDate() - 7);
    const pad = (n: number) => String(n).padStart(2, '0');
    const key = `report:weekly:${from.getFullYear()}-${pad(from.getMonth() + 1)}-${pad(from.getDate())}`;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webcare');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      const incoming = await new Promise<number>((resolve, reject) => {
        const index = db.transaction('messages').objectStore('messages').index('createdAt');
        const req = index.getAll(IDBKeyRange.bound(from.getTime(), to.getTime(), false, true));
        req.onsuccess = () =>
          resolve((req.result as { direction: string }[]).filter((m) => m.direction === 'incoming').length);
        req.onerror = () => reject(req.error);
      });
      return { from: from.getTime(), to: to.getTime(), key, incoming };
    } finally {
      db.close();
    }
  });
}

const TEXT = {
  nl: {
    title: 'Weekrapportages',
    open: 'Rapportage van Week',
    report: 'Weekrapportage week',
    caption: 'Klantberichten per kanaal',
  },
  en: {
    title: 'Weekly reports',
    open: 'Open the report of Week',
    report: 'Weekly report week',
    caption: 'Customer messages per channel',
  },
} as const;

test('the weekly report is made while the app runs and opens, prints and exports from the reports list', async ({
  host,
  page,
}) => {
  test.setTimeout(300_000);
  await openApp(page, host.url);
  await page.keyboard.press('9');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  // Made once the demo is seeded and scored (the job waits while the analysis is busy).
  const list = page.getByTestId('stored-reports');
  const item = list.getByTestId('stored-report');
  await expect(item).toHaveCount(1, { timeout: 240_000 });
  const week = await lastWeek(page);
  await expect(item).toHaveAttribute('data-key', week.key);
  // The demo's 30 days of history fill the last full week.
  expect(week.incoming).toBeGreaterThan(300);

  for (const lang of ['nl', 'en'] as const) {
    const tx = TEXT[lang];
    await setLanguage(page, lang);
    await expect(list.getByRole('heading', { name: tx.title })).toBeVisible();
    await expect(item).toContainText(String(week.incoming));
    await list.scrollIntoViewIfNeeded();
    await list.screenshot({ path: `${SHOTS}weekly-reports-${lang}.png` });

    // Open: the week's figures as text, the charts for print.
    await item.getByRole('button', { name: new RegExp(`^${tx.open}`) }).click();
    const dialog = page.getByTestId('report-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading').first()).toContainText(tx.report);
    const markdown = await page.getByTestId('report-text').innerText();
    expect(markdown).toContain(String(week.incoming));
    await expect(page.locator('.print-report figure')).toHaveCount(7);
    await expect
      .poll(() =>
        page
          .locator('.print-report figure img')
          .evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 300).length),
      )
      .toBe(7);
    await page.screenshot({ path: `${SHOTS}weekly-report-dialog-${lang}.png` });
    const pdf = await printed(page, `weekly-report-${lang}`, true);
    expectFullReport(pdf, markdown);
    const inPdf = new Set(words(pdf.text));
    expect(words(tx.caption).filter((w) => !inPdf.has(w))).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }

  // CSV of the stored week: a header and one line per day, adding up to the week's messages.
  const download = page.waitForEvent('download');
  await item.getByRole('button', { name: /^Export Week/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^webcare-week-\d{4}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toMatch(/^bucket_start,incoming,/);
  expect(csv).toHaveLength(8);
  expect(csv.slice(1).reduce((s, l) => s + Number(l.split(',')[1]), 0)).toBe(week.incoming);
  expect(new Date(csv[1]!.split(',')[0]!).getTime()).toBe(week.from);
});
