import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { enGB, nl } from 'date-fns/locale';
import { PERIOD_KINDS, type Period, type PeriodKind } from '../../shared/dashboard/period.ts';
import { RESPONSE_TARGET_MS, type Metric } from '../../shared/dashboard/rollups.ts';
import { change, meanResponseMs, share, type DashboardSummary } from '../../shared/dashboard/summary.ts';
import type { UiLanguage } from '../i18n/format.ts';
import type { Backlog } from '../db/rollups.ts';
import { Chart, type ChartClick } from './Chart.tsx';
import { dashboardCharts, formatDuration } from './dashboardCharts.ts';
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
  /** The weekly reports made so far, newest first (undefined while loading). */
  reports?: readonly StoredReportItem[];
  onOpenStoredReport?(key: string): void;
  onStoredReportCsv?(key: string): void;
}

/** One line of the reports list. */
export interface StoredReportItem {
  key: string;
  week: number;
  from: number;
  to: number;
  generatedAt: number;
  incoming: number;
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

/** The weekly reports list: open (to read and print) or export each as CSV. */
function StoredReports(p: DashboardProps & { reports: readonly StoredReportItem[] }) {
  const { t } = useTranslation('dashboard');
  const locale = p.lang === 'nl' ? nl : enGB;
  const day = (ms: number) => format(ms, 'd MMM yyyy', { locale });
  return (
    <section
      className="dashboard-reports"
      aria-labelledby="stored-reports-title"
      data-testid="stored-reports"
    >
      <h2 id="stored-reports-title">{t('stored.title')}</h2>
      {p.reports.length === 0 ? (
        <p className="muted">{t('stored.empty')}</p>
      ) : (
        <ul>
          {p.reports.map((r) => {
            const week = t('stored.week', { week: r.week, from: day(r.from), to: day(r.to - 1) });
            return (
              <li key={r.key} data-testid="stored-report" data-key={r.key}>
                <span className="stored-report-name">{week}</span>
                <span className="muted">
                  {t('stored.summary', { count: r.incoming })} ·{' '}
                  {t('stored.generated', { at: format(r.generatedAt, 'PPp', { locale }) })}
                </span>
                <span className="stored-report-actions">
                  <button
                    type="button"
                    aria-label={t('stored.openLabel', { week })}
                    onClick={() => p.onOpenStoredReport?.(r.key)}
                  >
                    {t('stored.open')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('stored.csvLabel', { week })}
                    onClick={() => p.onStoredReportCsv?.(r.key)}
                  >
                    {t('stored.csv')}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The social media manager's monitoring dashboard (issue 14), drawn from the rollups only. */
export function DashboardView(p: DashboardProps) {
  const { t } = useTranslation('dashboard');
  const { t: tApp } = useTranslation('app');
  const s = p.summary;
  const channelName = (c: string) => tApp(`channels.${c}` as 'channels.email', { defaultValue: c });
  const charts = useMemo(
    () =>
      dashboardCharts({
        t,
        lang: p.lang,
        period: p.period,
        summary: s,
        backlog: p.backlog,
        channelName,
        agentName: p.agentName,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [s, p.backlog, p.period.bucket, p.lang, t],
  );

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
                option={charts.volume.option}
                onClick={(c) => {
                  if (c.seriesId && s.channels.includes(c.seriesId))
                    p.onDrill({ kind: 'channel', channel: c.seriesId });
                }}
              />
            </figure>
            <figure className="chart-card">
              <figcaption>{t('charts.sentiment')}</figcaption>
              <Chart
                testId="chart-sentiment"
                label={t('charts.sentiment')}
                option={charts.sentiment.option}
              />
            </figure>
            <figure className="chart-card">
              <figcaption>{t('charts.kinds')}</figcaption>
              <Chart testId="chart-kinds" label={t('charts.kinds')} option={charts.kinds.option} />
            </figure>
            <figure className="chart-card">
              <figcaption>
                {t('charts.response', { target: formatDuration(RESPONSE_TARGET_MS, p.lang) })}
              </figcaption>
              <Chart
                testId="chart-response"
                label={t('charts.response', { target: formatDuration(RESPONSE_TARGET_MS, p.lang) })}
                option={charts.response.option}
                onClick={() => p.onDrill({ kind: 'open' })}
              />
            </figure>
            <figure className="chart-card">
              <figcaption>{t('charts.flags')}</figcaption>
              <Chart
                testId="chart-flags"
                label={t('charts.flags')}
                option={charts.flags.option}
                onClick={() => p.onDrill({ kind: 'flags' })}
              />
            </figure>
            <figure className="chart-card">
              <figcaption>{t('charts.backlog')}</figcaption>
              <Chart
                testId="chart-backlog"
                label={t('charts.backlog')}
                option={charts.backlog.option}
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
                option={charts.agents.option}
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
      {p.reports && <StoredReports {...p} reports={p.reports} />}
    </section>
  );
}
