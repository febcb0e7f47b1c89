import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import type { AccountConfig, AccountSecrets } from '../../shared/channels/schemas.ts';
import type { IpcEventChannel, IpcEventPayload } from '../../shared/ipc/contract.ts';
import { createConnectorRegistry } from '../../electron/main/channels/registry.ts';
import type { RegistryOptions } from '../../electron/main/channels/registry.ts';
import { createAccountsService } from '../../electron/main/services/accounts.ts';
import type { AccountsService, AccountsServiceOptions } from '../../electron/main/services/accounts.ts';
import { openDeliveryJournal } from '../../electron/main/services/delivery-journal.ts';
import type { DeliveryJournal } from '../../electron/main/services/delivery-journal.ts';
import { createEventBus } from '../../electron/main/services/events.ts';
import { createEncryptedFileSecretStore, keyFileSource } from '../../electron/main/services/secrets.ts';
import type { DovecotUser } from './dovecot.ts';
import type { SmtpTestServer } from './smtp.ts';

/** Account settings for a test Dovecot + smtp-server pair (plain connections on loopback). */
export function emailConfig(
  imap: Pick<DovecotUser, 'port' | 'user'>,
  smtp: Pick<SmtpTestServer, 'port' | 'user'>,
  overrides: Partial<Extract<AccountConfig, { connector: 'email' }>['settings']> = {},
): AccountConfig {
  return {
    connector: 'email',
    settings: {
      address: imap.user,
      displayName: 'Team Webcare',
      imap: { host: '127.0.0.1', port: imap.port, tls: 'none', user: imap.user },
      smtp: { host: '127.0.0.1', port: smtp.port, tls: 'none', user: smtp.user },
      folders: ['INBOX'],
      sentFolder: null,
      historyDays: 30,
      ...overrides,
    },
  };
}

export function emailSecrets(
  imap: Pick<DovecotUser, 'password'>,
  smtp: Pick<SmtpTestServer, 'password'>,
): AccountSecrets {
  return { connector: 'email', secrets: { password: imap.password, smtpPassword: smtp.password } };
}

export interface ServiceHarness {
  dataDir: string;
  service: AccountsService;
  journal: DeliveryJournal;
  events: Array<{ event: IpcEventChannel; payload: unknown }>;
  logs: string[];
  /** Resolves with the first event of this kind that matches, or rejects after `timeoutMs`. */
  waitFor<E extends IpcEventChannel>(
    event: E,
    match: (p: IpcEventPayload<E>) => boolean,
    timeoutMs: number,
  ): Promise<IpcEventPayload<E>>;
  /** Opens a second service on the same data folder (as after a restart). */
  reopen(): Promise<ServiceHarness>;
  close(): Promise<void>;
}

export async function startService(
  options: { dataDir?: string; watch?: boolean; registry?: RegistryOptions } & Partial<
    Pick<AccountsServiceOptions, 'clock' | 'random' | 'crashPoint'>
  > = {},
): Promise<ServiceHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'webcare-main-'));
  const bus = createEventBus();
  const events: ServiceHarness['events'] = [];
  const waiters = new Set<() => void>();
  bus.subscribe((event, payload) => {
    events.push({ event, payload });
    for (const w of [...waiters]) w();
  });
  const logs: string[] = [];
  const journal = await openDeliveryJournal(dataDir, { log: (l) => logs.push(l) });
  const service = createAccountsService({
    dataDir,
    secrets: createEncryptedFileSecretStore(dataDir, keyFileSource(dataDir), (l) => logs.push(l)),
    journal,
    events: bus,
    registry: createConnectorRegistry(
      options.registry ?? {
        email: { watcher: { pollMs: 60_000, reconnect: { baseMs: 200, capMs: 2_000 } } },
      },
    ),
    log: (l) => logs.push(l),
    watch: options.watch ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.crashPoint ? { crashPoint: options.crashPoint } : {}),
  });
  service.start();
  const harness: ServiceHarness = {
    dataDir,
    service,
    journal,
    events,
    logs,
    waitFor(event, match, timeoutMs) {
      return new Promise((resolve, reject) => {
        let from = 0;
        const check = () => {
          for (; from < events.length; from += 1) {
            const e = events[from]!;
            if (e.event === event && match(e.payload as IpcEventPayload<typeof event>)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(e.payload as IpcEventPayload<typeof event>);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${event} within ${timeoutMs} ms; saw ${JSON.stringify(events.slice(-5))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async reopen() {
      await harness.close();
      return startService({ ...options, dataDir });
    },
    async close() {
      await service.close();
      await journal.close();
    },
  };
  return harness;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A second IMAP client, as another mail program or the mail server's delivery would be. */
async function withOtherClient<T>(server: DovecotUser, job: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: server.port,
    secure: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await job(client);
  } finally {
    await client.logout();
  }
}

export function appendAsOtherClient(
  server: DovecotUser,
  raw: string,
  folder = 'INBOX',
): Promise<number | null> {
  return withOtherClient(server, async (client) => {
    const result = await client.append(folder, raw.replace(/\r?\n/g, '\r\n'));
    return result ? (result.uid ?? null) : null;
  });
}

/** Message-IDs in a folder, read by an independent client. */
export function messageIdsIn(server: DovecotUser, folder: string): Promise<string[]> {
  return withOtherClient(server, async (client) => {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const out: string[] = [];
      if (client.mailbox && client.mailbox.exists === 0) return out;
      for await (const m of client.fetch('1:*', { envelope: true }))
        if (m.envelope?.messageId) out.push(m.envelope.messageId.replace(/^<|>$/g, ''));
      return out;
    } finally {
      lock.release();
    }
  });
}

export function rawMail(options: {
  id: string;
  from?: string;
  to?: string;
  subject?: string;
  date?: Date;
  body?: string;
}): string {
  return [
    `From: ${options.from ?? 'Klant <klant@example.net>'}`,
    `To: ${options.to ?? 'agent@example.test'}`,
    `Subject: ${options.subject ?? 'Vraag'}`,
    `Date: ${(options.date ?? new Date()).toUTCString()}`,
    `Message-ID: <${options.id}>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    options.body ?? 'Hallo, ik heb een vraag.',
    '',
  ].join('\r\n');
}
