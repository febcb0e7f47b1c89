import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CrisisRow } from '../../shared/crisis/types.ts';
import { crisisSeries } from '../../shared/crisis/timelineChart.ts';
import { CrisisTimelineChart } from '../components/CrisisTimelineChart.tsx';
import { readCrisisChartData } from '../db/crisisChart.ts';
import type { WebcareDb } from '../db/schema.ts';
import type { UiLanguage } from '../i18n/format.ts';

/** The crisis timeline chart: reads the crisis's messages, authors and flags (bounded by the crisis). */
export function CrisisTimeline({
  db,
  crisis,
  now,
  lang,
}: {
  db: WebcareDb;
  crisis: CrisisRow;
  now: number;
  lang: UiLanguage;
}) {
  const data = useLiveQuery(() => readCrisisChartData(db, crisis), [db, crisis]);
  // The running chart moves on per five minutes, not with every tick of `now`.
  const bin = Math.floor(now / 300_000);
  const series = useMemo(
    () => data && crisisSeries({ crisis, ...data, now }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, crisis, bin],
  );
  return series ? <CrisisTimelineChart series={series} lang={lang} /> : null;
}
