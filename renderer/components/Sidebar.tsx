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
}

/** Views with their sizes (from the counters table) and the channels that have open conversations. */
export function Sidebar({ view, me, counters, lang, onSelect, footer }: SidebarProps) {
  const { t } = useTranslation();
  const count = (v: ViewId) => counters?.get(viewCounterKey(v, me)) ?? 0;
  const channels = CHANNEL_KINDS.filter((c: ChannelKind) => (counters?.get(`channel:${c}:open`) ?? 0) > 0 || view === `channel:${c}`);
  const item = (v: ViewId, label: string, icon: React.ReactNode, shortcut?: string) => (
    <li key={v}>
      <button className={`nav-item ${view === v ? 'active' : ''}`} aria-current={view === v ? 'page' : undefined} onClick={() => onSelect(v)} data-view={v}>
        <span className="nav-icon">{icon}</span>
        <span className="nav-label">{label}</span>
        {shortcut && <kbd className="nav-kbd">{shortcut}</kbd>}
        <span className="nav-count" data-testid={`count-${v}`}>
          {counters ? plainNumber(count(v), lang) : ''}
        </span>
      </button>
    </li>
  );
  const icons: Record<(typeof STATUS_VIEWS)[number], string> = { open: '◉', mine: '☺', pending: '◔', snoozed: '☾', resolved: '✓', all: '≡' };
  return (
    <nav className="sidebar" aria-label={t('views.title')}>
      <div className="brand">
        <span className="brand-mark">W</span>
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <h3 className="nav-heading">{t('views.title')}</h3>
      <ul className="nav-list">{STATUS_VIEWS.map((v, i) => item(v, t(`views.${v}`), icons[v], String(i + 1)))}</ul>
      {channels.length > 0 && (
        <>
          <h3 className="nav-heading">{t('views.channels')}</h3>
          <ul className="nav-list">
            {channels.map((c) => item(`channel:${c}`, t(`channels.${c}`), <ChannelIcon channel={c} label={t(`channels.${c}`)} size={16} />))}
          </ul>
        </>
      )}
      <div className="sidebar-footer">{footer}</div>
    </nav>
  );
}
