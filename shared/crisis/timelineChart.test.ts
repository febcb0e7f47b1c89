import { describe, expect, it } from 'vitest';
import type { CrisisChartMessage } from './timelineChart.ts';
import { CRISIS_BIN_MS, CRISIS_CHART_MAX_BINS, crisisSeries } from './timelineChart.ts';
import type { TimelineEntry } from './types.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 20, 12, 0);

function msg(over: Partial<CrisisChartMessage> & { createdAt: number }): CrisisChartMessage {
  return {
    conversationId: 'c-1',
    authorId: 'x:anna',
    direction: 'incoming',
    public: true,
    text: 'Weer een storing, al de hele ochtend geen internet. Belachelijk slecht!',
    lang: 'nl',
    delivery: null,
    ...over,
  };
}

const timeline: TimelineEntry[] = [
  { kind: 'first-mention', at: T0 + 2 * MIN, ref: 'm-1' },
  { kind: 'alert', at: T0 + 21 * MIN, ref: 'a-1' },
  { kind: 'crisis-on', at: T0 + 25 * MIN, ref: null },
  { kind: 'escalated', at: T0 + 31 * MIN, ref: 'c-2' },
  { kind: 'first-public-response', at: T0 + 40 * MIN, ref: 'm-9' },
];

describe('crisisSeries', () => {
  const series = crisisSeries({
    crisis: { since: T0 + 2 * MIN, startedAt: T0 + 25 * MIN, endedAt: null, timeline },
    messages: [
      msg({ createdAt: T0 + 2 * MIN }),
      msg({ createdAt: T0 + 3 * MIN, authorId: 'x:big' }),
      msg({ createdAt: T0 + 22 * MIN, authorId: 'x:big', conversationId: 'c-2' }),
      msg({
        createdAt: T0 + 24 * MIN,
        text: 'Dank jullie wel, het werkt weer, super geholpen!',
        authorId: 'x:kim',
      }),
      // Our public reply, an internal note, a private reply and one that failed to send.
      msg({
        createdAt: T0 + 40 * MIN,
        direction: 'outgoing',
        authorId: 'x:brand',
        text: 'We zoeken het uit ^MV',
      }),
      msg({
        createdAt: T0 + 41 * MIN,
        direction: 'note',
        public: false,
        authorId: 'agent-me',
        text: 'bellen',
      }),
      msg({
        createdAt: T0 + 42 * MIN,
        direction: 'outgoing',
        public: false,
        authorId: 'x:brand',
        text: 'DM',
      }),
      msg({
        createdAt: T0 + 43 * MIN,
        direction: 'outgoing',
        delivery: 'failed',
        authorId: 'x:brand',
        text: 'x',
      }),
    ],
    followers: new Map([
      ['x:anna', 120],
      ['x:big', 48_000],
      ['x:kim', null],
    ]),
    flaggedAt: [T0 + 23 * MIN, T0 + 31 * MIN, T0 - 3 * 3_600_000],
    now: T0 + 47 * MIN,
  });
  const bin = (t: number) => series.bins.findIndex((b) => b <= t && t < b + CRISIS_BIN_MS);

  it('counts per five minutes from a quarter of an hour before the first mention up to now', () => {
    expect(series.bins[0]).toBe(T0 - 15 * MIN);
    expect(series.bins.at(-1)).toBe(T0 + 45 * MIN);
    for (let i = 1; i < series.bins.length; i++)
      expect(series.bins[i]! - series.bins[i - 1]!).toBe(CRISIS_BIN_MS);
    for (const k of ['mentions', 'negative', 'sentiment', 'reach', 'flags', 'responses'] as const)
      expect(series[k]).toHaveLength(series.bins.length);
  });

  it('counts mentions with their sentiment and the reach of who wrote them', () => {
    expect(series.mentions.reduce((a, b) => a + b, 0)).toBe(4);
    expect(series.mentions[bin(T0 + 2 * MIN)]).toBe(2);
    expect(series.negative[bin(T0 + 2 * MIN)]).toBe(2);
    expect(series.sentiment[bin(T0 + 2 * MIN)]).toBe(-1);
    expect(series.reach[bin(T0 + 2 * MIN)]).toBe(48_120);
    // 20–25 min: one negative and one thankful message: net sentiment 0; unknown reach counts 0.
    expect(series.mentions[bin(T0 + 22 * MIN)]).toBe(2);
    expect(series.sentiment[bin(T0 + 22 * MIN)]).toBe(0);
    expect(series.reach[bin(T0 + 22 * MIN)]).toBe(48_000);
    // No mentions: no sentiment (not neutral).
    expect(series.sentiment[bin(T0 + 10 * MIN)]).toBeNull();
  });

  it('counts flags raised in the window and our public replies that went out', () => {
    expect(series.flags.reduce((a, b) => a + b, 0)).toBe(2);
    expect(series.flags[bin(T0 + 31 * MIN)]).toBe(1);
    expect(series.responses.reduce((a, b) => a + b, 0)).toBe(1);
    expect(series.responses[bin(T0 + 40 * MIN)]).toBe(1);
  });

  it('marks first mention, alert, escalation and first public response once each, in time order', () => {
    expect(series.events.map((e) => [e.kind, e.at])).toEqual([
      ['first-mention', T0 + 2 * MIN],
      ['alert', T0 + 21 * MIN],
      ['escalated', T0 + 31 * MIN],
      ['first-public-response', T0 + 40 * MIN],
    ]);
    for (const e of series.events)
      expect(series.bins[e.bin]).toBe(Math.floor(e.at / CRISIS_BIN_MS) * CRISIS_BIN_MS);
  });

  it('takes a missing first mention from the messages and crisis mode as the escalation; a response only from the timeline', () => {
    const s = crisisSeries({
      crisis: {
        since: T0,
        startedAt: T0 + 30 * MIN,
        endedAt: T0 + 60 * MIN,
        timeline: [{ kind: 'crisis-on', at: T0 + 30 * MIN, ref: null }],
      },
      messages: [
        msg({ createdAt: T0 - 60 * MIN }), // before the crisis: not its first mention
        msg({ createdAt: T0 + 5 * MIN }),
        msg({ createdAt: T0 + 50 * MIN, direction: 'outgoing', text: 'Excuses ^MV' }),
      ],
      followers: new Map(),
      flaggedAt: [],
      now: T0 + 300 * MIN,
    });
    // The reply at 50 min is counted as a response, but the timeline has no first public
    // response (the report says "no public response yet"): the chart does not mark one.
    expect(s.events.map((e) => [e.kind, e.at])).toEqual([
      ['first-mention', T0 + 5 * MIN],
      ['escalated', T0 + 30 * MIN],
    ]);
    expect(s.responses.reduce((a, b) => a + b, 0)).toBe(1);
    // An ended crisis stops at its end, not at now.
    expect(s.bins.at(-1)).toBe(T0 + 55 * MIN);
  });

  it('shows the last day of a long crisis', () => {
    const s = crisisSeries({
      crisis: { since: T0, startedAt: T0, endedAt: null, timeline },
      messages: [msg({ createdAt: T0 + 3 * 86_400_000 })],
      followers: new Map(),
      flaggedAt: [],
      now: T0 + 3 * 86_400_000 + MIN,
    });
    expect(s.bins).toHaveLength(CRISIS_CHART_MAX_BINS);
    expect(s.mentions.at(-1)).toBe(1);
    expect(s.events).toEqual([]);
  });
});
