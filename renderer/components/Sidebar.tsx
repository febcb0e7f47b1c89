import { useTranslation } from 'react-i18next';
import { CHANNEL_KINDS, type ChannelKind } from '../../shared/domain/channels.ts';
import { STATUS_VIEWS, viewCounterKey, type ViewId } from '../../shared/inbox/views.ts';
import { plainNumber, type UiLanguage } from '../i18n/format.ts';
import { ChannelIcon } from './ChannelIcon.tsx';

export interface SidebarProps {
  view: ViewId;
  me: string;
  counters: Map<string, number> | undefined;
  lang: UiLanguage;
  onSelect: (view: ViewId) => void;
  footer: React.ReactNode;
  screen: 'inbox' | 'flags' | 'crisis' | 'dashboard' | 'authors';
  onScreen: (screen: 'flags' | 'crisis' | 'dashboard' | 'authors') => void;
  newFlags: number;
  crisisBrand: string | null;
  /** Connected accounts with their health (main's view), shown under "Channels". */
  accounts?: React.ReactNode;
}

/** Views with their sizes (from the counters table) and the channels that have open conversations. */
export function Sidebar({
  view,
  me,
  counters,
  lang,
  onSelect,
  footer,
  screen,
  onScreen,
  newFlags,
  crisisBrand,
  accounts,
}: SidebarProps) {
  const { t } = useTranslation();
  const count = (v: ViewId) => counters?.get(viewCounterKey(v, me)) ?? 0;
  const channels = CHANNEL_KINDS.filter(
    (c: ChannelKind) => (counters?.get(`channel:${c}:open`) ?? 0) > 0 || view === `channel:${c}`,
  );
  const item = (v: ViewId, label: string, icon: React.ReactNode, shortcut?: string) => (
    <li key={v}>
      <button
        className={`nav-item ${screen === 'inbox' && view === v ? 'active' : ''}`}
        aria-current={screen === 'inbox' && view === v ? 'page' : undefined}
        onClick={() => onSelect(v)}
        data-view={v}
      >
        <span className="nav-icon">{icon}</span>
        <span className="nav-label">{label}</span>
        {shortcut && <kbd className="nav-kbd">{shortcut}</kbd>}
        <span className="nav-count" data-testid={`count-${v}`}>
          {counters ? plainNumber(count(v), lang) : ''}
        </span>
      </button>
    </li>
  );
  const icons: Record<(typeof STATUS_VIEWS)[number], string> = {
    open: '◉',
    mine: '☺',
    pending: '◔',
    snoozed: '☾',
    resolved: '✓',
    all: '≡',
  };
  return (
    <nav className="sidebar" aria-label={t('views.title')}>
      <div className="brand">
        <span className="brand-mark">W</span>
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <h3 className="nav-heading">{t('views.title')}</h3>
      <ul className="nav-list">
        {STATUS_VIEWS.map((v, i) => item(v, t(`views.${v}`), icons[v], String(i + 1)))}
      </ul>
      <h3 className="nav-heading">{t('monitor.title')}</h3>
      <ul className="nav-list">
        <li>
          <button
            className={`nav-item ${screen === 'flags' ? 'active' : ''}`}
            onClick={() => onScreen('flags')}
            data-testid="nav-flags"
          >
            <span className="nav-icon">⚑</span>
            <span className="nav-label">{t('monitor.flags')}</span>
            <kbd className="nav-kbd">7</kbd>
            {newFlags > 0 && (
              <span className="nav-count flag-count" data-testid="count-flags">
                {plainNumber(newFlags, lang)}
              </span>
            )}
          </button>
        </li>
        <li>
          <button
            className={`nav-item ${screen === 'crisis' ? 'active' : ''} ${crisisBrand ? 'crisis-on' : ''}`}
            onClick={() => onScreen('crisis')}
            data-testid="nav-crisis"
          >
            <span className="nav-icon">{crisisBrand ? '●' : '○'}</span>
            <span className="nav-label">
              {crisisBrand ? t('monitor.crisisActive', { brand: crisisBrand }) : t('monitor.crisis')}
            </span>
            <kbd className="nav-kbd">8</kbd>
          </button>
        </li>
        <li>
          <button
            className={`nav-item ${screen === 'dashboard' ? 'active' : ''}`}
            aria-current={screen === 'dashboard' ? 'page' : undefined}
            onClick={() => onScreen('dashboard')}
            data-testid="nav-dashboard"
          >
            <span className="nav-icon">▤</span>
            <span className="nav-label">{t('monitor.dashboard')}</span>
            <kbd className="nav-kbd">9</kbd>
          </button>
        </li>
        <li>
          <button
            className={`nav-item ${screen === 'authors' ? 'active' : ''}`}
            aria-current={screen === 'authors' ? 'page' : undefined}
            onClick={() => onScreen('authors')}
            data-testid="nav-authors"
          >
            <span className="nav-icon">★</span>
            <span className="nav-label">{t('monitor.authors')}</span>
            <kbd className="nav-kbd">0</kbd>
          </button>
        </li>
      </ul>
      {channels.length > 0 && (
        <>
          <h3 className="nav-heading">{t('views.channels')}</h3>
          <ul className="nav-list">
            {channels.map((c) =>
              item(
                `channel:${c}`,
                t(`channels.${c}`),
                <ChannelIcon channel={c} label={t(`channels.${c}`)} size={16} />,
              ),
            )}
          </ul>
        </>
      )}
      {accounts}
      <div className="sidebar-footer">{footer}</div>
    </nav>
  );
}
