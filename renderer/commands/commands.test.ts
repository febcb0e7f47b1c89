import { describe, expect, it } from 'vitest';
import { resources } from '../../shared/i18n/resources.ts';
import { COMMANDS } from './commands.ts';

describe('command registry', () => {
  it('every command has a label in both languages', () => {
    for (const c of COMMANDS) {
      for (const lang of ['nl', 'en'] as const) {
        const label = c.labelKey
          .split('.')
          .reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], resources[lang].app);
        expect({ id: c.id, lang, ok: typeof label === 'string' }).toEqual({ id: c.id, lang, ok: true });
      }
    }
  });

  it('ids and shortcuts are unique', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const shortcuts = COMMANDS.flatMap((c) => (c.shortcut ? [c.shortcut] : []));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });

  it('covers the keyboard-first triage keys of the brief', () => {
    const byShortcut = new Map(COMMANDS.map((c) => [c.shortcut, c.id]));
    expect(
      Object.fromEntries(
        ['j', 'k', 'enter', 'e', 's', 'a', 'l', '/', '?', 'mod+k'].map((k) => [k, byShortcut.get(k)]),
      ),
    ).toEqual({
      j: 'nav.next',
      k: 'nav.prev',
      enter: 'conversation.open',
      e: 'conversation.resolve',
      s: 'conversation.snooze',
      a: 'conversation.assign',
      l: 'conversation.label',
      '/': 'search.focus',
      '?': 'help.shortcuts',
      'mod+k': 'palette.open',
    });
  });
});
