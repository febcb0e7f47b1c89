import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { enGB, nl } from 'date-fns/locale';
import type { EChartsCoreOption } from 'echarts/core';
import { PERIOD_KINDS, type Period, type PeriodKind } from '../../shared/dashboard/period.ts';
import { RESPONSE_BIN_KEYS, RESPONSE_TARGET_MS, type Metric } from '../../shared/dashboard/rollups.ts';
import {
  change,
  meanResponseMs,
  responseDistribution,
  share,
  type DashboardSummary,
} from '../../shared/dashboard/summary.ts';
import type { UiLanguage } from '../i18n/format.ts';
import type { Backlog } from '../db/rollups.ts';
import { Chart, type ChartClick } from './Chart.tsx';
import './dashboard.css';

export interface DashboardProps {
  period: Period;
  summary: DashboardSummary | undefined;
  previous: Record<Metric, number> | undefined;
  backlog: Backlog | undefined;
  channel: string | null;
  brand: string | null;
  customFrom: string;
  customTo: string;
  lang: UiLanguage;
  agentName(id: string): string;
  brandName(id: string): string;
  onPeriod(kind: PeriodKind): void;
  onCustom(from: string, to: string): void;
  onChannel(channel: string | null): void;
  onBrand(brand: string | null): void;
  /** Open the conversations behind a chart: a channel's open conversations, the open ones, the flags. */
  onDrill(
    target:
      | { kind: 'channel'; channel: string }
      | { kind: 'open' }
      | { kind: 'flags' }
      | { kind: 'agent'; agent: string },
  ): void;
  onReport(): void;
  onCsv(): void;
}

const LOCALES = { nl, en: enGB } as const;

/** "45 min", "1 u 20 min" / "45 min", "1 h 20 min". */
export function formatDuration(ms: number, lang: UiLanguage): string {
  const min = Math.round(ms / 60_000);
  const h = Math.floor(min / 60);
  const m = min % 60;
  const hu = lang === 'nl' ? 'u' : 'h';
  if (h === 0) return `${m} min`;
  if (h >= 48) return lang === 'nl' ? `${Math.round(h / 24)} d` : `${Math.round(h / 24)} d`;
  return m === 0 ? `${h} ${hu}` : `${h} ${hu} ${m} min`;
}

function pct(x: number, lang: UiLanguage): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(x);
}

function num(x: number, lang: UiLanguage): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB').format(x);
}

function Delta({
  now,
  before,
  lang,
  lowerIsBetter,
}: {
  now: number;
  before: number | undefined;
  lang: UiLanguage;
  lowerIsBetter?: boolean;
}) {
  const { t } = useTranslation('dashboard');
  if (before === undefined) return null;
  const c = change(now, before);
  if (c === null) return <span className="kpi-delta">{t('kpi.noPrevious')}</span>;
  const up = c > 0;
  const good = c === 0 ? null : lowerIsBetter ? !up : up;
  return (
    <span className={`kpi-delta${good === null ? '' : good ? ' good' : ' bad'}`}>
      {t('kpi.vsPrevious', { change: `${up ? '+' : ''}${pct(c, lang)}` })}
    </span>
  );
}

function Kpi({
  label,
  value,
  children,
  testId,
}: {
  label: string;
  value: string;
  children?: React.ReactNode;
  testId: string;
}) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {children}
    </div>
  );
}

/** The social media manager's monitoring dashboard (issue 14), drawn from the rollups only. */
export function DashboardView(p: DashboardProps) {
  const { t } = useTranslation('dashboard');
  const { t: tApp } = useTranslation('app');
  const s = p.summary;
  const locale = LOCALES[p.lang];
  const labels = useMemo(
    () =>
      (s?.buckets ?? []).map((b) =>
        format(b, p.period.bucket === 'hour' ? 'HH:mm' : 'EEE d MMM', { locale }),
      ),
    [s, p.period.bucket, locale],
  );
  const channelName = (c: string) => tApp(`channels.${c}` as 'channels.email', { defaultValue: c });

  const volumeOption = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 40, right: 12, top: 36, bottom: 28 },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: (s?.channels ?? []).map((c) => ({
        id: c,
        name: channelName(c),
        type: 'bar',
        stack: 'volume',
        data: s?.volume[c] ?? [],
      })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [s, labels, p.lang],
  );

  const sentimentOption = useMemo<EChartsCoreOption>(() => {
    const ser = s?.series;
    const totalAt = (i: number) => (ser ? ser.negative[i]! + ser.neutral[i]! + ser.positive[i]! : 0);
    const sharePct = (arr: number[] | undefined) =>
      (arr ?? []).map((v, i) => Math.round(share(v, totalAt(i)) * 1000) / 10);
    return {
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
  }, [s, labels, t]);

  const kindsOption = useMemo<EChartsCoreOption>(() => {
    const tot = s?.totals;
    const other = tot ? Math.max(0, tot.incoming - tot.complaints - tot.questions - tot.praise) : 0;
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      color: ['#d64545', '#2f6fed', '#2e9d5b', '#9aa3b2'],
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          top: 0,
          bottom: 28,
          label: { formatter: (x: { percent: number }) => pct(x.percent / 100, p.lang) },
          data: [
            { name: t('kinds.complaints'), value: tot?.complaints ?? 0 },
            { name: t('kinds.questions'), value: tot?.questions ?? 0 },
            { name: t('kinds.praise'), value: tot?.praise ?? 0 },
            { name: t('kinds.other'), value: other },
          ],
        },
      ],
    };
  }, [s, t, p.lang]);

  const responseOption = useMemo<EChartsCoreOption>(() => {
    const dist = s ? responseDistribution(s.totals) : RESPONSE_BIN_KEYS.map(() => 0);
    return {
      grid: { left: 40, right: 12, top: 20, bottom: 28 },
      legend: { show: false },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: RESPONSE_BIN_KEYS.map((k) => t(`response.bins.${k}`)),
      },
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
  }, [s, t]);

  const flagsOption = useMemo<EChartsCoreOption>(
    () => ({
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
    }),
    [s, labels, t],
  );

  const backlogOption = useMemo<EChartsCoreOption>(() => {
    const rows = p.backlog?.perChannel ?? [];
    return {
      grid: { left: 90, right: 16, top: 10, bottom: 24 },
      legend: { show: false },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: rows.map((r) => channelName(r.channel)),
        inverse: true,
      },
      series: [
        {
          id: 'backlog',
          name: t('backlog.open'),
          type: 'bar',
          data: rows.map((r) => r.open),
          color: '#2f6fed',
        },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.backlog, t, p.lang]);

  const agentOption = useMemo<EChartsCoreOption>(() => {
    const rows = p.backlog?.perAgent ?? [];
    return {
      grid: { left: 110, right: 16, top: 10, bottom: 24 },
      legend: { show: false },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => p.agentName(r.agent)), inverse: true },
      series: [{ name: t('backlog.open'), type: 'bar', data: rows.map((r) => r.open), color: '#7b4fd6' }],
    };
  }, [p, t]);

  const tot = s?.totals;
  const prev = p.previous;
  const mean = tot ? meanResponseMs(tot) : null;
  const prevMean = prev ? meanResponseMs(prev) : null;
  const sentimentTotal = tot ? tot.negative + tot.neutral + tot.positive : 0;
  const prevSentimentTotal = prev ? prev.negative + prev.neutral + prev.positive : 0;

  const drillChannel = (click: ChartClick, ids: readonly string[]) => {
    const c = click.dataIndex !== undefined ? ids[click.dataIndex] : undefined;
    if (c) p.onDrill({ kind: 'channel', channel: c });
  };

  return (
    <section className="dashboard" aria-labelledby="dashboard-title" data-testid="dashboard">
      <header className="dashboard-head">
        <h1 id="dashboard-title">{t('title')}</h1>
        <div className="dashboard-filters">
          <div role="radiogroup" aria-label={t('period.label')} className="segmented">
            {PERIOD_KINDS.map((k) => (
              <button
                key={k}
                type="button"
                role="radio"
                aria-checked={p.period.kind === k}
                className={p.period.kind === k ? 'active' : ''}
                onClick={() => p.onPeriod(k)}
              >
                {t(`period.${k}`)}
              </button>
            ))}
          </div>
          {p.period.kind === 'custom' && (
            <span className="dashboard-custom">
              <label>
                {t('period.from')}{' '}
                <input
                  type="date"
                  value={p.customFrom}
                  onChange={(e) => p.onCustom(e.target.value, p.customTo)}
                />
              </label>
              <label>
                {t('period.to')}{' '}
                <input
                  type="date"
                  value={p.customTo}
                  onChange={(e) => p.onCustom(p.customFrom, e.target.value)}
                />
              </label>
            </span>
          )}
          <label>
            {t('filter.channel')}{' '}
            <select value={p.channel ?? ''} onChange={(e) => p.onChannel(e.target.value || null)}>
              <option value="">{t('filter.allChannels')}</option>
              {(s?.channels ?? (p.channel ? [p.channel] : [])).map((c) => (
                <option key={c} value={c}>
                  {channelName(c)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('filter.brand')}{' '}
            <select value={p.brand ?? ''} onChange={(e) => p.onBrand(e.target.value || null)}>
              <option value="">{t('filter.allBrands')}</option>
              {(s?.brands ?? (p.brand ? [p.brand] : [])).map((b) => (
                <option key={b} value={b}>
                  {p.brandName(b)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={p.onReport}>
            {t('actions.report')}
          </button>
          <button type="button" onClick={p.onCsv}>
            {t('actions.csv')}
          </button>
        </div>
      </header>
      {!s || !tot ? (
        <p className="muted" role="status">
          {t('loading')}
        </p>
      ) : (
        <>
          <div className="kpis">
            <Kpi testId="kpi-messages" label={t('kpi.messages')} value={num(tot.incoming, p.lang)}>
              <Delta now={tot.incoming} before={prev?.incoming} lang={p.lang} />
            </Kpi>
            <Kpi
              testId="kpi-negative"
              label={t('kpi.negative')}
              value={pct(share(tot.negative, sentimentTotal), p.lang)}
            >
              {prev &&
                (prevSentimentTotal > 0 ? (
                  <span className="kpi-delta">
                    {t('kpi.previousValue', { value: pct(share(prev.negative, prevSentimentTotal), p.lang) })}
                  </span>
                ) : (
                  <span className="kpi-delta">{t('kpi.noPrevious')}</span>
                ))}
            </Kpi>
            <Kpi testId="kpi-complaints" label={t('kpi.complaints')} value={num(tot.complaints, p.lang)}>
              <Delta now={tot.complaints} before={prev?.complaints} lang={p.lang} lowerIsBetter />
            </Kpi>
            <Kpi
              testId="kpi-response"
              label={t('kpi.response')}
              value={mean === null ? '–' : formatDuration(mean, p.lang)}
            >
              {prevMean !== null && (
                <span className="kpi-delta">
                  {t('kpi.previousValue', { value: formatDuration(prevMean, p.lang) })}
                </span>
              )}
            </Kpi>
            <Kpi
              testId="kpi-target"
              label={t('kpi.target', { target: formatDuration(RESPONSE_TARGET_MS, p.lang) })}
              value={tot.responded ? pct(share(tot.withinTarget, tot.responded), p.lang) : '–'}
            />
            <Kpi testId="kpi-unanswered" label={t('kpi.unanswered')} value={num(tot.unanswered, p.lang)} />
            <Kpi
              testId="kpi-backlog"
              label={t('kpi.backlog')}
              value={p.backlog ? num(p.backlog.open, p.lang) : '…'}
            />
            <Kpi testId="kpi-flags" label={t('kpi.flags')} value={num(tot.flags, p.lang)}>
              <span className="kpi-delta">{t('kpi.alerts', { count: tot.alerts })}</span>
            </Kpi>
          </div>
          <div className="charts">
            <figure className="chart-card wide">
              <figcaption>{t('charts.volume')}</figcaption>
              <Chart
                testId="chart-volume"
                label={t('charts.volumeAria', { count: tot.incoming })}
                option={volumeOption}
                onClick={(c) => {
                  if (c.seriesId && s.channels.includes(c.seriesId))
                    p.onDrill({ kind: 'channel', channel: c.seriesId });
                }}
              />
            </figure>
            <figure className="chart-card">
              <figcaption>{t('charts.sentiment')}</figcaption>
              <Chart testId="chart-sentiment" label={t('charts.sentiment')} option={sentimentOption} />
            </figure>
            <figure className="chart-card">
              <figcaption>{t('charts.kinds')}</figcaption>
              <Chart testId="chart-kinds" label={t('charts.kinds')} option={kindsOption} />
            </figure>
            <figure className="chart-card">
              <figcaption>
                {t('charts.response', { target: formatDuration(RESPONSE_TARGET_MS, p.lang) })}
              </figcaption>
              <Chart
                testId="chart-response"
                label={t('charts.response', { target: formatDuration(RESPONSE_TARGET_MS, p.lang) })}
                option={responseOption}
                onClick={() => p.onDrill({ kind: 'open' })}
              />
            </figure>
            <figure className="chart-card">
              <figcaption>{t('charts.flags')}</figcaption>
              <Chart
                testId="chart-flags"
                label={t('charts.flags')}
                option={flagsOption}
                onClick={() => p.onDrill({ kind: 'flags' })}
              />
            </figure>
            <figure className="chart-card">
              <figcaption>{t('charts.backlog')}</figcaption>
              <Chart
                testId="chart-backlog"
                label={t('charts.backlog')}
                option={backlogOption}
                onClick={(c) =>
                  drillChannel(
                    c,
                    (p.backlog?.perChannel ?? []).map((r) => r.channel),
                  )
                }
              />
            </figure>
            <figure className="chart-card">
              <figcaption>{t('charts.agents')}</figcaption>
              <Chart
                testId="chart-agents"
                label={t('charts.agents')}
                option={agentOption}
                onClick={(c) => {
                  const a = c.dataIndex !== undefined ? p.backlog?.perAgent[c.dataIndex]?.agent : undefined;
                  if (a !== undefined) p.onDrill({ kind: 'agent', agent: a });
                }}
              />
            </figure>
          </div>
          <nav className="dashboard-drill" aria-label={t('drill.label')}>
            {(p.backlog?.perChannel ?? []).map((r) => (
              <button
                key={r.channel}
                type="button"
                onClick={() => p.onDrill({ kind: 'channel', channel: r.channel })}
              >
                {t('drill.channel', { channel: channelName(r.channel), count: r.open })}
              </button>
            ))}
            <button type="button" onClick={() => p.onDrill({ kind: 'flags' })}>
              {t('drill.flags', { count: p.backlog?.flagsOpen ?? 0 })}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
