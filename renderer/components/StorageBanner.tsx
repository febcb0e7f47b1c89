import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { byteSize } from '../../shared/i18n/numbers.ts';
import type { StorageReport, WriteFailures } from '../platform/storage.ts';

/**
 * Says what the inbox could not save and what to do: shown when a write failed (the disk or
 * quota is full, or the engine refused it) and, calmer, when storage is nearly full. Everything
 * saved before is still there (the failed transaction rolled back whole); drafts are retried by
 * themselves, replies and notes stay in their composer, actions are for the agent to redo.
 */
export function StorageBanner({
  failures,
  report,
  onOpenSettings,
}: {
  failures: WriteFailures;
  report: StorageReport | null;
  onOpenSettings: () => void;
}) {
  const { t, i18n } = useTranslation('storage');
  const lang = i18n.language === 'nl' ? 'nl' : 'en';
  const list = useSyncExternalStore(failures.subscribe, failures.snapshot, failures.snapshot);
  const [busy, setBusy] = useState(false);
  const [lowDismissed, setLowDismissed] = useState(false);
  if (list.length === 0) {
    if (!report || report.level === 'ok' || lowDismissed) return null;
    return (
      <div className="storage-banner low" role="status" data-testid="storage-low">
        <div>
          <strong>{t('banner.titleLow')}</strong>
          <span>{t('banner.lowBody', { free: byteSize(report.remaining, lang) })}</span>
        </div>
        <div className="storage-banner-actions">
          <button onClick={onOpenSettings}>{t('banner.settings')}</button>
          <button onClick={() => setLowDismissed(true)}>{t('banner.dismiss')}</button>
        </div>
      </div>
    );
  }
  const full = list.some((f) => f.kind === 'full');
  const retryable = list.some((f) => f.retry);
  const who = (label: string | undefined) => label ?? t('banner.unknownConversation');
  return (
    <div
      className="storage-banner"
      role="alert"
      data-testid="storage-banner"
      data-kind={full ? 'full' : 'failed'}
    >
      <div>
        <strong>{full ? t('banner.titleFull') : t('banner.titleFailed')}</strong>
        <ul>
          {list.map((f) => (
            <li key={f.key} data-testid="storage-failure" data-what={f.what}>
              {f.what === 'action'
                ? f.conversationLabel
                  ? t('banner.items.action', { action: f.action ?? '', who: f.conversationLabel })
                  : t('banner.items.actionNoConversation', { action: f.action ?? '' })
                : t(`banner.items.${f.what}`, { who: who(f.conversationLabel) })}
            </li>
          ))}
        </ul>
        <span>
          {t('banner.kept')} {full ? t('banner.todo') : t('banner.todoFailed')}
        </span>
        <details className="error-detail">
          <summary>{t('banner.detail')}</summary>
          <code lang="en">{[...new Set(list.map((f) => f.message))].join(' · ')}</code>
        </details>
      </div>
      <div className="storage-banner-actions">
        {retryable && (
          <button
            className="primary"
            disabled={busy}
            data-testid="storage-retry"
            onClick={() => {
              setBusy(true);
              void failures.retryAll().finally(() => {
                failures.dismissDone();
                setBusy(false);
              });
            }}
          >
            {busy ? t('banner.retrying') : t('banner.retry')}
          </button>
        )}
        {!retryable && (
          <button data-testid="storage-dismiss" onClick={() => failures.dismissDone()}>
            {t('banner.dismiss')}
          </button>
        )}
        <button onClick={onOpenSettings}>{t('banner.settings')}</button>
      </div>
    </div>
  );
}
