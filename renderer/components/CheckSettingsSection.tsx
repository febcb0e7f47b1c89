import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_CODES, checkSettings, type CheckCode, type CheckMode } from '../../shared/checks/types.ts';
import {
  CHECK_LIMITS,
  isValidPattern,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings/schema.ts';

/** One entry per line; blank lines dropped. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * The team's pre-send checks (issue 11): per check whether a finding blocks the send, warns or is
 * off; when the same public text counts as repeated; the brand's own contact details that may
 * appear in public; extra order-number patterns. Saved on change (lists and numbers when the field
 * loses focus). The composer and the delivery worker (send-time check) read the same settings.
 */
export function CheckSettingsSection({
  settings,
  onChange,
}: {
  settings: Settings;
  onChange: (patch: SettingsPatch) => Promise<void>;
}) {
  const { t } = useTranslation();
  const current = checkSettings(settings.checks);
  const [contacts, setContacts] = useState(current.allowedContacts.join('\n'));
  const [patterns, setPatterns] = useState(current.orderPatterns.join('\n'));
  const badPattern = lines(patterns).find((p) => !isValidPattern(p));
  const number = (key: keyof typeof current.duplicate, value: string, scale = 1): SettingsPatch | null => {
    const n = Number(value) / scale;
    const b = CHECK_LIMITS[key];
    if (!Number.isFinite(n) || n < b.min || n > b.max) return null;
    return { checks: { duplicate: { [key]: key === 'threshold' ? n : Math.round(n) } } };
  };
  return (
    <>
      <h3 className="form-section">{t('settings.checks.title')}</h3>
      <span />
      <p className="muted small">{t('settings.checks.hint')}</p>
      {CHECK_CODES.map((code: CheckCode) => (
        <CheckModeRow
          key={code}
          code={code}
          mode={current.modes[code]}
          onChange={(mode) => void onChange({ checks: { modes: { [code]: mode } } })}
        />
      ))}
      {(
        [
          ['count', t('settings.checks.dupCount'), current.duplicate.count, 1],
          ['windowHours', t('settings.checks.dupHours'), current.duplicate.windowHours, 1],
          [
            'threshold',
            t('settings.checks.dupThreshold'),
            Math.round(current.duplicate.threshold * 100),
            100,
          ],
        ] as const
      ).map(([key, label, value, scale]) => (
        <NumberRow
          key={key}
          id={`set-dup-${key}`}
          label={label}
          value={value}
          min={CHECK_LIMITS[key].min * scale}
          max={CHECK_LIMITS[key].max * scale}
          onCommit={(v) => number(key, v, scale)}
          onChange={onChange}
        />
      ))}
      <label htmlFor="set-allowed-contacts">{t('settings.checks.allowedContacts')}</label>
      <div>
        <textarea
          id="set-allowed-contacts"
          rows={2}
          value={contacts}
          aria-describedby="set-allowed-contacts-hint"
          onChange={(e) => setContacts(e.target.value)}
          onBlur={() => {
            const list = lines(contacts).slice(0, CHECK_LIMITS.list);
            if (list.join('\n') !== current.allowedContacts.join('\n'))
              void onChange({ checks: { allowedContacts: list } });
          }}
        />
        <p className="muted small" id="set-allowed-contacts-hint">
          {t('settings.checks.allowedContactsHint')}
        </p>
      </div>
      <label htmlFor="set-order-patterns">{t('settings.checks.orderPatterns')}</label>
      <div>
        <textarea
          id="set-order-patterns"
          rows={2}
          value={patterns}
          aria-invalid={badPattern ? true : undefined}
          aria-describedby="set-order-patterns-hint"
          onChange={(e) => setPatterns(e.target.value)}
          onBlur={() => {
            const list = lines(patterns).slice(0, CHECK_LIMITS.list);
            if (!badPattern && list.join('\n') !== current.orderPatterns.join('\n'))
              void onChange({ checks: { orderPatterns: list } });
          }}
        />
        <p
          className={badPattern ? 'form-error small' : 'muted small'}
          id="set-order-patterns-hint"
          data-testid="order-patterns-hint"
        >
          {badPattern
            ? t('settings.checks.badPattern', { pattern: badPattern })
            : t('settings.checks.orderPatternsHint')}
        </p>
      </div>
    </>
  );
}

function CheckModeRow({
  code,
  mode,
  onChange,
}: {
  code: CheckCode;
  mode: CheckMode;
  onChange: (mode: CheckMode) => void;
}) {
  const { t } = useTranslation();
  const { t: tt } = useTranslation('templates');
  const id = `set-check-${code}`;
  return (
    <>
      <label htmlFor={id}>{tt(`checks.names.${code}`)}</label>
      <select
        id={id}
        value={mode}
        data-testid={`check-mode-${code}`}
        onChange={(e) => onChange(e.target.value as CheckMode)}
      >
        {/* A hint can never block: the personal-touch score only informs. */}
        {code !== 'personalTouch' && <option value="block">{t('settings.checks.mode.block')}</option>}
        <option value="warn">
          {code === 'personalTouch' ? t('settings.checks.mode.hint') : t('settings.checks.mode.warn')}
        </option>
        <option value="off">{t('settings.checks.mode.off')}</option>
      </select>
    </>
  );
}

function NumberRow({
  id,
  label,
  value,
  min,
  max,
  onCommit,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  onCommit: (value: string) => SettingsPatch | null;
  onChange: (patch: SettingsPatch) => Promise<void>;
}) {
  const [text, setText] = useState(String(value));
  const patch = onCommit(text);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        value={text}
        aria-invalid={patch ? undefined : true}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (patch && text !== String(value)) void onChange(patch);
          else if (!patch) setText(String(value));
        }}
      />
    </>
  );
}
