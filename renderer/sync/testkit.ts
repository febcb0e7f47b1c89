// Test helpers for the sync engine and the delivery worker: a connected email account in the
// inbox database, incoming mail as the email connector hands it over, and a scripted main.
import type { AccountInfo } from '../../shared/channels/schemas.ts';
import type { IngestMessage } from '../../shared/ingest/message.ts';
import type {
  IpcChannel,
  IpcEventChannel,
  IpcEventPayload,
  IpcRequest,
  IpcResponse,
} from '../../shared/ipc/contract.ts';
import type { WebcareDb } from '../db/schema.ts';
import { ensureAccountRow } from './engine.ts';

export const ACCOUNT = 'email-test01';

export function accountInfo(over: Partial<AccountInfo> = {}): AccountInfo {
  return {
    id: ACCOUNT,
    connector: 'email',
    name: 'Klantenservice',
    config: {
      connector: 'email',
      settings: {
        address: 'team@example.test',
        displayName: 'Team',
        imap: { host: '127.0.0.1', port: 143, tls: 'none', user: 'team' },
        smtp: { host: '127.0.0.1', port: 25, tls: 'none', user: 'team' },
        folders: ['INBOX'],
        sentFolder: null,
        historyDays: 30,
      },
    },
    paused: false,
    createdAt: 0,
    hasSecrets: true,
    health: {
      state: 'connected',
      since: 0,
      retryAt: null,
      lastSyncAt: null,
      failingSince: null,
      progress: null,
      push: 'idle',
      error: null,
    },
    ...over,
  };
}

export async function connectAccount(db: WebcareDb, now: number, info: AccountInfo = accountInfo()) {
  await ensureAccountRow(db, info, now);
}

/** An incoming email as the connector parses it (remote id = Message-ID). */
export function mail(id: string, at: number, extra: Partial<IngestMessage> = {}): IngestMessage {
  return {
    remoteId: id,
    threadKey: null,
    inReplyTo: null,
    references: [],
    rfcMessageId: id,
    subject: 'Pakket niet ontvangen',
    direction: 'incoming',
    public: false,
    author: {
      id: 'klant@example.net',
      handle: 'klant@example.net',
      name: 'Klant',
      followers: null,
      verified: false,
      email: 'klant@example.net',
    },
    text: `Waar blijft mijn pakket? (${id})`,
    html: null,
    attachments: [],
    createdAt: at,
    lang: 'nl',
    metrics: null,
    brand: null,
    ...extra,
  };
}

type Handler = { [C in IpcChannel]?: (request: IpcRequest<C>) => Promise<IpcResponse<C>> | IpcResponse<C> };

/** A scripted main: records every call, answers with the handler for its channel. */
export function fakeApi(handlers: Handler) {
  const calls: { channel: IpcChannel; request: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = {
    invoke: (async (channel: IpcChannel, request?: unknown) => {
      calls.push({ channel, request });
      const handler = handlers[channel] as ((r: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler(request);
    }) as never,
    on<E extends IpcEventChannel>(event: E, listener: (payload: IpcEventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const emit = <E extends IpcEventChannel>(event: E, payload: IpcEventPayload<E>) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  return { api, calls, emit };
}
