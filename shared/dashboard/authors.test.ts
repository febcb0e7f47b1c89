import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random.ts';
import {
  authorStatsOf,
  foldAuthor,
  sentimentTrend,
  WEEK_MS,
  type AuthorEvent,
  type AuthorStats,
} from './authors.ts';

const T = Date.UTC(2026, 10, 2, 9, 0);
const H = 3_600_000;

const said = (
  id: string,
  at: number,
  polarity: 'negative' | 'neutral' | 'positive',
  extra: Partial<Extract<AuthorEvent, { kind: 'in' }>> = {},
): AuthorEvent => ({
  id,
  at,
  kind: 'in',
  polarity,
  complaint: false,
  public: true,
  ...extra,
});
const replied = (id: string, at: number): AuthorEvent => ({ id, at, kind: 'reply', deliveredAt: at });

const status = (events: AuthorEvent[]) => authorStatsOf('u1', 0, events).status;

describe('complainer to ambassador', () => {
  it('follows the definition in the README', () => {
    expect(status([said('a', T, 'positive')])).toBe('none');
    expect(status([said('a', T, 'negative')])).toBe('complainer');
    // A reply alone converts nobody: they have to say so publicly afterwards.
    expect(status([said('a', T, 'negative'), replied('r', T + H)])).toBe('complainer');
    expect(status([said('a', T, 'negative'), replied('r', T + H), said('b', T + 2 * H, 'neutral')])).toBe(
      'converted',
    );
    expect(status([said('a', T, 'negative'), replied('r', T + H), said('b', T + 2 * H, 'positive')])).toBe(
      'converted',
    );
    // Positive before our reply does not count; a private thank-you does not make an ambassador.
    expect(status([said('a', T, 'negative'), said('b', T + H, 'positive'), replied('r', T + 2 * H)])).toBe(
      'complainer',
    );
    expect(
      status([
        said('a', T, 'negative'),
        replied('r', T + H),
        said('b', T + 2 * H, 'positive', { public: false }),
      ]),
    ).toBe('complainer');
    // A complaint counts as negative even when its polarity reads neutral.
    expect(
      status([
        said('a', T, 'neutral', { complaint: true }),
        replied('r', T + H),
        said('b', T + 2 * H, 'positive'),
      ]),
    ).toBe('converted');
    expect(
      status([
        said('a', T, 'negative'),
        replied('r', T + H),
        said('b', T + 2 * H, 'positive'),
        said('c', T + 3 * H, 'negative'),
      ]),
    ).toBe('relapsed');
    expect(
      status([
        said('a', T, 'negative'),
        replied('r', T + H),
        said('b', T + 2 * H, 'positive'),
        said('c', T + 3 * H, 'negative'),
        said('d', T + 4 * H, 'positive'),
      ]),
    ).toBe('converted');
  });

  it('records when the status changed and the last contact', () => {
    const s = authorStatsOf('u1', 0, [
      said('a', T, 'negative'),
      replied('r', T + H),
      said('b', T + 5 * H, 'positive'),
    ]);
    expect(s).toMatchObject({
      statusAt: T + 5 * H,
      lastContactAt: T + H,
      firstNegativeAt: T,
      repliedAt: T + H,
      recoveredAt: T + 5 * H,
    });
  });

  it('folding events in batches, in any order, equals the stats of the whole history', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = createRandom(seed);
      const all: AuthorEvent[] = [];
      for (let i = r.int(1, 10); i > 0; i--) {
        const at = T + r.int(0, 400) * H;
        all.push(
          r.chance(0.7)
            ? said(`m${i}`, at, r.pick(['negative', 'neutral', 'positive'] as const), {
                complaint: r.chance(0.3),
                public: r.chance(0.8),
              })
            : replied(`r${i}`, at),
        );
      }
      // Mostly in time order (live traffic), sometimes shuffled (imports, late arrivals).
      const arrival = r.chance(0.5) ? [...all].sort((a, b) => a.at - b.at) : r.shuffle([...all]);
      let s: AuthorStats | null = null;
      const seen: AuthorEvent[] = [];
      while (arrival.length) {
        const batch = arrival.splice(0, r.int(1, 3));
        seen.push(...batch);
        const f = foldAuthor(s, 'u1', 0, batch);
        s = f === 'recompute' ? authorStatsOf('u1', 0, seen) : f;
      }
      expect(s).toEqual(authorStatsOf('u1', 0, all));
    }
  });

  it('gives a weekly sentiment trend', () => {
    const now = T + 2 * WEEK_MS;
    const s = authorStatsOf('u1', 0, [said('a', T, 'negative'), said('b', T + 2 * WEEK_MS, 'positive')]);
    const trend = sentimentTrend(s, now, 3);
    expect(trend).toEqual([-1, null, 1]);
  });
});
