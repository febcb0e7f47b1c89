// Regression tests for issue 8, defect 2: after a view switch, and while keys come in fast, the
// detail pane and the action keys point at a conversation the agent can see, and only at one.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openApp, row, rowIds, setLanguage, waitForAnalysedDemo } from './helpers.ts';

const detail = (page: Page) => page.getByTestId('conversation-view');

/** Status of one conversation, straight from IndexedDB. */
async function statusOf(page: Page, id: string): Promise<string | null> {
  return page.evaluate(async (cid) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webcare');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise<string | null>((resolve, reject) => {
        const req = db.transaction('conversations').objectStore('conversations').get(cid);
        req.onsuccess = () => resolve((req.result as { status: string } | undefined)?.status ?? null);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }, id);
}

/** The list's rows once they all belong to `channel` (icons carry the channel name). */
async function settledRows(page: Page, channelLabel: string): Promise<string[]> {
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
  await expect
    .poll(() =>
      page
        .getByTestId('conversation-row')
        .locator('.channel-icon')
        .evaluateAll((icons) => [...new Set(icons.map((i) => i.getAttribute('aria-label')))]),
    )
    .toEqual([channelLabel]);
  return rowIds(page);
}

/**
 * Records every moment (each DOM mutation) at which the detail pane holds parts of more than one
 * conversation: the header, each message, the composer and the risk panel name their
 * conversation; the author card names its author.
 */
async function watchForMixes(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { mixes: string[] };
    w.mixes = [];
    const check = () => {
      const view = document.querySelector('[data-testid=conversation-view]');
      if (!view) return;
      const id = view.getAttribute('data-id');
      const author = view.getAttribute('data-author');
      for (const el of view.querySelectorAll('[data-conversation]'))
        if (el.getAttribute('data-conversation') !== id)
          w.mixes.push(
            `${id} shows ${el.getAttribute('data-testid') ?? el.className} of ${el.getAttribute('data-conversation')}`,
          );
      for (const el of view.querySelectorAll('[data-author]'))
        if (el.getAttribute('data-author') !== author)
          w.mixes.push(`${id} shows the author card of ${el.getAttribute('data-author')}`);
    };
    new MutationObserver(check).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}
const mixes = (page: Page) => page.evaluate(() => (window as unknown as { mixes: string[] }).mixes);

test.describe('view switches', () => {
  test.beforeEach(async ({ host, page }) => {
    await openApp(page, host.url);
    await setLanguage(page, 'en');
  });

  test('clicking WhatsApp in Open shows a WhatsApp conversation, and e resolves that one, not the previous', async ({
    page,
  }) => {
    // Start on a conversation of another channel than WhatsApp.
    const other = page
      .getByTestId('conversation-row')
      .filter({ hasNot: page.locator('.channel-icon[aria-label="WhatsApp"]') })
      .first();
    const before = await other.getAttribute('data-id');
    await other.click();
    await expect(detail(page)).toHaveAttribute('data-id', before!);
    await page.locator('[data-view="channel:whatsapp"]').click();
    const ids = await settledRows(page, 'WhatsApp');
    await expect(detail(page)).toHaveAttribute('data-id', ids[0]!);
    await expect(row(page, ids[0]!)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('e');
    await expect(page.getByTestId('toast').first()).toContainText('Resolved');
    await expect.poll(() => statusOf(page, ids[0]!)).toBe('resolved');
    expect(await statusOf(page, before!)).toBe('open');
  });

  test('keys 1–6 always leave the detail on a row of the view shown (or on nothing)', async ({ page }) => {
    for (const key of ['2', '3', '1', '5', '4', '6', '1', '3', '6', '2']) {
      const before = await detail(page).getAttribute('data-id');
      await page.keyboard.press(key);
      const active = page.locator('.nav-item.active');
      await expect(active.locator('kbd')).toHaveText(key);
      // Either the view is empty (nothing shown) or the detail shows its first row.
      await expect
        .poll(async () => {
          const ids = await rowIds(page);
          if ((await page.getByTestId('list-empty').count()) > 0)
            return (await page.getByTestId('no-conversation').count()) === 1 ? 'empty' : 'stale detail';
          const shown = await detail(page).getAttribute('data-id');
          return ids.length > 0 && shown === ids[0]
            ? 'first row'
            : `shown ${shown}, rows ${ids.slice(0, 2).join()}`;
        })
        .toMatch(/^(first row|empty)$/);
      // An action key right away acts on what is shown: assign toggles the shown conversation.
      const shown = await detail(page).getAttribute('data-id');
      if (shown && shown !== before) expect(await rowIds(page)).toContain(shown);
    }
  });

  test('no frame shows parts of two conversations while switching views and moving fast', async ({
    page,
  }) => {
    await watchForMixes(page);
    for (const key of ['j', 'j', 'j', 'k', '6', 'j', 'j', '1', 'j', '3', 'j', 'k', '1']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(15);
    }
    for (const id of (await rowIds(page)).slice(0, 6)) {
      await row(page, id).click();
      await page.waitForTimeout(5);
    }
    await page.locator('[data-view="channel:facebook"]').click();
    await page.keyboard.press('j');
    await page.locator('[data-view="open"]').click();
    await expect(detail(page)).toBeVisible();
    await page.waitForTimeout(300);
    expect(await mixes(page)).toEqual([]);
  });
});

test.describe('fast keys', () => {
  test.beforeEach(async ({ host, page }) => {
    await openApp(page, host.url);
    await setLanguage(page, 'en');
  });

  test('j at key-repeat speed moves one row per key, never back to row 0', async ({ page }) => {
    const ids = await rowIds(page);
    await expect(detail(page)).toHaveAttribute('data-id', ids[0]!);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('j');
      await page.waitForTimeout(10);
    }
    await expect(detail(page)).toHaveAttribute('data-id', ids[8]!);
    await expect(row(page, ids[8]!)).toHaveAttribute('aria-selected', 'true');
  });

  test('Enter right after fast j opens the row moved to, not row 0', async ({ page }) => {
    const ids = await rowIds(page);
    await expect(detail(page)).toHaveAttribute('data-id', ids[0]!);
    for (let i = 0; i < 4; i++) {
      await page.waitForTimeout(10);
      await page.keyboard.press('j');
    }
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('composer')).toHaveAttribute('data-conversation', ids[4]!);
    await expect(page.getByTestId('composer').locator('textarea')).toBeFocused();
  });
});

test('starting crisis mode selects a conversation of the crisis; the flags screen never shows a mixed detail', async ({
  host,
  page,
}) => {
  test.setTimeout(420_000);
  await page.goto(host.url);
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready', { timeout: 60_000 });
  await expect(page.locator('html')).toHaveAttribute('data-analysis', /^done:[1-9]/, { timeout: 120_000 });
  await waitForAnalysedDemo(page);
  await setLanguage(page, 'en');
  await page.keyboard.press('7');
  await expect(page.getByTestId('flag-card').nth(3)).toBeVisible();
  await watchForMixes(page);
  // Flagged conversations carry a risk panel: moving between them must never show A's panel on B.
  for (let i = 0; i < 6; i++) {
    await page
      .getByTestId('flag-card')
      .nth(i % 4)
      .click();
    await page.waitForTimeout(5);
  }
  for (const key of ['j', 'j', 'k', 'j', 'j', 'j']) {
    await page.keyboard.press(key);
    await page.waitForTimeout(10);
  }
  await expect(detail(page)).toBeVisible();
  await page.waitForTimeout(300);
  expect(await mixes(page)).toEqual([]);

  // Start crisis mode from the radar: the detail then shows a conversation of the crisis list.
  await page.getByTestId('start-crisis').first().click();
  await expect(page.getByTestId('crisis-view')).toBeVisible();
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
  const ids = await rowIds(page);
  await expect(detail(page)).toHaveAttribute('data-id', ids[0]!);
  await page.keyboard.press('8');
  await expect(detail(page)).toHaveAttribute('data-id', ids[0]!);
  expect(await mixes(page)).toEqual([]);
});
