import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command, CommandContext } from '../commands/commands.ts';
import { displayShortcut } from '../commands/keyboard.ts';
import { Dialog } from './Dialog.tsx';

/** Ctrl/Cmd+K: every command of the registry, filtered as you type, run with Enter. */
export function CommandPalette({
  commands,
  ctx,
  isMac,
  onClose,
  onRun,
}: {
  commands: readonly Command[];
  ctx: CommandContext;
  isMac: boolean;
  onClose: () => void;
  onRun: (c: Command) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return commands
      .map((c) => ({ c, label: t(c.labelKey), enabled: c.isEnabled(ctx) }))
      .filter((x) => !q || x.label.toLowerCase().includes(q) || x.c.id.includes(q))
      .sort((a, b) => Number(b.enabled) - Number(a.enabled));
  }, [commands, ctx, query, t]);
  const run = (i: number) => {
    const m = matches[i];
    if (m?.enabled) onRun(m.c);
  };
  // The field keeps focus and points at the active option (combobox pattern); the list also
  // takes focus, so the keyboard can scroll it, and answers the same keys there.
  const listId = useId();
  const optionId = (i: number) => `${listId}-${i}`;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(matches.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(active);
    }
  };
  const activeId = matches[active] ? optionId(active) : undefined;
  return (
    <Dialog title={t('commands.palette')} onClose={onClose} testId="palette">
      <input
        autoFocus
        className="palette-input"
        role="combobox"
        aria-label={t('palette.inputLabel')}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        placeholder={t('palette.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        className="palette-list"
        role="listbox"
        aria-label={t('palette.listLabel')}
        aria-activedescendant={activeId}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {matches.length === 0 && (
          <li role="option" aria-selected="false" aria-disabled="true" className="muted">
            {t('palette.empty')}
          </li>
        )}
        {matches.map((m, i) => (
          <li
            key={m.c.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            aria-disabled={!m.enabled}
            className={`palette-item ${i === active ? 'active' : ''} ${m.enabled ? '' : 'disabled'}`}
            onMouseEnter={() => setActive(i)}
            onClick={() => run(i)}
            title={m.enabled ? undefined : t('palette.disabled')}
          >
            <span className="palette-group">{t(`commands.groups.${m.c.group}`)}</span>
            <span className="palette-label">{m.label}</span>
            {m.c.shortcut && (
              <span className="keys">
                {displayShortcut(m.c.shortcut, isMac).map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

export function ShortcutsDialog({
  commands,
  isMac,
  onClose,
}: {
  commands: readonly Command[];
  isMac: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const groups = ['navigation', 'triage', 'compose', 'app'] as const;
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} wide testId="shortcuts">
      <div className="shortcut-grid">
        {groups.map((g) => (
          <section key={g}>
            <h3>{t(`commands.groups.${g}`)}</h3>
            <dl>
              {commands
                .filter((c) => c.group === g && c.shortcut)
                .map((c) => (
                  <div key={c.id} className="shortcut-row">
                    <dt>{t(c.labelKey)}</dt>
                    <dd>
                      {displayShortcut(c.shortcut ?? '', isMac).map((k) => (
                        <kbd key={k}>{k}</kbd>
                      ))}
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <button onClick={onClose}>{t('shortcuts.close')}</button>
      </div>
    </Dialog>
  );
}
