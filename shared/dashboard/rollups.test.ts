import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random.ts';
import type { Message } from '../domain/types.ts';
import {
  HOUR_MS,
  classifyMessage,
  compact,
  factChange,
  factContribution,
  foldResponseFact,
  hourOf,
  mergeDeltas,
  recomputeRollups,
  responseBin,
  responseFactOf,
  rollupKey,
  type ResponseFact,
  type RollupDeltas,
  type RollupRow,
} from './rollups.ts';
import { change, previousComparable, summarize } from './summary.ts';

const T = Date.UTC(2026, 10, 20, 8, 0);
const MIN = 60_000;

function message(id: string, at: number, extra: Partial<Message> = {}): Message {
  return {
    id,
    conversationId: 'c1',
    accountId: 'a',
    remoteId: id,
    rfcMessageId: null,
    channel: 'x',
    direction: 'incoming',
    public: true,
    authorId: 'u1',
    text: 'Al drie dagen geen internet, schandalig!',
    createdAt: at,
    lang: 'nl',
    inReplyTo: null,
    metrics: null,
    brand: 'belnet',
    delivery: null,
    demo: 0,
    ...extra,
  };
}

const reply = (id: string, at: number, extra: Partial<Message> = {}) =>
  message(id, at, { direction: 'outgoing', delivery: 'sent', text: 'Sorry!', authorId: 'me', ...extra });

describe('first response', () => {
  it('is the earliest delivered reply written at or after the first customer message', () => {
    const f = responseFactOf([
      reply('r0', T - 10 * MIN), // before the customer wrote: an earlier thread, not a response
      message('m1', T),
      message('m2', T + 5 * MIN),
      reply('r1', T + 50 * MIN, { delivery: 'queued' }), // still in the outbox: answered nobody
      reply('r2', T + 70 * MIN),
    ]);
    expect(f).toMatchObject({ firstIncomingAt: T, respondedAt: T + 70 * MIN, brand: 'belnet', channel: 'x' });
  });

  it('counts a reply written here from when the channel accepted it', () => {
    const f = responseFactOf([message('m1', T), reply('r1', T + 5 * MIN, { deliveredAt: T + 40 * MIN })]);
    expect(f?.respondedAt).toBe(T + 40 * MIN);
  });

  it('puts response times in bins around the one-hour target', () => {
    expect(responseBin(14 * MIN)).toBe('rt15m');
    expect(responseBin(15 * MIN)).toBe('rt1h');
    expect(responseBin(59 * MIN)).toBe('rt1h');
    expect(responseBin(HOUR_MS)).toBe('rt4h');
    expect(responseBin(30 * HOUR_MS)).toBe('rtSlower');
    const d = factContribution({
      conversationId: 'c1',
      channel: 'x',
      brand: 'belnet',
      demo: 0,
      firstIncomingAt: T + 20 * MIN,
      respondedAt: T + 80 * MIN,
    });
    expect(d.get(rollupKey(T, 'x', 'belnet', 0))).toEqual({
      responded: 1,
      responseMs: 60 * MIN,
      withinTarget: 1,
      rt4h: 1,
    });
  });

  it('folding arrivals in any order and batching gives the fact of the whole thread', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = createRandom(seed);
      const all: Message[] = [];
      for (let i = r.int(1, 8); i > 0; i--) {
        const at = T + r.int(0, 600) * MIN;
        all.push(
          r.chance(0.6)
            ? message(`m${seed}-${i}`, at)
            : reply(`r${seed}-${i}`, at, {
                delivery: r.pick(['sent', 'queued', 'failed'] as const),
                ...(r.chance(0.3) ? { deliveredAt: at + r.int(0, 90) * MIN } : {}),
              }),
        );
      }
      const shuffled = r.shuffle([...all]);
      let fact: ResponseFact | null = null;
      const rollup: RollupDeltas = new Map();
      const seen: Message[] = [];
      while (shuffled.length) {
        const batch = shuffled.splice(0, r.int(1, 3));
        seen.push(...batch);
        const folded = foldResponseFact(fact, batch);
        const next = folded === 'recompute' ? responseFactOf(seen) : folded;
        mergeDeltas(rollup, factChange(fact, next));
        fact = next;
      }
      expect(fact).toEqual(responseFactOf(all));
      // The rollup moved with the fact: what is left is exactly the final fact's contribution.
      expect(compact(rollup)).toEqual(compact(factContribution(responseFactOf(all))));
    }
  });
});

describe('message classes', () => {
  it('tells complaints, questions and praise apart', () => {
    expect(
      classifyMessage('Al drie dagen geen internet en niemand neemt op. Schandalig!', 'nl'),
    ).toMatchObject({
      kind: 'complaint',
      polarity: 'negative',
    });
    expect(classifyMessage('Top geholpen door jullie, dank je wel! 👍', 'nl').kind).toBe('praise');
    expect(classifyMessage('Tot hoe laat is de winkel in Utrecht open?', 'nl').kind).toBe('question');
  });
});

describe('recompute and summary', () => {
  it('counts every customer message once in its hour, channel and brand, and replies when delivered', () => {
    const rows = recomputeRollups({
      messages: [
        message('m1', T + 5 * MIN),
        message('m2', T + 65 * MIN, { channel: 'mastodon', conversationId: 'c2', brand: 'kooplijn' }),
        reply('r1', T + 20 * MIN),
        reply('r2', T + 25 * MIN, { delivery: 'failed' }),
      ],
      flags: [],
      alerts: [{ at: T + 3 * HOUR_MS, brand: 'belnet', demo: 0 }],
    });
    const x = rows.get(rollupKey(T, 'x', 'belnet', 0))!;
    expect(x).toMatchObject({ incoming: 1, outgoing: 1, responded: 1, withinTarget: 1, rt1h: 1 });
    expect(rows.get(rollupKey(T + HOUR_MS, 'mastodon', 'kooplijn', 0))).toMatchObject({
      incoming: 1,
      unanswered: 1,
    });
    expect(rows.get(rollupKey(T + 3 * HOUR_MS, '*', 'belnet', 0))).toMatchObject({ alerts: 1 });
  });

  it('summarises by bucket with channel and brand filters, alerts staying with their brand', () => {
    const rows: RollupRow[] = [
      ...recomputeRollups({
        messages: [
          message('m1', T),
          message('m2', T + 2 * HOUR_MS, { conversationId: 'c2', channel: 'email' }),
          message('m3', T + 2 * HOUR_MS, { conversationId: 'c3', brand: 'kooplijn' }),
        ],
        flags: [],
        alerts: [{ at: T + HOUR_MS, brand: 'belnet', demo: 0 }],
      }).values(),
    ];
    const starts = [T, T + HOUR_MS, T + 2 * HOUR_MS];
    const all = summarize(rows, { from: T, to: T + 3 * HOUR_MS, channel: null, brand: null }, starts, hourOf);
    expect(all.totals.incoming).toBe(3);
    expect(all.volume['x']).toEqual([1, 0, 1]);
    expect(all.volume['email']).toEqual([0, 0, 1]);
    expect(all.channels).toEqual(['x', 'email']);
    expect(all.brands).toEqual(['belnet', 'kooplijn']);
    const x = summarize(
      rows,
      { from: T, to: T + 3 * HOUR_MS, channel: 'x', brand: 'belnet' },
      starts,
      hourOf,
    );
    expect(x.totals.incoming).toBe(1);
    expect(x.series.alerts).toEqual([0, 1, 0]);
    const later = summarize(
      rows,
      { from: T + HOUR_MS, to: T + 3 * HOUR_MS, channel: null, brand: null },
      starts,
      hourOf,
    );
    expect(later.totals.incoming).toBe(2);
  });
});

describe('previousComparable', () => {
  const DAY = 24 * HOUR_MS;
  const prev = { from: 0, to: 30 * DAY };
  const at = (hour: number, incoming = 3) => ({ hour, incoming });

  it('compares only with a period whose first half has customer messages', () => {
    // History of 30 days: the period before the 30-day view holds only its last day.
    expect(previousComparable([at(29 * DAY + 5 * HOUR_MS), at(40 * DAY)], prev)).toBe(false);
    expect(previousComparable([at(3 * DAY), at(29 * DAY)], prev)).toBe(true);
    // Rows without customer messages (only flags, say) do not make it comparable.
    expect(previousComparable([at(2 * DAY, 0)], prev)).toBe(false);
    // A row of the current period does not count for the previous one.
    expect(previousComparable([at(31 * DAY)], prev)).toBe(false);
    // Without the check a sliver of a period gave thousands of percent.
    expect(change(5600, 3)).toBeGreaterThan(1000);
  });
});
