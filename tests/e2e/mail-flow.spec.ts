// Email end to end as an agent uses it, against a real Dovecot and smtp-server on 127.0.0.1:
// a customer's mail appears in the inbox within seconds of arriving (IMAP IDLE → the leader's
// sync loop → the ingest pipeline), the agent answers with the composer, and the reply reaches
// the SMTP server exactly once, in the customer's thread (In-Reply-To, References, Re:), with a
// copy in Sent; also when the host is killed mid-delivery and when the SMTP server is down.
import type { Page } from '@playwright/test';
import { appendAsOtherClient, messageIdsIn } from '../servers/email-harness.ts';
import { seedMaildir } from '../servers/dovecot.ts';
import { threadedMailbox } from '../servers/mail-fixtures.ts';
import { SHOTS, openApp, setLanguage } from './helpers.ts';
import { addAccount, expect, formValues, test } from './mail.ts';
import type { DovecotUser } from '../servers/dovecot.ts';

test.describe.configure({ timeout: 120_000 });

/** A customer's mail with a plain and an HTML part (a remote image and a script that must not run). */
function customerMail(to: string, id: string, subject: string): string {
  return [
    'From: Fleur Bos <fleur@example.net>',
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${id}>`,
    'References: <order-4471@shop.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hallo, mijn pakket (bestelling 4471) is nog steeds niet bezorgd. Kunnen jullie kijken waar het is?',
    '',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Hallo,</p><p>mijn pakket (<b>bestelling 4471</b>) is nog steeds niet bezorgd. Kunnen jullie kijken waar het is?</p>' +
      '<p><img src="https://tracker.example/pixel.png" alt="logo"></p><script>document.title="pwned"</script>' +
      '<p>Groet,<br>Fleur</p>',
    '',
    '--b1--',
    '',
  ].join('\r\n');
}

async function connect(
  page: Page,
  url: string,
  mailbox: DovecotUser,
  smtp: Parameters<typeof formValues>[1],
) {
  await openApp(page, url);
  await setLanguage(page, 'nl');
  await addAccount(page, formValues(mailbox, smtp));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sidebar-accounts').locator('[data-state=connected]')).toBeVisible({
    timeout: 20_000,
  });
  // The leader runs the sync loops and the delivery worker.
  await expect(page.locator('html')).toHaveAttribute('data-channel-work', 'running');
  // The initial sync (back-fill) is committed: mail from now on is live traffic.
  await expect.poll(() => storedCursor(page), { timeout: 20_000 }).not.toBeNull();
}

/** The account's sync cursor as the inbox stored it (null: no page committed yet). */
function storedCursor(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webcare');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      const rows = await new Promise<{ cursor: string | null }[]>((resolve, reject) => {
        const req = db.transaction('syncState').objectStore('syncState').getAll();
        req.onsuccess = () => resolve(req.result as { cursor: string | null }[]);
        req.onerror = () => reject(req.error);
      });
      return rows[0]?.cursor ?? null;
    } finally {
      db.close();
    }
  });
}

/** Waits for the customer's mail in the list (pushed by IDLE), opens it and returns the row. */
async function openMail(page: Page, subject: string) {
  const listed = page.getByTestId('conversation-row').filter({ hasText: subject });
  // Within seconds (IDLE → sync loop → ingest); generous here for a loaded CI machine.
  await expect(listed).toHaveCount(1, { timeout: 20_000 });
  // Live mail is news: it arrives unread.
  await expect(listed).toHaveClass(/\bunread\b/);
  await listed.click();
  await expect(page.getByTestId('message-incoming').last()).toContainText('bestelling 4471');
  return listed;
}

/** Connected, a customer's mail open in the inbox, and the SMTP server down: a reply will wait. */
async function mailOpenSmtpDown(
  page: Page,
  url: string,
  mailbox: DovecotUser,
  smtp: Parameters<typeof formValues>[1],
  id: string,
  subject: string,
) {
  await connect(page, url, mailbox, smtp);
  await appendAsOtherClient(mailbox, customerMail(mailbox.user, id, subject));
  await openMail(page, subject);
  await smtp.stop();
}

async function reply(page: Page, text: string) {
  const box = page.getByTestId('composer').locator('textarea');
  await box.click();
  await box.fill(text);
  await page.keyboard.press('Control+Enter');
  await expect(box).toHaveValue('');
}

const REPLY =
  'Hoi Fleur, wat vervelend dat je pakket er nog niet is. We zoeken het direct voor je uit en laten het je vandaag weten. Groet, Team Webcare';

test('mail arrives within seconds; the reply reaches the customer once, in the thread, with a copy in Sent', async ({
  host,
  page,
  mailbox,
  smtp,
}) => {
  await connect(page, host.url, mailbox, smtp);
  const id = 'vraag-4471@example.net';
  const appended = Date.now();
  await appendAsOtherClient(mailbox, customerMail(mailbox.user, id, 'Pakket niet ontvangen'));
  await openMail(page, 'Pakket niet ontvangen');
  console.log(`APPEND → visible in the list and opened: ${Date.now() - appended} ms`);
  const body = page.getByTestId('message-incoming').last();
  // Sanitized HTML: the script did not run, the remote image is blocked until asked.
  expect(await page.title()).not.toBe('pwned');
  await expect(body).toContainText('1 afbeelding geblokkeerd');
  await page.screenshot({ path: `${SHOTS}email-thread-nl.png` });

  await reply(page, REPLY);
  const line = page.getByTestId('message-outgoing').last().getByTestId('delivery');
  await expect(line).toHaveAttribute('data-status', 'sent', { timeout: 20_000 });
  await expect(line).toContainText('Verstuurd');
  expect(smtp.accepted).toHaveLength(1);
  const sent = smtp.accepted[0]!;
  expect(sent.to).toEqual(['fleur@example.net']);
  expect(sent.header('in-reply-to')).toBe(`<${id}>`);
  expect(sent.header('references')).toBe(`<order-4471@shop.example> <${id}>`);
  expect(sent.header('subject')).toBe('Re: Pakket niet ontvangen');
  // Quoted-printable: soft line breaks undone before reading the text.
  expect(sent.raw.replace(/=\r?\n/g, '')).toContain('We zoeken het direct voor je uit');
  const replyId = /<([^>]+)>/.exec(sent.header('message-id') ?? '')![1]!;
  await expect.poll(() => messageIdsIn(mailbox, 'Sent')).toEqual([replyId]);
  await page.screenshot({ path: `${SHOTS}email-reply-sent-nl.png` });

  // The Sent copy comes back through sync as the same message, never as a second reply.
  await page.waitForTimeout(2_000);
  expect(smtp.accepted).toHaveLength(1);
  await expect(page.getByTestId('message-outgoing')).toHaveCount(1);

  // A second tab shows the same inbox but neither syncs nor sends: only the leader does.
  const second = await page.context().newPage();
  await openApp(second, host.url);
  await expect(
    second.getByTestId('conversation-row').filter({ hasText: 'Pakket niet ontvangen' }),
  ).toHaveCount(1);
  expect(await second.locator('html').getAttribute('data-channel-work')).toBeNull();
  await second.close();

  await setLanguage(page, 'en');
  await expect(line).toContainText('Sent');
  await expect(body).toContainText('1 image blocked');
  await page.screenshot({ path: `${SHOTS}email-thread-en.png` });
});

for (const [point, expected] of [
  ['after-accept-journaled', 'the journal knows it was accepted'],
  ['before-attempt', 'nothing was attempted'],
] as const)
  test.describe(`host killed at ${point}`, () => {
    test.use({ hostOptions: { env: { WEBCARE_TEST_CRASH_AT: point } } });

    test(`the reply still reaches the customer exactly once (${expected})`, async ({
      host,
      page,
      mailbox,
      smtp,
    }) => {
      await connect(page, host.url, mailbox, smtp);
      const id = `crash-${point}@example.net`;
      await appendAsOtherClient(mailbox, customerMail(mailbox.user, id, `Vraag ${point}`));
      await openMail(page, `Vraag ${point}`);
      await reply(page, REPLY);
      // The host dies (SIGKILL) at the crash point.
      await expect
        .poll(
          () =>
            fetch(host.baseURL).then(
              () => 'up',
              () => 'down',
            ),
          { timeout: 20_000 },
        )
        .toBe('down');
      const line = page.getByTestId('message-outgoing').last().getByTestId('delivery');
      await expect(line).toHaveAttribute('data-status', 'sending');
      expect(smtp.accepted).toHaveLength(point === 'before-attempt' ? 0 : 1);
      await host.restart({});
      await expect(line).toHaveAttribute('data-status', 'sent', { timeout: 40_000 });
      await page.waitForTimeout(1_500);
      expect(smtp.accepted).toHaveLength(1);
      expect(smtp.accepted[0]!.header('in-reply-to')).toBe(`<${id}>`);
      // And one copy in Sent, rebuilt after the crash where the crash lost it.
      await expect.poll(() => messageIdsIn(mailbox, 'Sent').then((ids) => ids.length)).toBe(1);
    });
  });

test('SMTP server down: the reply waits visibly and goes out once when it is back', async ({
  host,
  page,
  mailbox,
  smtp,
}) => {
  await mailOpenSmtpDown(page, host.url, mailbox, smtp, 'down@example.net', 'Levering vertraagd');
  await reply(page, REPLY);
  const line = page.getByTestId('message-outgoing').last().getByTestId('delivery');
  await expect(line).toHaveAttribute('data-status', 'queued');
  await expect(line).toContainText('niet bereikbaar', { timeout: 15_000 });
  await expect(line).toContainText('volgende poging');
  await page.screenshot({ path: `${SHOTS}email-reply-waiting-nl.png` });
  await setLanguage(page, 'en');
  await expect(line).toContainText('could not be reached');
  await page.screenshot({ path: `${SHOTS}email-reply-waiting-en.png` });
  expect(smtp.accepted).toHaveLength(0);
  await smtp.start();
  await expect(line).toHaveAttribute('data-status', 'sent', { timeout: 60_000 });
  await page.waitForTimeout(1_500);
  expect(smtp.accepted).toHaveLength(1);
});

test('the customer writes again while the reply waits: it is held, not sent, until the agent sends it anyway', async ({
  host,
  page,
  mailbox,
  smtp,
}) => {
  await mailOpenSmtpDown(page, host.url, mailbox, smtp, 'eerst@example.net', 'Bestelling kwijt');
  await reply(page, REPLY);
  const line = page.getByTestId('message-outgoing').last().getByTestId('delivery');
  await expect(line).toContainText('niet bereikbaar', { timeout: 15_000 });
  // Same thread (References), written after the reply was queued.
  await appendAsOtherClient(mailbox, customerMail(mailbox.user, 'weer@example.net', 'Bestelling kwijt'));
  await expect(page.getByTestId('message-incoming')).toHaveCount(2, { timeout: 20_000 });
  await smtp.start();
  // The next attempt re-checks it: the customer wrote again, so it waits for the agent.
  await expect(line).toHaveAttribute('data-status', 'held', { timeout: 40_000 });
  await expect(line).toContainText('De klant schreef opnieuw nadat dit antwoord geschreven was.');
  await page.screenshot({ path: `${SHOTS}email-reply-held-nl.png` });
  expect(smtp.accepted).toHaveLength(0);
  await line.getByTestId('delivery-send-anyway').click();
  await line.getByTestId('delivery-send-anyway-reason').fill('Antwoord dekt ook de tweede vraag');
  await line.getByTestId('delivery-send-anyway-confirm').click();
  await expect(line).toHaveAttribute('data-status', 'sent', { timeout: 20_000 });
  await page.waitForTimeout(1_500);
  expect(smtp.accepted).toHaveLength(1);
});

// Issue 11: the same reply queued offline is checked again at send time. The agent sends a reply
// with a warning (a wrong name in the greeting) while the SMTP server is down; meanwhile the team
// makes that check blocking. When the server is back, the reply is held with the check's name,
// not sent, until a person sends it anyway with a reason.
test('a waiting reply is checked again with the team’s check settings as they are when it goes out', async ({
  host,
  page,
  mailbox,
  smtp,
}) => {
  await mailOpenSmtpDown(page, host.url, mailbox, smtp, 'naam@example.net', 'Pakket zoek');
  const wrongName = REPLY.replace('Hoi Fleur,', 'Hoi Kees,');
  const box = page.getByTestId('composer').locator('textarea');
  await box.click();
  await box.fill(wrongName);
  await expect(page.locator('[data-check="greetingName"]')).toHaveAttribute('data-severity', 'warn');
  await page.keyboard.press('Control+Enter');
  await expect(box).toHaveValue('');
  const line = page.getByTestId('message-outgoing').last().getByTestId('delivery');
  await expect(line).toContainText('niet bereikbaar', { timeout: 15_000 });

  await page.keyboard.press('Control+,');
  const mode = page.getByTestId('check-mode-greetingName');
  await expect(mode).toHaveValue('warn');
  await mode.selectOption('block');
  await expect(page.getByTestId('settings-dialog')).toContainText('Opgeslagen');
  await page.screenshot({ path: `${SHOTS}settings-checks-nl.png` });
  await page.keyboard.press('Escape');
  // The composer follows the new setting at once.
  await box.fill(wrongName);
  await expect(page.locator('[data-check="greetingName"]')).toHaveAttribute('data-severity', 'block');
  await box.fill('');

  await smtp.start();
  await expect(line).toHaveAttribute('data-status', 'held', { timeout: 40_000 });
  await expect(line).toContainText('Controle voor verzenden: Naam in de aanhef');
  expect(smtp.accepted).toHaveLength(0);
  await line.getByTestId('delivery-send-anyway').click();
  await line.getByTestId('delivery-send-anyway-reason').fill('Klant heet ook Kees (tweede naam)');
  await line.getByTestId('delivery-send-anyway-confirm').click();
  await expect(line).toHaveAttribute('data-status', 'sent', { timeout: 20_000 });
  await page.waitForTimeout(1_500);
  expect(smtp.accepted).toHaveLength(1);
  expect(smtp.accepted[0]!.raw).toContain('Hoi Kees,');
});

test('SMTP 550: the reply fails with the server’s reason; “send again” delivers it once', async ({
  host,
  page,
  mailbox,
  smtp,
}) => {
  await connect(page, host.url, mailbox, smtp);
  await appendAsOtherClient(
    mailbox,
    customerMail(mailbox.user, 'refused@example.net', 'Verkeerd afleveradres'),
  );
  await openMail(page, 'Verkeerd afleveradres');
  smtp.respondNext([550]);
  await reply(page, REPLY);
  const line = page.getByTestId('message-outgoing').last().getByTestId('delivery');
  await expect(line).toHaveAttribute('data-status', 'failed', { timeout: 20_000 });
  await expect(line).toContainText('Niet verstuurd');
  await expect(line).toContainText('User unknown');
  await page.screenshot({ path: `${SHOTS}email-reply-failed-nl.png` });
  await setLanguage(page, 'en');
  await expect(line).toContainText('Not sent');
  await page.screenshot({ path: `${SHOTS}email-reply-failed-en.png` });
  expect(smtp.accepted).toHaveLength(0);
  await line.getByTestId('delivery-retry').click();
  await expect(line).toHaveAttribute('data-status', 'sent', { timeout: 20_000 });
  expect(smtp.accepted).toHaveLength(1);
});

test.describe('host killed after the server took the reply, before the journal knew', () => {
  test.use({ hostOptions: { env: { WEBCARE_TEST_CRASH_AT: 'after-accept' } } });

  test('a person is asked whether it arrived, and nothing is sent again by itself', async ({
    host,
    page,
    mailbox,
    smtp,
  }) => {
    await connect(page, host.url, mailbox, smtp);
    await appendAsOtherClient(mailbox, customerMail(mailbox.user, 'unknown@example.net', 'Retour aangemeld'));
    await openMail(page, 'Retour aangemeld');
    await reply(page, REPLY);
    await expect.poll(() => smtp.accepted.length, { timeout: 20_000 }).toBe(1);
    await host.restart({});
    const line = page.getByTestId('message-outgoing').last().getByTestId('delivery');
    await expect(line).toHaveAttribute('data-status', 'unknown', { timeout: 40_000 });
    await expect(line).toContainText('Is dit bij de klant aangekomen?');
    await line.getByTestId('delivery-not-delivered').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}email-reply-unknown-nl.png` });
    await setLanguage(page, 'en');
    await expect(line).toContainText('Did this reach the customer?');
    await page.screenshot({ path: `${SHOTS}email-reply-unknown-en.png` });
    expect(smtp.accepted).toHaveLength(1);
    await line.getByTestId('delivery-delivered').click();
    await expect(line).toHaveAttribute('data-status', 'sent');
    await page.waitForTimeout(1_500);
    expect(smtp.accepted).toHaveLength(1);
  });
});

/** What the inbox stored for one account: messages, distinct remote ids, conversations. */
function storedFor(page: Page, accountId: string) {
  return page.evaluate(async (account) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webcare');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    try {
      const messages = (await all<{ accountId: string; remoteId: string }>('messages')).filter(
        (m) => m.accountId === account,
      );
      const conversations = (await all<{ accountId: string }>('conversations')).filter(
        (c) => c.accountId === account,
      );
      return {
        messages: messages.length,
        remoteIds: new Set(messages.map((m) => m.remoteId)).size,
        conversations: conversations.length,
      };
    } finally {
      db.close();
    }
  }, accountId);
}

// Issue 9: initial sync of 2,000 messages in 50 threads, end to end in the browser, with the host
// (main) killed mid-sync: the renderer commits each page with its cursor, so after the restart it
// goes on from the last committed page, and the unique (account, remote id) absorbs any overlap.
test('initial sync of 2,000 mails in 50 threads survives the host being killed mid-sync: exactly the server’s mail, none twice', async ({
  host,
  page,
  mailbox,
  smtp,
}) => {
  test.setTimeout(240_000);
  const box = threadedMailbox({ threads: 50, perThread: 40, agent: mailbox.user, now: Date.now() });
  seedMaildir(mailbox, box.messages);
  await openApp(page, host.url);
  await setLanguage(page, 'nl');
  const accountId = await addAccount(page, formValues(mailbox, smtp));
  await page.keyboard.press('Escape');
  // Some pages are in, not all: kill the host (SIGKILL, no shutdown code runs).
  await expect
    .poll(async () => (await storedFor(page, accountId)).messages, { timeout: 60_000 })
    .toBeGreaterThan(0);
  await host.kill();
  const atKill = await storedFor(page, accountId);
  expect(atKill.messages).toBeLessThan(2_000);
  await host.restart();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
  await expect
    .poll(async () => (await storedFor(page, accountId)).messages, { timeout: 150_000, intervals: [1_000] })
    .toBe(2_000);
  expect(await storedFor(page, accountId)).toEqual({ messages: 2_000, remoteIds: 2_000, conversations: 50 });
  await expect(page.getByTestId('sidebar-accounts').locator('[data-state=connected]')).toBeVisible({
    timeout: 30_000,
  });
  // The last page is committed: nothing more arrives, nothing twice.
  await page.waitForTimeout(2_000);
  expect(await storedFor(page, accountId)).toEqual({ messages: 2_000, remoteIds: 2_000, conversations: 50 });
});

// Issues 9 and 10: offline for a while (the browser offline, which also cuts it off from the host,
// and the SMTP server stopped): the agent answers three conversations, one of them twice, and
// closes the tab. Back online and reopened, every reply goes out exactly once, and the two in one
// conversation in the order they were written.
test('offline: replies in three conversations wait, the tab is closed; back online every reply goes out once, in order', async ({
  host,
  page,
  context,
  mailbox,
  smtp,
}) => {
  test.setTimeout(180_000);
  await connect(page, host.url, mailbox, smtp);
  const subjects = ['Factuur klopt niet', 'Router stuk', 'Verhuizing doorgeven'];
  for (const [i, subject] of subjects.entries())
    await appendAsOtherClient(
      mailbox,
      // Three threads: each mail refers to its own order.
      customerMail(mailbox.user, `off-${i}@example.net`, subject).replace(
        'References: <order-4471@shop.example>',
        `References: <order-${i}@shop.example>`,
      ),
    );
  for (const subject of subjects)
    await expect(page.getByTestId('conversation-row').filter({ hasText: subject })).toHaveCount(1, {
      timeout: 20_000,
    });
  await smtp.stop();
  await context.setOffline(true);
  await expect(page.getByTestId('offline')).toBeVisible();
  const waiting = Number(
    ((await page.getByTestId('offline-waiting').textContent()) ?? '').replace(/\D/g, '') || '0',
  );
  const texts: string[] = [];
  for (const [i, subject] of subjects.entries()) {
    await page.getByTestId('conversation-row').filter({ hasText: subject }).click();
    const text = `Hoi Fleur, antwoord ${i + 1} op "${subject}": we regelen het vandaag nog. Groet, Team Webcare`;
    await reply(page, text);
    texts.push(text);
  }
  // A second reply in the last conversation: it must go out after the first one.
  const second = 'Hoi Fleur, nog een aanvulling: je krijgt ook een bevestiging per mail. Groet, Team Webcare';
  await reply(page, second);
  await expect(page.getByTestId('offline-waiting')).toContainText(`${waiting + 4} antwoorden`);
  await page.close();

  await context.setOffline(false);
  await smtp.start();
  const again = await context.newPage();
  await again.goto(host.url);
  await expect(again.locator('html')).toHaveAttribute('data-app', 'ready');
  await expect.poll(() => smtp.accepted.length, { timeout: 90_000, intervals: [1_000] }).toBe(4);
  await again.waitForTimeout(3_000);
  const bodies = smtp.accepted.map((m) => m.raw);
  expect(smtp.accepted).toHaveLength(4);
  for (const text of [...texts, second])
    expect(bodies.filter((b) => b.includes(text.slice(0, 40))).length, text).toBe(1);
  const inLast = bodies.findIndex((b) => b.includes(texts[2]!.slice(0, 40)));
  const secondAt = bodies.findIndex((b) => b.includes(second.slice(0, 40)));
  expect(inLast).toBeLessThan(secondAt);
});
