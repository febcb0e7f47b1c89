import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { MIN_OVERRIDE_REASON } from '../../shared/checks/run.ts';
import type { DeliveryStatus } from '../../shared/domain/types.ts';
import { HOLD_CODES } from '../../shared/outbox/guard.ts';
import { CRISIS_PAUSE, type HeldReason } from '../../shared/outbox/state.ts';
import type { OutboxRow } from '../db/schema.ts';
import { heldCheckCodes, SEND_CHECK_HOLD } from '../../shared/checks/hold.ts';
import type { UiLanguage } from '../i18n/format.ts';
import type { OutboxAction } from '../sync/delivery.ts';
import { errorText } from './AccountHealth.tsx';

/** Holds that are a state, not news: sending anyway cannot lift them (they come back at the claim). */
const STANDING_HOLDS = new Set<string>([CRISIS_PAUSE, 'window-closed']);

/** One held reason in the agent's words. */
function heldText(r: HeldReason, t: TFunction<'channels'>, tt: TFunction<'templates'>): string {
  if (r.code === CRISIS_PAUSE) return t('delivery.crisisPause');
  if (r.code === SEND_CHECK_HOLD)
    return t('delivery.heldBecause.send-check', {
      checks: heldCheckCodes(r)
        .map((c) => tt(`checks.names.${c}`))
        .join(', '),
    });
  if (r.code === 'window-closed') return t('delivery.heldBecause.window-closed', { hours: r.detail ?? '' });
  if ((HOLD_CODES as readonly string[]).includes(r.code))
    return t(
      `delivery.heldBecause.${r.code as Exclude<(typeof HOLD_CODES)[number], 'crisis-pause' | 'window-closed'>}`,
    );
  return r.detail ?? r.code;
}

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
  const { t: tt } = useTranslation('templates');
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const status = row?.status ?? fallback;
  if (!status) return null;
  const time = (at: number) => new Date(at).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  const details: string[] = [];
  if (row?.lastError && (status === 'queued' || status === 'failed'))
    details.push(errorText(row.lastError, t));
  if (row && status === 'queued' && row.lastError && row.nextAttemptAt > now)
    details.push(t('delivery.retryAt', { time: time(row.nextAttemptAt) }));
  if (row && status === 'held') for (const r of row.heldReasons) details.push(heldText(r, t, tt));
  const act = (action: OutboxAction) => () => row && onAction?.(row.messageId, action);
  // A hold about news (the customer wrote again, a colleague answered, a check found something)
  // is for the author to judge: they may send it as it is, saying why.
  const reviewable = row?.status === 'held' && row.heldReasons.some((r) => !STANDING_HOLDS.has(r.code));
  const enough = reason.trim().length >= MIN_OVERRIDE_REASON;
  return (
    <div className={`delivery-line delivery-${status}`} data-testid="delivery" data-status={status}>
      <span className={`delivery delivery-${status}`}>{t(`delivery.${status}`)}</span>
      {details.length > 0 && <span className="delivery-detail">{details.join(' · ')}</span>}
      {row && status === 'failed' && onAction && (
        <button className="link-button" data-testid="delivery-retry" onClick={act('retry')}>
          {t('delivery.retry')}
        </button>
      )}
      {row && reviewable && onAction && !asking && (
        <button className="link-button" data-testid="delivery-send-anyway" onClick={() => setAsking(true)}>
          {t('delivery.sendAnyway')}
        </button>
      )}
      {row && reviewable && onAction && asking && (
        <form
          className="delivery-ask"
          data-testid="delivery-send-anyway-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!enough) return;
            onAction(row.messageId, { type: 'send-anyway', reason: reason.trim() });
            setAsking(false);
            setReason('');
          }}
        >
          <label htmlFor={reasonId}>{t('delivery.sendAnywayReason')}</label>
          <input
            id={reasonId}
            data-testid="delivery-send-anyway-reason"
            value={reason}
            autoFocus
            aria-describedby={`${reasonId}-hint`}
            onChange={(e) => setReason(e.target.value)}
          />
          <p id={`${reasonId}-hint`}>{t('delivery.sendAnywayHint', { min: MIN_OVERRIDE_REASON })}</p>
          <button type="submit" data-testid="delivery-send-anyway-confirm" disabled={!enough}>
            {t('delivery.sendAnywayConfirm')}
          </button>
          <button type="button" onClick={() => (setAsking(false), setReason(''))}>
            {t('delivery.sendAnywayCancel')}
          </button>
        </form>
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
