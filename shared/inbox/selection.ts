/**
 * The selected conversation of the list. `pinned` marks one the agent opened outside the list
 * (an earlier conversation of the same author, the target of an undo, the one open before a
 * reload): it stays selected while it is not a row of the list.
 */
export interface Selection {
  id: string | null;
  pinned: boolean;
}

export const NO_SELECTION: Selection = { id: null, pinned: false };

/**
 * The selection after the list changed: kept while its conversation is listed (or pinned);
 * when the conversation left the list (resolved, snoozed, moved elsewhere), the row that took
 * its place; with nothing selected, the first row. While the list loads (`visible` undefined)
 * nothing changes. Returns `current` itself when nothing changes.
 */
export function reconcileSelection(
  current: Selection,
  previous: readonly string[] | undefined,
  visible: readonly string[] | undefined,
): Selection {
  if (visible === undefined) return current;
  if (current.id === null) return visible.length ? { id: visible[0] ?? null, pinned: false } : current;
  if (current.pinned || visible.includes(current.id)) return current;
  if (visible.length === 0) return NO_SELECTION;
  const was = previous?.indexOf(current.id) ?? -1;
  return { id: visible[Math.min(Math.max(was, 0), visible.length - 1)] ?? null, pinned: false };
}

/** The row `delta` rows away from the selection (the first row when the selection is not listed). */
export function moveSelection(
  visible: readonly string[],
  selectedId: string | null,
  delta: number,
): string | null {
  if (visible.length === 0) return null;
  const at = selectedId === null ? -1 : visible.indexOf(selectedId);
  const next = at === -1 ? 0 : Math.min(visible.length - 1, Math.max(0, at + delta));
  return visible[next] ?? null;
}
