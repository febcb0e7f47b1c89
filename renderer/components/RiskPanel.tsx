import { useTranslation } from 'react-i18next';
import { reasonText } from '../../shared/analysis/reasons.ts';
import type { FlagRow, FlagState, StoredReason } from '../../shared/crisis/types.ts';
import type { UiLanguage } from '../i18n/format.ts';

export function riskTone(risk: number): 'critical' | 'high' | 'elevated' {
  return risk >= 80 ? 'critical' : risk >= 70 ? 'high' : 'elevated';
}

/** Reasons as chips, strongest first, in the agent's language. */
export function ReasonChips({
  reasons,
  lang,
  max = 6,
}: {
  reasons: StoredReason[];
  lang: UiLanguage;
  max?: number;
}) {
  return (
    <ul className="reasons" data-testid="reasons">
      {[...reasons]
        .sort((a, b) => b.weight - a.weight)
        .slice(0, max)
        .map((r) => (
          <li key={`${r.code}-${String(r.value)}`} className="reason" data-code={r.code}>
            {reasonText(r.code, r.value, lang)}
          </li>
        ))}
    </ul>
  );
}

/** The escalation panel on a flagged conversation: score, reasons and the manager's verdict. */
export function RiskPanel({
  flag,
  lang,
  onDecide,
  onStartCrisis,
}: {
  flag: FlagRow;
  lang: UiLanguage;
  onDecide: (state: Exclude<FlagState, 'new'>) => void;
  onStartCrisis: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section
      className={`risk-panel tone-${riskTone(flag.risk)}`}
      data-testid="risk-panel"
      data-conversation={flag.conversationId}
      data-state={flag.state}
      aria-label={t('risk.title')}
    >
      <div className="risk-score" aria-label={t('flags.risk', { risk: flag.risk })}>
        <span className="risk-number">{flag.risk}</span>
        <span className="risk-label">{t('risk.title')}</span>
      </div>
      <div className="risk-body">
        <h3>{t('risk.why')}</h3>
        <ReasonChips reasons={flag.reasons} lang={lang} />
        <p className="muted small">{t('risk.feedbackHint')}</p>
      </div>
      <div className="risk-actions">
        {flag.state === 'new' && (
          <button onClick={() => onDecide('acknowledged')} data-testid="flag-ack">
            {t('risk.acknowledge')}
          </button>
        )}
        {flag.state !== 'dismissed' && (
          <button onClick={() => onDecide('dismissed')} data-testid="flag-dismiss">
            {t('risk.dismiss')}
          </button>
        )}
        {flag.state !== 'escalated' ? (
          <button className="danger" onClick={() => onDecide('escalated')} data-testid="flag-escalate">
            {t('risk.escalate')}
          </button>
        ) : (
          <>
            <span className="badge escalated-badge">{t('risk.escalated')}</span>
            <button className="danger" onClick={onStartCrisis} data-testid="flag-start-crisis">
              {t('flags.startCrisis')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
