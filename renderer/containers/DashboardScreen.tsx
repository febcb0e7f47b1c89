import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { addDays, format } from 'date-fns';
import { bucketsOf, periodFor, previousPeriod, type PeriodKind } from '../../shared/dashboard/period.ts';
import { previousComparable, summarize, zeroTotals } from '../../shared/dashboard/summary.ts';
import { dashboardCsv, dashboardFigures, dashboardReportMarkdown } from '../analysis/dashboardReport.ts';
import type { ReportContent } from '../analysis/report.ts';
import { LOCAL_CALENDAR } from '../analysis/localCalendar.ts';
import { reportPeriod } from '../analysis/weeklyReport.ts';
import { downloadText } from '../analysis/report.ts';
import { DashboardView, type DashboardProps } from '../components/DashboardView.tsx';
import { readStatusCounts } from '../db/authorStats.ts';
import { getReport, listReports, type StoredReport } from '../db/reports.ts';
import { readBacklog, readRollups } from '../db/rollups.ts';
import type { WebcareDb } from '../db/schema.ts';
import type { UiLanguage } from '../i18n/format.ts';

export { LOCAL_CALENDAR };

const isoDay = (t: number) => format(t, 'yyyy-MM-dd');

export interface DashboardScreenProps {
  db: WebcareDb;
  lang: UiLanguage;
  now: number;
  agentName(id: string): string;
  brandName(id: string): string;
  onDrill: DashboardProps['onDrill'];
  showReport(r: ReportContent): void;
  toast(text: string): void;
}

/** The monitoring dashboard: reads only the rollups of the period shown and the counters. */
export function DashboardScreen(props: DashboardScreenProps) {
  const { db, lang, now } = props;
  const { t } = useTranslation('dashboard');
  const { t: tApp } = useTranslation('app');
  const [kind, setKind] = useState<PeriodKind>(
    () => (sessionStorage.getItem('webcare.dashboard.period') as PeriodKind | null) ?? '7d',
  );
  const [customFrom, setCustomFrom] = useState(() => isoDay(addDays(now, -13).getTime()));
  const [customTo, setCustomTo] = useState(() => isoDay(now));
  const [channel, setChannel] = useState<string | null>(null);
  const [brand, setBrand] = useState<string | null>(null);
  // The period moves with the clock only per hour: `now` ticks more often than that.
  const hour = Math.floor(now / 3_600_000);
  const period = useMemo(() => {
    const parse = (s: string) => {
      const t = new Date(`${s}T00:00`).getTime();
      return Number.isFinite(t) ? t : now;
    };
    return periodFor(kind, now, LOCAL_CALENDAR, { from: parse(customFrom), to: parse(customTo) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, hour, customFrom, customTo]);
  const prev = useMemo(() => previousPeriod(period), [period]);
  const rows = useLiveQuery(() => readRollups(db, prev.from, period.to), [db, prev.from, period.to]);
  const backlog = useLiveQuery(() => readBacklog(db), [db]);
  const statusCounts = useLiveQuery(() => readStatusCounts(db), [db]);
  const { summary, previous } = useMemo(() => {
    if (!rows) return { summary: undefined, previous: undefined };
    const b = bucketsOf(period, LOCAL_CALENDAR);
    const pb = bucketsOf(prev, LOCAL_CALENDAR);
    return {
      summary: summarize(rows, { from: period.from, to: period.to, channel, brand }, b.starts, b.bucketOf),
      // A history that starts inside the previous period has nothing to compare with.
      previous: previousComparable(rows, prev)
        ? summarize(rows, { from: prev.from, to: prev.to, channel, brand }, pb.starts, pb.bucketOf).totals
        : zeroTotals(),
    };
  }, [rows, period, prev, channel, brand]);
  const channelName = (c: string) => tApp(`channels.${c}` as 'channels.email', { defaultValue: c });
  const agentName = (id: string) => (id ? props.agentName(id) : t('unassigned'));
  const font = () => getComputedStyle(document.body).fontFamily || undefined;
  const stored = useLiveQuery(() => listReports(db), [db]);
  const reports = useMemo(
    () =>
      stored?.map((r) => ({
        key: r.key,
        week: r.week,
        from: r.from,
        to: r.to,
        generatedAt: r.generatedAt,
        incoming: r.summary.totals.incoming,
      })),
    [stored],
  );
  const withStored = (key: string, use: (r: StoredReport) => void) =>
    void getReport(db, key).then((r) => r && use(r));

  return (
    <DashboardView
      period={period}
      summary={summary}
      previous={previous}
      backlog={backlog}
      channel={channel}
      brand={brand}
      customFrom={customFrom}
      customTo={customTo}
      lang={lang}
      agentName={agentName}
      brandName={props.brandName}
      onPeriod={(k) => {
        setKind(k);
        sessionStorage.setItem('webcare.dashboard.period', k);
      }}
      onCustom={(f, to) => {
        setCustomFrom(f);
        setCustomTo(to);
      }}
      onChannel={setChannel}
      onBrand={setBrand}
      onDrill={props.onDrill}
      onReport={() => {
        if (!summary || !previous || !backlog || !statusCounts) return;
        props.showReport({
          title: t('report.title', { period: t(`period.${period.kind}`) }),
          markdown: dashboardReportMarkdown({
            t,
            channelName,
            brandName: props.brandName,
            lang,
            period,
            channel,
            brand,
            summary,
            previous,
            backlogOpen: backlog.open,
            statusCounts,
            now: Date.now(),
          }),
          filename: `webcare-report-${isoDay(period.from)}-${isoDay(period.to - 1)}.md`,
          figures: dashboardFigures({
            t,
            lang,
            period,
            summary,
            backlog,
            channelName,
            agentName,
            font: font(),
          }),
        });
      }}
      onCsv={() => {
        if (!summary) return;
        const file = `webcare-dashboard-${isoDay(period.from)}-${isoDay(period.to - 1)}.csv`;
        downloadText(file, dashboardCsv(summary), 'text/csv');
        props.toast(t('csv.saved', { file }));
      }}
      reports={reports}
      onOpenStoredReport={(key) =>
        withStored(key, (r) => {
          const p = reportPeriod(r);
          props.showReport({
            title: t('stored.reportTitle', { week: r.week }),
            markdown: dashboardReportMarkdown({
              t,
              channelName,
              brandName: props.brandName,
              lang,
              period: p,
              channel: null,
              brand: null,
              summary: r.summary,
              previous: r.previous,
              backlogOpen: r.backlog.open,
              statusCounts: r.statusCounts,
              now: r.generatedAt,
              stored: true,
            }),
            filename: `webcare-week-${r.weekYear}-${String(r.week).padStart(2, '0')}.md`,
            figures: dashboardFigures({
              t,
              lang,
              period: p,
              summary: r.summary,
              backlog: r.backlog,
              channelName,
              agentName,
              font: font(),
            }),
          });
        })
      }
      onStoredReportCsv={(key) =>
        withStored(key, (r) => {
          const file = `webcare-week-${r.weekYear}-${String(r.week).padStart(2, '0')}.csv`;
          downloadText(file, dashboardCsv(r.summary), 'text/csv');
          props.toast(t('csv.saved', { file }));
        })
      }
    />
  );
}
