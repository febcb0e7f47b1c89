import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../analysis/report.ts';
import { Dialog } from './Dialog.tsx';

/** Shows a Markdown report to copy, download, or print to PDF (print styles show only the report). */
export function ReportDialog({
  title,
  markdown,
  filename,
  onClose,
}: {
  title: string;
  markdown: string;
  filename: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <Dialog title={title} onClose={onClose} wide testId="report-dialog">
      <pre className="report-text printable" data-testid="report-text">
        {markdown}
      </pre>
      <div className="dialog-actions">
        {copied && <span className="muted">{t('handover.copied')}</span>}
        <button
          onClick={() =>
            void navigator.clipboard
              ?.writeText(markdown)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {t('handover.copy')}
        </button>
        <button onClick={() => downloadText(filename, markdown)}>{t('handover.download')}</button>
        <button onClick={() => window.print()}>{t('handover.print')}</button>
        <button className="primary" onClick={onClose}>
          {t('handover.close')}
        </button>
      </div>
    </Dialog>
  );
}
