import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { byteSize } from '../../shared/i18n/numbers.ts';
import { persistenceState, type Persistence, type StorageReport } from '../platform/storage.ts';

/**
 * Settings → Storage: how much the inbox uses of what the browser allows, a warning inside the
 * reserve, and whether the browser promised to keep the inbox when the disk runs low
 * (`navigator.storage.persist()`, asked at start and again from here). Rows of the settings grid.
 */
export function StorageSection({ report }: { report: StorageReport | null }) {
  const { t, i18n } = useTranslation('storage');
  const lang = i18n.language === 'nl' ? 'nl' : 'en';
  const [persist, setPersist] = useState<Persistence | null>(null);
  useEffect(() => {
    let live = true;
    void persistenceState().then((p) => live && setPersist(p));
    return () => {
      live = false;
    };
  }, []);
  const size = (n: number) => byteSize(n, lang);
  return (
    <>
      <h3 className="form-section">{t('settings.title')}</h3>
      <span />
      <div
        className="storage-settings"
        data-testid="storage-settings"
        data-level={report?.level ?? 'unknown'}
      >
        {report ? (
          <>
            <p>
              {t('settings.usage', {
                used: size(report.usage),
                quota: size(report.quota),
                share: report.share,
              })}
            </p>
            <meter
              min={0}
              max={1}
              low={0.8}
              high={0.95}
              optimum={0}
              value={report.share}
              aria-label={t('settings.title')}
            />
            {report.diskFree !== null && report.diskTotal !== null && (
              <p className="muted small">
                {t('settings.disk', { free: size(report.diskFree), total: size(report.diskTotal) })}
              </p>
            )}
            {report.level === 'low' && (
              <p className="form-error" role="alert" data-testid="storage-warning">
                {t('settings.low', { free: size(report.remaining), reserve: size(report.reserve) })}
              </p>
            )}
            {report.level === 'full' && (
              <p className="form-error" role="alert" data-testid="storage-warning">
                {t('settings.full')}
              </p>
            )}
          </>
        ) : (
          <p className="muted small">{t('settings.usageUnknown')}</p>
        )}
        <p className="muted small" data-testid="storage-persist" data-state={persist ?? 'checking'}>
          {persist === null
            ? t('settings.checking')
            : persist === 'granted'
              ? t('settings.persistGranted')
              : persist === 'denied'
                ? t('settings.persistDenied')
                : t('settings.persistUnsupported')}{' '}
          {persist === 'denied' && (
            <button className="link" onClick={() => void persistenceState(true).then(setPersist)}>
              {t('settings.persistAsk')}
            </button>
          )}
        </p>
      </div>
    </>
  );
}
