// Issue 11: the template library. Search, edit with the error shown at its position, fix and
// save, see usage counts, export and import a file with a bad template reported (nl and en).
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openApp, setLanguage, SHOTS } from './helpers.ts';

async function openLibrary(page: Page, word: string) {
  await page.keyboard.press('Control+k');
  await page.keyboard.type(word);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('template-library')).toBeVisible();
}

for (const c of [
  {
    lang: 'nl' as const,
    palette: 'sjabloon',
    search: '/storing',
    bad: 'Hoi {{naam}}, de storing is voorbij.',
    message: 'Bedoel je customer.firstName?',
  },
  {
    lang: 'en' as const,
    palette: 'template',
    search: '/outage',
    bad: 'Hi {{naam}}, the outage is over.',
    message: 'Did you mean customer.firstName?',
  },
]) {
  test(`the template library: search, edit with errors at their place, import and export (${c.lang})`, async ({
    host,
    page,
  }) => {
    await openApp(page, host.url);
    await setLanguage(page, c.lang);
    await openLibrary(page, c.palette);
    const items = page.getByTestId('library-item');
    // The starter library, seeded on first run.
    await expect(items).toHaveCount(31);

    await page.getByTestId('library-search').fill(c.search);
    await expect(items.first()).toHaveAttribute('data-code', 'storing');
    await items.first().click();
    const editor = page.getByTestId('template-editor');
    const body = editor.getByTestId('variant-editor').first().locator('textarea');
    await body.fill(c.bad);
    // Shown while typing, and on save the cursor lands on the mistake.
    await expect(editor.getByTestId('variant-error').first()).toContainText(c.message);
    await page.getByTestId('editor-save').click();
    await expect(body).toBeFocused();
    const selected = await body.evaluate((el: HTMLTextAreaElement) =>
      el.value.slice(el.selectionStart, el.selectionEnd),
    );
    expect(selected).toBe('{{naam}}');
    await page.screenshot({ path: `${SHOTS}template-library-${c.lang}.png` });
    await body.fill(c.bad.replace('{{naam}}', '{{customer.firstName | "daar"}}'));
    await expect(editor.getByTestId('variant-error')).toHaveCount(0);
    await page.getByTestId('editor-save').click();
    await expect(page.getByTestId('editor-saved')).toBeVisible();

    // Export, then import a file with one good and one broken template.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: c.lang === 'nl' ? 'Exporteren' : 'Export' }).click();
    const file = await (await download).path();
    expect(file).toBeTruthy();
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    const importFile = join(dir, 'library.json');
    writeFileSync(
      importFile,
      JSON.stringify({
        format: 'webcare-templates',
        version: 1,
        templates: [
          {
            id: 'team-1',
            shortCode: 'parkeren',
            title: { nl: 'Parkeren' },
            category: 'info',
            variants: [
              {
                lang: 'nl',
                style: 'default',
                body: 'Hoi {{customer.firstName | "daar"}}, parkeren kan in de garage.',
              },
            ],
          },
          {
            id: 'team-2',
            shortCode: 'kapot',
            title: { nl: 'Kapot' },
            category: 'info',
            variants: [{ lang: 'nl', style: 'default', body: 'Hoi {{customer.firstName' }],
          },
        ],
      }),
    );
    await page.getByTestId('library-import').setInputFiles(importFile);
    const report = page.getByTestId('library-report');
    await expect(report).toContainText(
      c.lang === 'nl' ? '1 toegevoegd, 0 bijgewerkt, 1 met fouten' : '1 added, 0 updated, 1 with errors',
    );
    await page.getByTestId('library-search').fill('/park');
    await expect(items).toHaveCount(1);
  });
}
