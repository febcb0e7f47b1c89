// Regression tests for issue 8, defect 1: a reply typed for one customer must never end up in
// another conversation's composer, draft or outbox, whatever way the agent moves between them.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openApp, queuedReplies, readDraft, row, rowIds, setLanguage } from './helpers.ts';

const TEXT_A = 'Hoi Peter-A, dit antwoord is voor A';
const TEXT_B = 'Hoi B, dit antwoord is alleen voor B';
const TEXT_C = 'Hoi C, dit is voor C';

const composer = (page: Page) => page.getByTestId('composer');
const textarea = (page: Page) => composer(page).locator('textarea');

/** Waits until the detail pane and its composer both belong to `id`. */
async function expectOpen(page: Page, id: string) {
  await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-id', id);
  await expect(composer(page)).toHaveAttribute('data-conversation', id);
}

async function facebookView(page: Page): Promise<string[]> {
  await page.locator('[data-view="channel:facebook"]').click();
  await expect(page.getByRole('heading', { name: 'Facebook' })).toBeVisible();
  await expect(page.getByTestId('conversation-row').nth(5)).toBeVisible();
  // Only Facebook rows (the list may show the previous view's rows for a moment).
  await expect
    .poll(() =>
      page
        .getByTestId('conversation-row')
        .locator('.channel-icon')
        .evaluateAll((icons) => [...new Set(icons.map((i) => i.getAttribute('aria-label')))]),
    )
    .toEqual(['Facebook']);
  return rowIds(page);
}

test.describe('the composer belongs to one conversation', () => {
  test.beforeEach(async ({ host, page }) => {
    await openApp(page, host.url);
    await setLanguage(page, 'nl');
  });

  test('a reply typed in A does not follow a click to B, and Ctrl+Enter queues only B’s own text', async ({
    page,
  }) => {
    const [a, b] = await facebookView(page);
    await row(page, a!).click();
    await expectOpen(page, a!);
    await textarea(page).click();
    await page.keyboard.type(TEXT_A);
    // The agent pauses; the draft autosaves, then they click the next customer.
    await expect.poll(() => readDraft(page, a!)).toMatchObject({ kind: 'reply', text: TEXT_A });
    await row(page, b!).click();
    await expectOpen(page, b!);
    await expect(textarea(page)).toHaveValue('');
    // Sending from B with nothing typed for B sends nothing at all.
    await textarea(page).click();
    await page.keyboard.press('Control+Enter');
    await textarea(page).pressSequentially(TEXT_B);
    await page.keyboard.press('Control+Enter');
    await expect(textarea(page)).toHaveValue('');
    await expect(page.getByTestId('message-outgoing').last()).toContainText(TEXT_B);
    expect(await queuedReplies(page, b!)).toEqual([TEXT_B]);
    // A keeps its own text, as a draft and in its composer.
    await expect.poll(() => readDraft(page, a!)).toMatchObject({ kind: 'reply', text: TEXT_A });
    expect(await readDraft(page, b!)).toBeNull();
    await row(page, a!).click();
    await expectOpen(page, a!);
    await expect(textarea(page)).toHaveValue(TEXT_A);
    expect(await queuedReplies(page, a!)).toEqual([]);
  });

  test('Esc and j move on with an empty composer; the draft stays with A', async ({ page }) => {
    const [a, b] = await facebookView(page);
    await row(page, a!).click();
    await expectOpen(page, a!);
    await page.keyboard.press('r');
    await expect(textarea(page)).toBeFocused();
    await page.keyboard.type(TEXT_A);
    // Straight on, inside the autosave delay: the draft must still reach A, never B.
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await expectOpen(page, b!);
    await expect(textarea(page)).toHaveValue('');
    await page.keyboard.press('r');
    await expect(textarea(page)).toBeFocused();
    await page.keyboard.press('Control+Enter');
    expect(await queuedReplies(page, b!)).toEqual([]);
    await expect.poll(() => readDraft(page, a!)).toMatchObject({ text: TEXT_A });
    expect(await readDraft(page, b!)).toBeNull();
    await page.keyboard.press('Escape');
    await page.keyboard.press('k');
    await expectOpen(page, a!);
    await expect(textarea(page)).toHaveValue(TEXT_A);
  });

  test('after a reload A’s draft is in A only', async ({ page }) => {
    const [a, b] = await facebookView(page);
    await row(page, a!).click();
    await expectOpen(page, a!);
    await page.keyboard.press('r');
    await page.keyboard.type(TEXT_A);
    await expect.poll(() => readDraft(page, a!)).toMatchObject({ text: TEXT_A });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
    await expectOpen(page, a!);
    await expect(textarea(page)).toHaveValue(TEXT_A);
    await page.keyboard.press('j');
    await expectOpen(page, b!);
    await expect(textarea(page)).toHaveValue('');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
    await expectOpen(page, b!);
    await expect(textarea(page)).toHaveValue('');
    await page.keyboard.press('r');
    await page.keyboard.press('Control+Enter');
    expect(await queuedReplies(page, b!)).toEqual([]);
    expect(await readDraft(page, b!)).toBeNull();
    await page.keyboard.press('Escape');
    await page.keyboard.press('k');
    await expectOpen(page, a!);
    await expect(textarea(page)).toHaveValue(TEXT_A);
  });

  test('typing in three conversations in a row keeps three separate drafts and one clean reply', async ({
    page,
  }) => {
    const [a, b, c] = await facebookView(page);
    await row(page, a!).click();
    await expectOpen(page, a!);
    for (const [id, text, next] of [
      [a!, TEXT_A, b!],
      [b!, TEXT_B, c!],
    ] as const) {
      await expectOpen(page, id);
      await page.keyboard.press('r');
      await page.keyboard.type(text);
      await page.keyboard.press('Escape');
      await page.keyboard.press('j');
      await expectOpen(page, next);
    }
    await expect(textarea(page)).toHaveValue('');
    await page.keyboard.press('r');
    await page.keyboard.type(TEXT_C);
    await page.keyboard.press('Control+Enter');
    await expect(textarea(page)).toHaveValue('');
    expect(await queuedReplies(page, c!)).toEqual([TEXT_C]);
    await expect.poll(() => readDraft(page, a!)).toMatchObject({ text: TEXT_A });
    await expect.poll(() => readDraft(page, b!)).toMatchObject({ text: TEXT_B });
    expect(await readDraft(page, c!)).toBeNull();
  });

  test('fast switching (key repeat) never carries text along', async ({ page }) => {
    const ids = await facebookView(page);
    const [a] = ids;
    await row(page, a!).click();
    await expectOpen(page, a!);
    await page.keyboard.press('r');
    await page.keyboard.type(TEXT_A);
    await page.keyboard.press('Escape');
    // Key repeat is about 30 keys a second; go faster than that, down and back up.
    for (const key of ['j', 'j', 'j', 'k', 'j', 'j', 'k', 'k', 'k', 'j', 'k', 'k']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(10);
    }
    await expectOpen(page, a!);
    await expect(textarea(page)).toHaveValue(TEXT_A);
    await expect.poll(() => readDraft(page, a!)).toMatchObject({ text: TEXT_A });
    for (const id of ids.slice(1, 5)) {
      await row(page, id).click();
      await expectOpen(page, id);
      await expect(textarea(page)).toHaveValue('');
      expect(await readDraft(page, id)).toBeNull();
      expect(await queuedReplies(page, id)).toEqual([]);
    }
  });
});
