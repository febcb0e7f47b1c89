import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA_VERSION, SettingsSchema } from './schema.ts';
import { SettingsTooNewError, initialsFromName, upgradeSettings, upgradeV1toV2 } from './upgrades.ts';

describe('upgradeV1toV2', () => {
  it('nests the agent name, derives initials and keeps language and theme', () => {
    const v2 = upgradeV1toV2({
      schemaVersion: 1,
      language: 'nl',
      theme: 'dark',
      agentName: '  Sanne de Vries ',
    });
    expect(v2).toEqual({
      schemaVersion: 2,
      language: 'nl',
      theme: 'dark',
      agent: { id: 'me', name: 'Sanne de Vries', initials: 'SDV' },
      demo: { enabled: true },
    });
    expect(SettingsSchema.safeParse(v2).success).toBe(true);
  });

  it('gives an empty name empty initials', () => {
    expect(upgradeV1toV2({ schemaVersion: 1, language: 'en', theme: 'light', agentName: '' }).agent).toEqual({
      id: 'me',
      name: '',
      initials: '',
    });
  });
});

describe('initialsFromName', () => {
  it('takes at most three upper-case initials', () => {
    expect(initialsFromName('jan peter van der berg')).toBe('JPV');
    expect(initialsFromName('Émile')).toBe('É');
  });
});

describe('upgradeSettings', () => {
  it('turns an empty store into the defaults and asks for a write', () => {
    expect(upgradeSettings({})).toEqual({ settings: DEFAULT_SETTINGS, upgraded: true });
    expect(upgradeSettings(undefined).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('upgrades a stored version 1 file', () => {
    const { settings, upgraded } = upgradeSettings({
      schemaVersion: 1,
      language: 'en',
      theme: 'light',
      agentName: 'Kees Jansen',
    });
    expect(upgraded).toBe(true);
    expect(settings.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect(settings.agent).toEqual({ id: 'me', name: 'Kees Jansen', initials: 'KJ' });
    expect(settings.language).toBe('en');
  });

  it('treats data without schemaVersion as version 1 and repairs unknown values', () => {
    const { settings } = upgradeSettings({ language: 'de', theme: 'sepia', agentName: 42 });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, agent: { id: 'me', name: '', initials: '' } });
  });

  it('leaves valid current settings untouched', () => {
    const current = {
      ...DEFAULT_SETTINGS,
      language: 'nl' as const,
      agent: { id: 'a1', name: 'Ada', initials: 'A' },
    };
    expect(upgradeSettings(current)).toEqual({ settings: current, upgraded: false });
  });

  it('repairs one bad field of a version 2 file without losing the others', () => {
    const { settings, upgraded } = upgradeSettings({
      ...DEFAULT_SETTINGS,
      theme: 'neon',
      agent: { id: 'a1', name: 'Ada', initials: 'TOOLONG' },
    });
    expect(upgraded).toBe(true);
    expect(settings.theme).toBe('system');
    expect(settings.agent).toEqual(DEFAULT_SETTINGS.agent);
    expect(settings.language).toBe(DEFAULT_SETTINGS.language);
  });

  it('refuses settings from a newer app', () => {
    expect(() => upgradeSettings({ schemaVersion: 99 })).toThrow(SettingsTooNewError);
  });
});
