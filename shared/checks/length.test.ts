import { describe, expect, it } from 'vitest';
import { measure, measureReply, overflowOffset, replyLimits } from './length.ts';

describe('reply length in the channel’s own unit', () => {
  it('counts X in weighted characters: a URL is 23, an emoji 2', () => {
    expect(measure('Hoi 👋', 'x-weighted')).toBe(6);
    expect(
      measure('Kijk op https://example.com/een/heel/lange/link/naar/de/storingspagina', 'x-weighted'),
    ).toBe(8 + 23);
  });

  it('counts Bluesky in graphemes and bytes: a family emoji is one grapheme, many bytes', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(measure(family, 'grapheme')).toBe(1);
    expect(measure(family, 'codepoint')).toBe(7);
    expect(measure(family, 'byte')).toBe(25);
    expect(replyLimits('bluesky', true)).toEqual([
      { limit: 300, unit: 'grapheme' },
      { limit: 3000, unit: 'byte' },
    ]);
    // 150 family emoji: within 300 graphemes, over 3000 bytes.
    const m = measureReply(family.repeat(150), 'bluesky', true);
    expect(m.map((x) => x.over > 0)).toEqual([false, true]);
  });

  it('counts WhatsApp in code points and Google reviews in bytes', () => {
    expect(replyLimits('whatsapp', false)).toEqual([{ limit: 4096, unit: 'codepoint' }]);
    expect(measureReply('é'.repeat(2100), 'google', true)[0]).toMatchObject({
      unit: 'byte',
      used: 4200,
      over: 104,
    });
  });

  it('has no limit for email and applies an override from settings', () => {
    expect(measureReply('x'.repeat(100_000), 'email', false)).toEqual([]);
    expect(replyLimits('mastodon', true, 11_000)).toEqual([{ limit: 11_000, unit: 'codepoint' }]);
  });

  it('finds where the text passes the limit', () => {
    expect(overflowOffset('a'.repeat(300), { limit: 280, unit: 'x-weighted' })).toBe(280);
    expect(overflowOffset('ab😀cd', { limit: 3, unit: 'grapheme' })).toBe(4);
    expect(overflowOffset('abé', { limit: 3, unit: 'byte' })).toBe(2);
  });
});
