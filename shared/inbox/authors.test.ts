import { describe, expect, it } from 'vitest';
import { authorLabel } from './authors.ts';

describe('the customer as messages about a conversation name them', () => {
  it('an @-name handle gets its @', () => {
    expect(authorLabel({ handle: 'fleur_bos', name: 'Fleur Bos' })).toBe('@fleur_bos');
  });
  it('an e-mail handle gives the name, never "@fleur@example.nl"', () => {
    expect(authorLabel({ handle: 'fleur@example.nl', name: 'Fleur Bos' })).toBe('Fleur Bos');
    expect(authorLabel({ handle: 'fleur@example.nl', name: null })).toBe('fleur@example.nl');
  });
  it('no handle: the name; nothing known: undefined', () => {
    expect(authorLabel({ handle: null, name: 'Fleur' })).toBe('Fleur');
    expect(authorLabel({ handle: null, name: null })).toBeUndefined();
    expect(authorLabel(null)).toBeUndefined();
  });
});
