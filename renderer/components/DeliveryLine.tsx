import { useTranslation } from 'react-i18next';
import type { DeliveryStatus } from '../../shared/domain/types.ts';
import { CRISIS_PAUSE } from '../../shared/outbox/state.ts';
import type { OutboxRow } from '../db/schema.ts';
import type { UiLanguage } from '../i18n/format.ts';
import type { OutboxAction } from '../sync/delivery.ts';
import { errorText } from './AccountHealth.tsx';

/**
 * Where a reply is on its way out, read from its outbox row (the one place delivery state lives):
 * in the outbox, sending, sent, or not sent with the server's reason and a retry, or "did this
 * reach the customer?" when a crash left it undecided.
 */
export function DeliveryLine({
  row,
  fallback,
  lang,
  now,
  onAction,
}: {
  row: OutboxRow | undefined;
  /** The message's own field, for replies without an outbox row (imported history). */
  fallback: DeliveryStatus | null;
  lang: UiLanguage;
  now: number;
  onAction?: ((messageId: string, action: OutboxAction) => void) | undefined;
}) {
  const { t } = useTranslation('channels');
  const status = row?.status ?? fallback;
  if (!status) return null;
  const time = (at: number) => new Date(at).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  const details: string[] = [];
  if (row?.lastError && (status === 'queued' || status === 'failed'))
    details.push(errorText(row.lastError, t));
  if (row && status === 'queued' && row.lastError && row.nextAttemptAt > now)
    details.push(t('delivery.retryAt', { time: time(row.nextAttemptAt) }));
  if (row && status === 'held')
    for (const r of row.heldReasons)
      details.push(r.code === CRISIS_PAUSE ? t('delivery.crisisPause') : (r.detail ?? r.code));
  const act = (action: OutboxAction) => () => row && onAction?.(row.messageId, action);
  return (
    <div className={`delivery-line delivery-${status}`} data-testid="delivery" data-status={status}>
      <span className={`delivery delivery-${status}`}>{t(`delivery.${status}`)}</span>
      {details.length > 0 && <span className="delivery-detail">{details.join(' · ')}</span>}
      {row && status === 'failed' && onAction && (
        <button className="link-button" data-testid="delivery-retry" onClick={act('retry')}>
          {t('delivery.retry')}
        </button>
      )}
      {row && status === 'unknown' && onAction && (
        <div className="delivery-ask" role="group" aria-label={t('delivery.askTitle')}>
          <p>{t('delivery.askBody')}</p>
          <button data-testid="delivery-delivered" onClick={act('delivered')}>
            {t('delivery.delivered')}
          </button>
          <button data-testid="delivery-not-delivered" onClick={act('not-delivered')}>
            {t('delivery.notDelivered')}
          </button>
        </div>
      )}
    </div>
  );
}
