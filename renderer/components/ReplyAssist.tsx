import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../../shared/checks/types.ts';
import type { LengthMeasure } from '../../shared/checks/length.ts';
import type { Span } from '../../shared/templates/render.ts';
import type { Candidate } from '../../shared/templates/values.ts';
import type { Template, TemplateLang } from '../../shared/templates/model.ts';
import { templateTitle } from '../../shared/templates/model.ts';

/** The short-code / search results under the reply field; the highlighted row is inserted on Enter or Tab. */
export function TemplatePicker({
  hits,
  active,
  lang,
  onPick,
}: {
  hits: readonly Template[];
  active: number;
  lang: TemplateLang;
  onPick: (t: Template) => void;
}) {
  const { t } = useTranslation('templates');
  if (hits.length === 0) return <p className="template-picker-empty">{t('composer.noMatch')}</p>;
  return (
    <ul
      className="template-picker"
      role="listbox"
      aria-label={t('composer.pickerLabel')}
      data-testid="template-picker"
    >
      {hits.map((h, i) => (
        <li
          key={h.id}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : ''}
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(h);
          }}
        >
          <code>/{h.shortCode}</code> {templateTitle(h, lang)}
          <span className="muted"> · {t(`categories.${h.category}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The reply exactly as the customer will see it, with where each part came from. */
export function ReplyPreview({ text, spans }: { text: string; spans: readonly Span[] }) {
  const { t } = useTranslation('templates');
  return (
    <div className="reply-preview" data-testid="reply-preview" aria-label={t('composer.preview')}>
      {spans.map((s, i) => (
        <span key={i} className={`src-${s.source}`} title={t(`composer.source.${s.source}`)}>
          {text.slice(s.start, s.end)}
        </span>
      ))}
    </div>
  );
}

/** Inputs for the variables the template could not fill, with candidates to pick from. */
export function VariableForm({
  missing,
  candidates,
  onFill,
}: {
  missing: ReadonlyArray<{ name: string; source: 'placeholder' | 'fallback' }>;
  candidates: (name: string) => Candidate[];
  onFill: (name: string, value: string) => void;
}) {
  if (missing.length === 0) return null;
  return (
    <div className="variable-form" data-testid="variable-form">
      {missing.map((m) => (
        <VariableInput
          key={m.name}
          name={m.name}
          source={m.source}
          options={candidates(m.name)}
          onFill={onFill}
        />
      ))}
    </div>
  );
}

function VariableInput({
  name,
  source,
  options,
  onFill,
}: {
  name: string;
  source: 'placeholder' | 'fallback';
  options: Candidate[];
  onFill: (name: string, value: string) => void;
}) {
  const { t } = useTranslation('templates');
  const [value, setValue] = useState(options[0]?.value ?? '');
  const listId = `cand-${name.replace(/\W/g, '-')}`;
  return (
    <div className="variable-row" data-variable={name}>
      <label>
        <span>{t(`composer.variable.${source}`, { name })}</span>
        <input
          list={listId}
          value={value}
          aria-label={t('composer.variable.input', { name })}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onFill(name, value);
            }
          }}
        />
      </label>
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.value} value={o.value} />
        ))}
      </datalist>
      <button type="button" onClick={() => onFill(name, value)} disabled={!value.trim()}>
        {t('composer.variable.fill')}
      </button>
      {options.length > 0 && (
        <span className="muted variable-candidates">
          {options.map((o) => `${o.value} (${t(o.sourceKey)})`).join(' · ')}
        </span>
      )}
    </div>
  );
}

// Symbols the bundled fonts have everywhere (⛔ shows as a box on some Linux desktops).
const ICON = { block: '✖', warn: '⚠', info: 'ℹ' } as const;

/** Check results, most serious first; near-duplicates list the earlier posts. */
export function CheckList({
  results,
  dateTime,
}: {
  results: readonly CheckResult[];
  dateTime: (ms: number) => string;
}) {
  const { t } = useTranslation('templates');
  if (results.length === 0) return null;
  const say = t as unknown as (key: string, values: object) => string;
  return (
    <ul className="check-list" data-testid="check-list" aria-label={t('composer.checks')}>
      {results.map((r) => (
        <li
          key={r.code}
          className={`check check-${r.severity}`}
          data-check={r.code}
          data-severity={r.severity}
        >
          <span aria-label={t(`checks.severity.${r.severity}`)}>{ICON[r.severity]}</span>{' '}
          <strong>{t(`checks.names.${r.code}`)}:</strong> {say(r.messageKey, r.params)}
          {r.earlier && r.earlier.length > 0 && (
            <details>
              <summary>{t('composer.earlierPosts', { count: r.earlier.length })}</summary>
              <ul>
                {r.earlier.map((e) => (
                  <li key={e.id}>
                    <span className="muted">
                      {dateTime(e.sentAt)} · {Math.round(e.similarity * 100)}%
                    </span>{' '}
                    {e.text}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The channel's length counter in its own unit ("212 / 280 X characters"). */
export function LengthCounter({ measure }: { measure: LengthMeasure | undefined }) {
  const { t } = useTranslation('templates');
  if (!measure) return null;
  return (
    <span
      className={`composer-limit ${measure.over > 0 ? 'over' : ''}`}
      data-testid="length-counter"
      title={t(`composer.unit.${measure.unit}`)}
    >
      {t('composer.length', {
        used: measure.used,
        limit: measure.limit,
        unit: t(`composer.unitShort.${measure.unit}`),
      })}
    </span>
  );
}
