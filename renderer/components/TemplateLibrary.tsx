import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveTemplateResult, TemplateImportReport } from '../db/templates.ts';
import { downloadText } from '../analysis/report.ts';
import type { TemplateImportError } from '../../shared/templates/io.ts';
import {
  TEMPLATE_CATEGORIES,
  TEMPLATE_LANGS,
  TEMPLATE_TONES,
  VARIANT_STYLES,
  templateTitle,
  type Template,
  type TemplateLang,
  type TemplateVariant,
} from '../../shared/templates/model.ts';
import { indexTemplates, searchTemplates } from '../../shared/templates/search.ts';
import { validateTemplateBody, type TemplateError } from '../../shared/templates/variables.ts';
import { Dialog } from './Dialog.tsx';

/** Custom fields are not configurable yet; templates use the known variables. */
const CUSTOM_FIELDS: readonly string[] = [];

function blankTemplate(owner: string, now: number, lang: TemplateLang): Template {
  return {
    id: `tpl-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    shortCode: '',
    title: { [lang]: '' },
    category: 'info',
    tone: 'neutral',
    keywords: [],
    variants: [{ lang, style: 'default', body: '' }],
    owner,
    usageCount: 0,
    lastUsedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** What the library does with the stored templates (containers/TemplateLibraryContainer.tsx). */
export interface TemplateLibraryActions {
  /** Validates and saves; nothing is written when it has errors. */
  save(template: Template, customFields: readonly string[]): Promise<SaveTemplateResult>;
  remove(id: string): Promise<void>;
  /** Imports a template file's text, reporting what was added, replaced and refused. */
  importFile(text: string, customFields: readonly string[]): Promise<TemplateImportReport>;
  /** The library as a template file (JSON). */
  exportFile(customFields: readonly string[]): Promise<string>;
}

/** The template library: list and search, edit with errors at their position, import and export. */
export function TemplateLibrary({
  templates,
  actions,
  me,
  lang,
  dateTime,
  onClose,
}: {
  /** The whole library (small); `undefined` while it loads. */
  templates: Template[] | undefined;
  actions: TemplateLibraryActions;
  me: string;
  lang: TemplateLang;
  dateTime: (ms: number) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation('templates');
  const say = t as unknown as (key: string, values?: object) => string;
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Template | null>(null);
  const [errors, setErrors] = useState<Array<TemplateImportError & { variant?: number }>>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [report, setReport] = useState<TemplateImportReport | null>(null);
  const bodies = useRef<Array<HTMLTextAreaElement | null>>([]);

  const index = useMemo(() => indexTemplates(templates ?? []), [templates]);
  const hits = useMemo(
    () => searchTemplates(index, query, { lang, limit: 500 }).map((h) => h.template),
    [index, query, lang],
  );

  const open = (tpl: Template) => {
    setEditing(structuredClone(tpl));
    setErrors([]);
    setSaved(null);
  };
  const patch = (p: Partial<Template>) => setEditing((e) => (e ? { ...e, ...p } : e));
  const patchVariant = (k: number, p: Partial<TemplateVariant>) => {
    setEditing((e) => (e ? { ...e, variants: e.variants.map((v, i) => (i === k ? { ...v, ...p } : v)) } : e));
    // A save error of this text is stale once it changes; the live check takes over.
    setErrors((errs) => errs.filter((x) => x.variant !== k));
  };

  const save = async () => {
    if (!editing) return;
    const r = await actions.save(editing, CUSTOM_FIELDS);
    if (r.ok) {
      setEditing(r.template);
      setErrors([]);
      setSaved(r.template.shortCode);
    } else {
      setErrors(r.errors);
      setSaved(null);
      // Put the cursor on the first body error, so the agent sees where it is.
      const first = r.errors.find((e) => e.bodyError && e.variant !== undefined);
      if (first?.bodyError && first.variant !== undefined) {
        const el = bodies.current[first.variant];
        el?.focus();
        el?.setSelectionRange(first.bodyError.offset, first.bodyError.offset + first.bodyError.length);
      }
    }
  };

  const onFile = async (file: File) => {
    setReport(await actions.importFile(await file.text(), CUSTOM_FIELDS));
  };

  const errorText = (e: TemplateImportError) =>
    e.bodyError
      ? say(e.bodyError.messageKey, e.bodyError.params)
      : say(e.messageKey, { ...e.params, template: e.template ?? '' });

  return (
    <Dialog title={t('library.title')} onClose={onClose} wide testId="template-library">
      <div className="library">
        <div className="library-list">
          <input
            type="search"
            value={query}
            placeholder={t('library.search')}
            aria-label={t('library.search')}
            data-testid="library-search"
            onChange={(e) => setQuery(e.target.value)}
          />
          <div className="library-actions">
            <button type="button" onClick={() => open(blankTemplate(me, Date.now(), lang))}>
              {t('library.new')}
            </button>
            <label className="file-button">
              {t('library.import')}
              <input
                type="file"
                accept="application/json,.json"
                data-testid="library-import"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void onFile(f);
                  e.target.value = '';
                }}
              />
            </label>
            <button
              type="button"
              onClick={async () =>
                downloadText(
                  `webcare-templates-${new Date().toISOString().slice(0, 10)}.json`,
                  await actions.exportFile(CUSTOM_FIELDS),
                )
              }
            >
              {t('library.export')}
            </button>
          </div>
          {report && (
            <div className="library-report" data-testid="library-report" role="status">
              <p>
                {t('library.imported', {
                  added: report.added,
                  replaced: report.replaced,
                  errors: report.errors.length,
                })}
              </p>
              {report.errors.length > 0 && (
                <ul>
                  {report.errors.slice(0, 50).map((e, i) => (
                    <li key={i} className="form-error">
                      {e.template !== null ? `${t('library.templateNumber', { n: e.template })}: ` : ''}
                      {errorText(e)}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {templates === undefined ? (
            <p className="muted">{t('library.loading')}</p>
          ) : (
            <ul className="library-items" data-testid="library-items">
              {hits.map((h) => (
                <li key={h.id}>
                  <button
                    type="button"
                    className={editing?.id === h.id ? 'active' : ''}
                    onClick={() => open(h)}
                    data-testid="library-item"
                    data-code={h.shortCode}
                  >
                    <code>/{h.shortCode}</code> <span>{templateTitle(h, lang)}</span>
                    <span className="muted small">
                      {say(`categories.${h.category}`)} · {t('library.uses', { count: h.usageCount })}
                      {h.lastUsedAt ? ` · ${t('library.lastUsed', { when: dateTime(h.lastUsedAt) })}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="library-editor">
          {!editing ? (
            <p className="muted">{t('library.pick')}</p>
          ) : (
            <form
              data-testid="template-editor"
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <div className="editor-grid">
                <label>
                  {t('library.shortCode')}
                  <input
                    value={editing.shortCode}
                    data-testid="editor-code"
                    onChange={(e) => patch({ shortCode: e.target.value.toLowerCase() })}
                  />
                </label>
                {TEMPLATE_LANGS.map((l) => (
                  <label key={l}>
                    {t(`library.titleIn.${l}`)}
                    <input
                      value={editing.title[l] ?? ''}
                      onChange={(e) => {
                        const title = { ...editing.title };
                        if (e.target.value) title[l] = e.target.value;
                        else delete title[l];
                        patch({ title });
                      }}
                    />
                  </label>
                ))}
                <label>
                  {t('library.category')}
                  <select
                    value={editing.category}
                    onChange={(e) => patch({ category: e.target.value as Template['category'] })}
                  >
                    {TEMPLATE_CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {say(`categories.${c}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('library.tone')}
                  <select
                    value={editing.tone}
                    onChange={(e) => patch({ tone: e.target.value as Template['tone'] })}
                  >
                    {TEMPLATE_TONES.map((c) => (
                      <option key={c} value={c}>
                        {say(`tones.${c}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="wide">
                  {t('library.keywords')}
                  <input
                    value={editing.keywords.join(', ')}
                    onChange={(e) =>
                      patch({
                        keywords: e.target.value
                          .split(',')
                          .map((k) => k.trim())
                          .filter(Boolean),
                      })
                    }
                  />
                </label>
              </div>
              {editing.variants.map((v, k) => (
                <VariantEditor
                  key={k}
                  variant={v}
                  inputRef={(el) => {
                    bodies.current[k] = el;
                  }}
                  errors={errors.filter((e) => e.variant === k)}
                  errorText={errorText}
                  onChange={(p) => patchVariant(k, p)}
                  onRemove={
                    editing.variants.length > 1
                      ? () => patch({ variants: editing.variants.filter((_, i) => i !== k) })
                      : null
                  }
                />
              ))}
              <button
                type="button"
                onClick={() => patch({ variants: [...editing.variants, { lang, style: 'short', body: '' }] })}
              >
                {t('library.addVariant')}
              </button>
              {errors
                .filter((e) => e.variant === undefined)
                .map((e, i) => (
                  <p key={i} className="form-error" role="alert">
                    {errorText(e)}
                  </p>
                ))}
              {saved && (
                <p className="muted" role="status" data-testid="editor-saved">
                  {t('library.saved', { code: saved })}
                </p>
              )}
              <div className="editor-actions">
                <button type="submit" className="primary" data-testid="editor-save">
                  {t('library.save')}
                </button>
                <button
                  type="button"
                  onClick={async () => {
                    await actions.remove(editing.id);
                    setEditing(null);
                  }}
                >
                  {t('library.delete')}
                </button>
              </div>
            </form>
          )}
        </div>
      </div>
    </Dialog>
  );
}

function VariantEditor({
  variant,
  inputRef,
  errors,
  errorText,
  onChange,
  onRemove,
}: {
  variant: TemplateVariant;
  inputRef: (el: HTMLTextAreaElement | null) => void;
  errors: TemplateImportError[];
  errorText: (e: TemplateImportError) => string;
  onChange: (p: Partial<TemplateVariant>) => void;
  onRemove: (() => void) | null;
}) {
  const { t } = useTranslation('templates');
  const say = t as unknown as (key: string) => string;
  // Live: syntax and unknown variables show while typing, before the save.
  const live: TemplateError[] = useMemo(
    () => (variant.body ? validateTemplateBody(variant.body, CUSTOM_FIELDS) : []),
    [variant.body],
  );
  const shown = errors.length
    ? errors.map(errorText)
    : live.map((e) => (t as unknown as (k: string, v: object) => string)(e.messageKey, e.params));
  return (
    <fieldset className="variant-editor" data-testid="variant-editor">
      <div className="variant-head">
        <select
          value={variant.lang}
          aria-label={t('library.language')}
          onChange={(e) => onChange({ lang: e.target.value as TemplateLang })}
        >
          {TEMPLATE_LANGS.map((l) => (
            <option key={l} value={l}>
              {l.toUpperCase()}
            </option>
          ))}
        </select>
        <select
          value={variant.style}
          aria-label={t('library.style')}
          onChange={(e) => {
            const style = e.target.value as TemplateVariant['style'];
            onChange(
              style === 'whatsapp'
                ? { style, whatsapp: variant.whatsapp ?? { name: '', language: variant.lang } }
                : { style },
            );
          }}
        >
          {VARIANT_STYLES.map((s) => (
            <option key={s} value={s}>
              {say(`styles.${s}`)}
            </option>
          ))}
        </select>
        {variant.style === 'whatsapp' && (
          <input
            value={variant.whatsapp?.name ?? ''}
            placeholder={t('library.whatsappName')}
            aria-label={t('library.whatsappName')}
            onChange={(e) => onChange({ whatsapp: { name: e.target.value, language: variant.lang } })}
          />
        )}
        {onRemove && (
          <button type="button" onClick={onRemove}>
            {t('library.removeVariant')}
          </button>
        )}
      </div>
      <textarea
        ref={inputRef}
        rows={4}
        value={variant.body}
        aria-label={t('library.body')}
        onChange={(e) => onChange({ body: e.target.value })}
      />
      {shown.map((s, i) => (
        <p key={i} className="form-error" data-testid="variant-error">
          {s}
        </p>
      ))}
    </fieldset>
  );
}
