import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings/schema.ts';
import { SettingsTooNewError } from '../../../shared/settings/upgrades.ts';
import { ipcCalls } from '../../../shared/ipc/contract.ts';
import { createIpcRouter } from '../ipc/handle.ts';
import { createSettingsService, openConfSettingsStore } from './settings.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'webcare-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const readFile = () =>
  JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;

describe('settings service over conf', () => {
  it('writes the defaults on first run', () => {
    const settings = createSettingsService(openConfSettingsStore(dir));
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(readFile()).toEqual(DEFAULT_SETTINGS);
  });

  it('upgrades a version 1 file on disk and drops its old keys', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ schemaVersion: 1, language: 'nl', theme: 'dark', agentName: 'Fatima El Amrani' }),
    );
    const settings = createSettingsService(openConfSettingsStore(dir));
    expect(settings.get()).toMatchObject({
      schemaVersion: 2,
      language: 'nl',
      theme: 'dark',
      agent: { name: 'Fatima El Amrani', initials: 'FEA' },
    });
    const onDisk = readFile();
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk).not.toHaveProperty('agentName');
  });

  it('persists updates, merges nested objects and notifies listeners', () => {
    const settings = createSettingsService(openConfSettingsStore(dir));
    const listener = vi.fn();
    settings.onChange(listener);
    settings.update({ agent: { name: 'Noor' } });
    settings.update({ language: 'en' });
    expect(listener).toHaveBeenCalledTimes(2);
    const reopened = createSettingsService(openConfSettingsStore(dir));
    expect(reopened.get()).toMatchObject({ language: 'en', agent: { id: 'me', name: 'Noor' } });
  });

  it('rejects an invalid patch and keeps the file unchanged', () => {
    const settings = createSettingsService(openConfSettingsStore(dir));
    expect(() => settings.update({ theme: 'neon' } as never)).toThrow();
    expect(readFile().theme).toBe('system');
  });

  it('answers a malformed settings:update with a typed invalid-argument error and writes nothing', async () => {
    const settings = createSettingsService(openConfSettingsStore(dir));
    settings.update({ agent: { name: 'Noor' } });
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    // The production route: the contract's request schema in front of the service.
    const router = createIpcRouter<null>({ isTrustedSender: () => true });
    router.handle('settings:update', ipcCalls['settings:update'].request, (patch) => settings.update(patch));
    for (const [patch, where] of [
      [{ agent: { name: 'Noor', role: 'admin' } }, 'agent'],
      [{ agent: { name: 'N'.repeat(81) } }, 'agent.name'],
      [{ agent: { initials: 'N\u202E' } }, 'agent.initials'],
      [{ demo: { enabled: true, seed: 1 } }, 'demo'],
    ] as const) {
      const result = await router.dispatch('settings:update', patch, null);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(!result.ok && result.error.message).toContain(`settings:update at ${where}:`);
    }
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect(settings.get().agent.name).toBe('Noor');
  });

  it('lets conf refuse a write that violates the JSON schema', () => {
    const store = openConfSettingsStore(dir);
    expect(() => {
      store.store = { ...DEFAULT_SETTINGS, language: 'klingon' };
    }).toThrow(/Config schema violation/);
  });

  it('moves a file that violates the schema aside and starts from defaults', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, theme: 'neon' }));
    const recovered = vi.fn();
    const settings = createSettingsService(openConfSettingsStore(dir, recovered));
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(recovered).toHaveBeenCalledWith(
      expect.stringContaining('settings.json.broken-'),
      expect.stringContaining('schema violation'),
    );
    expect(readdirSync(dir).some((name) => name.startsWith('settings.json.broken-'))).toBe(true);
  });

  it('survives a file that is not JSON', () => {
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    expect(createSettingsService(openConfSettingsStore(dir)).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses settings written by a newer app instead of overwriting them', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, schemaVersion: 3 }));
    expect(() => createSettingsService(openConfSettingsStore(dir))).toThrow(SettingsTooNewError);
    expect(readFile().schemaVersion).toBe(3);
  });
});
