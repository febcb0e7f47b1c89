// Regression tests for the smaller defects of issue 8 found by using the app as a new user:
// settings closed with Esc, initials, import errors in Dutch, toasts over the composer, the dark
// theme's scrollbar and X icons, long e-mail handles.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { SHOTS, openApp, setLanguage, setTheme } from './helpers.ts';

const SAMPLE = fileURLToPath(new URL('../fixtures/import-sample.jsonl', import.meta.url));

test('settings typed and closed with Esc are kept, initials as typed', async ({ host, page }) => {
  await openApp(page, host.url);
  await setLanguage(page, 'nl');
  await page.getByTestId('open-settings').click();
  const dialog = page.getByTestId('settings-dialog');
  await dialog.getByLabel('Naam', { exact: true }).fill('Marieke de Vries');
  await dialog.getByLabel(/Initialen/).fill('MdV');
  await expect(dialog.getByLabel(/Initialen/)).toHaveValue('MdV');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('open-settings').click();
  await expect(dialog.getByLabel('Naam', { exact: true })).toHaveValue('Marieke de Vries');
  await expect(dialog.getByLabel(/Initialen/)).toHaveValue('MdV');
  // Closing by the backdrop keeps a change too.
  await dialog.getByLabel('Naam', { exact: true }).fill('Marieke de Vries-Bakker');
  await page.mouse.click(5, 5);
  await expect(dialog).toHaveCount(0);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
  await page.getByTestId('open-settings').click();
  await expect(dialog.getByLabel('Naam', { exact: true })).toHaveValue('Marieke de Vries-Bakker');
  await expect(dialog.getByLabel(/Initialen/)).toHaveValue('MdV');
});

test('turning the demo off asks first, saying how many demo conversations go', async ({ host, page }) => {
  await openApp(page, host.url);
  await setLanguage(page, 'nl');
  await page.getByTestId('open-settings').click();
  await page.getByTestId('demo-toggle').click(); // asks first: stays checked until confirmed
  const confirm = page.getByTestId('demo-confirm');
  await expect(confirm).toContainText('3.000 demogesprekken worden verwijderd');
  await expect(confirm).toContainText('Je eigen gesprekken en geïmporteerde berichten blijven staan');
  await expect(page.getByTestId('demo-toggle')).toBeChecked();
  await page.screenshot({ path: `${SHOTS}demo-confirm-nl.png` });
  await confirm.getByRole('button', { name: 'Demo laten staan' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('demo-toggle')).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('count-all')).toHaveText('3.000');
  await setLanguage(page, 'en');
  await page.getByTestId('open-settings').click();
  await page.getByTestId('demo-toggle').click(); // asks first: stays checked until confirmed
  await expect(page.getByTestId('demo-confirm')).toContainText('3,000 demo conversations will be removed');
  await page.screenshot({ path: `${SHOTS}demo-confirm-en.png` });
});

test('import errors are worded in Dutch per code and field, the technical detail tucked away', async ({
  host,
  page,
}) => {
  await openApp(page, host.url);
  await setLanguage(page, 'nl');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('importeren');
  await page.keyboard.press('Enter');
  await page.getByTestId('import-file').setInputFiles(SAMPLE);
  const errors = page.getByTestId('import-error');
  await expect(errors).toHaveCount(5);
  await expect(page.getByTestId('import-report')).toContainText(
    '7 geïmporteerd, 0 al aanwezig, 5 met fouten (van 12 regels)',
  );
  await expect(errors.nth(0)).toContainText('Regel 8');
  await expect(errors.nth(0)).toContainText('Deze regel is geen geldige JSON.');
  await expect(errors.nth(1)).toContainText('Het verplichte veld ‘author’ (afzender) ontbreekt.');
  await expect(errors.nth(2)).toContainText('‘createdAt’ (datum en tijd)');
  await expect(errors.nth(3)).toContainText('Het veld ‘direction’ (richting (incoming of outgoing))');
  await expect(errors.nth(4)).toContainText('Dezelfde id staat al eerder in dit bestand.');
  // What shows is Dutch; zod's English words only appear after opening the details.
  for (const text of await errors.locator('> span[title]').allInnerTexts())
    expect(text).not.toMatch(/Invalid|expected|missing|received/i);
  const detail = errors.nth(1).locator('details');
  await expect(detail.locator('code')).toBeHidden();
  await detail.locator('summary').click();
  await expect(detail.locator('code')).toBeVisible();
  await expect(detail.locator('code')).toContainText('author');
  await page.screenshot({ path: `${SHOTS}import-nl.png` });
});

for (const width of [1280, 1000]) {
  test(`stacked toasts never cover the composer or its send button (${width} px wide)`, async ({
    host,
    page,
  }) => {
    await page.setViewportSize({ width, height: 720 });
    await openApp(page, host.url);
    await setLanguage(page, 'en');
    // 'a' acts on a loaded conversation only: wait for the detail of the first row.
    await expect(page.getByTestId('conversation-view')).toBeVisible();
    // Three actions, three toasts (assign toggles). A toast lives 5 s, so on a loaded machine
    // the boxes are measured in one step in the page, the moment the third toast shows.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('a');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=toast]').length >= n, i + 1);
    }
    const hits = await page.evaluate(() => {
      const box = (el: Element) => el.getBoundingClientRect();
      const meet = (x: DOMRect, y: DOMRect) =>
        x.left < y.right && y.left < x.right && x.top < y.bottom && y.top < x.bottom;
      const composer = document.querySelector('[data-testid=composer]');
      const send = composer?.querySelector('button[type=submit]');
      if (!composer || !send) throw new Error('composer not laid out');
      const toasts = [...document.querySelectorAll('[data-testid=toast]')];
      return {
        toasts: toasts.length,
        covering: toasts.filter((t) => meet(box(t), box(composer)) || meet(box(t), box(send))).length,
      };
    });
    expect(hits.toasts).toBeGreaterThanOrEqual(3);
    expect(hits.covering).toBe(0);
    await page.screenshot({ path: `${SHOTS}toasts-en-${width}.png` });
  });
}

/** WCAG contrast ratio of two computed CSS colours (rgb/rgba). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

test('the dark theme has dark scrollbars and visible X icons', async ({ host, page }) => {
  await openApp(page, host.url);
  await setLanguage(page, 'en');
  await setTheme(page, 'dark');
  const scheme = (l: Locator) => l.evaluate((el) => getComputedStyle(el).colorScheme);
  expect(await scheme(page.locator('html'))).toBe('dark');
  expect(await scheme(page.getByTestId('conversation-list'))).toBe('dark');
  await page.locator('[data-view="channel:x"]').click();
  const icon = page.getByTestId('conversation-row').first().locator('.channel-icon');
  await expect(icon).toHaveAttribute('aria-label', 'X');
  const [iconBg, rowBg] = await Promise.all([
    icon.evaluate((el) => getComputedStyle(el).backgroundColor),
    page.getByTestId('conversation-list').evaluate((el) => {
      // The first ancestor with a background of its own.
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
      }
      return 'rgb(0, 0, 0)';
    }),
  ]);
  expect(contrast(iconBg, rowBg)).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: `${SHOTS}inbox-dark-en.png` });
  await setTheme(page, 'light');
  expect(await scheme(page.locator('html'))).toBe('light');
});

test('a long e-mail address fits the author card, without an @ in front', async ({ host, page }) => {
  const address = 'annemarie.van.der.heijden-bakker.klantenservice@voorbeeldbedrijf-nederland.example.nl';
  const file = join(mkdtempSync(join(tmpdir(), 'webcare-import-')), 'mail.jsonl');
  writeFileSync(
    file,
    `${JSON.stringify({
      id: 'mail-long-1',
      channel: 'email',
      direction: 'incoming',
      public: false,
      author: { id: address, handle: address, name: 'Annemarie van der Heijden-Bakker' },
      text: 'Mijn factuur klopt niet, referentie ZX-99812.',
      createdAt: new Date().toISOString(),
      lang: 'nl',
    })}\n`,
  );
  await openApp(page, host.url);
  await setLanguage(page, 'en');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('import');
  await page.keyboard.press('Enter');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-report')).toContainText('1 imported');
  await page.keyboard.press('Escape');
  await page.getByTestId('search').fill('ZX-99812');
  await page.getByTestId('conversation-row').first().click();
  const card = page.getByTestId('author-card');
  const handle = card.locator('.author-handle');
  await expect(handle).toHaveText(address);
  await expect(handle).toHaveAttribute('title', address);
  await expect(handle).toHaveCSS('text-overflow', 'ellipsis');
  expect(await card.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  expect(await handle.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await page.screenshot({ path: `${SHOTS}author-email-en.png` });
});
