import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ConnectorError } from '../../shared/channels/errors.ts';
import type { AccountHealth, AccountInfo } from '../../shared/channels/schemas.ts';
import { messageTime, plainNumber, type UiLanguage } from '../i18n/format.ts';

/** The account's state in words, the way the sidebar and Settings both show it. */
export function healthText(
  health: AccountHealth,
  t: TFunction<'channels'>,
  now: number,
  lang: UiLanguage,
): string {
  const time = (ms: number) => messageTime(ms, now, lang);
  const retry = health.retryAt !== null ? ` · ${t('health.retryAt', { time: time(health.retryAt) })}` : '';
  switch (health.state) {
    case 'connecting':
      return t('health.connecting');
    case 'connected':
      return health.push === 'poll' ? t('health.connectedPoll') : t('health.connected');
    case 'syncing': {
      const fetched = plainNumber(health.progress?.fetched ?? 0, lang);
      const remaining = health.progress?.remaining;
      return remaining
        ? t('health.syncingRemaining', { fetched, remaining: plainNumber(remaining, lang) })
        : t('health.syncing', { fetched });
    }
    case 'rate-limited':
      return t('health.rate-limited', { time: health.retryAt !== null ? time(health.retryAt) : '…' });
    case 'auth-failed':
      return t('health.auth-failed');
    case 'unreachable':
      return `${t('health.unreachable', { since: time(health.failingSince ?? health.since) })}${retry}`;
    case 'error':
      return `${t('health.error', { reason: health.error?.reason ?? '' })}${retry}`;
    case 'paused':
      return t('health.paused');
  }
}

/** A connector error in words (test connection, delivery failures). */
export function errorText(error: ConnectorError, t: TFunction<'channels'>): string {
  switch (error.type) {
    case 'auth-expired':
      return t('errors.auth-expired');
    case 'rate-limited':
      return t('errors.rate-limited');
    case 'window-closed':
      return t('errors.window-closed');
    case 'rejected':
      // Found before any network call (renderer/sync/delivery.ts): our words, not a server's.
      if (error.code === 'NO_RECIPIENT') return t('errors.noRecipient');
      return t('errors.rejected', { reason: error.reason });
    case 'transient':
      return error.unreachable
        ? t('errors.transient', { reason: error.reason })
        : t('errors.transientServer', { reason: error.reason });
  }
}

export function lastSyncText(
  health: AccountHealth,
  t: TFunction<'channels'>,
  now: number,
  lang: UiLanguage,
): string {
  return health.lastSyncAt === null
    ? t('health.never')
    : t('health.lastSync', { time: messageTime(health.lastSyncAt, now, lang) });
}

const TONE: Record<AccountHealth['state'], 'ok' | 'busy' | 'warn' | 'bad' | 'off'> = {
  connecting: 'busy',
  connected: 'ok',
  syncing: 'busy',
  'rate-limited': 'warn',
  'auth-failed': 'bad',
  unreachable: 'bad',
  error: 'bad',
  paused: 'off',
};

/** One account's health line; `onFix` shows the fix action for failed sign-ins. */
export function AccountHealthLine({
  account,
  now,
  lang,
  compact = false,
  onFix,
}: {
  account: AccountInfo;
  now: number;
  lang: UiLanguage;
  compact?: boolean;
  onFix?: (account: AccountInfo) => void;
}) {
  const { t } = useTranslation('channels');
  const { health } = account;
  return (
    <span
      className={`account-health tone-${TONE[health.state]}`}
      data-testid={`account-health-${account.id}`}
      data-state={health.state}
    >
      <span className="health-dot" aria-hidden="true" />
      <span className="health-text">{healthText(health, t, now, lang)}</span>
      {!compact && health.state !== 'paused' && (
        <span className="health-last muted small"> · {lastSyncText(health, t, now, lang)}</span>
      )}
      {health.state === 'auth-failed' && onFix && (
        <button
          className="link-button health-fix"
          onClick={() => onFix(account)}
          data-testid={`account-fix-${account.id}`}
        >
          {t('health.fix')}
        </button>
      )}
    </span>
  );
}

/** The sidebar's "Channels" section: every connected account and its health, one click from the fix. */
export function AccountsHealthSection({
  accounts,
  now,
  lang,
  mode,
  onOpen,
}: {
  accounts: AccountInfo[] | undefined;
  now: number;
  lang: UiLanguage;
  mode: 'electron' | 'browser';
  onOpen: (fixAccountId: string | null) => void;
}) {
  const { t } = useTranslation('channels');
  if (!accounts || accounts.length === 0) return null;
  return (
    <section className="sidebar-accounts" data-testid="sidebar-accounts">
      <h3 className="nav-heading">{t('health.section')}</h3>
      <ul className="nav-list">
        {accounts.map((account) => (
          <li key={account.id}>
            <div className="account-side" data-testid={`sidebar-account-${account.id}`}>
              <button className="link-button account-side-name" onClick={() => onOpen(null)}>
                {account.name}
              </button>
              <AccountHealthLine
                account={account}
                now={now}
                lang={lang}
                compact
                onFix={(a) => onOpen(a.id)}
              />
            </div>
          </li>
        ))}
      </ul>
      {mode === 'browser' && <p className="muted small sidebar-note">{t('accounts.browserMode')}</p>}
    </section>
  );
}
