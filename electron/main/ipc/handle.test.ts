import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcCalls } from '../../../shared/ipc/contract.ts';
import { DEFAULT_SETTINGS } from '../../../shared/settings/schema.ts';
import { createConnectorRegistry } from '../channels/registry.ts';
import { createAccountsService } from '../services/accounts.ts';
import type { AccountsService } from '../services/accounts.ts';
import { openDeliveryJournal } from '../services/delivery-journal.ts';
import type { DeliveryJournal } from '../services/delivery-journal.ts';
import { createEventBus } from '../services/events.ts';
import { createEncryptedFileSecretStore, keyFileSource } from '../services/secrets.ts';
import { createIpcRouter, IpcHandlerError } from './handle.ts';
import { registerCoreHandlers } from './services.ts';
import { registerBackupHandlers } from './backups.ts';
import { createBackupService } from '../services/backups.ts';
import type { CoreServices } from './services.ts';
import type { Settings } from '../../../shared/settings/schema.ts';

type Sender = { trusted: boolean };
const trusted: Sender = { trusted: true };

function fakeSettings() {
  let current: Settings = structuredClone(DEFAULT_SETTINGS);
  const listeners = new Set<(s: Settings) => void>();
  return {
    get: () => current,
    update: (patch: Partial<Settings>) => {
      current = { ...current, ...patch } as Settings;
      listeners.forEach((l) => l(current));
      return current;
    },
    onChange: (l: (s: Settings) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

let dataDir: string;
let journal: DeliveryJournal;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'webcare-router-'));
  journal = await openDeliveryJournal(dataDir);
});
afterAll(async () => {
  await journal.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function accountsFor(events: ReturnType<typeof createEventBus>): AccountsService {
  return createAccountsService({
    dataDir,
    secrets: createEncryptedFileSecretStore(dataDir, keyFileSource(dataDir)),
    journal,
    events,
    registry: createConnectorRegistry(),
    watch: false,
  });
}

function setup(overrides: Partial<CoreServices> = {}) {
  const onInternalError = vi.fn();
  const router = createIpcRouter<Sender>({ isTrustedSender: (s) => s.trusted, onInternalError });
  const events = createEventBus();
  const services: CoreServices = {
    appInfo: () => ({
      name: 'Webcare',
      version: '1.0.0',
      mode: 'browser',
      platform: 'linux',
      osLocale: 'nl-NL',
      dataDir: '/tmp/x',
    }),
    settings: fakeSettings(),
    openExternal: async () => ({ opened: false }),
    notify: () => ({ shown: false }),
    events,
    accounts: accountsFor(events),
    ...overrides,
  };
  registerCoreHandlers(router, services);
  registerBackupHandlers(router, createBackupService(dataDir));
  return { router, events, onInternalError };
}

describe('IPC router', () => {
  it('serves every contract call', () => {
    expect(setup().router.channels().sort()).toEqual(Object.keys(ipcCalls).sort());
  });

  it('answers a valid call with ok and the value', async () => {
    const { router } = setup();
    await expect(router.dispatch('settings:get', undefined, trusted)).resolves.toEqual({
      ok: true,
      value: DEFAULT_SETTINGS,
    });
  });

  it('rejects unknown and non-string channels', async () => {
    const { router } = setup();
    for (const channel of ['settings:delete', 42, null, '__proto__', 'toString']) {
      const result = await router.dispatch(channel, undefined, trusted);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });

  it.each([
    ['settings:update', { language: 'fr' }],
    ['settings:update', { theme: 'dark', extra: true }],
    ['settings:update', 'nl'],
    ['settings:get', { sneaky: 1 }],
    ['shell:open-external', { url: 'not a url' }],
    ['notify:show', { title: '', body: 'x' }],
    ['notify:show', { title: 'x'.repeat(201), body: '' }],
  ])('rejects a malformed argument for %s', async (channel, arg) => {
    const { router } = setup();
    const result = await router.dispatch(channel, arg, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('refuses an untrusted sender before running the handler', async () => {
    const update = vi.fn();
    const { router } = setup({ settings: { ...fakeSettings(), update } });
    const result = await router.dispatch('settings:update', { theme: 'dark' }, { trusted: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(update).not.toHaveBeenCalled();
  });

  it('treats a throwing sender check as untrusted', async () => {
    const router = createIpcRouter<Sender>({
      isTrustedSender: () => {
        throw new Error('frame gone');
      },
    });
    router.handle('settings:get', ipcCalls['settings:get'].request, () => DEFAULT_SETTINGS);
    expect(await router.dispatch('settings:get', undefined, trusted)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('maps thrown errors to internal without leaking the message or stack', async () => {
    const { router, onInternalError } = setup({
      appInfo: () => {
        throw new Error('EACCES /home/secret/path');
      },
    });
    const result = await router.dispatch('app:get-info', undefined, trusted);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Internal error in app:get-info.' },
    });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('passes deliberate handler errors through with their code', async () => {
    const { router } = setup({
      openExternal: () => Promise.reject(new IpcHandlerError('forbidden', 'Not on the allowlist')),
    });
    expect(await router.dispatch('shell:open-external', { url: 'https://example.com' }, trusted)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Not on the allowlist' },
    });
  });

  it('broadcasts settings:changed after an update', async () => {
    const { router, events } = setup();
    const seen: unknown[] = [];
    events.subscribe((event, payload) => seen.push([event, payload]));
    await router.dispatch('settings:update', { theme: 'dark' }, trusted);
    expect(seen).toEqual([['settings:changed', expect.objectContaining({ theme: 'dark' })]]);
  });

  it('refuses to register a channel twice or outside the contract', () => {
    const { router } = setup();
    expect(() =>
      router.handle('settings:get', ipcCalls['settings:get'].request, () => DEFAULT_SETTINGS),
    ).toThrow(/already/);
    expect(() =>
      router.handle('nope:nope' as 'settings:get', ipcCalls['settings:get'].request, () => DEFAULT_SETTINGS),
    ).toThrow(/contract/);
  });
});
