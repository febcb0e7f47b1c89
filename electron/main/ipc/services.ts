import { statfs } from 'node:fs/promises';
import { ipcCalls } from '../../../shared/ipc/contract.ts';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import { AccountError } from '../services/accounts.ts';
import type { AccountsService } from '../services/accounts.ts';
import type { EventBus } from '../services/events.ts';
import { fetchRemoteImages } from '../services/remote-images.ts';
import type { OpenExternal } from '../services/open-external.ts';
import type { SettingsService } from '../services/settings.ts';
import { IpcHandlerError } from './handle.ts';
import type { IpcRouter } from './handle.ts';

export type Notifier = (request: {
  title: string;
  body: string;
}) => Promise<{ shown: boolean }> | { shown: boolean };

/** The main-side services behind the API; the same set runs in Electron and in browser mode. */
export interface CoreServices {
  appInfo: () => AppInfo;
  settings: SettingsService;
  openExternal: OpenExternal;
  notify: Notifier;
  events: EventBus;
  accounts: AccountsService;
}

/** Expected account failures reach the renderer as typed errors with their message; nothing secret is in them. */
async function accountCall<T>(run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AccountError)
      throw new IpcHandlerError(
        error.code === 'unknown-account' ? 'not-found' : 'invalid-argument',
        error.message,
      );
    throw error;
  }
}

/** Free and total bytes of the filesystem holding `dir`; nulls when the platform cannot say. */
export async function diskOf(dir: string): Promise<{ free: number | null; total: number | null }> {
  try {
    const s = await statfs(dir);
    return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
  } catch {
    return { free: null, total: null };
  }
}

/** Registers every contract call on the router and wires settings changes to the event bus. */
export function registerCoreHandlers<S>(router: IpcRouter<S>, services: CoreServices): () => void {
  router.handle('app:get-info', ipcCalls['app:get-info'].request, () => services.appInfo());
  router.handle('settings:get', ipcCalls['settings:get'].request, () => services.settings.get());
  router.handle('settings:update', ipcCalls['settings:update'].request, (patch) =>
    services.settings.update(patch),
  );
  router.handle('shell:open-external', ipcCalls['shell:open-external'].request, ({ url }) =>
    services.openExternal(url),
  );
  router.handle('notify:show', ipcCalls['notify:show'].request, (request) => services.notify(request));
  router.handle('storage:disk', ipcCalls['storage:disk'].request, () => diskOf(services.appInfo().dataDir));

  const { accounts } = services;
  router.handle('accounts:list', ipcCalls['accounts:list'].request, () => accounts.list());
  router.handle('accounts:add', ipcCalls['accounts:add'].request, (request) =>
    accountCall(() => accounts.add(request)),
  );
  router.handle('accounts:test', ipcCalls['accounts:test'].request, (request) =>
    accountCall(() => accounts.test(request)),
  );
  router.handle('accounts:update', ipcCalls['accounts:update'].request, (request) =>
    accountCall(() => accounts.update(request)),
  );
  router.handle('accounts:pause', ipcCalls['accounts:pause'].request, ({ accountId, paused }) =>
    accountCall(() => accounts.setPaused(accountId, paused)),
  );
  router.handle('accounts:protection', ipcCalls['accounts:protection'].request, () => ({
    protection: accounts.protection(),
  }));
  router.handle('accounts:remove', ipcCalls['accounts:remove'].request, async ({ accountId }) => ({
    removed: await accounts.remove(accountId),
  }));
  router.handle('sync:fetch-page', ipcCalls['sync:fetch-page'].request, ({ accountId, cursor, limit }) =>
    accountCall(() => accounts.fetchPage(accountId, cursor, limit)),
  );
  router.handle('delivery:send', ipcCalls['delivery:send'].request, (request) =>
    accountCall(() => accounts.send(request)),
  );
  router.handle('attachments:download', ipcCalls['attachments:download'].request, (request) =>
    accountCall(() => accounts.downloadAttachment(request)),
  );
  router.handle('email:load-images', ipcCalls['email:load-images'].request, async ({ urls }) => ({
    images: await fetchRemoteImages(urls),
  }));
  router.handle('delivery:reconcile', ipcCalls['delivery:reconcile'].request, (request) =>
    accountCall(() => accounts.reconcile(request)),
  );
  return services.settings.onChange((settings) => services.events.emit('settings:changed', settings));
}
