// Issue 14: the monitoring dashboard on the demo inbox. Open it from the keyboard and the
// palette, check its figures against the messages in IndexedDB, change the period, drill into
// the conversations behind a chart, print the period report to PDF (read back with poppler) and
// export the figures as CSV; screenshots in nl and en, light and dark.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openApp, setLanguage, setTheme, SHOTS } from './helpers.ts';
import { expectFullReport, printed, words } from './print-helpers.ts';

/** Customer messages since local midnight `days - 1` days ago, counted from the messages themselves. */
async function incomingSince(page: Page, days: number): Promise<number> {
  return page.evaluate(async (d) => {
    const from = new Date();
    from.setHours(0, 0, 0, 0);
    from.setDate(from.getDate() - (d - 1));
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webcare');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise<number>((resolve, reject) => {
        const index = db.transaction('messages').objectStore('messages').index('createdAt');
        const req = index.getAll(IDBKeyRange.lowerBound(from.getTime()));
        req.onsuccess = () =>
          resolve((req.result as { direction: string }[]).filter((m) => m.direction === 'incoming').length);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }, days);
}

const kpi = async (page: Page, id: string) =>
  Number((await page.getByTestId(id).locator('.kpi-value').innerText()).replace(/[^\d]/g, '') || 'NaN');

for (const c of [
  {
    lang: 'nl' as const,
    d30: '30 dagen',
    today: 'Vandaag',
    report: 'Rapportage…',
    summary: 'Samenvatting',
    palette: 'dashboard',
    captions: [
      'Klantberichten per kanaal',
      'Aandeel negatieve, neutrale en positieve berichten',
      'Klachten, vragen en complimenten',
      'Tijd tot eerste reactie (norm 1 u)',
      'Signalen en radarmeldingen',
      'Open gesprekken per kanaal',
      'Open gesprekken per collega',
    ],
  },
  {
    lang: 'en' as const,
    d30: '30 days',
    today: 'Today',
    report: 'Report…',
    summary: 'Summary',
    palette: 'dashboard',
    captions: [
      'Customer messages per channel',
      'Share of negative, neutral and positive messages',
      'Complaints, questions and praise',
      'First response time (target 1 h)',
      'Flags and radar alerts',
      'Open conversations per channel',
      'Open conversations per agent',
    ],
  },
]) {
  test(`the monitoring dashboard: figures, period, drill-down, report and CSV (${c.lang})`, async ({
    host,
    page,
  }) => {
    test.setTimeout(240_000);
    await openApp(page, host.url);
    await setLanguage(page, c.lang);
    // The analysis has flagged the demo's escalation by now, so the flag chart has something.
    await expect(page.locator('html')).toHaveAttribute('data-analysis', /^done:[1-9]/, { timeout: 120_000 });

    await page.keyboard.press('9');
    const dash = page.getByTestId('dashboard');
    await expect(dash).toBeVisible();
    await expect(page.getByTestId('kpi-messages')).toBeVisible();
    // The 7-day figure is what the messages themselves say (rollups, not a scan, drew it).
    await expect.poll(() => kpi(page, 'kpi-messages')).toBe(await incomingSince(page, 7));
    await expect.poll(() => kpi(page, 'kpi-flags')).toBeGreaterThan(0);
    await expect(page.getByTestId('chart-volume').locator('svg path').first()).toBeAttached();

    await page.getByRole('radio', { name: c.d30 }).click();
    await expect(page.getByRole('radio', { name: c.d30 })).toHaveAttribute('aria-checked', 'true');
    await expect.poll(() => kpi(page, 'kpi-messages')).toBe(await incomingSince(page, 30));
    // The dashboard scrolls inside its pane: a tall window shows all of it.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1400, height: 1500 });
    await page.screenshot({ path: `${SHOTS}dashboard-${c.lang}.png` });
    if (c.lang === 'en') {
      await setTheme(page, 'dark');
      await expect(dash).toBeVisible();
      await page.screenshot({ path: `${SHOTS}dashboard-${c.lang}-dark.png` });
      await setTheme(page, 'light');
    }
    if (size) await page.setViewportSize(size);
    await page.getByRole('radio', { name: c.today }).click();
    await expect.poll(() => kpi(page, 'kpi-messages')).toBe(await incomingSince(page, 1));
    await page.getByRole('radio', { name: c.d30 }).click();

    // CSV: one line per day of the period and a header.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: c.lang === 'nl' ? 'Exporteer CSV' : 'Export CSV' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toMatch(/^bucket_start,incoming,negative/);
    expect(csv.length).toBeGreaterThanOrEqual(31);
    const incomingCol = csv.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0);
    expect(incomingCol).toBe(await incomingSince(page, 30));
    // The demo has 30 days of history: the 30-day view has customer messages on (nearly) every
    // day, not two busy weeks and a flat line (the oldest day is partial).
    const activeDays = csv.slice(1).filter((line) => Number(line.split(',')[1]) > 0).length;
    expect(activeDays).toBeGreaterThanOrEqual(29);

    // The report prints in full.
    await page.getByRole('button', { name: c.report }).click();
    const dialog = page.getByTestId('report-dialog');
    await expect(dialog).toBeVisible();
    const markdown = await page.getByTestId('report-text').innerText();
    expect(markdown).toContain(c.summary);
    // The charts print after the text: every figure drawn (an SVG image that loaded) with its caption.
    const figures = page.locator('.print-report figure');
    await expect(figures).toHaveCount(c.captions.length);
    await expect(page.locator('.print-report figcaption')).toHaveText(c.captions);
    await expect
      .poll(() =>
        page
          .locator('.print-report figure img')
          .evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 300).length),
      )
      .toBe(c.captions.length);
    const pdf = await printed(page, `dashboard-report-${c.lang}`, true);
    expectFullReport(pdf, markdown);
    // Captions of two figures side by side share lines in pdftotext's layout: compare words.
    const inPdf = new Set(words(pdf.text));
    for (const caption of c.captions) expect(words(caption).filter((w) => !inPdf.has(w))).toEqual([]);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Drill into the busiest channel: its open conversations in the inbox.
    const drill = page.locator('.dashboard-drill button').first();
    await drill.click();
    await expect(dash).toBeHidden();
    const view = await page.evaluate(() => sessionStorage.getItem('webcare.view'));
    expect(view).toMatch(/^channel:/);
    await expect(page.getByTestId('conversation-row').first()).toBeVisible();

    // And back through the command palette.
    await page.keyboard.press('Control+k');
    await page.keyboard.type(c.palette);
    await page.keyboard.press('Enter');
    await expect(dash).toBeVisible();
  });
}
