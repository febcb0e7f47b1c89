import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { sentimentTrend, type AuthorStatus } from '../../shared/dashboard/authors.ts';
import {
  RELATION_KINDS,
  WATCH_LISTS,
  reminderFor,
  type RelationEntry,
  type RelationKind,
  type WatchList,
} from '../../shared/dashboard/relations.ts';
import { share } from '../../shared/dashboard/summary.ts';
import { compactNumber, messageTime, relative, type UiLanguage } from '../i18n/format.ts';
import type { DirectoryRow } from '../db/relations.ts';
import { Chart } from './Chart.tsx';
import type { WatchlistImportReport } from '../../shared/dashboard/watchlistCsv.ts';
import './dashboard.css';

export type AuthorsTab = 'directory' | 'influencers' | 'ambassadors';
export const AUTHORS_TABS: readonly AuthorsTab[] = ['directory', 'influencers', 'ambassadors'];

export interface AuthorsProps {
  tab: AuthorsTab;
  directory: DirectoryRow[] | undefined;
  influencers: DirectoryRow[] | undefined;
  converts: DirectoryRow[] | undefined;
  relapses: DirectoryRow[] | undefined;
  statusCounts: Record<AuthorStatus, number> | undefined;
  selected: DirectoryRow | null | undefined;
  relations: RelationEntry[] | undefined;
  now: number;
  lang: UiLanguage;
  me: string;
  agentName(id: string): string;
  onTab(tab: AuthorsTab): void;
  onSelect(authorId: string): void;
  onWatch(authorId: string, change: { list: WatchList; owner: string } | null): Promise<void>;
  /** Imports a watchlist CSV; resolves to what was imported and the lines that were not. */
  onImportCsv?(text: string): Promise<WatchlistImportReport>;
  /** Resolves to an error text (translated) when the entry was refused; the form keeps its text then. */
  onLog(entry: {
    authorId: string;
    kind: RelationKind;
    text: string;
    nextCheckIn: number | null;
  }): Promise<string | null>;
  onOpenConversations(authorId: string): void;
}

function who(r: DirectoryRow): string {
  return r.author.name ?? r.author.handle ?? r.author.email ?? r.author.id;
}

function StatusBadge({ status }: { status: AuthorStatus | undefined }) {
  const { t } = useTranslation('dashboard');
  if (!status || status === 'none') return null;
  return <span className={`badge status-${status}`}>{t(`authors.status.${status}`)}</span>;
}

function Table({
  rows,
  p,
  caption,
  extra,
}: {
  rows: DirectoryRow[] | undefined;
  p: AuthorsProps;
  caption: string;
  extra?: 'reminder';
}) {
  const { t } = useTranslation('dashboard');
  const { t: tApp } = useTranslation();
  if (!rows) return <p role="status">{t('loading')}</p>;
  if (rows.length === 0) return <p className="muted">{t('authors.empty')}</p>;
  return (
    <table className="authors-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('authors.col.name')}</th>
          <th scope="col">{t('authors.col.channel')}</th>
          <th scope="col">{t('authors.col.reach')}</th>
          <th scope="col">{t('authors.col.messages')}</th>
          <th scope="col">{t('authors.col.complaints')}</th>
          <th scope="col">{t('authors.col.lastContact')}</th>
          <th scope="col">{extra === 'reminder' ? t('authors.col.reminder') : t('authors.col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const reminder = r.watch ? reminderFor(r.watch, r.stats?.lastContactAt ?? null, p.now) : null;
          const lastContact = Math.max(
            r.stats?.lastContactAt ?? -Infinity,
            r.watch?.lastContactAt ?? -Infinity,
          );
          return (
            <tr key={r.author.id} className={p.selected?.author.id === r.author.id ? 'selected' : ''}>
              <td>
                <button type="button" className="link" onClick={() => p.onSelect(r.author.id)}>
                  {who(r)}
                </button>
                {r.author.verified && <span className="badge">{t('authors.verified')}</span>}
                {r.watch && <span className="badge">{t(`authors.lists.${r.watch.list}`)}</span>}
              </td>
              <td>{tApp(`channels.${r.author.channel}`)}</td>
              <td>{r.author.followers === null ? '–' : compactNumber(r.author.followers, p.lang)}</td>
              <td>{r.author.messageCount}</td>
              <td>{r.stats?.complaints ?? 0}</td>
              <td>{Number.isFinite(lastContact) ? relative(lastContact, p.lang) : t('authors.never')}</td>
              <td>
                {extra === 'reminder' ? (
                  reminder ? (
                    <span className="badge warn">
                      {reminder.kind === 'check-in'
                        ? t('authors.reminder.checkIn', { date: messageTime(reminder.due, p.now, p.lang) })
                        : t('authors.reminder.noContact', { days: 60 })}
                    </span>
                  ) : (
                    t('authors.reminder.none')
                  )
                ) : (
                  <StatusBadge status={r.stats?.status} />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Detail({ p, row }: { p: AuthorsProps; row: DirectoryRow }) {
  const { t } = useTranslation('dashboard');
  const { t: tApp } = useTranslation();
  const [list, setList] = useState<WatchList>(row.watch?.list ?? 'influencer');
  const [owner, setOwner] = useState(row.watch?.owner ?? p.me);
  const [kind, setKind] = useState<RelationKind>('contact');
  const [text, setText] = useState('');
  const [checkIn, setCheckIn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const stats = row.stats;
  const now = p.now;
  const trendOption = useMemo<EChartsCoreOption>(() => {
    const trend = stats ? sentimentTrend(stats, now) : [];
    return {
      grid: { left: 32, right: 8, top: 8, bottom: 20 },
      xAxis: {
        type: 'category',
        data: trend.map((_, i) => t('authors.weeksAgo', { count: trend.length - 1 - i })),
      },
      yAxis: { type: 'value', min: -1, max: 1 },
      tooltip: { trigger: 'axis' },
      series: [{ name: t('authors.trend'), type: 'line', connectNulls: true, data: trend, color: '#2f6fed' }],
    };
  }, [stats, now, t]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    // A check-in on a day is due from the start of that day.
    const when = checkIn ? new Date(`${checkIn}T00:00`).getTime() : null;
    const err = await p.onLog({ authorId: row.author.id, kind, text, nextCheckIn: when });
    setError(err);
    if (!err) {
      setText('');
      setCheckIn('');
    }
  };
  return (
    <aside className="author-detail" aria-labelledby="author-detail-title" data-testid="author-detail">
      <h2 id="author-detail-title">{who(row)}</h2>
      <p className="muted">
        {row.author.handle ? `@${row.author.handle.replace(/^@/, '')} · ` : ''}
        {tApp(`channels.${row.author.channel}`)}
        {row.author.followers !== null
          ? ` · ${t('authors.followers', { count: row.author.followers, formatted: compactNumber(row.author.followers, p.lang) })}`
          : ''}
      </p>
      <dl className="author-facts">
        <dt>{t('authors.col.messages')}</dt>
        <dd>{row.author.messageCount}</dd>
        <dt>{t('authors.conversations')}</dt>
        <dd>
          <button type="button" className="link" onClick={() => p.onOpenConversations(row.author.id)}>
            {row.author.conversationCount}
          </button>
        </dd>
        <dt>{t('authors.col.complaints')}</dt>
        <dd>{row.stats?.complaints ?? 0}</dd>
        <dt>{t('authors.col.status')}</dt>
        <dd>
          <StatusBadge status={row.stats?.status} />
          {(!row.stats || row.stats.status === 'none') && t('authors.status.none')}
        </dd>
        <dt>{t('authors.lastSeen')}</dt>
        <dd>{relative(row.author.lastSeenAt, p.lang)}</dd>
      </dl>
      <figure className="chart-card">
        <figcaption>{t('authors.trend')}</figcaption>
        <Chart testId="author-trend" label={t('authors.trend')} option={trendOption} height={140} />
      </figure>
      <fieldset className="watch">
        <legend>{t('authors.watch.title')}</legend>
        <label>
          {t('authors.watch.list')}{' '}
          <select value={list} onChange={(e) => setList(e.target.value as WatchList)}>
            {WATCH_LISTS.map((l) => (
              <option key={l} value={l}>
                {t(`authors.lists.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('authors.watch.owner')} <input value={owner} onChange={(e) => setOwner(e.target.value)} />
        </label>
        <button type="button" onClick={() => void p.onWatch(row.author.id, { list, owner: owner.trim() })}>
          {row.watch ? t('authors.watch.update') : t('authors.watch.add')}
        </button>
        {row.watch && (
          <button type="button" onClick={() => void p.onWatch(row.author.id, null)}>
            {t('authors.watch.remove')}
          </button>
        )}
      </fieldset>
      <form className="relation-form" onSubmit={(e) => void submit(e)} aria-labelledby="relation-title">
        <h3 id="relation-title">{t('relations.title')}</h3>
        <label>
          {t('relations.kind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as RelationKind)}>
            {RELATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`relations.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          {t('relations.text')}
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} />
        </label>
        <label>
          {t('relations.nextCheckIn')}{' '}
          <input type="date" value={checkIn} onChange={(e) => setCheckIn(e.target.value)} />
        </label>
        <button type="submit">{t('relations.save')}</button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
      <ol className="relations" aria-label={t('relations.title')}>
        {(p.relations ?? []).map((r) => (
          <li key={r.id}>
            <span className="badge">{t(`relations.kinds.${r.kind}`)}</span>{' '}
            <strong>{p.agentName(r.by)}</strong>{' '}
            <time dateTime={new Date(r.at).toISOString()}>{messageTime(r.at, p.now, p.lang)}</time>
            <p>{r.text}</p>
            {r.nextCheckIn !== null && (
              <p className="muted">
                {t('relations.checkInOn', { date: messageTime(r.nextCheckIn, p.now, p.lang) })}
              </p>
            )}
          </li>
        ))}
        {p.relations?.length === 0 && <li className="muted">{t('relations.empty')}</li>}
      </ol>
    </aside>
  );
}

/** Influential authors (issue 14): the directory by reach, the influencers we keep in dialogue, converts. */
export function AuthorsView(p: AuthorsProps) {
  const { t } = useTranslation('dashboard');
  const counts = p.statusCounts;
  const everComplained = counts ? counts.complainer + counts.converted + counts.relapsed : 0;
  const due = (p.influencers ?? []).filter(
    (r) => r.watch && reminderFor(r.watch, r.stats?.lastContactAt ?? null, p.now),
  ).length;
  return (
    <section className="authors" aria-labelledby="authors-title" data-testid="authors">
      <header className="dashboard-head">
        <h1 id="authors-title">{t('authors.title')}</h1>
        <div role="tablist" aria-label={t('authors.title')} className="segmented">
          {AUTHORS_TABS.map((tab) => (
            <button
              key={tab}
              type="button"
              role="tab"
              id={`authors-tab-${tab}`}
              aria-selected={p.tab === tab}
              aria-controls="authors-panel"
              className={p.tab === tab ? 'active' : ''}
              onClick={() => p.onTab(tab)}
            >
              {t(`authors.tabs.${tab}`)}
              {tab === 'influencers' && due > 0 ? ` (${due})` : ''}
            </button>
          ))}
        </div>
      </header>
      <div className="authors-body">
        <div
          id="authors-panel"
          role="tabpanel"
          aria-labelledby={`authors-tab-${p.tab}`}
          className="authors-main"
        >
          {p.tab === 'directory' && <Table rows={p.directory} p={p} caption={t('authors.tabs.directory')} />}
          {p.tab === 'influencers' && (
            <>
              {due > 0 && (
                <p className="reminder-banner" role="status">
                  {t('authors.reminder.banner', { count: due })}
                </p>
              )}
              <Table rows={p.influencers} p={p} caption={t('authors.tabs.influencers')} extra="reminder" />
              {p.onImportCsv && <WatchlistImport onImport={p.onImportCsv} />}
            </>
          )}
          {p.tab === 'ambassadors' && (
            <>
              <div className="kpis">
                <div className="kpi" data-testid="kpi-conversion">
                  <div className="kpi-label">{t('authors.conversion.rate')}</div>
                  <div className="kpi-value">
                    {everComplained
                      ? new Intl.NumberFormat(p.lang === 'nl' ? 'nl-NL' : 'en-GB', {
                          style: 'percent',
                        }).format(share(counts!.converted, everComplained))
                      : '–'}
                  </div>
                  <span className="kpi-delta">
                    {t('authors.conversion.of', { converted: counts?.converted ?? 0, count: everComplained })}
                  </span>
                </div>
                <div className="kpi">
                  <div className="kpi-label">{t('authors.status.relapsed')}</div>
                  <div className="kpi-value">{counts?.relapsed ?? 0}</div>
                </div>
                <div className="kpi">
                  <div className="kpi-label">{t('authors.status.complainer')}</div>
                  <div className="kpi-value">{counts?.complainer ?? 0}</div>
                </div>
              </div>
              <p className="muted">{t('authors.conversion.definition')}</p>
              <h2>{t('authors.conversion.converts')}</h2>
              <Table rows={p.converts} p={p} caption={t('authors.conversion.converts')} />
              <h2>{t('authors.conversion.relapses')}</h2>
              <Table rows={p.relapses} p={p} caption={t('authors.conversion.relapses')} />
            </>
          )}
        </div>
        {p.selected && <Detail key={p.selected.author.id} p={p} row={p.selected} />}
      </div>
    </section>
  );
}

/** "Import CSV…" under the watchlist: a spreadsheet of press, politicians, partners, VIPs. */
function WatchlistImport({ onImport }: { onImport(text: string): Promise<WatchlistImportReport> }) {
  const { t } = useTranslation('dashboard');
  const [result, setResult] = useState<WatchlistImportReport | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  return (
    <div className="watchlist-import" data-testid="watchlist-import">
      <button type="button" onClick={() => file.current?.click()} data-testid="watchlist-import-button">
        {t('authors.import.choose')}
      </button>
      <input
        ref={file}
        type="file"
        accept=".csv,text/csv"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="watchlist-import-file"
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          e.target.value = '';
          if (!chosen) return;
          setFailed(null);
          void chosen
            .text()
            .then(onImport)
            .then(setResult, (err: unknown) => setFailed(err instanceof Error ? err.message : String(err)));
        }}
      />
      <p className="muted small">{t('authors.import.hint')}</p>
      {failed && (
        <p className="form-error" role="alert">
          {t('authors.import.failed', { message: failed })}
        </p>
      )}
      {result && (
        <div role="status" data-testid="watchlist-import-result">
          <p>{t('authors.import.done', { added: result.added, updated: result.updated })}</p>
          {result.errors.length > 0 && (
            <ul className="error-lines">
              {result.errors.map((e) => (
                <li key={`${e.line}-${e.code}`}>
                  {t('authors.import.line', { line: e.line })}:{' '}
                  {t(`authors.import.errors.${e.code}`, { value: e.value })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
