import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { downloadText, type ReportFigure } from '../analysis/report.ts';
import { svgDataUrl } from './chartSvg.ts';
import { Dialog } from './Dialog.tsx';

/**
 * Shows a Markdown report to copy, download, or print to PDF. Printing uses a copy of the report
 * outside the app (a portal on <body>): a modal dialog lives in the top layer with a bounded,
 * scrolling body, so printing the dialog itself clipped the report to its first lines. The
 * print style sheet hides the app and shows only that copy, in the normal flow of pages.
 * `figures` (the dashboard's charts as SVG) print after the text, each with its caption.
 */
export function ReportDialog({
  title,
  markdown,
  filename,
  figures = [],
  onClose,
}: {
  title: string;
  markdown: string;
  filename: string;
  figures?: readonly ReportFigure[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <Dialog title={title} onClose={onClose} wide testId="report-dialog">
      <pre className="report-text" role="region" aria-label={title} tabIndex={0} data-testid="report-text">
        {markdown}
      </pre>
      {createPortal(
        <article className="print-only print-report" aria-hidden="true">
          <h1>{title}</h1>
          <pre>{markdown}</pre>
          {figures.length > 0 && (
            <div className="print-figures">
              {figures.map((f, i) => (
                <figure key={i} className={f.wide ? 'wide' : undefined}>
                  <img src={svgDataUrl(f.svg)} alt={f.caption} />
                  <figcaption>{f.caption}</figcaption>
                </figure>
              ))}
            </div>
          )}
        </article>,
        document.body,
      )}
      {figures.length > 0 && (
        <p className="muted" data-testid="report-figures-note">
          {t('handover.printFigures', { count: figures.length })}
        </p>
      )}
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
