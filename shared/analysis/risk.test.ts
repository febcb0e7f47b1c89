import { describe, expect, it } from 'vitest';
import { applyFeedback, initialTuning, scoreConversation } from './risk.ts';
import type { ConversationInput } from './risk.ts';

const T = Date.UTC(2026, 2, 2, 10);
const conv = (
  text: string,
  followers: number,
  extra: Partial<ConversationInput> = {},
): ConversationInput => ({
  id: 'c1',
  author: { id: 'u1', handle: 'anna', followers },
  messages: [{ id: 'm1', text, createdAt: T, direction: 'incoming', public: true, channel: 'x' }],
  ...extra,
});

describe('scoreConversation', () => {
  it('flags a threatening complaint from a big account with at least two named signals', () => {
    const r = scoreConversation(conv('@KPN al 3 weken geen internet. Ik ga naar de pers!!', 48000), {
      now: T + 5 * 60000,
    });
    expect(r.flagged).toBe(true);
    expect(r.reasons.filter((x) => x.weight > 0).length).toBeGreaterThanOrEqual(2);
    expect(r.reasons.map((x) => x.text)).toContain('48k followers');
  });
  it('without texts gives the same risk, codes and values, and empty texts', () => {
    const c = conv('@KPN al 3 weken geen internet. Ik ga naar de pers!!', 48000);
    const full = scoreConversation(c, { now: T + 5 * 60000, locale: 'nl' });
    const bare = scoreConversation(c, { now: T + 5 * 60000, locale: 'nl', texts: false });
    expect(bare.risk).toBe(full.risk);
    expect(bare.flagged).toBe(full.flagged);
    expect(bare.reasons.map((r) => [r.code, r.value, r.weight])).toEqual(
      full.reasons.map((r) => [r.code, r.value, r.weight]),
    );
    expect(full.reasons.every((r) => r.text.length > 0)).toBe(true);
    expect(bare.reasons.every((r) => r.text === '')).toBe(true);
  });
  it('followers only amplify negative messages', () => {
    const r = scoreConversation(conv('@KPN thanks, everything works great now!', 2_000_000), { now: T });
    expect(r.risk).toBeLessThan(10);
    expect(r.reasons.map((x) => x.code)).not.toContain('risk.followers');
  });
  it('counts repeat contact, channel switch, reopening and the exposure clock', () => {
    const input = conv('@KPN nog steeds geen internet', 100, {
      priorContacts: [T - 3 * 3600_000, T - 2 * 3600_000],
      statusHistory: [
        { status: 'open', at: T - 5 * 3600_000 },
        { status: 'resolved', at: T - 4 * 3600_000 },
        { status: 'open', at: T - 3600_000 },
      ],
    });
    input.messages.unshift({
      id: 'm0',
      text: 'mijn internet werkt niet',
      createdAt: T - 4 * 3600_000,
      direction: 'incoming',
      public: false,
      channel: 'whatsapp',
    });
    const r = scoreConversation(input, { now: T + 90 * 60000 });
    const codes = r.reasons.map((x) => x.code);
    expect(codes).toEqual(
      expect.arrayContaining(['risk.repeat', 'risk.channelSwitch', 'risk.reopened', 'risk.exposure']),
    );
    expect(r.reasons.find((x) => x.code === 'risk.repeat')?.text).toBe('contact number 3 in 24 h');
    expect(r.exposure).toMatchObject({ isPublic: true, minutes: 90, targetMinutes: 60, overdue: true });
  });
  it('an answered conversation is not exposed', () => {
    const input = conv('@KPN geen internet', 100);
    input.messages.push({
      id: 'o1',
      text: 'Sorry! We kijken mee via DM',
      createdAt: T + 60000,
      direction: 'outgoing',
      public: true,
      channel: 'x',
    });
    expect(scoreConversation(input, { now: T + 3 * 3600_000 }).exposure.isPublic).toBe(false);
  });
  it('uses the watchlist and early velocity', () => {
    const input = conv('@KPN storing, weer geen internet', 500, {
      engagementTimes: Array.from({ length: 27 }, (_, i) => T + i * 20000),
    });
    const r = scoreConversation(input, { now: T + 10 * 60000, watchlist: new Set(['anna']) });
    expect(r.reasons.find((x) => x.code === 'risk.velocity')?.value).toBe(27);
    expect(r.reasons.map((x) => x.code)).toContain('risk.watchlist');
  });
});

describe('threshold tuning', () => {
  it('moves past a dismissed flag, then fits the feedback', () => {
    let s = initialTuning(60);
    s = applyFeedback(s, { conversationId: 'a', risk: 61, verdict: 'dismiss', at: 1, codes: [] });
    expect(s.threshold).toBe(62);
    s = applyFeedback(initialTuning(60), {
      conversationId: 'a',
      risk: 65,
      verdict: 'dismiss',
      at: 1,
      codes: [],
    });
    // One click moves the threshold a little, not past the contested risk at once.
    expect(s.threshold).toBe(62);
    for (const [i, risk, verdict] of [
      [1, 70, 'escalate'],
      [2, 72, 'escalate'],
      [3, 50, 'dismiss'],
      [4, 68, 'escalate'],
    ] as const) {
      s = applyFeedback(s, { conversationId: `c${i}`, risk, verdict, at: i, codes: [] });
    }
    expect(s.feedback).toHaveLength(5);
    expect(s.threshold).toBeGreaterThan(50);
    expect(s.threshold).toBeLessThanOrEqual(68);
  });
  it('moves at most a few points per verdict, also when the feedback asks for a big jump', () => {
    let s = initialTuning(60);
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      s = applyFeedback(s, { conversationId: `d${i}`, risk: 88, verdict: 'dismiss', at: i, codes: [] });
      seen.push(s.threshold);
    }
    expect(seen.slice(0, 4)).toEqual([62, 64, 66, 68]);
    for (let i = 1; i < seen.length; i++)
      expect((seen[i] as number) - (seen[i - 1] as number)).toBeLessThanOrEqual(5);
    expect(seen.at(-1)).toBe(89);
    s = applyFeedback(initialTuning(80), {
      conversationId: 'e',
      risk: 40,
      verdict: 'escalate',
      at: 1,
      codes: [],
    });
    expect(s.threshold).toBe(78);
  });
});
