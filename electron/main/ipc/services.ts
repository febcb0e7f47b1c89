import { ipcCalls } from '../../../shared/ipc/contract.ts';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import type { EventBus } from '../services/events.ts';
import type { OpenExternal } from '../services/open-external.ts';
import type { SettingsService } from '../services/settings.ts';
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
  return services.settings.onChange((settings) => services.events.emit('settings:changed', settings));
}
