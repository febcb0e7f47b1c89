import { describe, expect, it } from 'vitest';
import { snoozeUntil } from './snooze.ts';

describe('snooze presets', () => {
  const tuesdayAfternoon = new Date(2026, 10, 24, 15, 30).getTime();

  it('one and three hours are relative to now', () => {
    expect(snoozeUntil('oneHour', tuesdayAfternoon) - tuesdayAfternoon).toBe(3_600_000);
    expect(snoozeUntil('threeHours', tuesdayAfternoon) - tuesdayAfternoon).toBe(10_800_000);
  });

  it('tomorrow means 09:00 the next day', () => {
    const d = new Date(snoozeUntil('tomorrow', tuesdayAfternoon));
    expect([d.getDate(), d.getHours(), d.getMinutes()]).toEqual([25, 9, 0]);
  });

  it('next week means Monday 09:00, also when today is Monday', () => {
    const d = new Date(snoozeUntil('nextWeek', tuesdayAfternoon));
    expect([d.getDay(), d.getDate(), d.getHours()]).toEqual([1, 30, 9]);
    const monday = new Date(2026, 10, 30, 8, 0).getTime();
    const e = new Date(snoozeUntil('nextWeek', monday));
    expect([e.getDay(), e.getDate(), e.getMonth()]).toEqual([1, 7, 11]);
  });
});
