import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IngestMessage } from '../../../../shared/ingest/message.ts';
import type { FetchPageResponse } from '../../../../shared/channels/schemas.ts';
import { dovecotAvailable, seedMaildir, startDovecot } from '../../../../tests/servers/dovecot.ts';
import type { DovecotServer, DovecotUser } from '../../../../tests/servers/dovecot.ts';
import {
  appendAsOtherClient,
  emailConfig,
  emailSecrets,
  messageIdsIn,
  rawMail,
  removeDir,
  startService,
} from '../../../../tests/servers/email-harness.ts';
import type { ServiceHarness } from '../../../../tests/servers/email-harness.ts';
import { threadedMailbox } from '../../../../tests/servers/mail-fixtures.ts';
import { startSmtpServer } from '../../../../tests/servers/smtp.ts';
import { decodeCursor } from './cursor.ts';
import type { SmtpTestServer } from '../../../../tests/servers/smtp.ts';

// Real servers: Dovecot (installed by .ci/run) and smtp-server in-process.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });
if (!dovecotAvailable())
  throw new Error('These tests need Dovecot: apt-get install dovecot-imapd (see .ci/run)');

// One Dovecot for the file, one mailbox user per test (a server start/stop costs about a second).
let dovecot: DovecotServer;
let mailbox: DovecotUser;
let smtp: SmtpTestServer;
let harness: ServiceHarness;

beforeAll(async () => {
  dovecot = await startDovecot({ spareUsers: 32 });
});
afterAll(async () => {
  await dovecot.stop();
});
beforeEach(async () => {
  mailbox = dovecot.addUser();
  smtp = await startSmtpServer();
});
afterEach(async () => {
  await harness?.close();
  await smtp.stop();
  if (harness) removeDir(harness.dataDir);
});

async function syncAll(accountId: string, cursor: string | null, limit = 200) {
  const pages: Extract<FetchPageResponse, { status: 'page' }>[] = [];
  for (let i = 0; i < 1000; i += 1) {
    const page = await harness.service.fetchPage(accountId, cursor, limit);
    if (page.status !== 'page') throw new Error(`fetch failed: ${JSON.stringify(page)}`);
    pages.push(page);
    cursor = page.nextCursor;
    if (page.done) break;
  }
  return { pages, cursor, messages: pages.flatMap((p) => p.messages) };
}

const addAccount = async (overrides: Parameters<typeof emailConfig>[2] = {}) =>
  harness.service.add({
    name: 'Klantenservice',
    config: emailConfig(mailbox, smtp, overrides),
    secrets: emailSecrets(mailbox, smtp),
  });

describe('email sync against Dovecot', () => {
  it('initial sync of 2,000 messages in 50 threads hands over exactly the server set, as back-fill, threaded', async () => {
    const now = Date.now();
    const box = threadedMailbox({
      threads: 50,
      perThread: 40,
      agent: mailbox.user,
      now,
      agentFolder: 'Sent',
    });
    // Two messages outside the 30-day history window must stay out.
    const old = [0, 1].map((i) => ({
      raw: rawMail({ id: `old-${i}@example.net`, date: new Date(now - 40 * 86_400_000) }),
      date: new Date(now - 40 * 86_400_000),
    }));
    seedMaildir(mailbox, [...old, ...box.messages]);
    harness = await startService();
    const account = await addAccount({ folders: ['INBOX', 'Sent'] });

    const { pages, messages } = await syncAll(account.id, null);
    const ids = messages.map((m) => m.remoteId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(box.threadOf.keys()));
    expect(pages.filter((p) => p.messages.length > 0).every((p) => p.backfill)).toBe(true);
    expect(pages.at(-1)).toMatchObject({ done: true, messages: [] });

    // Threading headers survive: every reply points at its thread's earlier messages.
    const byId = new Map(messages.map((m) => [m.remoteId, m]));
    for (const message of messages) {
      const thread = box.threadOf.get(message.remoteId);
      for (const ref of [...message.references, ...(message.inReplyTo ? [message.inReplyTo] : [])])
        expect(box.threadOf.get(ref)).toBe(thread);
      expect(message.rfcMessageId).toBe(message.remoteId);
    }
    const roots = new Map<string, number>();
    for (const message of messages) {
      const root = message.references[0] ?? message.remoteId;
      roots.set(root, (roots.get(root) ?? 0) + 1);
    }
    expect(roots.size).toBe(50);
    expect([...roots.values()].every((n) => n === 40)).toBe(true);
    // Direction: the agent's own messages (in Sent, from the account address) are outgoing.
    const outgoing = messages.filter((m) => m.direction === 'outgoing');
    expect(outgoing).toHaveLength(1000);
    expect(outgoing.every((m) => m.author.email === mailbox.user)).toBe(true);
    expect(byId.get('t3-m0@example.net')).toMatchObject({
      direction: 'incoming',
      author: { email: 'klant3@example.net', name: 'Bram Visser' },
      subject: 'Opzeggen abonnement #3',
      public: false,
    });

    // A later call with the final cursor finds nothing new.
    const again = await harness.service.fetchPage(account.id, pages.at(-1)!.nextCursor);
    expect(again).toMatchObject({ status: 'page', messages: [], done: true });
  });

  it('keeps HTML raw, prefers the text part, lists attachments without their bytes', async () => {
    const boundary = 'mix';
    const raw = [
      'From: Klant <klant@example.net>',
      `To: ${mailbox.user}`,
      'Subject: Foto van de schade',
      'Message-ID: <att-1@example.net>',
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Zie de bijlage. Groet, Kees',
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p onclick="steal()">Zie de <b>bijlage</b>.</p><img src="https://tracker.example.com/x.gif"><script>alert(1)</script>',
      '--alt--',
      `--${boundary}`,
      'Content-Type: application/pdf; name="factuur.pdf"',
      'Content-Disposition: attachment; filename="factuur.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 fake').toString('base64'),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    await appendAsOtherClient(mailbox, raw);
    harness = await startService();
    const account = await addAccount();
    const { messages } = await syncAll(account.id, null);
    expect(messages).toHaveLength(1);
    const [message] = messages as [IngestMessage];
    expect(message.text).toBe('Zie de bijlage. Groet, Kees');
    // Raw, untrusted: the renderer sanitizes it. Main does not pretend to.
    expect(message.html).toContain('<script>');
    expect(message.attachments).toEqual([
      { name: 'factuur.pdf', size: 13, contentType: 'application/pdf', partId: '2' },
    ]);
    // Saved on demand: the bytes come from the server only now.
    const file = await harness.service.downloadAttachment({
      accountId: account.id,
      rfcMessageId: 'att-1@example.net',
      partId: '2',
    });
    expect(file).toMatchObject({
      status: 'ok',
      name: 'factuur.pdf',
      contentType: 'application/pdf',
      size: 13,
    });
    expect(file.status === 'ok' && Buffer.from(file.base64, 'base64').toString()).toBe('%PDF-1.4 fake');
    expect(
      await harness.service.downloadAttachment({
        accountId: account.id,
        rfcMessageId: 'gone@example.net',
        partId: '2',
      }),
    ).toMatchObject({ status: 'error', error: { type: 'rejected', code: 'NOT-FOUND' } });
  });

  it('wakes the loop within 5 s of an APPEND by another client, and the next page has it (not back-fill)', async () => {
    harness = await startService({ watch: true });
    const account = await addAccount();
    await harness.waitFor(
      'accounts:health',
      (p) => p.accountId === account.id && p.health.push === 'idle',
      10_000,
    );
    const first = await syncAll(account.id, null);
    expect(first.messages).toHaveLength(0);
    const started = Date.now();
    await appendAsOtherClient(mailbox, rawMail({ id: 'live-1@example.net', subject: 'Storing!' }));
    await harness.waitFor('sync:wake', (p) => p.accountId === account.id && p.reason === 'push', 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    const next = await syncAll(account.id, first.cursor);
    expect(next.messages.map((m) => m.remoteId)).toEqual(['live-1@example.net']);
    expect(next.pages[0]!.backfill).toBe(false);
  });

  it('a fresh mailbox opened by the watcher while the first page is fetched: mail appended after that page is live', async () => {
    // Dovecot answers STATUS with UIDVALIDITY 0 while another session is creating a fresh
    // mailbox's index (the watcher's EXAMINE at account start). A cursor that kept the 0 saw a
    // "changed" UIDVALIDITY on the next page and filed everything up to the new UIDNEXT, the
    // customer's new mail included, as back-fill. Several fresh mailboxes: the race is timing.
    harness = await startService({ watch: true });
    for (let round = 0; round < 8; round += 1) {
      const user = round === 0 ? mailbox : dovecot.addUser();
      const account = await harness.service.add({
        name: `Klantenservice ${round}`,
        config: emailConfig(user, smtp),
        secrets: emailSecrets(user, smtp),
      });
      const first = await harness.service.fetchPage(account.id, null);
      if (first.status !== 'page') throw new Error(`fetch failed: ${JSON.stringify(first)}`);
      for (const folder of decodeCursor(first.nextCursor).folders) expect(folder.uidValidity).not.toBe('0');
      await appendAsOtherClient(user, rawMail({ id: `live-${round}@example.net`, subject: 'Storing!' }));
      const next = await syncAll(account.id, first.nextCursor);
      expect(next.messages.map((m) => m.remoteId)).toEqual([`live-${round}@example.net`]);
      expect(next.pages[0]!.backfill).toBe(false);
      expect(harness.logs.join('\n')).not.toMatch(/UIDVALIDITY of INBOX changed/);
    }
  });

  it('survives Dovecot restarting mid-IDLE: reports unreachable, reconnects, wakes again', async () => {
    // Its own server: stopping the shared one would disturb nothing else, but keep tests independent.
    const own = await startDovecot();
    mailbox = own;
    harness = await startService({ watch: true });
    const account = await addAccount();
    await harness.waitFor(
      'accounts:health',
      (p) => p.accountId === account.id && p.health.push === 'idle',
      10_000,
    );
    const { cursor } = await syncAll(account.id, null);
    await own.stopServer();
    await harness.waitFor(
      'accounts:health',
      (p) => p.health.state === 'unreachable' && p.health.retryAt !== null,
      10_000,
    );
    await own.startServer();
    await harness.waitFor('sync:wake', (p) => p.reason === 'reconnect', 15_000);
    await appendAsOtherClient(mailbox, rawMail({ id: 'after-restart@example.net' }));
    await harness.waitFor('sync:wake', (p) => p.reason === 'push', 5_000);
    const next = await syncAll(account.id, cursor);
    expect(next.messages.map((m) => m.remoteId)).toEqual(['after-restart@example.net']);
    expect(harness.service.list()[0]!.health).toMatchObject({ state: 'connected', failingSince: null });
    await harness.close();
    await own.stop();
  });

  it('re-issues IDLE (here every second instead of 25 minutes) and still wakes on new mail; polls as well', async () => {
    harness = await startService({
      watch: true,
      registry: {
        email: { watcher: { maxIdleMs: 1_000, pollMs: 700, reconnect: { baseMs: 200, capMs: 2_000 } } },
      },
    });
    const account = await addAccount();
    await harness.waitFor(
      'accounts:health',
      (p) => p.accountId === account.id && p.health.push === 'idle',
      10_000,
    );
    await harness.waitFor('sync:wake', (p) => p.reason === 'poll', 5_000);
    await new Promise((r) => setTimeout(r, 2_500)); // at least two IDLE restarts
    await appendAsOtherClient(mailbox, rawMail({ id: 'after-reidle@example.net' }));
    await harness.waitFor('sync:wake', (p) => p.reason === 'push', 5_000);
  });

  it('a server without IDLE and CONDSTORE is polled, and syncs the same way', async () => {
    const plain = await startDovecot({
      extraConfig: ['imap_capability = IMAP4rev1 SASL-IR LITERAL+ UIDPLUS SPECIAL-USE'],
    });
    mailbox = plain;
    try {
      harness = await startService({
        watch: true,
        registry: {
          email: { watcher: { pollWithoutIdleMs: 500, reconnect: { baseMs: 200, capMs: 2_000 } } },
        },
      });
      const account = await addAccount();
      await harness.waitFor(
        'accounts:health',
        (p) => p.health.state === 'connected' && p.health.push === 'poll',
        10_000,
      );
      const report = await harness.service.test({ accountId: account.id, config: account.config });
      expect(report.incoming).toMatchObject({ push: false, condstore: false });
      const first = await syncAll(account.id, null);
      await appendAsOtherClient(plain, rawMail({ id: 'polled@example.net' }));
      const seen = harness.events.length;
      await harness.waitFor('sync:wake', (p) => p.reason === 'poll' && harness.events.length > seen, 5_000);
      const next = await syncAll(account.id, first.cursor);
      expect(next.messages.map((m) => m.remoteId)).toEqual(['polled@example.net']);
    } finally {
      await harness.close();
      await plain.stop();
    }
  });

  it('resyncs after a UIDVALIDITY change: the history as back-fill with the same remote ids, mail that arrived since as live', async () => {
    const now = Date.now();
    seedMaildir(mailbox, threadedMailbox({ threads: 3, perThread: 4, agent: mailbox.user, now }).messages);
    harness = await startService();
    const account = await addAccount();
    const first = await syncAll(account.id, null, 5);
    const before = first.messages.map((m) => m.remoteId);
    expect(before).toHaveLength(12);
    await dovecot.doveadm(['mailbox', 'update', '-u', mailbox.user, '--uid-validity', '12345', 'INBOX']);
    // Delivered after our last look: after the renumbering its UID says nothing, its arrival does.
    await appendAsOtherClient(mailbox, rawMail({ id: 'new-after-reset@example.net' }));
    const second = await syncAll(account.id, first.cursor, 5);
    const after = second.messages.map((m) => m.remoteId);
    // Everything comes again (the inbox dedupes on Message-ID) plus the new one, exactly once.
    expect(after).toHaveLength(13);
    expect(new Set(after)).toEqual(new Set([...before, 'new-after-reset@example.net']));
    const pageOf = (id: string) => second.pages.find((p) => p.messages.some((m) => m.remoteId === id))!;
    expect(before.every((id) => pageOf(id).backfill)).toBe(true);
    expect(pageOf('new-after-reset@example.net').backfill).toBe(false);
    expect(pageOf('new-after-reset@example.net').messages).toHaveLength(1);
    expect(harness.logs.join('\n')).toMatch(/UIDVALIDITY of INBOX changed/);
  });

  it('a wrong password shows as auth-failed with the server reason; new credentials fix it', async () => {
    harness = await startService({ watch: true });
    const account = await harness.service.add({
      name: 'Klantenservice',
      config: emailConfig(mailbox, smtp),
      secrets: { connector: 'email', secrets: { password: 'wrong-password' } },
    });
    const failed = await harness.waitFor('accounts:health', (p) => p.health.state === 'auth-failed', 10_000);
    expect(failed.health).toMatchObject({ retryAt: null, error: { type: 'auth-expired' } });
    const page = await harness.service.fetchPage(account.id, null);
    expect(page).toMatchObject({ status: 'error', error: { type: 'auth-expired' } });
    const report = await harness.service.test({ accountId: account.id, config: account.config });
    expect(report).toMatchObject({ ok: false, incoming: { ok: false, error: { type: 'auth-expired' } } });

    await harness.service.update({ accountId: account.id, secrets: emailSecrets(mailbox, smtp) });
    await harness.waitFor(
      'accounts:health',
      (p) => p.health.state === 'connected' && p.health.push === 'idle',
      10_000,
    );
    expect(await harness.service.fetchPage(account.id, null)).toMatchObject({ status: 'page' });
  });

  it('test connection reports what it found on both servers', async () => {
    harness = await startService();
    const report = await harness.service.test({
      config: emailConfig(mailbox, smtp),
      secrets: emailSecrets(mailbox, smtp),
    });
    expect(report.ok).toBe(true);
    expect(report.incoming).toMatchObject({
      ok: true,
      push: true,
      condstore: true,
      sentFolder: 'Sent',
      error: null,
    });
    expect(report.incoming.capabilities).toContain('IDLE');
    expect(report.incoming.folders.map((f) => f.path)).toEqual(
      expect.arrayContaining(['INBOX', 'Sent', 'Drafts']),
    );
    expect(report.outgoing).toMatchObject({ ok: true, error: null });
    expect(report.outgoing.capabilities).toContain('AUTH');
    const missing = await harness.service.test({
      config: emailConfig(mailbox, smtp, { folders: ['INBOX', 'Klachten'] }),
      secrets: emailSecrets(mailbox, smtp),
    });
    expect(missing).toMatchObject({
      ok: false,
      incoming: { error: { type: 'rejected', code: 'NONEXISTENT' } },
    });
  });

  it('pausing stops syncing and push; resuming brings both back', async () => {
    harness = await startService({ watch: true });
    const account = await addAccount();
    await harness.waitFor('accounts:health', (p) => p.health.push === 'idle', 10_000);
    const paused = await harness.service.setPaused(account.id, true);
    expect(paused.health).toMatchObject({ state: 'paused', push: 'none' });
    expect(await harness.service.fetchPage(account.id, null)).toEqual({ status: 'paused' });
    await harness.service.setPaused(account.id, false);
    await harness.waitFor(
      'accounts:health',
      (p) => p.health.state === 'connected' && p.health.push === 'idle',
      10_000,
    );
  });
});

describe('email replies against smtp-server and Dovecot', () => {
  const target = {
    kind: 'email' as const,
    to: [{ address: 'klant@example.net', name: 'Kees Klant' }],
    cc: [],
    subject: 'Re: AW: Storing internet',
    inReplyTo: 'c2@example.net',
    references: ['c0@example.net', 'c1@example.net'],
  };
  const draft = { text: 'Beste Kees,\n\nWe hebben de storing verholpen.', signature: 'Sanne\nTeam Webcare' };

  it('sends once with the right threading headers and keeps one copy in Sent', async () => {
    harness = await startService();
    const account = await addAccount();
    const result = await harness.service.send({
      accountId: account.id,
      idempotencyKey: 'reply-0001',
      target,
      draft,
      confirmedNotDelivered: false,
    });
    expect(result).toMatchObject({
      status: 'accepted',
      remoteId: 'reply-0001@example.test',
      repeated: false,
    });
    expect(smtp.accepted).toHaveLength(1);
    const mail = smtp.accepted[0]!;
    expect(mail.to).toEqual(['klant@example.net']);
    expect(mail.header('message-id')).toBe('<reply-0001@example.test>');
    expect(mail.header('in-reply-to')).toBe('<c2@example.net>');
    expect(mail.header('references')).toBe('<c0@example.net> <c1@example.net> <c2@example.net>');
    expect(mail.header('subject')).toBe('Re: Storing internet');
    expect(mail.raw).toContain('\r\n-- \r\nSanne\r\nTeam Webcare');
    expect(await messageIdsIn(mailbox, 'Sent')).toEqual(['reply-0001@example.test']);

    // Asking again with the same key never sends again.
    const repeat = await harness.service.send({
      accountId: account.id,
      idempotencyKey: 'reply-0001',
      target,
      draft,
      confirmedNotDelivered: false,
    });
    expect(repeat).toMatchObject({ status: 'accepted', repeated: true });
    expect(smtp.accepted).toHaveLength(1);
    expect(
      await harness.service.reconcile({ accountId: account.id, idempotencyKey: 'reply-0001' }),
    ).toMatchObject({
      status: 'sent',
      source: 'journal',
    });
    expect(await messageIdsIn(mailbox, 'Sent')).toHaveLength(1);
  });

  it('quit: a send already under way finishes and is journalled first; a send asked for after that is given back (paused)', async () => {
    harness = await startService();
    const account = await addAccount();
    const send = (key: string) =>
      harness!.service.send({
        accountId: account.id,
        idempotencyKey: key,
        target,
        draft,
        confirmedNotDelivered: false,
      });
    const underWay = send('reply-quit-1');
    // Under way: journalled as attempted (written before the message is handed to the server).
    while (harness.journal.state(account.id, 'reply-quit-1').state === 'none')
      await new Promise((r) => setTimeout(r, 1));
    const closed = harness.service.close();
    const late = await send('reply-quit-2');
    expect(late).toEqual({ status: 'paused' });
    expect(await underWay).toMatchObject({ status: 'accepted', remoteId: 'reply-quit-1@example.test' });
    await closed;
    expect(smtp.accepted).toHaveLength(1);
    expect(harness.journal.state(account.id, 'reply-quit-1')).toMatchObject({ state: 'accepted' });
    expect(harness.journal.state(account.id, 'reply-quit-2')).toEqual({ state: 'none' });
  });

  it('SMTP 451 then 250: one failure to retry with backoff, then exactly one delivery', async () => {
    harness = await startService();
    const account = await addAccount();
    smtp.respondNext([451]);
    const first = await harness.service.send({
      accountId: account.id,
      idempotencyKey: 'reply-451',
      target,
      draft,
      confirmedNotDelivered: false,
    });
    expect(first).toMatchObject({ status: 'failed', error: { type: 'transient', code: '451' } });
    const retryAt = first.status === 'failed' && first.error.type === 'transient' ? first.error.retryAt : 0;
    expect(retryAt).toBeGreaterThanOrEqual(Date.now() - 50);
    expect(await harness.service.reconcile({ accountId: account.id, idempotencyKey: 'reply-451' })).toEqual({
      status: 'not-sent',
      reason: 'refused',
    });
    await new Promise((r) => setTimeout(r, Math.max(0, retryAt - Date.now()) + 10));
    const second = await harness.service.send({
      accountId: account.id,
      idempotencyKey: 'reply-451',
      target,
      draft,
      confirmedNotDelivered: false,
    });
    expect(second).toMatchObject({ status: 'accepted' });
    expect(smtp.refused).toBe(1);
    expect(smtp.accepted).toHaveLength(1);
    expect(await messageIdsIn(mailbox, 'Sent')).toEqual(['reply-451@example.test']);
  });

  it("SMTP 550: failed for good, with the server's reason; nothing delivered or saved", async () => {
    harness = await startService();
    const account = await addAccount();
    smtp.respondNext([550]);
    const result = await harness.service.send({
      accountId: account.id,
      idempotencyKey: 'reply-550',
      target,
      draft,
      confirmedNotDelivered: false,
    });
    expect(result).toMatchObject({ status: 'failed', error: { type: 'rejected', code: '550' } });
    expect(result.status === 'failed' && result.error.reason).toMatch(
      /Recipient address rejected: User unknown/,
    );
    expect(smtp.accepted).toHaveLength(0);
    expect(await messageIdsIn(mailbox, 'Sent')).toEqual([]);
  });

  it('an unreachable SMTP server is transient and leaves the key free (nothing was handed over)', async () => {
    harness = await startService();
    const account = await addAccount();
    await smtp.stop();
    const result = await harness.service.send({
      accountId: account.id,
      idempotencyKey: 'reply-offline',
      target,
      draft,
      confirmedNotDelivered: false,
    });
    expect(result).toMatchObject({ status: 'failed', error: { type: 'transient', unreachable: true } });
    expect(
      await harness.service.reconcile({ accountId: account.id, idempotencyKey: 'reply-offline' }),
    ).toEqual({
      status: 'not-sent',
      reason: 'never-attempted',
    });
    await smtp.start();
  });

  it('wrong SMTP password: auth-expired, account health says so, nothing journalled as attempted', async () => {
    harness = await startService();
    const account = await harness.service.add({
      name: 'x',
      config: emailConfig(mailbox, smtp),
      secrets: { connector: 'email', secrets: { password: mailbox.password, smtpPassword: 'nope' } },
    });
    const result = await harness.service.send({
      accountId: account.id,
      idempotencyKey: 'reply-auth',
      target,
      draft,
      confirmedNotDelivered: false,
    });
    expect(result).toMatchObject({ status: 'failed', error: { type: 'auth-expired' } });
    expect(harness.service.list()[0]!.health.state).toBe('auth-failed');
    expect(harness.journal.state(account.id, 'reply-auth')).toEqual({ state: 'none' });
  });

  it('keeps credentials out of every file in the data folder and out of the logs', async () => {
    harness = await startService({ watch: true });
    const account = await addAccount();
    await harness.waitFor('accounts:health', (p) => p.health.push === 'idle', 10_000);
    await harness.service.test({ accountId: account.id, config: account.config });
    await harness.service.fetchPage(account.id, null);
    await harness.service.send({
      accountId: account.id,
      idempotencyKey: 'reply-secret',
      target,
      draft,
      confirmedNotDelivered: false,
    });
    expect(JSON.stringify(harness.service.list())).not.toContain(mailbox.password);
    const files = readdirSync(harness.dataDir).map((name) =>
      readFileSync(join(harness.dataDir, name), 'utf8'),
    );
    for (const content of [...files, harness.logs.join('\n'), JSON.stringify(harness.events)]) {
      expect(content).not.toContain(mailbox.password);
      expect(content).not.toContain(smtp.password);
    }
  });
});
