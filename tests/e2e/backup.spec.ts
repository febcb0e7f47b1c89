import { readdirSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { SHOTS, openApp, readThread, setLanguage } from './helpers.ts';

/**
 * Backup and restore (issue 10) through the real browser-mode host: snapshots go to the data
 * folder through main, restore shows a preview and asks, a damaged snapshot is refused and
 * changes nothing.
 */

const selectedId = (page: Page) => page.getByTestId('conversation-view').getAttribute('data-id');

async function addNote(page: Page, text: string) {
  await page.keyboard.press('n');
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('message-note').last()).toContainText(text);
  await page.keyboard.press('Escape');
}

// Backing up the 3,000-conversation demo streams ~30 MB through the host in 256 KB calls.
test.describe.configure({ timeout: 480_000 });
const BACKUP_WAIT = { timeout: 150_000 };

async function openSettings(page: Page) {
  await page.keyboard.press('Control+,');
  await expect(page.getByTestId('backup-settings')).toBeVisible();
}

test('back up, change, restore with a preview: the inbox is as it was at the backup; a cut-off backup is refused and changes nothing', async ({
  host,
  page,
}) => {
  await openApp(page, host.url);
  await setLanguage(page, 'nl');
  await page.getByTestId('conversation-row').first().click();
  const id = (await selectedId(page))!;
  await addNote(page, 'Voor de back-up genoteerd');

  await openSettings(page);
  const t0 = Date.now();
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-message')).toHaveAttribute('data-tone', 'ok', BACKUP_WAIT);
  console.log(`backup of the demo inbox: ${Date.now() - t0} ms`);
  await expect(page.getByTestId('backup-message')).toContainText('Back-up gemaakt');
  const row = page.locator('[data-testid=backup-row][data-reason=manual]');
  await expect(row).toHaveCount(1);
  const files = readdirSync(join(host.dataDir, 'backups'));
  expect(files.filter((f) => f.endsWith('-manual.jsonl'))).toHaveLength(1);
  await page.getByTestId('backup-settings').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}backup-settings-nl.png` });
  await page.keyboard.press('Escape');

  await addNote(page, 'Na de back-up genoteerd');
  expect((await readThread(page, id)).map((m) => m.text)).toContain('Na de back-up genoteerd');

  await openSettings(page);
  await row.getByTestId('backup-restore').click();
  const confirm = page.getByTestId('restore-confirm');
  await expect(confirm).toBeVisible(BACKUP_WAIT);
  await expect(confirm).toContainText('gesprekken');
  await expect(confirm).toContainText('Je huidige inbox wordt erdoor vervangen');
  await confirm.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}backup-restore-confirm-nl.png` });
  const started = Date.now();
  // The window reloads on the restored database 600 ms after saying so: wait for that new
  // document (a marker on the old one is gone), not for the short-lived "restored" step.
  await page.evaluate(() => ((window as unknown as { beforeRestore?: true }).beforeRestore = true));
  const reloaded = page.waitForEvent('framenavigated', {
    ...BACKUP_WAIT,
    predicate: (f) => f === page.mainFrame(),
  });
  await page.getByTestId('restore-confirm-button').click();
  await reloaded;
  console.log(`restore (backup of the current inbox + replace): ${Date.now() - started} ms`);
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready', { timeout: 60_000 });
  expect(
    await page.evaluate(() => (window as unknown as { beforeRestore?: true }).beforeRestore),
  ).toBeUndefined();
  await expect
    .poll(async () => (await readThread(page, id)).map((m) => m.text), { timeout: 20_000 })
    .toContain('Voor de back-up genoteerd');
  expect((await readThread(page, id)).map((m) => m.text)).not.toContain('Na de back-up genoteerd');
  // The inbox as it was before the restore was saved first.
  expect(
    readdirSync(join(host.dataDir, 'backups')).filter((f) => f.endsWith('-before-restore.jsonl')),
  ).toHaveLength(1);

  // The snapshot made before the restore, cut off (a full disk, a copy that stopped): refused
  // with the reason, and the inbox stays exactly as it is.
  await setLanguage(page, 'en');
  const dir = join(host.dataDir, 'backups');
  const file = readdirSync(dir).find((f) => f.endsWith('-before-restore.jsonl'))!;
  truncateSync(join(dir, file), Math.floor(statSync(join(dir, file)).size / 3));
  await page.getByTestId('conversation-row').first().click();
  await addNote(page, 'Written after the restore');
  await openSettings(page);
  await page.locator(`[data-testid=backup-row][data-name="${file}"]`).getByTestId('backup-restore').click();
  const message = page.getByTestId('backup-message');
  await expect(message).toHaveAttribute('data-tone', 'error', BACKUP_WAIT);
  await expect(message).toContainText('cut off or changed');
  await expect(message).toContainText('Nothing was changed.');
  await expect(page.getByTestId('restore-confirm')).toHaveCount(0);
  await page.getByTestId('backup-settings').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}backup-refused-en.png` });
  await page.keyboard.press('Escape');
  const after = (await selectedId(page))!;
  expect((await readThread(page, after)).map((m) => m.text)).toContain('Written after the restore');
});
