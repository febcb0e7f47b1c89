import { useTranslation } from 'react-i18next';
import type { AccountInfo } from '../../shared/channels/schemas.ts';
import type { ViewId } from '../../shared/inbox/views.ts';
import type { DialogId, Screen } from '../commands/commands.ts';
import { AccountsHealthSection } from '../components/AccountHealth.tsx';
import { Sidebar } from '../components/Sidebar.tsx';
import type { UiLanguage } from '../i18n/format.ts';

export interface ShellSidebarProps {
  view: ViewId;
  screen: Screen;
  me: string;
  counters: Map<string, number> | undefined;
  newFlags: number;
  crisisBrand: string | null;
  accounts: AccountInfo[] | undefined;
  mode: 'electron' | 'browser';
  now: number;
  lang: UiLanguage;
  onView(view: ViewId): void;
  onScreen(screen: Screen): void;
  onOpen(dialog: DialogId): void;
  /** Opens the accounts dialog, on one account's fix when given. */
  onOpenAccounts(fixAccountId: string | null): void;
  onToggleLanguage(): void;
  onToggleTheme(): void;
}

/** The sidebar: views, screens, the connected accounts' health and the tools at its foot. */
export function ShellSidebar(p: ShellSidebarProps) {
  const { t } = useTranslation();
  const { lang } = p;
  return (
    <Sidebar
      view={p.view}
      me={p.me}
      counters={p.counters}
      lang={lang}
      onSelect={p.onView}
      screen={p.screen}
      onScreen={p.onScreen}
      newFlags={p.newFlags}
      crisisBrand={p.crisisBrand}
      accounts={
        <AccountsHealthSection
          accounts={p.accounts}
          now={p.now}
          lang={lang}
          mode={p.mode}
          onOpen={p.onOpenAccounts}
        />
      }
      footer={
        <div className="sidebar-tools">
          <button onClick={() => p.onOpen('palette')} title={t('topbar.palette')}>
            <span className="tool-glyph">⌘</span> <span>{t('topbar.palette')}</span>
          </button>
          <button onClick={p.onToggleLanguage} title={t('topbar.language')} data-testid="language-toggle">
            <span className="tool-glyph">Aa</span> <span>{lang === 'nl' ? 'English' : 'Nederlands'}</span>
          </button>
          <button onClick={p.onToggleTheme} title={t('topbar.theme')} data-testid="theme-toggle">
            <span className="tool-glyph">◐</span> <span>{t('topbar.theme')}</span>
          </button>
          <button onClick={() => p.onOpen('shortcuts')} title={t('topbar.shortcuts')}>
            <span className="tool-glyph">?</span> <span>{t('topbar.shortcuts')}</span>
          </button>
          <button
            onClick={() => p.onOpen('settings')}
            title={t('topbar.settings')}
            data-testid="open-settings"
          >
            <span className="tool-glyph">⚙</span> <span>{t('topbar.settings')}</span>
          </button>
        </div>
      }
    />
  );
}
