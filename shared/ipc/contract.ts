import { z } from 'zod';
import {
  AccountAddRequestSchema,
  AttachmentDownloadRequestSchema,
  AttachmentDownloadResponseSchema,
  AccountHealthSchema,
  AccountIdSchema,
  AccountInfoSchema,
  AccountTestRequestSchema,
  AccountUpdateRequestSchema,
  ConnectionReportSchema,
  DeliveryReconcileRequestSchema,
  DeliveryReconcileResponseSchema,
  DeliverySendRequestSchema,
  DeliverySendResponseSchema,
  FetchPageRequestSchema,
  FetchPageResponseSchema,
  LoadImagesRequestSchema,
  LoadImagesResponseSchema,
} from '../channels/schemas.ts';
import {
  BackupAppendRequestSchema,
  BackupBeginRequestSchema,
  BackupFinishRequestSchema,
  BackupOpenResponseSchema,
  BackupReadRequestSchema,
  BackupReadResponseSchema,
  SnapshotInfoSchema,
  SnapshotNameSchema,
  UploadIdSchema,
} from '../backup/schemas.ts';
import { SettingsPatchSchema, SettingsSchema } from '../settings/schema.ts';

/**
 * The one API between the UI and the backend. Every call is `domain:verb-noun`, takes one
 * argument (validated by its request schema in the backend: the renderer is untrusted) and
 * answers with the response type. Both transports, Electron IPC (preload) and the browser-mode
 * host (HTTP + WebSocket), serve exactly this map.
 */
export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which transport serves this renderer. */
  mode: z.enum(['electron', 'browser']),
  platform: z.string(),
  /** The OS locale (e.g. `nl-NL`), used when the language setting is `system`. */
  osLocale: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const NotificationRequestSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(2000),
});

export const OpenExternalRequestSchema = z.object({ url: z.string().url().max(2000) });

const NoArgs = z.undefined();

export const ipcCalls = {
  'app:get-info': { request: NoArgs, response: AppInfoSchema },
  'settings:get': { request: NoArgs, response: SettingsSchema },
  'settings:update': { request: SettingsPatchSchema, response: SettingsSchema },
  'shell:open-external': { request: OpenExternalRequestSchema, response: z.object({ opened: z.boolean() }) },
  'notify:show': { request: NotificationRequestSchema, response: z.object({ shown: z.boolean() }) },
  /** Free and total bytes of the data folder's filesystem (`statfs`); null where main cannot tell. */
  'storage:disk': {
    request: NoArgs,
    response: z.object({
      free: z.number().nonnegative().nullable(),
      total: z.number().nonnegative().nullable(),
    }),
  },
  // Connected accounts (shared/channels/schemas.ts). Secrets go in, never come out.
  'accounts:list': { request: NoArgs, response: z.array(AccountInfoSchema) },
  'accounts:add': { request: AccountAddRequestSchema, response: AccountInfoSchema },
  'accounts:test': { request: AccountTestRequestSchema, response: ConnectionReportSchema },
  'accounts:update': { request: AccountUpdateRequestSchema, response: AccountInfoSchema },
  'accounts:pause': {
    request: z.object({ accountId: AccountIdSchema, paused: z.boolean() }),
    response: AccountInfoSchema,
  },
  /** How credentials are protected on this computer (shown in Settings; see electron/main/channels/README.md). */
  'accounts:protection': {
    request: NoArgs,
    response: z.object({ protection: z.enum(['safe-storage', 'os-keyring', 'key-file']) }),
  },
  'accounts:remove': {
    request: z.object({ accountId: AccountIdSchema }),
    response: z.object({ removed: z.boolean() }),
  },
  /** The next page after the stored cursor; the writer commits it with `nextCursor` in one transaction. */
  'sync:fetch-page': { request: FetchPageRequestSchema, response: FetchPageResponseSchema },
  /** One delivery attempt under the outbox row's idempotency key (journalled in main). */
  'delivery:send': { request: DeliverySendRequestSchema, response: DeliverySendResponseSchema },
  /** Did the reply with this key reach the channel? Asked before any retry of an expired `sending` row. */
  'delivery:reconcile': {
    request: DeliveryReconcileRequestSchema,
    response: DeliveryReconcileResponseSchema,
  },
  /** One attachment's bytes, fetched from the channel when an agent saves it. */
  'attachments:download': {
    request: AttachmentDownloadRequestSchema,
    response: AttachmentDownloadResponseSchema,
  },
  /** "Load images" for one email: main fetches them (never from the local network) as data: URLs. */
  'email:load-images': { request: LoadImagesRequestSchema, response: LoadImagesResponseSchema },
  // Inbox snapshots in the data folder (shared/backup): written in chunks, renamed into place.
  'backup:begin': { request: BackupBeginRequestSchema, response: z.object({ uploadId: UploadIdSchema }) },
  'backup:append': { request: BackupAppendRequestSchema, response: z.object({ bytes: z.number().int() }) },
  'backup:finish': { request: BackupFinishRequestSchema, response: SnapshotInfoSchema },
  'backup:abort': { request: z.object({ uploadId: UploadIdSchema }), response: z.object({}) },
  'backup:list': { request: NoArgs, response: z.array(SnapshotInfoSchema) },
  /** Checks size and SHA-256 against the manifest before anything is read. */
  'backup:open': { request: z.object({ name: SnapshotNameSchema }), response: BackupOpenResponseSchema },
  'backup:read': { request: BackupReadRequestSchema, response: BackupReadResponseSchema },
} as const;

/** Events pushed from the backend to every window. */
export const ipcEvents = {
  'settings:changed': SettingsSchema,
  /** A menu item was chosen; the renderer runs the command with this id from its registry. */
  'app:run-command': z.object({ commandId: z.string().min(1).max(100) }),
  /** Push (IDLE) or a poll timer says there may be new items: the sync loop asks for a page. Carries no data. */
  'sync:wake': z.object({ accountId: AccountIdSchema, reason: z.enum(['push', 'poll', 'reconnect']) }),
  'accounts:health': z.object({ accountId: AccountIdSchema, health: AccountHealthSchema }),
  'accounts:changed': z.object({ accounts: z.array(AccountInfoSchema) }),
} as const;

export type IpcCalls = typeof ipcCalls;
export type IpcChannel = keyof IpcCalls;
export type IpcEventChannel = keyof typeof ipcEvents;
export type IpcRequest<C extends IpcChannel> = z.input<IpcCalls[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<IpcCalls[C]['response']>;
export type IpcEventPayload<E extends IpcEventChannel> = z.output<(typeof ipcEvents)[E]>;

/** Errors cross the boundary as data, never as thrown objects with stacks. */
export const IpcErrorCodeSchema = z.enum([
  'invalid-argument',
  'unknown-channel',
  'forbidden',
  'not-found',
  'internal',
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;

export type IpcResult<T> =
  { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };

/** What `window.webcare` offers, in Electron (preload) and in browser mode (bridge) alike. */
export interface WebcareApi {
  invoke<C extends IpcChannel>(
    channel: C,
    ...args: IpcRequest<C> extends undefined ? [] : [IpcRequest<C>]
  ): Promise<IpcResponse<C>>;
  on<E extends IpcEventChannel>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
}

/** Thrown in the renderer when a call returns `ok: false`. */
export class IpcCallError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcCallError';
  }
}
