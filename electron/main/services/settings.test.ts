import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings/schema.ts';
import { SettingsTooNewError } from '../../../shared/settings/upgrades.ts';
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
