import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { TemplateLang } from '../../shared/templates/model.ts';
import { TemplateLibrary, type TemplateLibraryActions } from '../components/TemplateLibrary.tsx';
import type { WebcareDb } from '../db/schema.ts';
import {
  deleteTemplate,
  exportTemplateFile,
  importTemplateFile,
  listTemplates,
  saveTemplate,
} from '../db/templates.ts';

export interface TemplateLibraryContainerProps {
  db: WebcareDb;
  me: string;
  lang: TemplateLang;
  dateTime(ms: number): string;
  onClose(): void;
}

/** The template library over the templates table: read whole (it is small), written per action. */
export function TemplateLibraryContainer({ db, me, ...p }: TemplateLibraryContainerProps) {
  const templates = useLiveQuery(() => listTemplates(db), [db]);
  const actions = useMemo(
    (): TemplateLibraryActions => ({
      save: (template, customFields) => saveTemplate(db, template, customFields, Date.now()),
      remove: (id) => deleteTemplate(db, id),
      importFile: (text, customFields) =>
        importTemplateFile(db, text, { owner: me, now: Date.now(), customFields }),
      exportFile: (customFields) => exportTemplateFile(db, customFields, Date.now()),
    }),
    [db, me],
  );
  return <TemplateLibrary {...p} me={me} templates={templates} actions={actions} />;
}
