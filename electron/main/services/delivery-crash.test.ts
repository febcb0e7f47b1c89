import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDovecot } from '../../../tests/servers/dovecot.ts';
import type { DovecotServer, DovecotUser } from '../../../tests/servers/dovecot.ts';
import {
  appendAsOtherClient,
  emailConfig,
  emailSecrets,
  messageIdsIn,
  removeDir,
  startService,
} from '../../../tests/servers/email-harness.ts';
import { startSmtpServer } from '../../../tests/servers/smtp.ts';
import type { SmtpTestServer } from '../../../tests/servers/smtp.ts';
import { REPO_ROOT } from '../host/browser-mode.ts';
import type { CrashPoint } from './accounts.ts';

/**
 * Every crash point of a delivery (docs/architecture.md, "Delivery crash points"): a child
 * process sends one reply and is killed with SIGKILL at the point; a fresh service on the same
 * data folder then reconciles. The reply must never reach the customer twice, and is sent
 * again only when it certainly did not go out (or a person says so).
 */
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let dovecot: DovecotServer;
let mailbox: DovecotUser;
let smtp: SmtpTestServer;
let dataDir: string | null = null;

beforeAll(async () => {
  dovecot = await startDovecot({ spareUsers: 8 });
});
afterAll(() => dovecot.stop());
beforeEach(async () => {
  mailbox = dovecot.addUser();
  smtp = await startSmtpServer();
});
afterEach(async () => {
  await smtp.stop();
  if (dataDir) removeDir(dataDir);
  dataDir = null;
});

const target = {
  kind: 'email' as const,
  to: [{ address: 'klant@example.net', name: null }],
  cc: [],
  subject: 'Storing',
  inReplyTo: 'c1@example.net',
  references: [],
};
const draft = { text: 'We zijn ermee bezig.', signature: null };
const KEY = 'crash-test-0001';

function runChild(
  dir: string,
  accountId: string,
  point: CrashPoint,
): Promise<{ signal: NodeJS.Signals | null; code: number | null; out: string }> {
  const request = JSON.stringify({
    accountId,
    idempotencyKey: KEY,
    target,
    draft,
    confirmedNotDelivered: false,
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/servers/deliver-child.ts', request], {
      cwd: REPO_ROOT,
      env: { ...process.env, WEBCARE_DATA_DIR: dir, WEBCARE_TEST_CRASH_AT: point },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

async function crashAt(point: CrashPoint) {
  const first = await startService();
  dataDir = first.dataDir;
  const account = await first.service.add({
    name: 'Klantenservice',
    config: emailConfig(mailbox, smtp),
    secrets: emailSecrets(mailbox, smtp),
  });
  await first.close();
  const child = await runChild(first.dataDir, account.id, point);
  expect(child, child.out).toMatchObject({ signal: 'SIGKILL' });
  const after = await startService({ dataDir: first.dataDir });
  return { service: after, accountId: account.id };
}

const sentIds = () => messageIdsIn(mailbox, 'Sent');
// The Message-ID gets the sender's domain (mailbox users are @example.test).
const remoteId = `${KEY}@example.test`;

describe('delivery crash points (child process, SIGKILL)', () => {
  it('before the attempt is journalled: nothing went out, the retry sends exactly once', async () => {
    const { service, accountId } = await crashAt('before-attempt');
    expect(await service.service.reconcile({ accountId, idempotencyKey: KEY, target, draft })).toEqual({
      status: 'not-sent',
      reason: 'never-attempted',
    });
    expect(smtp.accepted).toHaveLength(0);
    expect(
      await service.service.send({
        accountId,
        idempotencyKey: KEY,
        target,
        draft,
        confirmedNotDelivered: false,
      }),
    ).toMatchObject({
      status: 'accepted',
    });
    expect(smtp.accepted).toHaveLength(1);
    expect(await sentIds()).toEqual([remoteId]);
    await service.close();
  });

  it('after the attempt, before the transfer: undecided, so a person decides; "not delivered" sends once', async () => {
    const { service, accountId } = await crashAt('after-attempt');
    expect(smtp.accepted).toHaveLength(0);
    expect(await service.service.reconcile({ accountId, idempotencyKey: KEY, target, draft })).toEqual({
      status: 'unknown',
    });
    // Without the person's answer main refuses to send again.
    expect(
      await service.service.send({
        accountId,
        idempotencyKey: KEY,
        target,
        draft,
        confirmedNotDelivered: false,
      }),
    ).toEqual({
      status: 'undecided',
    });
    expect(
      await service.service.send({
        accountId,
        idempotencyKey: KEY,
        target,
        draft,
        confirmedNotDelivered: true,
      }),
    ).toMatchObject({
      status: 'accepted',
    });
    expect(smtp.accepted).toHaveLength(1);
    await service.close();
  });

  it('after SMTP 250, before the journal heard of it: the customer has it; undecided, never re-sent by itself', async () => {
    const { service, accountId } = await crashAt('after-accept');
    expect(smtp.accepted).toHaveLength(1);
    expect(await service.service.reconcile({ accountId, idempotencyKey: KEY, target, draft })).toEqual({
      status: 'unknown',
    });
    expect(
      await service.service.send({
        accountId,
        idempotencyKey: KEY,
        target,
        draft,
        confirmedNotDelivered: false,
      }),
    ).toEqual({
      status: 'undecided',
    });
    expect(smtp.accepted).toHaveLength(1);
    await service.close();
  });

  it('after the acceptance is journalled, before the copy in Sent: sent; reconcile restores the Sent copy', async () => {
    const { service, accountId } = await crashAt('after-accept-journaled');
    expect(smtp.accepted).toHaveLength(1);
    expect(await sentIds()).toEqual([]);
    expect(await service.service.reconcile({ accountId, idempotencyKey: KEY, target, draft })).toMatchObject({
      status: 'sent',
      remoteId,
      source: 'journal',
    });
    expect(await sentIds()).toEqual([remoteId]);
    // Reconciling again does not add a second copy.
    await service.service.reconcile({ accountId, idempotencyKey: KEY, target, draft });
    expect(await sentIds()).toEqual([remoteId]);
    expect(
      await service.service.send({
        accountId,
        idempotencyKey: KEY,
        target,
        draft,
        confirmedNotDelivered: false,
      }),
    ).toMatchObject({
      status: 'accepted',
      repeated: true,
    });
    expect(smtp.accepted).toHaveLength(1);
    await service.close();
  });

  it('after everything, before the answer reached the renderer: found (journal and Sent), not sent again', async () => {
    const { service, accountId } = await crashAt('after-copy');
    expect(smtp.accepted).toHaveLength(1);
    expect(await sentIds()).toEqual([remoteId]);
    expect(await service.service.reconcile({ accountId, idempotencyKey: KEY, target, draft })).toMatchObject({
      status: 'sent',
    });
    expect(
      await service.service.send({
        accountId,
        idempotencyKey: KEY,
        target,
        draft,
        confirmedNotDelivered: false,
      }),
    ).toMatchObject({
      status: 'accepted',
      repeated: true,
    });
    expect(smtp.accepted).toHaveLength(1);
    expect(await sentIds()).toEqual([remoteId]);
    await service.close();
  });

  it('an attempt whose only trace is in Sent (journal lost the acceptance) is found there by Message-ID', async () => {
    const { service, accountId } = await crashAt('after-accept');
    // A mail program (or the server) saved the delivered reply in Sent.
    const raw = smtp.accepted[0]!.raw;
    await appendAsOtherClient(mailbox, raw, 'Sent');
    expect(await service.service.reconcile({ accountId, idempotencyKey: KEY })).toMatchObject({
      status: 'sent',
      source: 'channel',
      remoteId,
    });
    expect(service.journal.state(accountId, KEY).state).toBe('accepted');
    await service.close();
  });
});
