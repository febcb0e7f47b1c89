import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { getHostSession, subscribeHostSession } from '../platform/bridge.ts';

/**
 * Browser mode only: the host refused this window's session (its token changed, e.g. the
 * token file was replaced), so every call fails until the window is reloaded. A restart with
 * the same data folder keeps the token and never shows this.
 */
export function HostBanner() {
  const { t } = useTranslation();
  const state = useSyncExternalStore(subscribeHostSession, getHostSession, getHostSession);
  if (state !== 'unauthorized') return null;
  return (
    <div className="host-banner" role="alert" data-testid="host-banner">
      <div>
        <strong>{t('app.hostRestarted')}</strong>
        <span>{t('app.hostRestartedHint')}</span>
      </div>
      <button className="primary" onClick={() => window.location.reload()} data-testid="host-banner-reload">
        {t('app.reload')}
      </button>
    </div>
  );
}
