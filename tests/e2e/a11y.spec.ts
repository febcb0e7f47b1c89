// Issue 8, defect 6: every screen is axe-clean (no serious or critical violation of WCAG 2 A/AA)
// in the light and the dark theme, in Dutch and in English (the lengths of the texts differ, and
// so do truncation and wrapping). One page load per theme; the test moves between screens by
// keyboard as an agent would, so focus handling between screens is exercised on the way.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_ESCALATION_ID } from '../../shared/demo/ingest.ts';
import nlApp from '../../shared/i18n/nl/app.json' with { type: 'json' };
import enApp from '../../shared/i18n/en/app.json' with { type: 'json' };
import { SHOTS, openApp, setLanguage, setTheme } from './helpers.ts';
import { addAccount, expect, formValues, test } from './mail.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const APP = { nl: nlApp, en: enApp } as const;
type Lang = keyof typeof APP;

/**
 * Runs axe on what the page shows now and records every serious or critical violation as a soft
 * failure, one line per element (rule, impact, target, axe's summary), so one run lists them all.
 */
async function audit(page: Page, screen: string, dialog?: string): Promise<void> {
  const started = Date.now();
  const builder = new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    // Only violations are read: axe then does not collect the details of passes.
    .options({ resultTypes: ['violations'] });
  // While a modal dialog is open the rest of the app is inert (showModal) and is audited as a
  // screen of its own: auditing the dialog alone keeps each run to a few seconds.
  if (dialog) builder.include(`[data-testid="${dialog}"]`);
  const { violations } = await builder.analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lines = bad.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact}) ${n.target.join(' ')}: ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ')}`,
    ),
  );
  const rules = [...new Set(bad.map((v) => v.id))].join(', ');
  console.log(
    `axe ${screen}: ${lines.length} serious/critical${rules ? ` (${rules})` : ''}, ${Date.now() - started} ms`,
  );
  expect.soft(lines, `axe violations on ${screen}`).toEqual([]);
}

/** Runs a palette command by typing its label, as an agent who does not know the shortcut. */
async function paletteCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.type(label.replace(/…$/, ''));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toHaveCount(0);
}

async function closeDialog(page: Page, testId: string): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(testId)).toHaveCount(0);
}

for (const theme of ['light', 'dark'] as const) {
  test(`every screen has no serious or critical axe violation (${theme} theme, nl and en)`, async ({
    host,
    page,
    mailbox,
    smtp,
  }) => {
    // About 25 axe runs of a few seconds each on a loaded 2-core machine, plus the first analysis.
    test.setTimeout(600_000);
    await openApp(page, host.url);
    // The Flags and crisis screens need the first analysis of the seeded inbox.
    await expect(page.locator('html')).toHaveAttribute('data-analysis', /^done:[1-9]/, { timeout: 120_000 });
    await setTheme(page, theme);
    // A connected mailbox, so Settings → Connected accounts shows a real account row.
    await setLanguage(page, 'nl');
    await addAccount(page, formValues(mailbox, smtp));
    await expect(page.getByTestId('account-list').locator('li.account-row')).toHaveAttribute(
      'data-state',
      'connected',
      { timeout: 30_000 },
    );
    await closeDialog(page, 'accounts-dialog');
    await closeDialog(page, 'settings-dialog').catch(() => undefined);

    for (const lang of ['nl', 'en'] as const satisfies readonly Lang[]) {
      const at = (screen: string) => `${screen} (${theme}, ${lang})`;
      const shot = (screen: string) =>
        page.screenshot({ path: `${SHOTS}a11y-${screen}-${theme}-${lang}.png` });
      await setLanguage(page, lang);
      const commands = APP[lang].commands;

      // Inbox list, then the open conversation with the reply composer in focus.
      await page.keyboard.press('1');
      await expect(page.getByTestId('conversation-row').first()).toBeVisible();
      await audit(page, at('inbox'));
      await page.getByTestId('conversation-row').first().focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('composer').locator('textarea')).toBeFocused();
      await audit(page, at('conversation'));
      await shot('conversation');
      await page.keyboard.press('Escape');

      // Flags, with the seeded escalation's risk panel open.
      await page.keyboard.press('7');
      await expect(page.getByTestId('flags-view')).toBeVisible();
      const card = page.locator(`[data-testid=flag-card][data-id="${DEMO_ESCALATION_ID}"]`);
      if (lang === 'nl') {
        await card.click();
        await expect(page.getByTestId('risk-panel')).toBeVisible();
      }
      await audit(page, at('flags'));
      await shot('flags');

      // Crisis mode: started once from the escalated flag (the handover dialog on the way).
      if (lang === 'nl') {
        await page.getByTestId('flag-escalate').click();
        await expect(page.getByTestId('report-dialog')).toBeVisible();
        await audit(page, at('handover'), 'report-dialog');
        await closeDialog(page, 'report-dialog');
        await page.getByTestId('flag-start-crisis').click();
      } else {
        await page.keyboard.press('8');
      }
      await expect(page.getByTestId('crisis-view')).toBeVisible();
      await audit(page, at('crisis'));
      await shot('crisis');

      await page.keyboard.press('Control+k');
      await expect(page.getByTestId('palette')).toBeVisible();
      await page.keyboard.type('a');
      await audit(page, at('palette'), 'palette');
      await shot('palette');
      await closeDialog(page, 'palette');

      await page.keyboard.press('?');
      await expect(page.getByTestId('shortcuts')).toBeVisible();
      await audit(page, at('shortcuts'), 'shortcuts');
      await closeDialog(page, 'shortcuts');

      await page.keyboard.press('Control+,');
      await expect(page.getByTestId('settings-dialog')).toBeVisible();
      await audit(page, at('settings'), 'settings-dialog');
      await shot('settings');
      await closeDialog(page, 'settings-dialog');

      await paletteCommand(page, commands.accounts);
      await expect(page.getByTestId('accounts-dialog')).toBeVisible();
      await audit(page, at('accounts'), 'accounts-dialog');
      await shot('accounts');
      await closeDialog(page, 'accounts-dialog');

      await paletteCommand(page, commands.templates);
      await expect(page.getByTestId('template-library')).toBeVisible();
      await audit(page, at('templates'), 'template-library');
      await shot('templates');
      await closeDialog(page, 'template-library');

      await page.keyboard.press('9');
      await expect(page.getByTestId('dashboard')).toBeVisible();
      await audit(page, at('dashboard'));
      await shot('dashboard');

      await page.keyboard.press('0');
      await expect(page.getByTestId('authors')).toBeVisible();
      await expect(page.getByTestId('authors').locator('tbody tr').first()).toBeVisible();
      await audit(page, at('authors'));
      await shot('authors');

      await paletteCommand(page, commands.import);
      await expect(page.getByTestId('import-dialog')).toBeVisible();
      await audit(page, at('import'), 'import-dialog');
      await shot('import');
      await closeDialog(page, 'import-dialog');
    }
  });
}
