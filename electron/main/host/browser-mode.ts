import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createIpcRouter } from '../ipc/handle.ts';
import { registerCoreHandlers } from '../ipc/services.ts';
import { registerBackupHandlers } from '../ipc/backups.ts';
import { createBackupService } from '../services/backups.ts';
import type { AccountsService } from '../services/accounts.ts';
import { buildAppInfo } from '../services/app-info.ts';
import { crashPointFromEnv, openChannelServices } from '../services/channel-services.ts';
import { createEventBus } from '../services/events.ts';
import { createOpenExternal } from '../services/open-external.ts';
import { openBrowserModeSecretStore } from '../services/secrets.ts';
import { createSettingsService, openConfSettingsStore } from '../services/settings.ts';
import type { SettingsService } from '../services/settings.ts';
import { createHostLog } from './log.ts';
import type { HostLog } from './log.ts';
import { isTrustedHostSender, startHttpHost } from './server.ts';
import { TOKEN_FILE, loadOrCreateHostToken } from './token-file.ts';
import type { HostOptions, HostSender, RunningHost } from './server.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function appVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return '0.0.0';
  }
}

export interface BrowserModeOptions extends Pick<
  HostOptions,
  'port' | 'token' | 'middleware' | 'beforeListen' | 'log'
> {
  dataDir: string;
  rendererDir: string;
}

export interface BrowserMode extends RunningHost {
  settings: SettingsService;
  accounts: AccountsService;
}

/**
 * Browser mode: the same main-side services as Electron (settings through conf, app info,
 * events) behind the loopback host, with the data folder's own token (token-file.ts) unless
 * one is given. Opening links and notifications answer
 * `{opened|shown: false}`; the renderer's bridge then uses the browser's own APIs.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const log: HostLog = options.log ?? createHostLog();
  mkdirSync(options.dataDir, { recursive: true });
  const store = openConfSettingsStore(options.dataDir, (backup, reason) =>
    log.info(`Settings file was unreadable (${reason}); moved it to ${backup} and started with defaults.`),
  );
  const settings = createSettingsService(store);
  const events = createEventBus();
  const router = createIpcRouter<HostSender>({
    isTrustedSender: isTrustedHostSender,
    onInternalError: (channel, error) => log.error(`${channel} failed:`, error),
  });
  const version = appVersion();
  const secrets = await openBrowserModeSecretStore(options.dataDir, { log: (line) => log.info(line) });
  const crashPoint = crashPointFromEnv();
  const accounts = await openChannelServices({
    dataDir: options.dataDir,
    secrets,
    events,
    log: (line) => log.info(line),
    // Defence in depth: the host's output redacts every stored password wherever it would appear.
    registerSecret: (value) => log.addSecret(value),
    ...(crashPoint ? { crashPoint } : {}),
  });
  registerCoreHandlers(router, {
    appInfo: () => buildAppInfo({ version, mode: 'browser', dataDir: options.dataDir }),
    settings,
    openExternal: createOpenExternal(null),
    notify: () => ({ shown: false }),
    events,
    accounts,
  });
  registerBackupHandlers(router, createBackupService(options.dataDir));
  let token = options.token;
  if (token === undefined) {
    const stored = loadOrCreateHostToken(options.dataDir);
    token = stored.token;
    if (stored.created === 'malformed' || stored.created === 'unsafe')
      log.info(
        `The access token file ${TOKEN_FILE} was ${stored.created === 'unsafe' ? 'readable by others or not a plain file' : 'damaged'}; made a new one. Open the new URL below.`,
      );
  }
  const host = await startHttpHost({ ...options, token, router, events, log });
  return {
    ...host,
    settings,
    accounts,
    async close() {
      await Promise.all([host.close(), accounts.close()]);
    },
  };
}
