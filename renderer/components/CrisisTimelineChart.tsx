import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import type { EChartsCoreOption } from 'echarts/core';
import type { CrisisSeries } from '../../shared/crisis/timelineChart.ts';
import { compactNumber, type UiLanguage } from '../i18n/format.ts';
import { Chart } from './Chart.tsx';

const EVENT_COLORS = {
  'first-mention': '#6a7181',
  alert: '#e0a030',
  escalated: '#d64545',
  'first-public-response': '#2e9d5b',
} as const;

/**
 * The crisis on one chart: mentions per five minutes (negative ones red), our public responses
 * and flags as bars, the reach of who wrote as a line on the right axis, net sentiment below,
 * and the timeline's first mention, alert, escalation and first public response as marks.
 */
export function CrisisTimelineChart({ series, lang }: { series: CrisisSeries; lang: UiLanguage }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(() => {
    const labels = series.bins.map((b) => format(b, 'HH:mm'));
    const other = series.mentions.map((m, i) => m - series.negative[i]!);
    const marks = series.events.map((e) => ({
      xAxis: labels[e.bin],
      name: t(`crisis.kinds.${e.kind}`),
      lineStyle: { color: EVENT_COLORS[e.kind], type: 'dashed', width: 1.5 },
      label: { formatter: '{b}', color: EVENT_COLORS[e.kind], position: 'insideEndTop', fontSize: 11 },
    }));
    return {
      grid: [
        { left: 44, right: 56, top: 36, height: '52%' },
        { left: 44, right: 56, bottom: 24, height: '18%' },
      ],
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis' },
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      xAxis: [
        { type: 'category', data: labels, gridIndex: 0, axisLabel: { show: false } },
        { type: 'category', data: labels, gridIndex: 1 },
      ],
      yAxis: [
        { type: 'value', minInterval: 1, gridIndex: 0 },
        {
          type: 'value',
          gridIndex: 0,
          position: 'right',
          splitLine: { show: false },
          axisLabel: { formatter: (v: number) => compactNumber(v, lang) },
        },
        {
          type: 'value',
          gridIndex: 1,
          min: -1,
          max: 1,
          interval: 1,
          axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
        },
      ],
      series: [
        {
          name: t('crisis.chart.negative'),
          type: 'bar',
          stack: 'mentions',
          data: series.negative,
          color: '#d64545',
          markLine: { symbol: 'none', silent: true, data: marks },
        },
        {
          name: t('crisis.chart.otherMentions'),
          type: 'bar',
          stack: 'mentions',
          data: other,
          color: '#9aa3b2',
        },
        { name: t('crisis.chart.responses'), type: 'bar', data: series.responses, color: '#2e9d5b' },
        { name: t('crisis.chart.flags'), type: 'bar', data: series.flags, color: '#e0a030' },
        {
          name: t('crisis.chart.reach'),
          type: 'line',
          yAxisIndex: 1,
          data: series.reach,
          color: '#2f6fed',
          showSymbol: false,
          step: 'middle',
        },
        {
          name: t('crisis.chart.sentiment'),
          type: 'line',
          xAxisIndex: 1,
          yAxisIndex: 2,
          data: series.sentiment,
          connectNulls: true,
          color: '#7b4fd6',
        },
      ],
    };
  }, [series, lang, t]);
  const total = series.mentions.reduce((a, b) => a + b, 0);
  return (
    <Chart
      testId="crisis-chart"
      height={300}
      label={t('crisis.chart.aria', { count: total, events: series.events.length })}
      option={option}
    />
  );
}
