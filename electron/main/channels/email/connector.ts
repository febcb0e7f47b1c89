import type { ImapFlow } from 'imapflow';
import { CONNECTOR_CAPABILITIES } from '../../../../shared/channels/capabilities.ts';
import type { ConnectorError } from '../../../../shared/channels/errors.ts';
import type {
  ConnectionReport,
  EmailAccountSettings,
  EmailSecrets,
} from '../../../../shared/channels/schemas.ts';
import type { IngestMessage } from '../../../../shared/ingest/message.ts';
import type {
  AttachmentContent,
  Connector,
  ConnectorContext,
  ConnectorFactory,
  FetchPage,
  SendHooks,
  SentRef,
  WatchEvents,
  WatchHandle,
} from '../connector.ts';
import { ConnectorFailure } from '../connector.ts';
import { classifyEmailError, smtpRefusedForSure } from './classify.ts';
import { composeReply, messageIdFor } from './compose.ts';
import type { ComposedReply } from './compose.ts';
import { caughtUp, decodeCursor, encodeCursor, folderFor, withFolder } from './cursor.ts';
import type { EmailCursor, FolderCursor } from './cursor.ts';
import { createImapClient, pickSentFolder, walkStructure } from './imap.ts';
import { fromParsed, parseEmail, parseHeaders } from './parse.ts';
import { openSmtp } from './smtp.ts';
import { startImapWatcher } from './watch.ts';
import type { WatcherOptions } from './watch.ts';

/** Messages up to this size are downloaded whole and parsed; bigger ones only headers and text parts. */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;
const MAX_BODY_PART_BYTES = 1024 * 1024;
/**
 * After a renumbering, mail whose INTERNALDATE (the server's clock) is later than the folder's
 * last caught-up check (ours) minus this is live: a server clock a little behind ours must not
 * turn a customer's new mail into history. The price is that mail moved in from elsewhere within
 * this slack before the check may count as new.
 */
export const ARRIVAL_CLOCK_SLACK_MS = 2 * 60_000;
/** A folder whose UIDVALIDITY the server cannot tell yet (being created) is asked again after this. */
const FOLDER_NOT_READY_RETRY_MS = 1_000;

export interface EmailConnectorOptions {
  watcher?: Partial<WatcherOptions>;
}

interface FetchedMessage {
  uid: number;
  message: IngestMessage;
}

interface MessageMeta {
  uid: number;
  size: number;
  internalDate: Date | null;
}

interface FolderStatus {
  uidValidity: string;
  uidNext: number;
  modseq: string | null;
}

/** RFC 3501: UIDVALIDITY and UIDNEXT are non-zero numbers; anything else is not an answer to keep. */
function usableStatus(
  uidValidity: bigint | number | undefined,
  uidNext: number | undefined,
  highestModseq: bigint | number | undefined,
): FolderStatus | null {
  if (uidValidity === undefined || uidNext === undefined) return null;
  if (BigInt(uidValidity) <= 0n || uidNext < 1) return null;
  return {
    uidValidity: String(uidValidity),
    uidNext,
    modseq: highestModseq !== undefined ? String(highestModseq) : null,
  };
}

/**
 * Runs `job` with `path` selected read-only (EXAMINE), then unselects it: STATUS on a selected
 * mailbox answers from the session's view (Dovecot does), which would hide new mail from the
 * next page's cheap STATUS check.
 */
async function inFolder<T>(client: ImapFlow, path: string, job: () => Promise<T>): Promise<T> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    return await job();
  } finally {
    lock.release();
    await client.mailboxClose().catch(() => undefined);
  }
}

/**
 * The email connector: IMAP (imapflow) for reading and the Sent folder, SMTP (nodemailer) for
 * replies. One worker connection per account for pages and Sent; the watcher (watch.ts) keeps a
 * second one in IDLE on the first folder.
 */
export class EmailConnector implements Connector {
  readonly kind = 'email' as const;
  private worker: ImapFlow | null = null;
  private connecting: Promise<ImapFlow> | null = null;
  private sentFolder: string | null | undefined;

  constructor(
    private readonly context: ConnectorContext,
    private readonly settings: EmailAccountSettings,
    private readonly secrets: EmailSecrets,
    private readonly options: EmailConnectorOptions = {},
  ) {}

  capabilities() {
    return CONNECTOR_CAPABILITIES.email;
  }

  classify(error: unknown): ConnectorError {
    return classifyEmailError(error, this.context.now());
  }

  refusedForSure(error: unknown): boolean {
    return smtpRefusedForSure(error);
  }

  remoteIdFor(key: string): string {
    return messageIdFor(key, this.settings.address);
  }

  private smtpPassword(): string {
    return this.secrets.smtpPassword ?? this.secrets.password;
  }

  /** The worker connection, (re)connected when needed. */
  private async client(): Promise<ImapFlow> {
    if (this.worker?.usable) return this.worker;
    if (this.connecting) return this.connecting;
    const client = createImapClient(this.settings.imap, this.secrets.password);
    this.connecting = client
      .connect()
      .then(() => {
        this.worker = client;
        client.once('close', () => {
          if (this.worker === client) this.worker = null;
        });
        return client;
      })
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  private async sentPath(client: ImapFlow): Promise<string> {
    if (this.sentFolder === undefined)
      this.sentFolder = pickSentFolder(await client.list(), this.settings.sentFolder);
    if (!this.sentFolder)
      throw new ConnectorFailure({
        type: 'rejected',
        code: 'NO-SENT-FOLDER',
        reason: 'no Sent folder found',
      });
    return this.sentFolder;
  }

  async test(): Promise<ConnectionReport> {
    const { imap, smtp } = this.settings;
    const report: ConnectionReport = {
      ok: false,
      incoming: {
        ok: false,
        server: `${imap.host}:${imap.port}`,
        capabilities: [],
        folders: [],
        push: false,
        condstore: false,
        sentFolder: null,
        error: null,
      },
      outgoing: { ok: false, server: `${smtp.host}:${smtp.port}`, capabilities: [], error: null },
    };
    const client = createImapClient(imap, this.secrets.password);
    try {
      await client.connect();
      const caps = [...client.capabilities.keys()];
      const list = await client.list({ statusQuery: { messages: true } });
      report.incoming = {
        ok: true,
        server: report.incoming.server,
        capabilities: caps,
        folders: list.map((m) => ({
          path: m.path,
          specialUse: m.specialUse ?? null,
          messages: m.status?.messages ?? null,
        })),
        push: client.capabilities.has('IDLE'),
        condstore: client.capabilities.has('CONDSTORE') || client.capabilities.has('QRESYNC'),
        sentFolder: pickSentFolder(list, this.settings.sentFolder),
        error: null,
      };
      const missing = this.settings.folders.filter((f) => !list.some((m) => m.path === f));
      if (missing.length > 0) {
        report.incoming.ok = false;
        report.incoming.error = {
          type: 'rejected',
          code: 'NONEXISTENT',
          reason: `folder not found: ${missing.join(', ')}`,
        };
      }
    } catch (error) {
      report.incoming.error = this.classify(error);
    } finally {
      await client.logout().catch(() => client.close());
    }
    try {
      const session = await openSmtp({ server: smtp, password: this.smtpPassword() });
      report.outgoing = {
        ok: true,
        server: report.outgoing.server,
        capabilities: [...(session.secure ? ['TLS'] : []), ...session.extensions],
        error: null,
      };
      session.quit();
    } catch (error) {
      report.outgoing.error = this.classify(error);
    }
    report.ok = report.incoming.ok && report.outgoing.ok;
    return report;
  }

  async fetchSince(cursorValue: string | null, options: { limit: number }): Promise<FetchPage> {
    let cursor = decodeCursor(cursorValue);
    const client = await this.client();
    const condstore = client.capabilities.has('CONDSTORE') || client.capabilities.has('QRESYNC');
    const sent = this.settings.folders.length > 1 ? await this.sentPath(client).catch(() => null) : null;

    for (const path of this.settings.folders) {
      const checkedAt = this.context.now();
      const status = await this.folderStatus(client, path, condstore);
      const { folder: start, reset } = folderFor(
        cursor,
        path,
        { uidValidity: status.uidValidity, uidNext: status.uidNext },
        { now: checkedAt, historyDays: this.settings.historyDays },
      );
      if (reset === 'uidvalidity')
        this.context.log(`email ${this.context.accountId}: UIDVALIDITY of ${path} changed; resyncing`);
      let folder = start;
      const { modseq } = status;
      // Nothing new: no UID beyond ours, and (CONDSTORE) nothing changed at all. No SELECT needed.
      if (folder.lastUid >= status.uidNext - 1 && (!condstore || folder.modseq === modseq)) {
        cursor = withFolder(cursor, caughtUp(folder, checkedAt));
        continue;
      }
      const page = await this.pageOf(client, folder, options.limit, path === sent);
      folder = page.folder;
      // Nothing was left to hand over when we looked (back-fill done, no new UID).
      if (page.messages.length === 0 && page.remaining === 0 && folder.lastUid >= folder.backfillUpTo)
        folder = { ...caughtUp(folder, checkedAt), modseq };
      cursor = withFolder(cursor, folder);
      if (page.messages.length > 0) {
        cursor = { ...cursor, fetched: cursor.fetched + page.messages.length };
        return {
          messages: page.messages.map((m) => m.message),
          nextCursor: encodeCursor(cursor),
          backfill: page.backfill,
          done: false,
          remaining: page.remaining,
        };
      }
    }
    return { messages: [], nextCursor: encodeCursor(cursor), backfill: false, done: true, remaining: 0 };
  }

  /**
   * UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ of a folder. Dovecot answers STATUS with UIDVALIDITY 0
   * while another session is creating a fresh mailbox's index (our own watcher opening it when
   * the account starts): kept in the cursor, that 0 looked like a renumbering on the next page.
   * EXAMINE waits for the index and answers from it; a folder that still has no usable answer is
   * asked again shortly, never recorded.
   */
  private async folderStatus(client: ImapFlow, path: string, condstore: boolean): Promise<FolderStatus> {
    const status = await client.status(path, {
      uidNext: true,
      uidValidity: true,
      highestModseq: condstore,
      messages: true,
    });
    if (!status)
      throw new ConnectorFailure({
        type: 'rejected',
        code: 'NONEXISTENT',
        reason: `folder not found: ${path}`,
      });
    const answer =
      usableStatus(status.uidValidity, status.uidNext, status.highestModseq) ??
      (await inFolder(client, path, async () => {
        const box = client.mailbox;
        return box ? usableStatus(box.uidValidity, box.uidNext, box.highestModseq) : null;
      }));
    if (answer) return answer;
    throw new ConnectorFailure({
      type: 'transient',
      retryAt: this.context.now() + FOLDER_NOT_READY_RETRY_MS,
      unreachable: false,
      code: 'FOLDER-NOT-READY',
      reason: `the server did not give ${path} a UIDVALIDITY yet`,
    });
  }

  /** One page from one folder: back-fill (UIDs up to `backfillUpTo` within the window) first, then new mail. */
  private async pageOf(
    client: ImapFlow,
    start: FolderCursor,
    limit: number,
    isSent: boolean,
  ): Promise<{ folder: FolderCursor; messages: FetchedMessage[]; backfill: boolean; remaining: number }> {
    let folder = start;
    return inFolder(client, folder.path, async () => {
      for (;;) {
        const backfill = folder.lastUid < folder.backfillUpTo;
        const range = backfill ? `${folder.lastUid + 1}:${folder.backfillUpTo}` : `${folder.lastUid + 1}:*`;
        const found = await client.search(
          backfill ? { uid: range, since: new Date(folder.since) } : { uid: range },
          { uid: true },
        );
        // `N:*` always matches the highest UID, even below N (RFC 3501 §6.4.8): filter.
        const uids = (found || []).filter((uid) => uid > folder.lastUid).sort((a, b) => a - b);
        if (uids.length === 0) {
          if (backfill) {
            folder = { ...folder, lastUid: folder.backfillUpTo };
            continue;
          }
          return { folder, messages: [], backfill: false, remaining: 0 };
        }
        let meta = await this.fetchMeta(client, uids.slice(0, limit));
        let pageBackfill = backfill;
        let cut = false;
        if (backfill && folder.liveAfter !== null && meta.length > 0) {
          // Re-syncing after a renumbering: what arrived after we last saw the folder caught up
          // is live mail. A page is one or the other, so it ends where the kind changes.
          const boundary = folder.liveAfter - ARRIVAL_CLOCK_SLACK_MS;
          const isLive = (m: MessageMeta) => m.internalDate !== null && m.internalDate.getTime() > boundary;
          pageBackfill = !isLive(meta[0]!);
          const other = meta.findIndex((m) => isLive(m) === pageBackfill);
          if (other > 0) {
            meta = meta.slice(0, other);
            cut = true;
          }
        }
        const take = cut ? meta.map((m) => m.uid) : uids.slice(0, limit);
        const messages = await this.fetchMessages(client, meta, isSent);
        const last = take[take.length - 1]!;
        // The last back-fill page also moves past UIDs outside the window.
        const lastUid = backfill && !cut && take.length === uids.length ? folder.backfillUpTo : last;
        return {
          folder: { ...folder, lastUid },
          messages,
          backfill: pageBackfill,
          remaining: uids.length - take.length,
        };
      }
    });
  }

  private async fetchMeta(client: ImapFlow, uids: number[]): Promise<MessageMeta[]> {
    const found = await client.fetchAll(
      uids.join(','),
      { uid: true, size: true, internalDate: true },
      { uid: true },
    );
    return found
      .map((m) => ({
        uid: m.uid,
        size: m.size ?? 0,
        internalDate: m.internalDate ? new Date(m.internalDate) : null,
      }))
      .sort((a, b) => a.uid - b.uid);
  }

  private async fetchMessages(
    client: ImapFlow,
    meta: readonly MessageMeta[],
    isSent: boolean,
  ): Promise<FetchedMessage[]> {
    const small = meta.filter((m) => m.size <= MAX_SOURCE_BYTES).map((m) => m.uid);
    const large = meta.filter((m) => m.size > MAX_SOURCE_BYTES).map((m) => m.uid);
    const context = (internalDate: Date | string | undefined) => ({
      ownAddress: this.settings.address,
      sentFolder: isSent,
      internalDate: internalDate ? new Date(internalDate) : null,
    });
    const out: FetchedMessage[] = [];
    if (small.length > 0) {
      for await (const m of client.fetch(
        small.join(','),
        { uid: true, source: true, internalDate: true },
        { uid: true },
      )) {
        if (!m.source) continue;
        out.push({ uid: m.uid, message: await parseEmail(m.source, context(m.internalDate)) });
      }
    }
    for (const uid of large) {
      const m = await client.fetchOne(
        String(uid),
        { uid: true, headers: true, bodyStructure: true, internalDate: true },
        { uid: true },
      );
      if (!m || !m.headers || !m.bodyStructure) continue;
      const parts = walkStructure(m.bodyStructure);
      const read = async (part: string | null) => {
        if (!part) return undefined;
        const download = await client.download(String(uid), part, {
          uid: true,
          maxBytes: MAX_BODY_PART_BYTES,
        });
        if (!download.content) return undefined;
        const chunks: Buffer[] = [];
        for await (const chunk of download.content) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      };
      const parsed = await parseHeaders(m.headers);
      const text = await read(parts.text);
      const html = await read(parts.html);
      out.push({
        uid,
        message: fromParsed(
          { ...parsed, text: text ?? '', html: html ?? false },
          m.headers,
          context(m.internalDate),
          parts.attachments,
        ),
      });
    }
    return out.sort((a, b) => a.uid - b.uid);
  }

  async sendReply(
    target: Parameters<Connector['sendReply']>[0],
    draft: Parameters<Connector['sendReply']>[1],
    key: string,
    hooks: SendHooks,
  ): Promise<SentRef> {
    const composed = await composeReply(this.settings, target, draft, key, this.context.now());
    const session = await openSmtp({ server: this.settings.smtp, password: this.smtpPassword() });
    try {
      await hooks.beforeTransfer(composed.messageId);
      await session.send(composed.envelope, composed.raw);
    } finally {
      session.quit();
    }
    const ref: SentRef = { remoteId: composed.messageId, acceptedAt: this.context.now() };
    await hooks.accepted(ref);
    await this.appendToSent(composed);
    return ref;
  }

  /** Saves the delivered bytes in Sent (a failure here does not undo the delivery; reconcile repairs it). */
  private async appendToSent(composed: ComposedReply): Promise<void> {
    try {
      const client = await this.client();
      await client.append(await this.sentPath(client), composed.raw, ['\\Seen']);
    } catch (error) {
      this.context.log(
        `email ${this.context.accountId}: could not save reply in Sent (${this.classify(error).reason})`,
      );
    }
  }

  async reconcile(
    _key: string,
    remoteId: string,
  ): Promise<{ found: true; remoteId: string } | { found: false }> {
    const client = await this.client();
    const path = await this.sentPath(client);
    return inFolder(client, path, async () => {
      const uids = await client.search({ header: { 'message-id': remoteId } }, { uid: true });
      return uids && uids.length > 0 ? { found: true as const, remoteId } : { found: false as const };
    });
  }

  /** Puts a rebuilt copy of a delivered reply into Sent when it is missing there (crash after 250). */
  async repairCopy(
    target: Parameters<Connector['sendReply']>[0],
    draft: Parameters<Connector['sendReply']>[1],
    key: string,
  ): Promise<void> {
    const composed = await composeReply(this.settings, target, draft, key, this.context.now());
    const found = await this.reconcile(key, composed.messageId);
    if (!found.found) await this.appendToSent(composed);
  }

  async downloadAttachment(
    rfcMessageId: string,
    partId: string,
    maxBytes: number,
  ): Promise<AttachmentContent> {
    const client = await this.client();
    const sent = await this.sentPath(client).catch(() => null);
    const folders = [...new Set([...this.settings.folders, ...(sent ? [sent] : [])])];
    for (const path of folders) {
      const found = await inFolder(client, path, async () => {
        const uids = await client.search({ header: { 'message-id': rfcMessageId } }, { uid: true });
        const uid = uids && uids[0];
        if (!uid) return null;
        const download = await client.download(String(uid), partId, { uid: true, maxBytes: maxBytes + 1 });
        if (!download.content || !download.meta) return null;
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of download.content) {
          size += (chunk as Buffer).length;
          if (size > maxBytes)
            throw new ConnectorFailure({
              type: 'rejected',
              code: 'TOO-LARGE',
              reason: `larger than ${maxBytes} bytes`,
            });
          chunks.push(chunk as Buffer);
        }
        return {
          name: download.meta.filename ?? 'attachment',
          contentType: download.meta.contentType ?? 'application/octet-stream',
          content: Buffer.concat(chunks),
        };
      });
      if (found) return found;
    }
    throw new ConnectorFailure({
      type: 'rejected',
      code: 'NOT-FOUND',
      reason: 'the message or attachment is no longer on the server',
    });
  }

  watch(events: WatchEvents): WatchHandle {
    return startImapWatcher(
      {
        server: this.settings.imap,
        password: this.secrets.password,
        folder: this.settings.folders[0] ?? 'INBOX',
        classify: (e) => this.classify(e),
        now: this.context.now,
        ...this.options.watcher,
      },
      events,
    );
  }

  async close(): Promise<void> {
    const client = this.worker;
    this.worker = null;
    if (client) await client.logout().catch(() => client.close());
  }
}

export function emailConnectorFactory(options: EmailConnectorOptions = {}): ConnectorFactory {
  return {
    kind: 'email',
    create(context) {
      if (context.config.connector !== 'email' || context.secrets.connector !== 'email')
        throw new Error('email connector needs email settings and secrets');
      return new EmailConnector(context, context.config.settings, context.secrets.secrets, options);
    },
  };
}

export type { EmailCursor };
