import { renameSync } from 'node:fs';
import Conf from 'conf';
import { SETTINGS_JSON_SCHEMA, SettingsPatchSchema, mergeSettings } from '../../../shared/settings/schema.ts';
import type { Settings, SettingsPatch } from '../../../shared/settings/schema.ts';
import { upgradeSettings } from '../../../shared/settings/upgrades.ts';

/**
 * The part of `conf` / `electron-store` (same API, electron-store extends conf) the settings
 * service needs. Reading `store` validates against the JSON schema; assigning it validates and
 * writes the file atomically.
 */
export interface SettingsStoreLike {
  store: Record<string, unknown>;
  readonly path: string;
}

export interface SettingsService {
  get(): Settings;
  /** Validates the patch (throws on bad input), merges, writes and notifies listeners. */
  update(patch: SettingsPatch): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
}

/** The options both conf (browser mode, tests) and electron-store (Electron) get. */
export const SETTINGS_STORE_OPTIONS = {
  configName: 'settings',
  schema: SETTINGS_JSON_SCHEMA,
  clearInvalidConfig: false,
} as const;

export function createSettingsService(store: SettingsStoreLike): SettingsService {
  const { settings, upgraded } = upgradeSettings(store.store);
  let current = settings;
  if (upgraded) store.store = { ...current };
  const listeners = new Set<(settings: Settings) => void>();
  return {
    get: () => structuredClone(current),
    update(patch) {
      const valid = SettingsPatchSchema.parse(patch);
      const next = mergeSettings(current, valid);
      store.store = { ...next };
      current = next;
      for (const listener of listeners) listener(structuredClone(current));
      return structuredClone(current);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Opens `settings.json` in `dataDir` with conf. A file that is not JSON or violates the schema
 * is moved aside (`settings.json.broken-<time>`) and the app starts with defaults instead of
 * refusing to start; `onRecovered` says where the old file went.
 */
export function openConfSettingsStore(
  dataDir: string,
  onRecovered?: (backupPath: string, reason: string) => void,
): SettingsStoreLike {
  const open = () =>
    new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: dataDir, projectSuffix: '' });
  try {
    const conf = open();
    void conf.store; // validates the file now rather than on first use
    return conf;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!(error instanceof SyntaxError) && !reason.startsWith('Config schema violation')) throw error;
    const path = `${dataDir}/settings.json`;
    const backup = `${path}.broken-${Date.now()}`;
    renameSync(path, backup);
    onRecovered?.(backup, reason);
    return open();
  }
}
