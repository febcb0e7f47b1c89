import { describe, expect, it } from 'vitest';
import {
  AGENT_LIMITS,
  DEFAULT_SETTINGS,
  SettingsPatchSchema,
  SettingsSchema,
  mergeSettings,
} from './schema.ts';
import { upgradeSettings } from './upgrades.ts';

const ACCEPTED: [string, unknown][] = [
  ['nothing', {}],
  ['a theme', { theme: 'dark' }],
  ['a Dutch name', { agent: { name: 'Sanne van der Berg-de Vries' } }],
  ['a name at the limit', { agent: { name: 'x'.repeat(AGENT_LIMITS.name) } }],
  ['a right-to-left name', { agent: { name: 'محمد العمراني' } }],
  ['a name with an emoji', { agent: { name: 'Lotte 🌷' } }],
  ['accented initials', { agent: { initials: 'ÉvD' } }],
  ['empty initials', { agent: { initials: '' } }],
  ['a plain agent id', { agent: { id: 'agent-7@team.nl' } }],
  ['the demo off', { demo: { enabled: false } }],
  ['an empty agent patch', { agent: {} }],
];

const REFUSED: [string, unknown][] = [
  ['an unknown top-level key', { theme: 'dark', admin: true }],
  ['an unknown agent key', { agent: { name: 'Ada', role: 'admin' } }],
  ['an unknown demo key', { demo: { enabled: true, seed: 7 } }],
  ['a name over the limit', { agent: { name: 'x'.repeat(AGENT_LIMITS.name + 1) } }],
  ['a megabyte name', { agent: { name: 'x'.repeat(1024 * 1024) } }],
  ['four initials', { agent: { initials: 'ABCD' } }],
  ['a newline in the name', { agent: { name: 'Ada\nLovelace' } }],
  ['a tab in the name', { agent: { name: 'Ada\tLovelace' } }],
  ['a NUL in the initials', { agent: { initials: 'A\u0000' } }],
  ['a C1 control', { agent: { name: 'Ada\u0085' } }],
  ['a line separator', { agent: { name: 'Ada\u2028' } }],
  ['a right-to-left override', { agent: { name: 'Ada \u202Enoitca' } }],
  ['a bidi isolate', { agent: { initials: '\u2066A' } }],
  ['an empty agent id', { agent: { id: '' } }],
  ['an agent id with a space', { agent: { id: 'me too' } }],
  ['an agent id over the limit', { agent: { id: 'a'.repeat(AGENT_LIMITS.id + 1) } }],
  ['an agent that is not an object', { agent: 'Ada' }],
  ['an agent that is null', { agent: null }],
  ['a demo switch that is not a boolean', { demo: { enabled: 'yes' } }],
  ['a schema version', { schemaVersion: 3 }],
  ['a non-object patch', ['theme', 'dark']],
];

describe('settings patch limits', () => {
  it.each(ACCEPTED)('accepts %s, and the merged result is valid stored settings', (_name, patch) => {
    const parsed = SettingsPatchSchema.safeParse(patch);
    expect(parsed.success).toBe(true);
    expect(SettingsSchema.safeParse(mergeSettings(DEFAULT_SETTINGS, parsed.data!)).success).toBe(true);
  });

  it.each(REFUSED)('refuses %s', (_name, patch) => {
    expect(SettingsPatchSchema.safeParse(patch).success).toBe(false);
  });

  it('names the offending key', () => {
    const result = SettingsPatchSchema.safeParse({ agent: { name: 'Ada', role: 'admin' } });
    expect(result.error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      path: ['agent'],
      keys: ['role'],
    });
  });
});

describe('stored settings keep their meaning', () => {
  it('reads a stored file with an extra agent key and a tab in the name as before, without a rewrite', () => {
    // Input is stricter now; what earlier versions stored must not start failing (and be moved aside).
    const stored = {
      ...DEFAULT_SETTINGS,
      agent: { id: 'a1', name: 'Ada\tLovelace', initials: 'AL', nickname: 'ada' },
    };
    expect(upgradeSettings(stored)).toEqual({
      settings: { ...DEFAULT_SETTINGS, agent: { id: 'a1', name: 'Ada\tLovelace', initials: 'AL' } },
      upgraded: false,
    });
  });
});

describe('pre-send check settings (issue 11)', () => {
  it('accepts modes per check, duplicate numbers and lists; refuses what would break a check', () => {
    const ok = {
      checks: {
        modes: { greetingName: 'block', tone: 'off' },
        duplicate: { count: 5, threshold: 0.8, windowHours: 48 },
        allowedContacts: ['klantenservice@belnet.nl', '0800-1234'],
        orderPatterns: ['BN-\\d{6}'],
      },
    };
    expect(SettingsPatchSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      { checks: { modes: { greeting: 'block' } } }, // no such check
      { checks: { modes: { tone: 'loud' } } },
      { checks: { duplicate: { count: 0 } } },
      { checks: { duplicate: { threshold: 0.1 } } },
      { checks: { duplicate: { windowHours: 1.5 } } },
      { checks: { orderPatterns: ['BN-(\\d+'] } }, // does not compile
      { checks: { allowedContacts: Array.from({ length: 51 }, (_, i) => `a${i}@x.nl`) } },
      { checks: { extra: true } },
    ])
      expect(SettingsPatchSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('merges modes and duplicate key by key and replaces the lists', () => {
    const a = mergeSettings(DEFAULT_SETTINGS, {
      checks: { modes: { greetingName: 'block' }, duplicate: { count: 5 }, allowedContacts: ['a@b.nl'] },
    });
    const b = mergeSettings(a, {
      checks: { modes: { tone: 'off' }, duplicate: { threshold: 0.9 }, allowedContacts: [] },
    });
    expect(b.checks).toEqual({
      modes: { greetingName: 'block', tone: 'off' },
      duplicate: { count: 5, threshold: 0.9 },
      allowedContacts: [],
    });
    expect(mergeSettings(b, { theme: 'dark' }).checks).toEqual(b.checks);
    expect(mergeSettings(DEFAULT_SETTINGS, { theme: 'dark' })).not.toHaveProperty('checks');
  });

  it('a stored file with broken check settings keeps everything else and falls back to the defaults', () => {
    const stored = {
      ...DEFAULT_SETTINGS,
      language: 'nl',
      checks: { modes: { greetingName: 'loud' } },
    };
    const { settings, upgraded } = upgradeSettings(stored);
    expect(upgraded).toBe(true);
    expect(settings.language).toBe('nl');
    expect(settings.checks).toBeUndefined();
    const good = { ...DEFAULT_SETTINGS, checks: { modes: { greetingName: 'block' } } };
    expect(upgradeSettings(good)).toEqual({ settings: good, upgraded: false });
  });
});

describe('close to tray', () => {
  it('is on unless turned off, kept across other changes, and only a boolean', () => {
    expect(DEFAULT_SETTINGS.closeToTray).toBeUndefined();
    const off = mergeSettings(DEFAULT_SETTINGS, { closeToTray: false });
    expect(off.closeToTray).toBe(false);
    expect(mergeSettings(off, { theme: 'dark' }).closeToTray).toBe(false);
    expect(SettingsPatchSchema.safeParse({ closeToTray: 'no' }).success).toBe(false);
    expect(upgradeSettings({ ...DEFAULT_SETTINGS, closeToTray: false }).settings.closeToTray).toBe(false);
  });
});
