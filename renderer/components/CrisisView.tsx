import { useTranslation } from 'react-i18next';
import type { CrisisRow, HoldingStatement } from '../../shared/crisis/types.ts';
import { crisisClock } from '../../shared/crisis/types.ts';
import { messageTime, type UiLanguage } from '../i18n/format.ts';

export interface CrisisPanelProps {
  crisis: CrisisRow | null | undefined;
  /** The statements to offer, in `statementLang` (the selected conversation's language). */
  statements: HoldingStatement[];
  statementLang: HoldingStatement['lang'];
  /** False while no conversation is open to put a statement into. */
  canUseStatement: boolean;
  now: number;
  lang: UiLanguage;
  onUseStatement: (s: HoldingStatement) => void;
  onEnd: () => void;
  onReport: () => void;
  /** The timeline chart (a container: it reads the crisis's messages). */
  chart?: React.ReactNode;
  children: React.ReactNode;
}

/** Crisis mode: banner, timeline, approved holding statements, and the crisis's conversations. */
export function CrisisPanel({
  crisis,
  statements,
  statementLang,
  canUseStatement,
  now,
  lang,
  onUseStatement,
  onEnd,
  onReport,
  chart,
  children,
}: CrisisPanelProps) {
  const { t } = useTranslation();
  if (!crisis) {
    return (
      <div className="list-state empty" data-testid="crisis-none">
        <p>{t('crisis.none')}</p>
      </div>
    );
  }
  const clock = crisisClock(crisis.timeline);
  return (
    <div className="crisis" data-testid="crisis-view">
      <div className="crisis-banner">
        <div>
          <strong>{t('crisis.banner', { brand: crisis.brand, topic: crisis.topic })}</strong>
          <div className="small">
            {t('crisis.since', { time: messageTime(crisis.startedAt, now, lang) })} ·{' '}
            {crisis.autoRepliesPaused ? t('crisis.autoPaused') : ''}
          </div>
        </div>
        <div className="crisis-actions">
          <button onClick={onReport} data-testid="crisis-report">
            {t('crisis.report')}
          </button>
          <button onClick={onEnd} data-testid="crisis-end">
            {t('crisis.end')}
          </button>
        </div>
      </div>
      <div className="list-scroll" role="region" aria-label={t('crisis.scrollLabel')} tabIndex={0}>
        <section className="crisis-section">
          <h2>{t('crisis.timeline')}</h2>
          <ol className="timeline" data-testid="crisis-timeline">
            {crisis.timeline.map((e) => (
              <li key={`${e.kind}-${e.ref ?? ''}-${e.at}`} data-kind={e.kind}>
                <time>{messageTime(e.at, now, lang)}</time> {t(`crisis.kinds.${e.kind}`)}
              </li>
            ))}
          </ol>
          {chart && (
            <figure className="crisis-chart">
              <figcaption>{t('crisis.chart.title')}</figcaption>
              {chart}
            </figure>
          )}
          <p className="small muted">
            {clock.responseMinutes !== null
              ? t('crisis.responseTime', { minutes: clock.responseMinutes })
              : t('crisis.noResponse')}
          </p>
        </section>
        <section className="crisis-section">
          <h2>
            {t('crisis.statements')}{' '}
            <span className="badge" title={t('crisis.statementLangHint')} data-testid="statement-lang">
              {t(`crisis.statementLang.${statementLang}`)}
            </span>
          </h2>
          {statements.map((s) => (
            <article key={s.id} className="statement" data-testid="statement" lang={s.lang}>
              <strong>{s.title}</strong>
              <p>{s.body}</p>
              <button onClick={() => onUseStatement(s)} disabled={!canUseStatement}>
                {t('crisis.useStatement')}
              </button>
            </article>
          ))}
        </section>
        <section className="crisis-section">
          <h2 data-testid="crisis-count">
            {t('crisis.conversations', { count: crisis.conversationIds.length })}
          </h2>
          {children}
        </section>
      </div>
    </div>
  );
}
