import { describe, expect, it } from 'vitest';
import { isStorageFull } from './hooks.ts';

describe('isStorageFull', () => {
  it('recognises quota errors from IndexedDB directly and wrapped by Dexie', () => {
    expect(isStorageFull(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isStorageFull({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isStorageFull(new Error('other'))).toBe(false);
    expect(isStorageFull(null)).toBe(false);
  });
});
