import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { SHOTS, openApp, queuedReplies, readDraft, readThread, setLanguage } from './helpers.ts';

/**
 * Storage limits (issue 10) in a real Chromium with real IndexedDB: writes are refused with
 * QuotaExceededError by the test-only fault injector (renderer/db/testFaults.ts; Chromium 150
 * ignores the DevTools quota override), and the app must keep the previous state, say what was
 * not saved, keep what was typed and save it once there is room.
 */

const faults = (page: Page, on: boolean) =>
  page.evaluate((failing) => {
    const f = (window as unknown as { __webcareTestFaults: { failWrites: string | null; refused: number } })
      .__webcareTestFaults;
    f.failWrites = failing ? 'quota' : null;
    return f.refused;
  }, on);

const selectedId = (page: Page) => page.getByTestId('conversation-view').getAttribute('data-id');
const countConversations = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webcare');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise<number>((resolve, reject) => {
        const req = db.transaction('conversations').objectStore('conversations').count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  });

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => localStorage.setItem('webcare.test-faults', '1'));
});

test('a full disk loses nothing: the previous state stays, the banner says what was not saved, the draft is saved once there is room', async ({
  host,
  page,
}) => {
  test.slow(); // ~55 s on a loaded 2-core machine: close to the 60 s default
  await openApp(page, host.url);
  await setLanguage(page, 'nl');
  await page.getByTestId('conversation-row').first().click();
  const id = (await selectedId(page))!;
  const conversations = await countConversations(page);
  const thread = (await readThread(page, id)).length;
  const status = await page.getByTestId('detail-status').innerText();

  await page.keyboard.press('r');
  const box = page.getByTestId('composer').locator('textarea');
  await expect(box).toBeFocused();
  await page.keyboard.type('Hoi, we kijken er meteen naar.');
  await expect.poll(async () => (await readDraft(page, id))?.text).toBe('Hoi, we kijken er meteen naar.');

  // The disk fills up: the next draft save, the send and a triage action all fail.
  expect(await faults(page, true)).toBe(0);
  await page.keyboard.type(' Stuur je je ordernummer?');
  const banner = page.getByTestId('storage-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('data-kind', 'full');
  await expect(banner.locator('[data-what=draft]')).toContainText('alleen nog in dit venster');
  await page.keyboard.press('Control+Enter');
  await expect(banner.locator('[data-what=reply]')).toContainText('staat niet in de wachtrij');
  const full = 'Hoi, we kijken er meteen naar. Stuur je je ordernummer?';
  await expect(box).toHaveValue(full);
  await page.keyboard.press('Escape');
  await page.keyboard.press('e'); // resolve
  await expect(banner.locator('[data-what=action]')).toContainText('niet gelukt');
  await expect(banner).toContainText('Alles wat al was opgeslagen, staat er nog.');
  expect(await faults(page, true)).toBeGreaterThanOrEqual(3);

  // Nothing changed in the database: no reply, the same status, the old draft.
  expect((await readThread(page, id)).length).toBe(thread);
  expect((await readDraft(page, id))?.text).toBe('Hoi, we kijken er meteen naar.');
  await expect(page.getByTestId('detail-status')).toHaveText(status);
  expect(await countConversations(page)).toBe(conversations);
  await page.screenshot({ path: `${SHOTS}storage-full-nl.png` });

  // The window cannot be closed without a warning while the draft is only in memory.
  const dialogs: string[] = [];
  page.once('dialog', (d) => {
    dialogs.push(d.type());
    void d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);

  // Space is freed: "Try again" saves the draft; the reply goes out on the next send.
  await faults(page, false);
  await page.getByTestId('storage-retry').click();
  await expect(banner).toHaveCount(0);
  expect((await readDraft(page, id))?.text).toBe(full);
  await box.focus();
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => queuedReplies(page, id)).toEqual([full]);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
  expect(await countConversations(page)).toBe(conversations);
  expect(await queuedReplies(page, id)).toEqual([full]);
});

test('the banner in English, and a draft retried by itself once there is room', async ({ host, page }) => {
  await openApp(page, host.url);
  await setLanguage(page, 'en');
  await page.getByTestId('conversation-row').nth(1).click();
  const id = (await selectedId(page))!;
  await page.keyboard.press('n');
  await faults(page, true);
  await page.keyboard.type('Called the customer back.');
  const banner = page.getByTestId('storage-banner');
  await expect(banner.locator('[data-what=draft]')).toContainText('exists only in this window');
  await page.keyboard.press('Control+Enter');
  await expect(banner.locator('[data-what=note]')).toContainText('was not added');
  await expect(banner).toContainText('Free up space on this computer');
  await page.screenshot({ path: `${SHOTS}storage-full-en.png` });
  await faults(page, false);
  // The retry timer (15 s) saves the draft without a click.
  await expect
    .poll(async () => (await readDraft(page, id))?.text, { timeout: 25_000 })
    .toBe('Called the customer back.');
});

test('settings show usage, the reserve warning and persistence; an import stops at the reserve', async ({
  host,
  context,
  page,
}) => {
  // The browser reports 195 of 200 MB used: inside the 10 MB reserve (5 % of the quota).
  await context.addInitScript(() => {
    const MB = 1024 * 1024;
    Object.defineProperty(navigator.storage, 'estimate', {
      value: async () => ({ usage: 195 * MB, quota: 200 * MB }),
    });
  });
  await openApp(page, host.url);
  for (const lang of ['nl', 'en'] as const) {
    await setLanguage(page, lang);
    await expect(page.getByTestId('storage-low')).toBeVisible();
    await page.keyboard.press('Control+,');
    const section = page.getByTestId('storage-settings');
    await expect(section).toHaveAttribute('data-level', 'low');
    await expect(section).toContainText(
      lang === 'nl' ? '195 MB in gebruik van de 200 MB' : '195 MB used of 200 MB',
    );
    await expect(page.getByTestId('storage-warning')).toContainText(
      lang === 'nl' ? 'Bijna vol' : 'Almost full',
    );
    await expect(page.getByTestId('storage-persist')).not.toHaveAttribute('data-state', 'checking');
    await page.getByTestId('storage-settings').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}storage-settings-${lang}.png` });
    await page.keyboard.press('Escape');
  }
  await page.screenshot({ path: `${SHOTS}storage-low-en.png` });

  const file = join(tmpdir(), `webcare-reserve-${Date.now()}.jsonl`);
  writeFileSync(
    file,
    JSON.stringify({
      id: 'reserve-1',
      channel: 'x',
      direction: 'incoming',
      public: true,
      author: { id: 'r1', handle: 'reserve_test' },
      text: 'Nog steeds geen internet',
      createdAt: new Date().toISOString(),
    }) + '\n',
  );
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Import');
  await page.keyboard.press('Enter');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-stopped')).toHaveAttribute('data-reason', 'reserve');
  await expect(page.getByTestId('import-stopped')).toContainText('1 message was not imported');
});
