import { ImportDialog } from '../components/ImportDialog.tsx';
import { exportJsonl, importJsonlText } from '../db/importExport.ts';
import type { WebcareDb } from '../db/schema.ts';

export interface ImportContainerProps {
  db: WebcareDb;
  onClose(): void;
  /** The conversations an import added to or changed (they are scored next). */
  onImported(conversationIds: string[]): void;
  /** False once storage is at its reserve: the import stops before the next batch. */
  hasRoom(): Promise<boolean>;
}

/** Import and export of JSON Lines: the dialog, with the ingest pipeline behind it. */
export function ImportContainer({ db, onClose, onImported, hasRoom }: ImportContainerProps) {
  return (
    <ImportDialog
      onClose={onClose}
      onImport={async (bytes, history) => {
        const report = await importJsonlText(db, bytes, Date.now(), { history, hasRoom });
        if (report.conversationIds.length) onImported(report.conversationIds);
        return report;
      }}
      onExport={() => exportJsonl(db)}
    />
  );
}
