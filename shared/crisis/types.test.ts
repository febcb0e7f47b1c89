import { describe, expect, it } from 'vitest';
import { addTimeline, crisisClock } from './types.ts';

describe('crisis timeline', () => {
  it('keeps entries in time order and records each kind+ref once', () => {
    let t = addTimeline([], { kind: 'crisis-on', at: 300, ref: null });
    t = addTimeline(t, { kind: 'first-mention', at: 100, ref: 'm1' });
    t = addTimeline(t, { kind: 'first-mention', at: 100, ref: 'm1' });
    t = addTimeline(t, { kind: 'alert', at: 200, ref: 'a1' });
    expect(t.map((e) => e.kind)).toEqual(['first-mention', 'alert', 'crisis-on']);
  });

  it('measures the time from first mention to first public response', () => {
    const clock = crisisClock([
      { kind: 'first-mention', at: 0, ref: 'm1' },
      { kind: 'alert', at: 12 * 60_000, ref: 'a' },
      { kind: 'first-public-response', at: 41 * 60_000, ref: 'r' },
    ]);
    expect(clock).toEqual({
      firstMention: 0,
      flagged: 12 * 60_000,
      firstResponse: 41 * 60_000,
      responseMinutes: 41,
    });
    expect(crisisClock([]).responseMinutes).toBeNull();
  });
});
