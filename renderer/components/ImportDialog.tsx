import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { resources } from '../../shared/i18n/resources.ts';
import { importErrorI18nKey } from '../../shared/interchange/jsonl.ts';
import type { ImportReport } from '../db/importExport.ts';
import { Dialog } from './Dialog.tsx';

const MAX_ERRORS_SHOWN = 200;

const FIELDS = resources.en.app.import.fields;
type FieldKey = keyof typeof FIELDS;
const isField = (f: string): f is FieldKey => Object.hasOwn(FIELDS, f);

/** A field as the agent reads it: its JSON name and what it means in their language. */
function fieldLabel(t: TFunction<'app'>, field: string | null): string {
  if (!field) return '';
  const base = field.replace(/\[\d+\]/g, '');
  return isField(base)
    ? t('import.field', { name: field, meaning: t(`import.fields.${base}`) })
    : t('import.fieldUnknown', { name: field });
}

/** Import a JSONL file (message format v1) with a per-line report, or export everything. */
export function ImportDialog({
  onClose,
  onImport,
  onExport: exportAll,
}: {
  onClose: () => void;
  /** Imports a file's bytes (`history`: as old messages that reopen nothing) and reports per line. */
  onImport: (bytes: Uint8Array, history: boolean) => Promise<ImportReport>;
  /** Everything as JSON Lines, and how many messages that is. */
  onExport: () => Promise<{ text: string; count: number }>;
}) {
  const { t } = useTranslation();
  const { t: ts } = useTranslation('storage');
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [exported, setExported] = useState<number | null>(null);
  const [history, setHistory] = useState(false);

  const onFile = async (file: File) => {
    setBusy(t('import.reading', { name: file.name }));
    setReport(null);
    setFailure(null);
    try {
      // Bytes, not file.text(): the shared parser recognises UTF-16 files by their BOM, as the CLI does.
      const bytes = new Uint8Array(await file.arrayBuffer());
      setReport(await onImport(bytes, history));
    } catch (e) {
      setFailure(t('import.unreadable', { message: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  };

  const onExport = async () => {
    const { text, count } = await exportAll();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `webcare-export-${new Date().toISOString().slice(0, 10)}.jsonl`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setExported(count);
  };

  return (
    <Dialog title={t('import.title')} onClose={onClose} wide testId="import-dialog">
      <section className="io-section">
        <h3>{t('import.importTitle')}</h3>
        <p className="muted small">{t('import.importHint')}</p>
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={history}
            onChange={(e) => setHistory(e.target.checked)}
            data-testid="import-history"
          />{' '}
          {t('import.history')}
        </label>
        <label className="file-button">
          {t('import.choose')}
          <input
            type="file"
            accept=".jsonl,.ndjson,.json,application/x-ndjson,application/json,text/plain"
            data-testid="import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void onFile(f);
              e.target.value = '';
            }}
          />
        </label>
        {busy && <p aria-busy="true">{busy}</p>}
        {failure && (
          <p className="form-error" role="alert">
            {failure}
          </p>
        )}
        {report && (
          <div className="import-report" data-testid="import-report">
            <p>
              <strong>
                {t('import.done', {
                  imported: report.imported,
                  skipped: report.skipped,
                  errors: report.errors.length,
                  count: report.total,
                })}
              </strong>
            </p>
            {report.stopped && (
              <p
                className="form-error"
                role="alert"
                data-testid="import-stopped"
                data-reason={report.stopped.reason}
              >
                {report.stopped.reason === 'reserve'
                  ? ts('import.stoppedReserve', { count: report.stopped.remaining })
                  : report.stopped.reason === 'full'
                    ? ts('import.stoppedFull', { count: report.stopped.remaining })
                    : ts('import.stoppedFailed', { count: report.stopped.remaining })}
              </p>
            )}
            {report.errors.length > 0 && (
              <>
                <h4>{t('import.errorsTitle')}</h4>
                <ul className="error-lines">
                  {report.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => (
                    <li key={e.line} data-testid="import-error" data-code={e.code}>
                      <span className="line-no">{t('import.line', { line: e.line })}</span>{' '}
                      <span title={e.detail}>
                        {t(importErrorI18nKey(e.code), {
                          field: fieldLabel(t, e.code === 'duplicate_id' ? 'id' : (e.field ?? null)),
                        })}
                      </span>
                      <details className="error-detail">
                        <summary>{t('import.detail')}</summary>
                        <code lang="en">{e.detail}</code>
                      </details>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </section>
      <section className="io-section">
        <h3>{t('import.exportTitle')}</h3>
        <p className="muted small">{t('import.exportHint')}</p>
        <button onClick={() => void onExport()} data-testid="export">
          {t('import.export')}
        </button>
        {exported !== null && <p className="muted">{t('import.exported', { count: exported })}</p>}
      </section>
    </Dialog>
  );
}
