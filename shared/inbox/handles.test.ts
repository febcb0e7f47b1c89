import { describe, expect, it } from 'vitest';
import { displayHandle } from './handles.ts';

describe('displayHandle', () => {
  it('prefixes @ only where handles are @-names', () => {
    expect(displayHandle('x', 'fleur_bos')).toBe('@fleur_bos');
    expect(displayHandle('x', '@fleur_bos')).toBe('@fleur_bos');
    expect(displayHandle('mastodon', 'fleur@mastodon.social')).toBe('@fleur@mastodon.social');
    expect(displayHandle('bluesky', 'fleur.bsky.social')).toBe('@fleur.bsky.social');
  });
  it('leaves e-mail addresses and phone numbers as they are', () => {
    expect(displayHandle('email', 'annemarie.van.der.heijden-bakker@voorbeeldbedrijf.example.nl')).toBe(
      'annemarie.van.der.heijden-bakker@voorbeeldbedrijf.example.nl',
    );
    expect(displayHandle('whatsapp', '+31612345678')).toBe('+31612345678');
    expect(displayHandle('trustpilot', 'Eva B.')).toBe('Eva B.');
  });
});
