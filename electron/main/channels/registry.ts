import type { AccountConfig } from '../../../shared/channels/schemas.ts';
import type { ConnectorFactory } from './connector.ts';
import { emailConnectorFactory } from './email/connector.ts';
import type { EmailConnectorOptions } from './email/connector.ts';

/** Connector factories by kind. Adding a channel = one folder + one line here (see README.md). */
export type ConnectorRegistry = ReadonlyMap<AccountConfig['connector'], ConnectorFactory>;

export interface RegistryOptions {
  email?: EmailConnectorOptions;
}

export function createConnectorRegistry(options: RegistryOptions = {}): ConnectorRegistry {
  const factories: ConnectorFactory[] = [emailConnectorFactory(options.email)];
  return new Map(factories.map((factory) => [factory.kind, factory]));
}
