import { DEFAULT_SETTINGS, SETTINGS_SCHEMA_VERSION, SettingsSchema } from './schema.ts';
import type { Settings } from './schema.ts';

/**
 * Settings as version 1 stored them (Webcare 0.0.x): a flat object with the agent's display
 * name only. Version 2 nests the agent (id, name, initials) and adds the demo switch.
 */
export interface SettingsV1 {
  schemaVersion: 1;
  language: 'system' | 'nl' | 'en';
  theme: 'system' | 'light' | 'dark';
  agentName: string;
}

/** Thrown when stored settings are newer than this app understands. */
export class SettingsTooNewError extends Error {
  constructor(readonly storedVersion: number) {
    super(
      `Settings were written by a newer Webcare (schemaVersion ${storedVersion} > ${SETTINGS_SCHEMA_VERSION}).`,
    );
    this.name = 'SettingsTooNewError';
  }
}

const LANGUAGES = ['system', 'nl', 'en'] as const;
const THEMES = ['system', 'light', 'dark'] as const;

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** Up to three initials from a display name: "Sanne de Vries" → "SDV", "" → "". */
export function initialsFromName(name: string): string {
  return name
    .split(/\s+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase())
    .join('')
    .slice(0, 3);
}

/** v1 → v2: nests the agent name and derives initials; the demo inbox stays on. Pure. */
export function upgradeV1toV2(v1: SettingsV1): Settings {
  const name = v1.agentName.trim().slice(0, 80);
  return {
    schemaVersion: 2,
    language: pick(v1.language, LANGUAGES, DEFAULT_SETTINGS.language),
    theme: pick(v1.theme, THEMES, DEFAULT_SETTINGS.theme),
    agent: { id: DEFAULT_SETTINGS.agent.id, name, initials: initialsFromName(name) },
    demo: { ...DEFAULT_SETTINGS.demo },
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Reads a version 1 object leniently: missing or mistyped fields get their defaults. */
function readV1(raw: Record<string, unknown>): SettingsV1 {
  return {
    schemaVersion: 1,
    language: pick(raw.language, LANGUAGES, 'system'),
    theme: pick(raw.theme, THEMES, 'system'),
    agentName: typeof raw.agentName === 'string' ? raw.agentName : '',
  };
}

/**
 * Brings whatever the store holds up to the current schema. Empty or missing data gives the
 * defaults; data without `schemaVersion` is treated as version 1 (it predates the field);
 * fields of the current version that fail validation fall back to their defaults one by one,
 * so one bad value never loses the rest. Throws {@link SettingsTooNewError} for future versions.
 */
export function upgradeSettings(stored: unknown): { settings: Settings; upgraded: boolean } {
  const raw = asRecord(stored);
  if (Object.keys(raw).length === 0) return { settings: structuredClone(DEFAULT_SETTINGS), upgraded: true };
  const version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 1;
  if (version > SETTINGS_SCHEMA_VERSION) throw new SettingsTooNewError(version);
  if (version < 2) return { settings: upgradeV1toV2(readV1(raw)), upgraded: true };

  const exact = SettingsSchema.safeParse(raw);
  if (exact.success) return { settings: exact.data, upgraded: false };
  const agent = asRecord(raw.agent);
  const demo = asRecord(raw.demo);
  const field = <K extends keyof Settings>(key: K, value: unknown): Settings[K] => {
    const parsed = SettingsSchema.shape[key].safeParse(value);
    return parsed.success ? (parsed.data as Settings[K]) : structuredClone(DEFAULT_SETTINGS[key]);
  };
  const repaired: Settings = {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    language: field('language', raw.language),
    theme: field('theme', raw.theme),
    agent: field('agent', { ...DEFAULT_SETTINGS.agent, ...agent }),
    demo: field('demo', { ...DEFAULT_SETTINGS.demo, ...demo }),
  };
  // Check settings that fail validation fall back to the defaults (absent), never the whole file.
  const checks = SettingsSchema.shape.checks.safeParse(raw.checks);
  if (checks.success && checks.data) repaired.checks = checks.data;
  if (typeof raw.closeToTray === 'boolean') repaired.closeToTray = raw.closeToTray;
  return { settings: repaired, upgraded: true };
}
