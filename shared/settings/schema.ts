import { z } from 'zod';

/** Current settings version. Bump it, add `upgradeVnToVn+1` in upgrades.ts, and a test. */
export const SETTINGS_SCHEMA_VERSION = 2;

export const LanguageSettingSchema = z.enum(['system', 'nl', 'en']);
export const ThemeSettingSchema = z.enum(['system', 'light', 'dark']);

export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  language: LanguageSettingSchema,
  theme: ThemeSettingSchema,
  agent: z.object({
    /** Stable id used as assignee and event actor. */
    id: z.string().min(1).max(64),
    name: z.string().max(80),
    initials: z.string().max(3),
  }),
  demo: z.object({
    /** When false the demo inbox is removed and not seeded again. */
    enabled: z.boolean(),
  }),
});

export type Settings = z.infer<typeof SettingsSchema>;
export type LanguageSetting = z.infer<typeof LanguageSettingSchema>;
export type ThemeSetting = z.infer<typeof ThemeSettingSchema>;

/** A partial update from the UI. Nested objects are merged one level deep. */
export const SettingsPatchSchema = z
  .object({
    language: LanguageSettingSchema,
    theme: ThemeSettingSchema,
    agent: SettingsSchema.shape.agent.partial(),
    demo: SettingsSchema.shape.demo.partial(),
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  language: 'system',
  theme: 'system',
  agent: { id: 'me', name: '', initials: '' },
  demo: { enabled: true },
};

/** Applies a validated patch; pure. */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return {
    ...current,
    ...(patch.language ? { language: patch.language } : {}),
    ...(patch.theme ? { theme: patch.theme } : {}),
    agent: { ...current.agent, ...patch.agent },
    demo: { ...current.demo, ...patch.demo },
  };
}

/** Resolves the `system` language against an OS locale such as `nl-NL`: Dutch locales get nl. */
export function resolveLanguage(setting: LanguageSetting, osLocale: string): 'nl' | 'en' {
  if (setting !== 'system') return setting;
  return osLocale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/**
 * JSON schema handed to electron-store / conf, which validate every write with ajv.
 * Kept next to the zod schema; a test checks that DEFAULT_SETTINGS passes both.
 */
export const SETTINGS_JSON_SCHEMA = {
  schemaVersion: { type: 'number' },
  language: { type: 'string', enum: ['system', 'nl', 'en'] },
  theme: { type: 'string', enum: ['system', 'light', 'dark'] },
  agent: {
    type: 'object',
    properties: {
      id: { type: 'string', minLength: 1, maxLength: 64 },
      name: { type: 'string', maxLength: 80 },
      initials: { type: 'string', maxLength: 3 },
    },
    required: ['id', 'name', 'initials'],
  },
  demo: {
    type: 'object',
    properties: { enabled: { type: 'boolean' } },
    required: ['enabled'],
  },
} as const;
