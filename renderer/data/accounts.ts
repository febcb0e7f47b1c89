import { useSyncExternalStore } from 'react';
import type { AccountHealth, AccountInfo } from '../../shared/channels/schemas.ts';
import type { WebcareApi } from '../../shared/ipc/contract.ts';
import { getWebcare } from '../platform/bridge.ts';

/**
 * Connected accounts as main knows them (settings without secrets, health), for the settings
 * screen and the sidebar. Not inbox data: it lives in main and arrives through `accounts:list`
 * and the `accounts:changed` / `accounts:health` events, so every window shows the same health.
 */
export interface AccountsStore {
  subscribe(listener: () => void): () => void;
  /** `undefined` until the first answer. */
  get(): AccountInfo[] | undefined;
  refresh(): Promise<void>;
}

export function createAccountsStore(api: WebcareApi): AccountsStore {
  let accounts: AccountInfo[] | undefined;
  const listeners = new Set<() => void>();
  const set = (next: AccountInfo[]) => {
    accounts = next;
    for (const listener of listeners) listener();
  };
  const setHealth = (accountId: string, health: AccountHealth) => {
    if (!accounts) return;
    set(accounts.map((a) => (a.id === accountId ? { ...a, health } : a)));
  };
  let started = false;
  const refresh = async () => {
    set(await api.invoke('accounts:list'));
  };
  const start = () => {
    if (started) return;
    started = true;
    api.on('accounts:changed', ({ accounts: next }) => set(next));
    api.on('accounts:health', ({ accountId, health }) => setHealth(accountId, health));
    void refresh().catch(() => set([]));
  };
  return {
    subscribe(listener) {
      start();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => accounts,
    refresh,
  };
}

let shared: AccountsStore | undefined;
export function accountsStore(): AccountsStore {
  shared ??= createAccountsStore(getWebcare());
  return shared;
}

export function useAccounts(store: AccountsStore = accountsStore()): AccountInfo[] | undefined {
  return useSyncExternalStore(store.subscribe, store.get);
}
