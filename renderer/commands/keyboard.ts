/**
 * Shortcut strings: keys joined by `+`, modifiers first: `j`, `shift+e`, `mod+k` (Ctrl on
 * Windows/Linux, Cmd on macOS), `?`, `/`, `escape`, `enter`.
 */
export function matchShortcut(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  shortcut: string,
  isMac: boolean,
): boolean {
  const parts = shortcut.toLowerCase().split('+');
  const key = parts.pop() ?? '';
  const wantMod = parts.includes('mod');
  const wantShift = parts.includes('shift');
  const wantAlt = parts.includes('alt');
  const mod = isMac ? e.metaKey : e.ctrlKey;
  const otherMod = isMac ? e.ctrlKey : e.metaKey;
  if (mod !== wantMod || otherMod || e.altKey !== wantAlt) return false;
  const pressed = e.key.toLowerCase();
  // Printable symbols such as `?` already carry their shift; only letters and named keys check it.
  const isSymbol = key.length === 1 && !/[a-z0-9]/.test(key);
  if (!isSymbol && e.shiftKey !== wantShift) return false;
  if (key === 'escape') return pressed === 'escape' || pressed === 'esc';
  return pressed === key;
}

/** True when typing goes into a field: single-key shortcuts must not fire there. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable === true;
}

/** How a shortcut is shown to the user on this platform. */
export function displayShortcut(shortcut: string, isMac: boolean): string[] {
  return shortcut.split('+').map((p) => {
    if (p === 'mod') return isMac ? '⌘' : 'Ctrl';
    if (p === 'shift') return isMac ? '⇧' : 'Shift';
    if (p === 'alt') return isMac ? '⌥' : 'Alt';
    if (p === 'escape') return 'Esc';
    if (p === 'enter') return '↵';
    return p.length === 1 ? p.toUpperCase() : p;
  });
}
