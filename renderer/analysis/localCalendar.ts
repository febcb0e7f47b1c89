import { addDays, startOfDay } from 'date-fns';
import type { Calendar } from '../../shared/dashboard/period.ts';

/** The user's local calendar (time zone and daylight saving) for the dashboard's periods. */
export const LOCAL_CALENDAR: Calendar = {
  startOfDay: (t) => startOfDay(t).getTime(),
  addDays: (t, n) => addDays(t, n).getTime(),
};
