import type { TFunction } from 'i18next';
import { format } from 'date-fns';
import { enGB, nl } from 'date-fns/locale';
import type { AuthorStatus } from '../../shared/dashboard/authors.ts';
import type { Period } from '../../shared/dashboard/period.ts';
import { METRICS, RESPONSE_TARGET_MS, type Metric } from '../../shared/dashboard/rollups.ts';
import { change, meanResponseMs, share, type DashboardSummary } from '../../shared/dashboard/summary.ts';
import { chartSvg } from '../components/chartSvg.ts';
import { DASHBOARD_CHARTS, dashboardCharts, formatDuration } from '../components/dashboardCharts.ts';
import type { Backlog } from '../db/rollups.ts';
import type { UiLanguage } from '../i18n/format.ts';
import type { ReportFigure } from './report.ts';

const LOCALES = { nl, en: enGB } as const;

export interface DashboardReportInput {
  t: TFunction<'dashboard'>;
  channelName(c: string): string;
  brandName(b: string): string;
  lang: UiLanguage;
  period: Period;
  channel: string | null;
  brand: string | null;
  summary: DashboardSummary;
  previous: Record<Metric, number>;
  backlogOpen: number;
  statusCounts: Record<AuthorStatus, number>;
  now: number;
  /** A stored report: the backlog is as it was when the report was made, not now. */
  stored?: boolean;
}

const pct = (x: number, lang: UiLanguage) =>
  new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(x);

/** The manager's period summary (Markdown: shown, copied, downloaded, printed to PDF), in the UI language. */
export function dashboardReportMarkdown(r: DashboardReportInput): string {
  const { t, lang } = r;
  const locale = LOCALES[lang];
  const day = (ms: number) => format(ms, 'd MMMM yyyy', { locale });
  const tot = r.summary.totals;
  const sentiment = tot.negative + tot.neutral + tot.positive;
  const c = change(tot.incoming, r.previous.incoming);
  const mean = meanResponseMs(tot);
  const ever = r.statusCounts.complainer + r.statusCounts.converted + r.statusCounts.relapsed;
  const lines = [
    `# ${t('report.title', { period: `${day(r.period.from)} – ${day(r.period.to - 1)}` })}`,
    '',
    t('report.period', { from: day(r.period.from), to: day(r.period.to - 1) }),
    t('report.filters', {
      channel: r.channel ? r.channelName(r.channel) : t('filter.allChannels'),
      brand: r.brand ? r.brandName(r.brand) : t('filter.allBrands'),
    }),
    '',
    `## ${t('report.summary')}`,
    '',
    `- ${
      c === null
        ? t('report.messagesNoPrevious', { count: tot.incoming })
        : t('report.messages', { count: tot.incoming, change: `${c > 0 ? '+' : ''}${pct(c, lang)}` })
    }`,
    `- ${t('report.negative', { share: pct(share(tot.negative, sentiment), lang) })}`,
    `- ${t('report.kinds', { complaints: tot.complaints, questions: tot.questions, praise: tot.praise })}`,
    `- ${
      mean === null
        ? t('report.responseNone')
        : t('report.response', {
            mean: formatDuration(mean, lang),
            within: pct(share(tot.withinTarget, tot.responded), lang),
            target: formatDuration(RESPONSE_TARGET_MS, lang),
          })
    }`,
    `- ${t('report.unanswered', { count: tot.unanswered })}`,
    `- ${t(r.stored ? 'report.backlogWhenMade' : 'report.backlog', { open: r.backlogOpen })}`,
    `- ${t('report.flags', { flags: tot.flags, escalated: tot.escalated, alerts: tot.alerts })}`,
    '',
    `## ${t('report.channels')}`,
    '',
    ...r.summary.channels.map(
      (ch) =>
        `- ${t('report.channelLine', {
          channel: r.channelName(ch),
          count: (r.summary.volume[ch] ?? []).reduce((a, b) => a + b, 0),
        })}`,
    ),
    '',
    `## ${t('report.ambassadors')}`,
    '',
    t('report.conversion', {
      converted: r.statusCounts.converted,
      count: ever,
      rate: ever ? pct(r.statusCounts.converted / ever, lang) : '–',
      relapsed: r.statusCounts.relapsed,
    }),
    '',
    `_${t('report.generated', { at: format(r.now, 'PPpp', { locale }) })}_`,
    '',
  ];
  return lines.join('\n');
}

/** One CSV row per bucket with every metric (and customer messages per channel), for spreadsheets. */
export function dashboardCsv(summary: DashboardSummary): string {
  const header = ['bucket_start', ...METRICS, ...summary.channels.map((c) => `incoming_${c}`)];
  const rows = summary.buckets.map((b, i) => [
    new Date(b).toISOString(),
    ...METRICS.map((m) => String(summary.series[m][i] ?? 0)),
    ...summary.channels.map((c) => String(summary.volume[c]?.[i] ?? 0)),
  ]);
  return [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

/** Printed sizes in CSS px: A4 less the page margins is about 690 px wide. */
const WIDE = { width: 680, height: 260 };
const HALF = { width: 330, height: 230 };

/**
 * The dashboard's charts as SVG figures for the printed report, drawn from the same options as
 * the screen (light print theme, full legends), each with its caption.
 */
export function dashboardFigures(r: {
  t: TFunction<'dashboard'>;
  lang: UiLanguage;
  period: Period;
  summary: DashboardSummary;
  backlog: Backlog | undefined;
  channelName(c: string): string;
  agentName(id: string): string;
  font?: string;
}): ReportFigure[] {
  const charts = dashboardCharts({ ...r, print: true });
  return DASHBOARD_CHARTS.filter((id) => r.backlog || (id !== 'backlog' && id !== 'agents')).map((id) => {
    const wide = id === 'volume';
    return {
      caption: charts[id].caption,
      svg: chartSvg(charts[id].option, wide ? WIDE : HALF, r.font),
      wide,
    };
  });
}
