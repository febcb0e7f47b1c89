import { useTranslation } from 'react-i18next';
import { reasonText } from '../../shared/analysis/reasons.ts';
import type { AlertRow, FlagRow, FlagState } from '../../shared/crisis/types.ts';
import { FLAG_STATES } from '../../shared/crisis/types.ts';
import type { Author, Conversation } from '../../shared/domain/types.ts';
import { shortAge, type UiLanguage } from '../i18n/format.ts';
import { ChannelIcon } from './ChannelIcon.tsx';
import { ReasonChips, riskTone } from './RiskPanel.tsx';

export interface FlagsViewProps {
  flags: FlagRow[] | undefined;
  alerts: AlertRow[] | undefined;
  conversations: Map<string, Conversation>;
  authors: Map<string, Author>;
  filter: FlagState;
  counts: Record<FlagState, number>;
  threshold: number;
  analysing: boolean;
  selectedId: string | null;
  now: number;
  lang: UiLanguage;
  onFilter: (s: FlagState) => void;
  onSelect: (conversationId: string) => void;
  onStartCrisis: (alert: AlertRow) => void;
}

/** The social media manager's list: crisis radar on top, then flags ranked by risk with reasons. */
export function FlagsView(p: FlagsViewProps) {
  const { t } = useTranslation();
  return (
    <div className="flags" data-testid="flags-view">
      <div className="list-header">
        <div className="list-title">
          <h1>{t('flags.title')}</h1>
          <span className="muted small">{t('flags.subtitle')}</span>
        </div>
        <div className="filters" role="tablist">
          {FLAG_STATES.map((s) => (
            <button
              key={s}
              role="tab"
              aria-selected={p.filter === s}
              className={`chip ${p.filter === s ? 'active' : ''}`}
              onClick={() => p.onFilter(s)}
              data-filter={s}
            >
              {t(`flags.filter.${s}`)} <span className="chip-count">{p.counts[s]}</span>
            </button>
          ))}
        </div>
        <p className="muted small">{t('flags.threshold', { threshold: p.threshold })}</p>
      </div>
      <div className="list-scroll" role="region" aria-label={t('flags.scrollLabel')} tabIndex={0}>
        <section className="radar" aria-label={t('flags.radarTitle')} data-testid="radar">
          <h2>{t('flags.radarTitle')}</h2>
          {p.alerts === undefined || p.alerts.length === 0 ? (
            <p className="muted small">{p.analysing ? t('flags.analysing') : t('flags.radarEmpty')}</p>
          ) : (
            p.alerts.map((a) => (
              <article key={a.id} className="alert-card" data-testid="radar-alert">
                <div className="alert-head">
                  <span className="alert-pulse" aria-hidden="true" />
                  <strong>{t('flags.alert', { brand: a.brand, topic: a.topic })}</strong>
                  <span className="muted small">
                    {t('flags.alertScore', { score: a.score })} · {shortAge(a.at, p.now, p.lang)}
                  </span>
                </div>
                <ReasonChips reasons={a.reasons} lang={p.lang} max={5} />
                {a.state === 'crisis' ? (
                  <span className="badge crisis-badge">{t('flags.inCrisis')}</span>
                ) : (
                  <button className="danger" onClick={() => p.onStartCrisis(a)} data-testid="start-crisis">
                    {t('flags.startCrisis')}
                  </button>
                )}
              </article>
            ))
          )}
        </section>
        {p.flags === undefined ? (
          <p className="list-state">{t('flags.analysing')}</p>
        ) : p.flags.length === 0 ? (
          <div className="list-state empty">
            <p>{p.analysing ? t('flags.analysing') : t('flags.empty')}</p>
          </div>
        ) : (
          <ol className="flag-list">
            {p.flags.map((f) => {
              const c = p.conversations.get(f.conversationId);
              // A flag whose conversation is gone has nothing to show or open (the container
              // cleans such flags up); never show a bare id.
              if (!c) return null;
              const a = p.authors.get(c.authorId);
              const top = [...f.reasons].sort((x, y) => y.weight - x.weight).slice(0, 3);
              return (
                <li key={f.conversationId}>
                  <button
                    className={`flag-card ${p.selectedId === f.conversationId ? 'selected' : ''}`}
                    onClick={() => p.onSelect(f.conversationId)}
                    data-testid="flag-card"
                    data-id={f.conversationId}
                  >
                    <span
                      className={`risk-pill tone-${riskTone(f.risk)}`}
                      title={t('flags.risk', { risk: f.risk })}
                    >
                      {f.risk}
                    </span>
                    <span className="flag-main">
                      <span className="flag-top">
                        <ChannelIcon channel={c.channel} label={t(`channels.${c.channel}`)} size={16} />
                        <strong>{a?.name ?? a?.handle ?? t('author.unknown')}</strong>
                        <span className="muted small">
                          {t('flags.flaggedAt', { time: shortAge(f.flaggedAt, p.now, p.lang) })}
                        </span>
                      </span>
                      <span className="flag-snippet">{c.snippet}</span>
                      <span className="flag-reasons">
                        {top.map((r) => reasonText(r.code, r.value, p.lang)).join(' · ')}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </div>
  );
}
