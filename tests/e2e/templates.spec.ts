// Issue 11: a reply from a template, keyboard only. Insert by short code, fill the variable the
// template could not fill (the customer's profile has no name; they signed "Groet, Fleur"), see a
// warning, hit a blocking check, override it with a reason, and find the template id, the
// variables, the check results and the reason stored with the queued message.
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openApp, readThread, setLanguage, SHOTS } from './helpers.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/templates-conversations.jsonl', import.meta.url));
const composer = (page: Page) => page.getByTestId('composer');
const textarea = (page: Page) => composer(page).locator('textarea');

async function importFixture(page: Page) {
  await page.keyboard.press('Control+k');
  await page.keyboard.type('import');
  await page.keyboard.press('Enter');
  await page.getByTestId('import-file').setInputFiles(FIXTURE);
  await expect(page.getByTestId('import-report')).toContainText(/2/);
  await page.keyboard.press('Escape');
}

/** Opens the one conversation of that handle and returns its local id (an import gets local ids
 *  of its own account; the source's conversation id is only the thread key). */
async function openByHandle(page: Page, handle: string): Promise<string> {
  await page.getByTestId('search').fill(handle);
  const rowOf = page.getByTestId('conversation-row');
  await expect(rowOf).toHaveCount(1);
  const id = await rowOf.first().getAttribute('data-id');
  if (!id) throw new Error('row without an id');
  await rowOf.first().click();
  await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-id', id);
  await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-author', /7001|7002/);
  return id;
}

interface StoredReply {
  text: string;
  reply?: {
    provenance: {
      template: { id: string; lang: string; style: string } | null;
      variables: Record<string, { value: string; source: string }>;
    };
    checks: {
      results: Array<{ code: string; severity: string }>;
      override: { reason: string; codes: string[] } | null;
    };
  };
}

for (const c of [
  {
    lang: 'nl' as const,
    handle: 'fl0r_utr',
    name: 'Fleur',
    wrong: 'Piet',
    greeting: 'Hoi',
    reason: 'Klant vroeg zelf om terugbellen op dit nummer',
  },
  {
    lang: 'en' as const,
    handle: 'sam_p_uk',
    name: 'Sam',
    wrong: 'Tom',
    greeting: 'Hi',
    reason: 'The customer asked us to call this number',
  },
]) {
  test(`a templated reply, keyboard only, with its checks stored (${c.lang})`, async ({ host, page }) => {
    test.slow(); // a long keyboard walk through import, picker, form and checks
    await openApp(page, host.url);
    await setLanguage(page, c.lang);
    await importFixture(page);
    const id = await openByHandle(page, c.handle);

    // The suggestions fit the complaint (money back), before anything is typed.
    await page.keyboard.press('r');
    await expect(textarea(page)).toBeFocused();
    await expect(page.getByTestId('template-suggestions')).toContainText('/refund');

    // Short code: "/ref" opens the picker, Enter inserts the variant for X in the customer's language.
    await page.keyboard.type('/ref');
    await expect(page.getByTestId('template-picker')).toContainText('/refund');
    await page.keyboard.press('Enter');
    await expect(textarea(page)).toHaveValue(
      new RegExp(`^${c.greeting} ${c.lang === 'nl' ? 'daar' : 'there'},`),
    );
    await expect(page.getByTestId('reply-preview')).toBeVisible();

    // The first name is unknown on the profile; the form offers the name the customer signed with.
    const form = page.getByTestId('variable-form');
    await expect(form).toContainText(c.name);
    await page.keyboard.press('Tab');
    await expect(form.locator('input')).toBeFocused();
    await expect(form.locator('input')).toHaveValue(c.name);
    await page.keyboard.press('Enter');
    await expect(textarea(page)).toBeFocused();
    await expect(textarea(page)).toHaveValue(new RegExp(`^${c.greeting} ${c.name},`));
    await expect(form).toHaveCount(0);
    await expect(page.getByTestId('length-counter')).toContainText('/ 280');

    // A wrong name in the greeting is a warning: shown, and the reply can still be sent.
    const right = await textarea(page).inputValue();
    await textarea(page).fill(right.replace(`${c.greeting} ${c.name},`, `${c.greeting} ${c.wrong},`));
    const warning = page.locator('[data-check="greetingName"]');
    await expect(warning).toHaveAttribute('data-severity', 'warn');
    await page.screenshot({ path: `${SHOTS}composer-warning-${c.lang}.png` });
    await textarea(page).fill(right);
    await expect(warning).toHaveCount(0);

    // A phone number in a public reply blocks the send until the agent gives a reason.
    await textarea(page).press('End');
    await page.keyboard.type(
      c.lang === 'nl' ? ' Bellen we je op 06-12345678?' : ' Shall we call you on 06-12345678?',
    );
    await expect(page.locator('[data-check="personalData"]')).toHaveAttribute('data-severity', 'block');
    await page.keyboard.press('Control+Enter');
    const reason = page.getByTestId('override').locator('input');
    await expect(reason).toBeFocused();
    expect(await readThread(page, id)).toHaveLength(1);
    await page.screenshot({ path: `${SHOTS}composer-blocked-${c.lang}.png` });
    await page.keyboard.type(c.reason);
    await page.keyboard.press('Enter');
    await expect(textarea(page)).toHaveValue('');

    // Stored with the message: template, variables, check results and the reason.
    const thread = (await readThread(page, id)) as unknown as StoredReply[];
    const sent = thread.at(-1)!;
    expect(sent.text).toContain('06-12345678');
    expect(sent.reply?.provenance.template).toMatchObject({
      id: 'starter-refund',
      lang: c.lang,
      style: 'short',
    });
    expect(sent.reply?.provenance.variables['customer.firstName']).toEqual({
      value: c.name,
      source: 'variable',
    });
    expect(sent.reply?.checks.results.map((r) => [r.code, r.severity])).toContainEqual([
      'personalData',
      'block',
    ]);
    expect(sent.reply?.checks.override).toEqual({ reason: c.reason, codes: ['personalData'] });
  });
}

// Issue 11: the same canned text posted publicly again and again. Three public replies with one
// text go out (queued counts as posted); the fourth copy for the same brand warns with the
// earlier posts, and rewording it in the agent's own words clears the warning.
const DUPLICATES = fileURLToPath(new URL('../fixtures/duplicate-conversations.jsonl', import.meta.url));

for (const lang of ['nl', 'en'] as const) {
  test(`a near-duplicate public reply warns with the earlier posts, and rewording resolves it (${lang})`, async ({
    host,
    page,
  }) => {
    test.slow(); // four replies, typed
    await openApp(page, host.url);
    await setLanguage(page, lang);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('import');
    await page.keyboard.press('Enter');
    await page.getByTestId('import-file').setInputFiles(DUPLICATES);
    await expect(page.getByTestId('import-report')).toContainText(/4/);
    await page.keyboard.press('Escape');
    await page.getByTestId('search').fill('lunetten');
    const rows = page.getByTestId('conversation-row');
    await expect(rows).toHaveCount(4);
    const stock =
      'Wat vervelend dat je zonder internet zit! Er is een storing in Utrecht, onze monteurs zijn ermee bezig. We houden je hier op de hoogte.';
    const ids = await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-id') ?? ''));
    const warning = page.locator('[data-check="nearDuplicate"]');
    for (const [i, id] of ids.entries()) {
      await page.locator(`[data-testid=conversation-row][data-id="${id}"]`).click();
      await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-id', id);
      await page.keyboard.press('r');
      await expect(textarea(page)).toBeFocused();
      await page.keyboard.type(stock);
      if (i < 3) {
        await expect(warning).toHaveCount(0);
        await page.keyboard.press('Control+Enter');
        await expect(textarea(page)).toHaveValue('');
        continue;
      }
      // The fourth copy: a warning with the three earlier posts, and the reply can still be sent.
      await expect(warning).toHaveAttribute('data-severity', 'warn');
      await warning.locator('summary').click();
      await expect(warning.locator('li')).toHaveCount(3);
      await page.screenshot({ path: `${SHOTS}composer-duplicate-${lang}.png` });
      await textarea(page).fill(
        'Hoi Lotte, balen dat je thuiswerkdag zo begint. De storing in Zuid zit in een kast aan de Briljantlaan; rond 14:00 moet je weer online zijn.',
      );
      await expect(warning).toHaveCount(0);
      await textarea(page).press('Control+Enter');
      await expect(textarea(page)).toHaveValue('');
    }
    const thread = await readThread(page, ids[3]!);
    expect(thread.at(-1)?.text).toContain('Briljantlaan');
  });
}
