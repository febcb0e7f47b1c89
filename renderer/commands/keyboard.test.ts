import { describe, expect, it } from 'vitest';
import { displayShortcut, isTypingTarget, matchShortcut } from './keyboard.ts';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('matchShortcut', () => {
  it('matches single letters only without modifiers', () => {
    expect(matchShortcut(key('e'), 'e', false)).toBe(true);
    expect(matchShortcut(key('E', { shiftKey: true }), 'e', false)).toBe(false);
    expect(matchShortcut(key('e', { ctrlKey: true }), 'e', false)).toBe(false);
  });

  it('matches shift combinations', () => {
    expect(matchShortcut(key('E', { shiftKey: true }), 'shift+e', false)).toBe(true);
  });

  it('maps mod to Ctrl on Windows/Linux and Cmd on macOS', () => {
    expect(matchShortcut(key('k', { ctrlKey: true }), 'mod+k', false)).toBe(true);
    expect(matchShortcut(key('k', { metaKey: true }), 'mod+k', false)).toBe(false);
    expect(matchShortcut(key('k', { metaKey: true }), 'mod+k', true)).toBe(true);
  });

  it('accepts symbols typed with shift', () => {
    expect(matchShortcut(key('?', { shiftKey: true }), '?', false)).toBe(true);
    expect(matchShortcut(key('/'), '/', false)).toBe(true);
  });

  it('matches escape', () => {
    expect(matchShortcut(key('Escape'), 'escape', false)).toBe(true);
  });
});

describe('isTypingTarget', () => {
  it('knows fields from other elements', () => {
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    expect(isTypingTarget(document.createElement('input'))).toBe(true);
    expect(isTypingTarget(document.createElement('div'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('displayShortcut', () => {
  it('shows platform names', () => {
    expect(displayShortcut('mod+k', true)).toEqual(['⌘', 'K']);
    expect(displayShortcut('mod+k', false)).toEqual(['Ctrl', 'K']);
  });
});
