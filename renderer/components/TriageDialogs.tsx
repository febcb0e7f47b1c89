import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Label } from '../../shared/domain/types.ts';
import { snoozeUntil, type SnoozePreset } from '../../shared/inbox/snooze.ts';
import { messageTime, type UiLanguage } from '../i18n/format.ts';
import { Dialog } from './Dialog.tsx';

const PRESETS: SnoozePreset[] = ['oneHour', 'threeHours', 'tomorrow', 'nextWeek'];

function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Snooze picker: number keys 1–4 pick a preset, or a custom date and time. */
export function SnoozeDialog({
  lang,
  onClose,
  onSnooze,
}: {
  lang: UiLanguage;
  onClose: () => void;
  onSnooze: (until: number) => void;
}) {
  const { t } = useTranslation();
  const [now] = useState(() => Date.now());
  const [custom, setCustom] = useState(() => toLocalInput(snoozeUntil('tomorrow', now)));
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={t('snooze.title')} onClose={onClose} testId="snooze-dialog">
      <div
        className="choice-list"
        onKeyDown={(e) => {
          const i = Number(e.key) - 1;
          const preset = PRESETS[i];
          if (preset) {
            e.preventDefault();
            onSnooze(snoozeUntil(preset, now));
          }
        }}
      >
        {PRESETS.map((p, i) => (
          <button
            key={p}
            className="choice"
            autoFocus={i === 0}
            onClick={() => onSnooze(snoozeUntil(p, now))}
            data-preset={p}
          >
            <kbd>{i + 1}</kbd>
            <span>{t(`snooze.${p}`)}</span>
            <span className="muted">{messageTime(snoozeUntil(p, now), now, lang)}</span>
          </button>
        ))}
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const until = new Date(custom).getTime();
          if (!(until > Date.now())) setError(t('snooze.inPast'));
          else onSnooze(until);
        }}
      >
        <label>
          {t('snooze.custom')}
          <input type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} />
        </label>
        <button type="submit">{t('snooze.apply')}</button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

/** Label picker: type to filter, Enter toggles the first match or creates a new label. */
export function LabelDialog({
  labels,
  selected,
  onClose,
  onToggle,
  onCreate,
}: {
  labels: Label[];
  selected: string[];
  onClose: () => void;
  onToggle: (id: string) => void;
  onCreate: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const matches = labels.filter((l) => !q || l.name.toLowerCase().includes(q) || l.id.includes(q));
  const exact = labels.some((l) => l.name.toLowerCase() === q);
  return (
    <Dialog title={t('labels.title')} onClose={onClose} testId="label-dialog">
      <input
        autoFocus
        className="palette-input"
        placeholder={t('labels.filter')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const first = matches[0];
          if (first) onToggle(first.id);
          else if (q) onCreate(query.trim());
        }}
      />
      <ul className="palette-list">
        {matches.length === 0 && !q && <li className="muted">{t('labels.none')}</li>}
        {matches.map((l) => (
          <li key={l.id}>
            <label className="check-row">
              <input type="checkbox" checked={selected.includes(l.id)} onChange={() => onToggle(l.id)} />
              <span className="swatch" style={{ background: l.color }} />
              {l.name}
            </label>
          </li>
        ))}
        {q && !exact && (
          <li>
            <button className="link" onClick={() => onCreate(query.trim())}>
              {t('labels.create', { name: query.trim() })}
            </button>
          </li>
        )}
      </ul>
    </Dialog>
  );
}
