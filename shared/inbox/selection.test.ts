import { describe, expect, it } from 'vitest';
import { moveSelection, NO_SELECTION, reconcileSelection } from './selection.ts';

const sel = (id: string | null, pinned = false) => ({ id, pinned });

describe('reconcileSelection', () => {
  it('changes nothing while the list loads, so a stale list is never used to pick a row', () => {
    const current = sel('x-1');
    expect(reconcileSelection(current, ['x-1'], undefined)).toBe(current);
    expect(reconcileSelection(NO_SELECTION, ['x-1'], undefined)).toBe(NO_SELECTION);
  });

  it('selects the first row when nothing is selected', () => {
    expect(reconcileSelection(NO_SELECTION, undefined, ['w-1', 'w-2'])).toEqual(sel('w-1'));
    expect(reconcileSelection(NO_SELECTION, undefined, [])).toBe(NO_SELECTION);
  });

  it('keeps a listed selection (the same object: no re-render)', () => {
    const current = sel('b');
    expect(reconcileSelection(current, ['a', 'b'], ['c', 'a', 'b'])).toBe(current);
  });

  it('moves to the row that took the place of a conversation that left the list', () => {
    expect(reconcileSelection(sel('b'), ['a', 'b', 'c', 'd'], ['a', 'c', 'd'])).toEqual(sel('c'));
    expect(reconcileSelection(sel('d'), ['a', 'b', 'c', 'd'], ['a', 'b', 'c'])).toEqual(sel('c'));
    expect(reconcileSelection(sel('a'), ['a'], [])).toBe(NO_SELECTION);
  });

  it('a selection that was never listed falls back to the first row, unless it is pinned', () => {
    expect(reconcileSelection(sel('x-9'), undefined, ['w-1', 'w-2'])).toEqual(sel('w-1'));
    const pinned = sel('x-9', true);
    expect(reconcileSelection(pinned, undefined, ['w-1', 'w-2'])).toBe(pinned);
  });
});

describe('moveSelection', () => {
  const ids = ['a', 'b', 'c'];
  it('moves by delta and stops at both ends', () => {
    expect(moveSelection(ids, 'a', 1)).toBe('b');
    expect(moveSelection(ids, 'c', 1)).toBe('c');
    expect(moveSelection(ids, 'a', -1)).toBe('a');
    expect(moveSelection(ids, 'c', -2)).toBe('a');
  });
  it('starts at the first row when the selection is not listed', () => {
    expect(moveSelection(ids, null, 1)).toBe('a');
    expect(moveSelection(ids, 'zz', 1)).toBe('a');
    expect(moveSelection([], 'a', 1)).toBeNull();
  });
});
