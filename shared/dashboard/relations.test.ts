import { describe, expect, it } from 'vitest';
import {
  CONTACT_REMINDER_MS,
  applyRelation,
  reminderFor,
  validateRelation,
  type RelationEntry,
  type WatchRow,
} from './relations.ts';

const T = Date.UTC(2026, 10, 20, 9, 0);
const DAY = 24 * 3_600_000;
const watch: WatchRow = {
  authorId: 'x:1',
  list: 'influencer',
  owner: 'me',
  addedAt: T,
  lastContactAt: null,
  nextCheckIn: null,
  demo: 0,
};
const entry = (
  kind: RelationEntry['kind'],
  at: number,
  nextCheckIn: number | null = null,
): RelationEntry => ({
  id: `r${at}`,
  authorId: 'x:1',
  kind,
  text: 'Gebeld over de storing',
  at,
  by: 'me',
  nextCheckIn,
});

describe('relationship log', () => {
  it('refuses empty, too long, unknown kinds and check-ins in the past', () => {
    expect(validateRelation({ kind: 'contact', text: '  ', at: T, nextCheckIn: null })).toBe('empty');
    expect(validateRelation({ kind: 'contact', text: 'x'.repeat(2001), at: T, nextCheckIn: null })).toBe(
      'too-long',
    );
    expect(validateRelation({ kind: 'call' as 'contact', text: 'Gebeld', at: T, nextCheckIn: null })).toBe(
      'kind',
    );
    expect(
      validateRelation({ kind: 'agreement', text: 'Volgende week', at: T, nextCheckIn: T - 2 * DAY }),
    ).toBe('check-in-past');
    // A check-in today (from the start of the day) is fine.
    expect(
      validateRelation({ kind: 'agreement', text: 'Vandaag', at: T, nextCheckIn: T - 9 * 3_600_000 }),
    ).toBeNull();
  });

  it('a contact moves the last contact, any entry may set the next check-in', () => {
    const w1 = applyRelation(watch, entry('note', T + DAY));
    expect(w1.lastContactAt).toBeNull();
    const w2 = applyRelation(w1, entry('contact', T + 2 * DAY, T + 30 * DAY));
    expect(w2).toMatchObject({ lastContactAt: T + 2 * DAY, nextCheckIn: T + 30 * DAY });
    // An older contact logged later does not move the last contact back.
    expect(applyRelation(w2, entry('contact', T + DAY)).lastContactAt).toBe(T + 2 * DAY);
  });

  it('reminds after 60 days without contact, or when an agreed check-in is due', () => {
    expect(reminderFor(watch, null, T + CONTACT_REMINDER_MS - 1)).toBeNull();
    expect(reminderFor(watch, null, T + CONTACT_REMINDER_MS)).toEqual({ kind: 'no-contact', since: null });
    // A delivered reply is contact too.
    expect(reminderFor(watch, T + 10 * DAY, T + CONTACT_REMINDER_MS)).toBeNull();
    const agreed = { ...watch, nextCheckIn: T + 5 * DAY };
    expect(reminderFor(agreed, null, T + 4 * DAY)).toBeNull();
    expect(reminderFor(agreed, null, T + 5 * DAY)).toEqual({ kind: 'check-in', due: T + 5 * DAY });
  });
});
