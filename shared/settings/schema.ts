import { z } from 'zod';
import { CHECK_CODES, type CheckCode } from '../checks/types.ts';

/** Current settings version. Bump it, add `upgradeVnToVn+1` in upgrades.ts, and a test. */
export const SETTINGS_SCHEMA_VERSION = 2;

export const LanguageSettingSchema = z.enum(['system', 'nl', 'en']);
export const ThemeSettingSchema = z.enum(['system', 'light', 'dark']);

/** Length limits of the agent's fields (UTF-16 code units, as `maxLength` counts them). */
export const AGENT_LIMITS = { id: 64, name: 80, initials: 3 } as const;

/** Bounds of the pre-send check settings (issue 11), shared by the stored and the patch schema. */
export const CHECK_LIMITS = {
  count: { min: 1, max: 50 },
  threshold: { min: 0.3, max: 1 },
  windowHours: { min: 1, max: 168 },
  minWords: { min: 1, max: 50 },
  list: 50,
  item: 200,
} as const;

const CheckModeSchema = z.enum(['block', 'warn', 'off']);
const checkModes = () =>
  z.object(
    Object.fromEntries(CHECK_CODES.map((c) => [c, CheckModeSchema.optional()])) as Record<
      CheckCode,
      z.ZodOptional<typeof CheckModeSchema>
    >,
  );
const bounded = (b: { min: number; max: number }, int = true) =>
  (int ? z.number().int() : z.number()).min(b.min).max(b.max);
const duplicateSettings = () =>
  z.object({
    count: bounded(CHECK_LIMITS.count).optional(),
    threshold: bounded(CHECK_LIMITS.threshold, false).optional(),
    windowHours: bounded(CHECK_LIMITS.windowHours).optional(),
    minWords: bounded(CHECK_LIMITS.minWords).optional(),
  });

/** An order-number pattern must compile (case-insensitive, Unicode) before it is stored. */
export function isValidPattern(source: string): boolean {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
}

/**
 * The team's pre-send check settings as stored: only what differs from the defaults
 * (shared/checks/types.ts `checkSettings` fills in the rest), so a new check added later gets
 * its default without a settings migration. Optional at the top level for the same reason: a
 * version 2 file without it is valid and means "the defaults".
 */
export const CheckSettingsSchema = z.object({
  modes: checkModes().optional(),
  duplicate: duplicateSettings().optional(),
  allowedContacts: z.array(z.string().max(CHECK_LIMITS.item)).max(CHECK_LIMITS.list).optional(),
  orderPatterns: z.array(z.string().max(CHECK_LIMITS.item)).max(CHECK_LIMITS.list).optional(),
});
export type StoredCheckSettings = z.infer<typeof CheckSettingsSchema>;

/**
 * What stored settings look like. Deliberately as lenient as every earlier release wrote them
 * (unknown keys are dropped on read, not refused), so that tightening input rules below never
 * turns an existing settings file into one that fails and is moved aside.
 */
export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  language: LanguageSettingSchema,
  theme: ThemeSettingSchema,
  agent: z.object({
    /** Stable id used as assignee and event actor. */
    id: z.string().min(1).max(AGENT_LIMITS.id),
    name: z.string().max(AGENT_LIMITS.name),
    initials: z.string().max(AGENT_LIMITS.initials),
  }),
  demo: z.object({
    /** When false the demo inbox is removed and not seeded again. */
    enabled: z.boolean(),
  }),
  checks: CheckSettingsSchema.optional(),
  /** Desktop app: closing the window keeps syncing and sending from the tray (absent: on). */
  closeToTray: z.boolean().optional(),
});

export type Settings = z.infer<typeof SettingsSchema>;
export type LanguageSetting = z.infer<typeof LanguageSettingSchema>;
export type ThemeSetting = z.infer<typeof ThemeSettingSchema>;

/**
 * Characters a display name or initials never need and that can hide or reorder what is shown
 * (in the UI or a reply signature): C0 and C1 controls, line and paragraph separators, and the
 * bidirectional embeddings, overrides and isolates.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const safeText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !UNSAFE_TEXT.test(value), {
      message: 'must not contain control or text-direction characters',
    });

/** Ids are keys in the inbox and the event log: a plain token, never free text. */
export const AGENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;

/**
 * A partial update from the UI (untrusted: the renderer). Strict at every level: an unknown
 * key anywhere, a string over its limit or with unsafe characters is refused (the router
 * answers `invalid-argument`) instead of being dropped in silence. Nested objects are merged
 * one level deep.
 */
export const SettingsPatchSchema = z
  .object({
    language: LanguageSettingSchema,
    theme: ThemeSettingSchema,
    agent: z
      .object({
        id: z.string().min(1).max(AGENT_LIMITS.id).regex(AGENT_ID_PATTERN, 'must be a plain id'),
        name: safeText(AGENT_LIMITS.name),
        initials: safeText(AGENT_LIMITS.initials),
      })
      .partial()
      .strict(),
    demo: z.object({ enabled: z.boolean() }).partial().strict(),
    closeToTray: z.boolean(),
    /** Merged per part: `modes` and `duplicate` key by key, the lists replaced whole. */
    checks: z
      .object({
        modes: checkModes().strict(),
        duplicate: duplicateSettings().strict(),
        allowedContacts: z.array(safeText(CHECK_LIMITS.item)).max(CHECK_LIMITS.list),
        orderPatterns: z
          .array(
            safeText(CHECK_LIMITS.item).refine(isValidPattern, {
              message: 'must be a valid regular expression',
            }),
          )
          .max(CHECK_LIMITS.list),
      })
      .partial()
      .strict(),
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
    ...(patch.checks || current.checks ? { checks: mergeChecks(current.checks, patch.checks) } : {}),
    ...(patch.closeToTray !== undefined
      ? { closeToTray: patch.closeToTray }
      : current.closeToTray !== undefined
        ? { closeToTray: current.closeToTray }
        : {}),
  };
}

function mergeChecks(
  current: StoredCheckSettings | undefined,
  patch: SettingsPatch['checks'],
): StoredCheckSettings {
  const next: StoredCheckSettings = { ...current };
  if (patch?.modes) next.modes = { ...current?.modes, ...patch.modes };
  if (patch?.duplicate) next.duplicate = { ...current?.duplicate, ...patch.duplicate };
  if (patch?.allowedContacts) next.allowedContacts = patch.allowedContacts;
  if (patch?.orderPatterns) next.orderPatterns = patch.orderPatterns;
  return next;
}

/** Resolves the `system` language against an OS locale such as `nl-NL`: Dutch locales get nl. */
export function resolveLanguage(setting: LanguageSetting, osLocale: string): 'nl' | 'en' {
  if (setting !== 'system') return setting;
  return osLocale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/**
 * JSON schema handed to electron-store / conf, which validate every write with ajv.
 * Kept next to the zod schema; a test checks that DEFAULT_SETTINGS passes both. It checks the
 * stored file, so it stays as lenient as {@link SettingsSchema} (no `additionalProperties:
 * false`): conf moves a file that fails it aside, and that must never happen to a file an
 * earlier version wrote. Input is held to {@link SettingsPatchSchema} before any write.
 */
export const SETTINGS_JSON_SCHEMA = {
  schemaVersion: { type: 'number' },
  language: { type: 'string', enum: ['system', 'nl', 'en'] },
  theme: { type: 'string', enum: ['system', 'light', 'dark'] },
  agent: {
    type: 'object',
    properties: {
      id: { type: 'string', minLength: 1, maxLength: AGENT_LIMITS.id },
      name: { type: 'string', maxLength: AGENT_LIMITS.name },
      initials: { type: 'string', maxLength: AGENT_LIMITS.initials },
    },
    required: ['id', 'name', 'initials'],
  },
  demo: {
    type: 'object',
    properties: { enabled: { type: 'boolean' } },
    required: ['enabled'],
  },
  // Shape checked by the zod schemas (stored leniently, patches strictly).
  checks: { type: 'object' },
  closeToTray: { type: 'boolean' },
} as const;
