/** Snooze presets, computed in the agent's local time from `now` (pure; tests pass `now`). */
export type SnoozePreset = 'oneHour' | 'threeHours' | 'tomorrow' | 'nextWeek';

export const MORNING_HOUR = 9;

export function snoozeUntil(preset: SnoozePreset, now: number): number {
  const d = new Date(now);
  switch (preset) {
    case 'oneHour':
      return now + 3_600_000;
    case 'threeHours':
      return now + 3 * 3_600_000;
    case 'tomorrow':
      d.setDate(d.getDate() + 1);
      d.setHours(MORNING_HOUR, 0, 0, 0);
      return d.getTime();
    case 'nextWeek': {
      // Next Monday morning (a week from today when today is Monday).
      const days = (8 - d.getDay()) % 7 || 7;
      d.setDate(d.getDate() + days);
      d.setHours(MORNING_HOUR, 0, 0, 0);
      return d.getTime();
    }
  }
}
