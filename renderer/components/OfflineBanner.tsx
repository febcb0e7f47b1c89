import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';

/**
 * The calm offline line: "Offline since 10:42 · 3 replies waiting · last sync 10:41", and that
 * work goes on. Nothing here waits for the network; the numbers come from the local database.
 */
export function OfflineBanner({
  since,
  waiting,
  lastSync,
}: {
  since: number;
  waiting: number | undefined;
  lastSync: number | null | undefined;
}) {
  const { t } = useTranslation('storage');
  const time = (ms: number) => format(ms, 'HH:mm');
  return (
    <div className="offline-banner" role="status" data-testid="offline">
      <strong>
        {t('offline.since', { time: time(since) })}
        {waiting !== undefined && (
          <span data-testid="offline-waiting"> · {t('offline.waiting', { count: waiting })}</span>
        )}
        {lastSync != null && <span> · {t('offline.lastSync', { time: time(lastSync) })}</span>}
      </strong>
      <span>{t('offline.hint')}</span>
    </div>
  );
}
