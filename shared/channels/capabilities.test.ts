import { describe, expect, it } from 'vitest';
import { CHANNEL_KINDS } from '../domain/channels.ts';
import { measure } from '../checks/length.ts';
import {
  CONNECTOR_CAPABILITIES,
  CONNECTOR_KINDS,
  RATE_LIMIT_MODELS,
  replySurface,
  replyWindowOpen,
} from './capabilities.ts';

describe('connector capabilities', () => {
  it('declares every connector kind, each under its own key and an inbox channel', () => {
    expect(Object.keys(CONNECTOR_CAPABILITIES).sort()).toEqual([...CONNECTOR_KINDS].sort());
    for (const kind of CONNECTOR_KINDS) {
      const caps = CONNECTOR_CAPABILITIES[kind];
      expect(caps.kind).toBe(kind);
      expect(CHANNEL_KINDS).toContain(caps.channel);
      expect(RATE_LIMIT_MODELS).toContain(caps.rateLimit.model);
      for (const s of [caps.reply.public, caps.reply.private, caps.reply.privateFromPublic]) {
        if (!s) continue;
        for (const limit of s.limits) {
          // Every declared unit is one the shared counter knows.
          expect(Number.isInteger(measure('abc', limit.unit))).toBe(true);
          expect(limit.limit).toBeGreaterThan(0);
        }
      }
    }
  });

  it('states the facts the composer relies on', () => {
    expect(CONNECTOR_CAPABILITIES.whatsapp.reply.private?.windowHours).toBe(24);
    expect(CONNECTOR_CAPABILITIES.whatsapp.reply.private?.limits).toEqual([
      { limit: 4096, unit: 'codepoint' },
    ]);
    expect(CONNECTOR_CAPABILITIES.instagram.reply.privateFromPublic?.windowHours).toBe(168);
    expect(CONNECTOR_CAPABILITIES.bluesky.reply.public?.limits.map((l) => l.unit)).toEqual([
      'grapheme',
      'byte',
    ]);
    expect(CONNECTOR_CAPABILITIES['google-business'].reply.public?.limits).toEqual([
      { limit: 4096, unit: 'byte' },
    ]);
    expect(CONNECTOR_CAPABILITIES.x.reply.public?.limits[0]?.unit).toBe('x-weighted');
    expect(CONNECTOR_CAPABILITIES.email.reply.private?.idempotency).toBe('message-id');
    expect(CONNECTOR_CAPABILITIES.email.inbound.push).toBe('idle');
    expect(CONNECTOR_CAPABILITIES.trustpilot.reply.public?.configurableLimit).toBe(true);
    expect(CONNECTOR_CAPABILITIES.rss.reply).toEqual({
      public: null,
      private: null,
      privateFromPublic: null,
    });
  });

  it('picks the public surface for a public item and the private one for a DM', () => {
    const ig = CONNECTOR_CAPABILITIES.instagram;
    expect(replySurface(ig, { public: true })?.form).toBe('comment');
    expect(replySurface(ig, { public: false })?.form).toBe('direct-message');
    expect(replySurface(ig, { public: true }, 'private')?.windowHours).toBe(168);
    expect(replySurface(CONNECTOR_CAPABILITIES.email, { public: false })?.form).toBe('email');
    expect(replySurface(CONNECTOR_CAPABILITIES.email, { public: true })).toBeNull();
  });

  it('closes a 24-hour window one millisecond after 24 hours and never opens it without a customer message', () => {
    const wa = CONNECTOR_CAPABILITIES.whatsapp.reply.private!;
    const t = Date.UTC(2026, 10, 24, 9);
    expect(replyWindowOpen(wa, t, t + 24 * 3_600_000)).toBe(true);
    expect(replyWindowOpen(wa, t, t + 24 * 3_600_000 + 1)).toBe(false);
    expect(replyWindowOpen(wa, null, t)).toBe(false);
    expect(replyWindowOpen(CONNECTOR_CAPABILITIES.email.reply.private!, null, t)).toBe(true);
  });
});
