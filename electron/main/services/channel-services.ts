import { createConnectorRegistry } from '../channels/registry.ts';
import type { RegistryOptions } from '../channels/registry.ts';
import { createAccountsService } from './accounts.ts';
import type { AccountsService, CrashPoint } from './accounts.ts';
import { openDeliveryJournal } from './delivery-journal.ts';
import type { EventBus } from './events.ts';
import type { SecretStore } from './secrets.ts';

export interface ChannelServicesOptions {
  dataDir: string;
  secrets: SecretStore;
  events: EventBus;
  log: (line: string) => void;
  crashPoint?: (point: CrashPoint) => void;
  /** Told every credential value main holds, so that a redacting log can hide it. */
  registerSecret?: (value: string) => void;
  registry?: RegistryOptions;
}

/** The delivery journal and the accounts service, as both Electron and browser mode run them. */
export async function openChannelServices(options: ChannelServicesOptions): Promise<AccountsService> {
  const journal = await openDeliveryJournal(options.dataDir, { log: options.log });
  const accounts = createAccountsService({
    dataDir: options.dataDir,
    secrets: options.secrets,
    journal,
    events: options.events,
    registry: createConnectorRegistry(options.registry),
    log: options.log,
    ...(options.crashPoint ? { crashPoint: options.crashPoint } : {}),
    ...(options.registerSecret ? { registerSecret: options.registerSecret } : {}),
  });
  accounts.start();
  return {
    ...accounts,
    async close() {
      await accounts.close();
      await journal.close();
    },
  };
}

/**
 * Test hook for the crash-point tests: `WEBCARE_TEST_CRASH_AT=after-accept` kills this process
 * with SIGKILL when a delivery reaches that point (as a power cut would). Unset: nothing happens.
 */
export function crashPointFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ((point: CrashPoint) => void) | undefined {
  const wanted = env.WEBCARE_TEST_CRASH_AT;
  if (!wanted) return undefined;
  return (point) => {
    if (point === wanted) process.kill(process.pid, 'SIGKILL');
  };
}
