import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../shared/ipc/contract.ts';
import type { Settings, SettingsPatch } from '../../shared/settings/schema.ts';
import { Dialog } from './Dialog.tsx';

/** Language, theme, the agent's name and initials, and the demo inbox switch. Saves on change. */
export function SettingsDialog({
  settings,
  info,
  onClose,
  onChange,
}: {
  settings: Settings;
  info: AppInfo;
  onClose: () => void;
  onChange: (patch: SettingsPatch) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(settings.agent.name);
  const [initials, setInitials] = useState(settings.agent.initials);
  const [saved, setSaved] = useState(false);
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
  return (
    <Dialog title={t('settings.title')} onClose={onClose} testId="settings-dialog">
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
          onChange={(e) => setInitials(e.target.value.toUpperCase())}
          onBlur={() => initials !== settings.agent.initials && void save({ agent: { initials } })}
        />
        <h3 className="form-section">{t('settings.demo')}</h3>
        <span />
        <label className="check-row">
          <input
            type="checkbox"
            checked={local.demo}
            onChange={(e) => void save({ demo: { enabled: e.target.checked } })}
            data-testid="demo-toggle"
          />
          {t('settings.demoOn')}
        </label>
        <span />
        <p className="muted small">{t('settings.demoHint')}</p>
        <h3 className="form-section">{t('settings.data')}</h3>
        <span />
        <p className="muted small">
          {t(`settings.mode.${info.mode}`)} · {info.version} · {t('settings.dataDir', { dir: info.dataDir })}
        </p>
      </div>
      <div className="dialog-actions">
        {saved && <span className="muted">{t('settings.saved')}</span>}
        <button onClick={onClose}>{t('settings.close')}</button>
      </div>
    </Dialog>
  );
}
