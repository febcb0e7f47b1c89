import type { TFunction } from 'i18next';
import { format } from 'date-fns';
import { enGB, nl } from 'date-fns/locale';
import type { EChartsCoreOption } from 'echarts/core';
import type { Period } from '../../shared/dashboard/period.ts';
import { RESPONSE_BIN_KEYS, RESPONSE_TARGET_MS } from '../../shared/dashboard/rollups.ts';
import { responseDistribution, share, type DashboardSummary } from '../../shared/dashboard/summary.ts';
import type { Backlog } from '../db/rollups.ts';
import type { UiLanguage } from '../i18n/format.ts';

const LOCALES = { nl, en: enGB } as const;

/** The dashboard's charts, in the order the dashboard and the printed report show them. */
export const DASHBOARD_CHARTS = [
  'volume',
  'sentiment',
  'kinds',
  'response',
  'flags',
  'backlog',
  'agents',
] as const;
export type DashboardChartId = (typeof DASHBOARD_CHARTS)[number];

export interface DashboardChart {
  id: DashboardChartId;
  /** The figure's caption (also its accessible name). */
  caption: string;
  option: EChartsCoreOption;
}

export interface DashboardChartInput {
  t: TFunction<'dashboard'>;
  lang: UiLanguage;
  period: Pick<Period, 'bucket'>;
  summary: DashboardSummary | undefined;
  backlog: Backlog | undefined;
  channelName(c: string): string;
  agentName(id: string): string;
  /** For print: every legend entry shown (no scrolling legend on paper). */
  print?: boolean;
}

function pct(x: number, lang: UiLanguage): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(x);
}

/** "45 min", "1 u 20 min" / "45 min", "1 h 20 min". */
export function formatDuration(ms: number, lang: UiLanguage): string {
  const min = Math.round(ms / 60_000);
  const h = Math.floor(min / 60);
  const m = min % 60;
  const hu = lang === 'nl' ? 'u' : 'h';
  if (h === 0) return `${m} min`;
  if (h >= 48) return `${Math.round(h / 24)} d`;
  return m === 0 ? `${h} ${hu}` : `${h} ${hu} ${m} min`;
}

/** Bucket labels of the x axis: hours for a day, days otherwise. */
export function bucketLabels(
  summary: DashboardSummary | undefined,
  bucket: Period['bucket'],
  lang: UiLanguage,
) {
  const locale = LOCALES[lang];
  return (summary?.buckets ?? []).map((b) =>
    format(b, bucket === 'hour' ? 'HH:mm' : 'EEE d MMM', { locale }),
  );
}

/**
 * The ECharts options of every dashboard chart, from the summary and the backlog only: the same
 * description draws the live chart on screen and the figure in the printed report.
 */
export function dashboardCharts(p: DashboardChartInput): Record<DashboardChartId, DashboardChart> {
  const { t, lang, summary: s } = p;
  const labels = bucketLabels(s, p.period.bucket, lang);
  const legendTop = p.print ? { top: 0, type: 'plain' as const } : { top: 0, type: 'scroll' as const };
  // A printed legend of many channels takes two lines.
  const volumeTop = p.print && (s?.channels.length ?? 0) > 6 ? 56 : 36;

  const volume: EChartsCoreOption = {
    grid: { left: 40, right: 12, top: volumeTop, bottom: 28 },
    legend: legendTop,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: (s?.channels ?? []).map((c) => ({
      id: c,
      name: p.channelName(c),
      type: 'bar',
      stack: 'volume',
      data: s?.volume[c] ?? [],
    })),
  };

  const ser = s?.series;
  const totalAt = (i: number) => (ser ? ser.negative[i]! + ser.neutral[i]! + ser.positive[i]! : 0);
  const sharePct = (arr: number[] | undefined) =>
    (arr ?? []).map((v, i) => Math.round(share(v, totalAt(i)) * 1000) / 10);
  const sentiment: EChartsCoreOption = {
    grid: { left: 40, right: 12, top: 36, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    color: ['#d64545', '#9aa3b2', '#2e9d5b'],
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: (['negative', 'neutral', 'positive'] as const).map((k) => ({
      name: t(`sentiment.${k}`),
      type: 'bar',
      stack: 'share',
      data: sharePct(ser?.[k]),
    })),
  };

  const tot = s?.totals;
  const other = tot ? Math.max(0, tot.incoming - tot.complaints - tot.questions - tot.praise) : 0;
  const kinds: EChartsCoreOption = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    color: ['#d64545', '#2f6fed', '#2e9d5b', '#9aa3b2'],
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        top: 0,
        bottom: 28,
        label: { formatter: (x: { percent: number }) => pct(x.percent / 100, lang) },
        data: [
          { name: t('kinds.complaints'), value: tot?.complaints ?? 0 },
          { name: t('kinds.questions'), value: tot?.questions ?? 0 },
          { name: t('kinds.praise'), value: tot?.praise ?? 0 },
          { name: t('kinds.other'), value: other },
        ],
      },
    ],
  };

  const dist = s ? responseDistribution(s.totals) : RESPONSE_BIN_KEYS.map(() => 0);
  const response: EChartsCoreOption = {
    grid: { left: 40, right: 12, top: 20, bottom: 28 },
    legend: { show: false },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: RESPONSE_BIN_KEYS.map((k) => t(`response.bins.${k}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('response.conversations'),
        type: 'bar',
        data: dist.map((v, i) => ({
          value: v,
          itemStyle: { color: i < 2 ? '#2e9d5b' : i < 3 ? '#e0a030' : '#d64545' },
        })),
      },
    ],
  };

  const flags: EChartsCoreOption = {
    grid: { left: 40, right: 12, top: 36, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    color: ['#e0a030', '#d64545', '#7b4fd6'],
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('flags.raised'), type: 'bar', data: s?.series.flags ?? [] },
      { name: t('flags.escalated'), type: 'bar', data: s?.series.escalated ?? [] },
      { name: t('flags.alerts'), type: 'line', data: s?.series.alerts ?? [] },
    ],
  };

  const channelRows = p.backlog?.perChannel ?? [];
  const backlog: EChartsCoreOption = {
    grid: { left: 90, right: 16, top: 10, bottom: 24 },
    legend: { show: false },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: channelRows.map((r) => p.channelName(r.channel)), inverse: true },
    series: [
      {
        id: 'backlog',
        name: t('backlog.open'),
        type: 'bar',
        data: channelRows.map((r) => r.open),
        color: '#2f6fed',
      },
    ],
  };

  const agentRows = p.backlog?.perAgent ?? [];
  const agents: EChartsCoreOption = {
    grid: { left: 110, right: 16, top: 10, bottom: 24 },
    legend: { show: false },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: agentRows.map((r) => p.agentName(r.agent)), inverse: true },
    series: [{ name: t('backlog.open'), type: 'bar', data: agentRows.map((r) => r.open), color: '#7b4fd6' }],
  };

  const target = formatDuration(RESPONSE_TARGET_MS, lang);
  return {
    volume: { id: 'volume', caption: t('charts.volume'), option: volume },
    sentiment: { id: 'sentiment', caption: t('charts.sentiment'), option: sentiment },
    kinds: { id: 'kinds', caption: t('charts.kinds'), option: kinds },
    response: { id: 'response', caption: t('charts.response', { target }), option: response },
    flags: { id: 'flags', caption: t('charts.flags'), option: flags },
    backlog: { id: 'backlog', caption: t('charts.backlog'), option: backlog },
    agents: { id: 'agents', caption: t('charts.agents'), option: agents },
  };
}
