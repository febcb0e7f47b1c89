import type { Page } from '@playwright/test';
import { startDovecot } from '../servers/dovecot.ts';
import type { DovecotServer, DovecotUser } from '../servers/dovecot.ts';
import { startSmtpServer } from '../servers/smtp.ts';
import type { SmtpTestServer } from '../servers/smtp.ts';
import { expect, test as base } from './fixtures.ts';

/**
 * Real mail servers for end-to-end tests: one Dovecot per Playwright worker (a mailbox user per
 * test) and an in-process smtp-server per test, both on 127.0.0.1 and stopped afterwards.
 */
type MailFixtures = { mailbox: DovecotUser; smtp: SmtpTestServer };
type MailWorkerFixtures = { dovecot: DovecotServer };

export const test = base.extend<MailFixtures, MailWorkerFixtures>({
  dovecot: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
    async ({}, use) => {
      const server = await startDovecot({ spareUsers: 40 });
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: 'worker' },
  ],
  mailbox: async ({ dovecot }, use) => {
    await use(dovecot.addUser());
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  smtp: async ({}, use) => {
    const server = await startSmtpServer();
    try {
      await use(server);
    } finally {
      await server.stop();
    }
  },
});

export { expect };

export interface AccountFormValues {
  name: string;
  address: string;
  imapPort: number;
  smtpPort: number;
  user: string;
  password: string;
  smtpUser?: string;
  smtpPassword?: string;
}

export function formValues(
  mailbox: DovecotUser,
  smtp: SmtpTestServer,
  over: Partial<AccountFormValues> = {},
): AccountFormValues {
  return {
    name: 'Klantenservice',
    address: mailbox.user,
    imapPort: mailbox.port,
    smtpPort: smtp.port,
    user: mailbox.user,
    password: mailbox.password,
    smtpUser: smtp.user,
    smtpPassword: smtp.password,
    ...over,
  };
}

/** Opens Settings → Connected accounts. */
export async function openAccounts(page: Page): Promise<void> {
  await page.getByTestId('open-settings').click();
  await page.getByTestId('open-accounts').click();
  await expect(page.getByTestId('accounts-dialog')).toBeVisible();
}

/** Fills the add-account form for servers on this computer (no TLS: loopback only). */
export async function fillAccountForm(page: Page, v: AccountFormValues): Promise<void> {
  const form = page.getByTestId('account-form');
  await form.getByTestId('acc-name').fill(v.name);
  await form.getByTestId('acc-address').fill(v.address);
  await form.getByTestId('acc-displayName').fill('Team Webcare');
  await form.getByTestId('acc-imapHost').fill('127.0.0.1');
  await form.getByTestId('acc-imapPort').fill(String(v.imapPort));
  await form.getByTestId('acc-imapTls').selectOption('none');
  await form.getByTestId('acc-imapUser').fill(v.user);
  await form.getByTestId('acc-smtpHost').fill('127.0.0.1');
  await form.getByTestId('acc-smtpPort').fill(String(v.smtpPort));
  await form.getByTestId('acc-smtpTls').selectOption('none');
  await form.getByTestId('acc-smtpUser').fill(v.smtpUser ?? v.user);
  await form.getByTestId('acc-password').fill(v.password);
  if (v.smtpPassword) await form.getByTestId('acc-smtpPassword').fill(v.smtpPassword);
}

/** Adds an account through the UI and waits until it is listed; returns its id. */
export async function addAccount(page: Page, v: AccountFormValues): Promise<string> {
  await openAccounts(page);
  await page.getByTestId('account-add').click();
  await fillAccountForm(page, v);
  await page.getByTestId('account-save').click();
  const row = page.getByTestId('account-list').locator('li.account-row').first();
  await expect(row).toBeVisible();
  return ((await row.getAttribute('data-testid')) ?? '').replace(/^account-/, '');
}
