// Issue 14: influential authors. The directory by reach on the demo inbox, an author put on a
// watchlist, a contact logged in the relationship log (an empty one refused with a translated
// message, nothing lost), an agreed check-in that is due shows as a reminder, and the
// complainer-to-ambassador tab; screenshots in nl and en.
import { expect, test } from './fixtures.ts';
import { openApp, setLanguage, SHOTS } from './helpers.ts';

for (const c of [
  {
    lang: 'nl' as const,
    add: 'Op de volglijst zetten',
    log: 'Vastleggen',
    empty: 'Schrijf eerst op wat er gebeurd is.',
    text: 'Gebeld over de storing, ze schrijft er volgende week over.',
    kind: 'Afspraak',
    influencers: 'Influencers',
    ambassadors: 'Van klager naar ambassadeur',
    due: 'Contactmoment sinds',
  },
  {
    lang: 'en' as const,
    add: 'Add to watchlist',
    log: 'Log it',
    empty: 'Write down what happened first.',
    text: 'Called about the outage, she will write about it next week.',
    kind: 'Agreement',
    influencers: 'Influencers',
    ambassadors: 'Complainers to ambassadors',
    due: 'Check-in due since',
  },
]) {
  test(`influential authors: directory, watchlist, relationship log, reminder (${c.lang})`, async ({
    host,
    page,
  }) => {
    test.setTimeout(180_000);
    await openApp(page, host.url);
    await setLanguage(page, c.lang);
    await page.keyboard.press('0');
    const screen = page.getByTestId('authors');
    await expect(screen).toBeVisible();
    const rows = screen.locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(10);

    // The directory is by reach: the first row reaches the most people.
    const first = rows.first().locator('td button.link');
    const name = await first.innerText();
    await first.click();
    const detail = page.getByTestId('author-detail');
    await expect(detail.getByRole('heading', { name })).toBeVisible();
    await detail.getByRole('button', { name: c.add }).click();

    // An empty entry is refused with a message; the chosen kind stays.
    await detail.getByRole('combobox').last().selectOption({ label: c.kind });
    await detail.getByRole('button', { name: c.log }).click();
    await expect(detail.getByRole('alert')).toHaveText(c.empty);
    await detail.locator('textarea').fill(c.text);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await detail.locator('input[type=date]').fill(today);
    await detail.getByRole('button', { name: c.log }).click();
    await expect(detail.locator('.relations li').first()).toContainText(c.text);
    await expect(detail.getByRole('alert')).toHaveCount(0);
    await expect(detail.locator('textarea')).toHaveValue('');
    await page.screenshot({ path: `${SHOTS}authors-${c.lang}.png` });

    // On the watchlist, with the check-in due today as a reminder.
    await page.getByRole('tab', { name: new RegExp(c.influencers) }).click();
    const watchRow = screen.locator('tbody tr', { hasText: name });
    await expect(watchRow).toBeVisible();
    await expect(watchRow).toContainText(c.due);
    await expect(page.locator('.reminder-banner')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}authors-influencers-${c.lang}.png` });

    // The entry survives a reload (it is a log event in IndexedDB).
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-app', 'ready', { timeout: 60_000 });
    await expect(screen.locator('tbody tr', { hasText: name })).toContainText(c.due);

    await page.getByRole('tab', { name: c.ambassadors }).click();
    await expect(page.getByTestId('kpi-conversion')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}authors-ambassadors-${c.lang}.png` });
  });
}

// Issue 14: watchlists importable as CSV. A spreadsheet with one handle from the demo inbox, one
// that is not in it and one unknown list: the match goes on its list, the rest is listed by line.
test('a watchlist CSV: matching handles go on their list, the other lines are listed with the reason', async ({
  host,
  page,
}) => {
  await openApp(page, host.url);
  await setLanguage(page, 'nl');
  const author = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webcare');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      const all = await new Promise<{ id: string; name: string; handle: string | null }[]>(
        (resolve, reject) => {
          const req = db.transaction('authors').objectStore('authors').getAll();
          req.onsuccess = () => resolve(req.result as { id: string; name: string; handle: string | null }[]);
          req.onerror = () => reject(req.error);
        },
      );
      const uses = new Map<string, number>();
      for (const a of all)
        if (a.handle) uses.set(a.handle.toLowerCase(), (uses.get(a.handle.toLowerCase()) ?? 0) + 1);
      return all.find((a) => a.handle && a.name && uses.get(a.handle.toLowerCase()) === 1)!;
    } finally {
      db.close();
    }
  });
  await page.keyboard.press('0');
  await page.getByRole('tab', { name: /Influencers/ }).click();
  const csv = [
    'handle;list;owner',
    `@${author.handle};pers;`,
    'onbekend_xyz;pers;',
    `${author.handle};lobby;`,
  ].join('\n');
  await page.getByTestId('watchlist-import-file').setInputFiles({
    name: 'volglijst.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  const result = page.getByTestId('watchlist-import-result');
  await expect(result).toContainText('1 toegevoegd aan een volglijst, 0 bijgewerkt.');
  await expect(result).toContainText('Regel 3: niemand met de handle "onbekend_xyz" in deze inbox');
  await expect(result).toContainText('Regel 4: "lobby" is geen volglijst');
  const row = page.getByTestId('authors').locator('tbody tr', { hasText: author.name });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Pers');
  await page.screenshot({ path: `${SHOTS}authors-import-nl.png` });
  await setLanguage(page, 'en');
  await expect(result).toContainText('Line 3: nobody with the handle "onbekend_xyz" in this inbox');
  await page.screenshot({ path: `${SHOTS}authors-import-en.png` });
});
