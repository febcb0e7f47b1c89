import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../shared/ipc/contract.ts';
import type { Settings, SettingsPatch } from '../../shared/settings/schema.ts';
import { Dialog } from './Dialog.tsx';
import { StorageSection } from './StorageSection.tsx';
import { CheckSettingsSection } from './CheckSettingsSection.tsx';
import type { StorageReport } from '../platform/storage.ts';

/**
 * Language, theme, the agent's name and initials, and the demo inbox switch. Saves on change;
 * the text fields save when they lose focus and when the dialog closes (Esc, the backdrop, Close),
 * so nothing typed is lost. Turning the demo off asks first, saying how much goes.
 */
export function SettingsDialog({
  settings,
  info,
  demoConversations,
  storage,
  backup,
  onClose,
  onChange,
  onOpenAccounts,
}: {
  /** The backups section (containers/SettingsContainer.tsx composes it with its actions). */
  backup: React.ReactNode;
  /** Usage and quota as last estimated (`null`: unknown). */
  storage: StorageReport | null;
  settings: Settings;
  info: AppInfo;
  /** How many demo conversations turning the demo off removes (`undefined` while counting). */
  demoConversations: number | undefined;
  onClose: () => void;
  onChange: (patch: SettingsPatch) => Promise<void>;
  onOpenAccounts: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(settings.agent.name);
  const [initials, setInitials] = useState(settings.agent.initials);
  const [saved, setSaved] = useState(false);
  const [confirmDemoOff, setConfirmDemoOff] = useState(false);
  // Shown at once; the backend's answer follows (and wins) through the settings prop.
  const [local, setLocal] = useState<Pick<Settings, 'language' | 'theme'> & { demo: boolean }>({
    language: settings.language,
    theme: settings.theme,
    demo: settings.demo.enabled,
  });
  const save = async (patch: SettingsPatch) => {
    setLocal((l) => ({
      language: patch.language ?? l.language,
      theme: patch.theme ?? l.theme,
      demo: patch.demo?.enabled ?? l.demo,
    }));
    await onChange(patch);
    setSaved(true);
  };
  // What is typed in the text fields and not saved yet.
  const unsavedAgent = (): SettingsPatch['agent'] | null => {
    const agent: NonNullable<SettingsPatch['agent']> = {};
    if (name !== settings.agent.name) agent.name = name;
    if (initials !== settings.agent.initials) agent.initials = initials;
    return Object.keys(agent).length ? agent : null;
  };
  const close = () => {
    const agent = unsavedAgent();
    if (agent) void onChange({ agent });
    onClose();
  };
  return (
    <Dialog title={t('settings.title')} onClose={close} testId="settings-dialog">
      <div className="form-grid">
        <label htmlFor="set-language">{t('settings.language')}</label>
        <select
          id="set-language"
          value={local.language}
          onChange={(e) => void save({ language: e.target.value as Settings['language'] })}
        >
          <option value="system">{t('settings.languageSystem')}</option>
          <option value="nl">Nederlands</option>
          <option value="en">English</option>
        </select>
        <label htmlFor="set-theme">{t('settings.theme')}</label>
        <select
          id="set-theme"
          value={local.theme}
          onChange={(e) => void save({ theme: e.target.value as Settings['theme'] })}
        >
          <option value="system">{t('settings.themeSystem')}</option>
          <option value="light">{t('settings.themeLight')}</option>
          <option value="dark">{t('settings.themeDark')}</option>
        </select>
        <h3 className="form-section">{t('settings.agent')}</h3>
        <label htmlFor="set-name">{t('settings.agentName')}</label>
        <input
          id="set-name"
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name !== settings.agent.name && void save({ agent: { name } })}
        />
        <label htmlFor="set-initials">{t('settings.agentInitials')}</label>
        <input
          id="set-initials"
          value={initials}
          maxLength={3}
          onChange={(e) => setInitials(e.target.value)}
          onBlur={() => initials !== settings.agent.initials && void save({ agent: { initials } })}
        />
        <CheckSettingsSection settings={settings} onChange={save} />
        <h3 className="form-section">{t('settings.accounts')}</h3>
        <span />
        <div>
          <button onClick={onOpenAccounts} data-testid="open-accounts">
            {t('commands.accounts')}
          </button>
          <p className="muted small">{t('settings.accountsHint')}</p>
        </div>
        {info.mode === 'electron' && (
          <>
            <span />
            <label className="check-row">
              <input
                type="checkbox"
                checked={settings.closeToTray !== false}
                onChange={(e) => void save({ closeToTray: e.target.checked })}
                data-testid="close-to-tray"
              />
              {t('settings.closeToTray')}
            </label>
          </>
        )}
        <h3 className="form-section">{t('settings.demo')}</h3>
        <span />
        <label className="check-row">
          <input
            type="checkbox"
            checked={local.demo}
            onChange={(e) =>
              e.target.checked ? void save({ demo: { enabled: true } }) : setConfirmDemoOff(true)
            }
            aria-describedby="set-demo-hint"
            data-testid="demo-toggle"
          />
          {t('settings.demoOn')}
        </label>
        <span />
        <p className="muted small" id="set-demo-hint">
          {t('settings.demoHint')}
        </p>
        {confirmDemoOff && (
          <>
            <span />
            <div
              className="confirm"
              role="alertdialog"
              aria-labelledby="demo-off-title"
              data-testid="demo-confirm"
            >
              <strong id="demo-off-title">{t('settings.demoConfirmTitle')}</strong>
              <p>
                {demoConversations === undefined
                  ? t('settings.demoCounting')
                  : t('settings.demoConfirmBody', { count: demoConversations })}
              </p>
              <div className="confirm-actions">
                <button onClick={() => setConfirmDemoOff(false)} autoFocus>
                  {t('settings.demoKeep')}
                </button>
                <button
                  className="danger"
                  data-testid="demo-remove"
                  onClick={() => {
                    setConfirmDemoOff(false);
                    void save({ demo: { enabled: false } });
                  }}
                >
                  {t('settings.demoRemove')}
                </button>
              </div>
            </div>
          </>
        )}
        <h3 className="form-section">{t('settings.data')}</h3>
        <span />
        <p className="muted small">
          {t(`settings.mode.${info.mode}`)} · {info.version} · {t('settings.dataDir', { dir: info.dataDir })}
        </p>
        <StorageSection report={storage} />
        {backup}
      </div>
      <div className="dialog-actions">
        {saved && <span className="muted">{t('settings.saved')}</span>}
        <button onClick={close}>{t('settings.close')}</button>
      </div>
    </Dialog>
  );
}
