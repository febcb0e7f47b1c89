// Regression test for issue 8, defect 4 of the list ("Print / save as PDF" printed about three
// lines): the handover and the crisis report print in full. Chromium renders the page with print
// media (page.pdf), poppler reads the PDF back (pdftotext, pdfinfo) and draws its first page
// (pdftoppm) next to the other screenshots.
import { expect, test } from './fixtures.ts';
import { DEMO_ESCALATION_ID } from '../../shared/demo/ingest.ts';
import { setLanguage } from './helpers.ts';
import { expectFullReport, printed } from './print-helpers.ts';

const ESCALATION = DEMO_ESCALATION_ID;

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
