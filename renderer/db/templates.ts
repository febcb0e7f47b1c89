/**
 * The template library in IndexedDB (table `templates`, one row per template as
 * shared/templates/model.ts defines it). The library is small and bounded (MAX_TEMPLATES), so it
 * is read whole into memory for search and suggestions; nothing here touches inbox-sized tables.
 */
import type { Template } from '../../shared/templates/model.ts';
import { recordUse } from '../../shared/templates/model.ts';
import { starterTemplates } from '../../shared/templates/starter.ts';
import {
  exportTemplates,
  importTemplates,
  validateTemplate,
  type TemplateImportError,
} from '../../shared/templates/io.ts';
import type { WebcareDb } from './schema.ts';

const STARTER_SEEDED = 'templates.starterSeeded';

function table(db: WebcareDb) {
  return db.table<Template, string>('templates');
}

/** Rows that are templates in the current shape (older builds never wrote any; be safe anyway). */
function isTemplate(row: unknown): row is Template {
  const r = row as Partial<Template> | null;
  return !!r && typeof r.shortCode === 'string' && Array.isArray(r.variants);
}

/**
 * Puts the starter library in once, on first run. A team that deletes starter templates does not
 * get them back on the next start (the meta flag remembers).
 */
export async function ensureStarterTemplates(db: WebcareDb, now: number): Promise<boolean> {
  return db.transaction('rw', [table(db), db.meta], async () => {
    if (await db.meta.get(STARTER_SEEDED)) return false;
    const existing = new Set((await table(db).toArray()).filter(isTemplate).map((t) => t.shortCode));
    await table(db).bulkPut(starterTemplates(now).filter((t) => !existing.has(t.shortCode)));
    await db.meta.put({ key: STARTER_SEEDED, value: now });
    return true;
  });
}

/** The whole library, most used first, then by short code. */
export async function listTemplates(db: WebcareDb): Promise<Template[]> {
  const rows = (await table(db).toArray()).filter(isTemplate);
  return rows.sort((a, b) => b.usageCount - a.usageCount || a.shortCode.localeCompare(b.shortCode));
}

export type SaveTemplateResult =
  { ok: true; template: Template } | { ok: false; errors: Array<TemplateImportError & { variant?: number }> };

/** Validates and saves a template (new or edited); nothing is written when it has errors. */
export async function saveTemplate(
  db: WebcareDb,
  template: Template,
  customFields: readonly string[],
  now: number,
): Promise<SaveTemplateResult> {
  return db.transaction('rw', table(db), async () => {
    const others = (await table(db).toArray()).filter(isTemplate);
    const stamped: Template = { ...template, updatedAt: now };
    const errors = validateTemplate(stamped, others, customFields);
    if (errors.length) return { ok: false, errors };
    await table(db).put(stamped);
    return { ok: true, template: stamped };
  });
}

export async function deleteTemplate(db: WebcareDb, id: string): Promise<void> {
  await table(db).delete(id);
}

/** Counts one use (the agent inserted it into a reply that was sent). */
export async function recordTemplateUse(db: WebcareDb, id: string, now: number): Promise<void> {
  await db.transaction('rw', table(db), async () => {
    const t = await table(db).get(id);
    if (isTemplate(t)) await table(db).put(recordUse(t, now));
  });
}

export interface TemplateImportReport {
  added: number;
  replaced: number;
  errors: TemplateImportError[];
}

/**
 * Imports a template file: templates with a known id replace the stored one, new ones are added,
 * a short code that belongs to another stored template is refused. Good templates are written
 * in one transaction; bad ones are reported and nothing of them is written.
 */
export async function importTemplateFile(
  db: WebcareDb,
  text: string,
  options: { owner: string; now: number; customFields: readonly string[] },
): Promise<TemplateImportReport> {
  const parsed = importTemplates(text, options);
  return db.transaction('rw', table(db), async () => {
    const stored = (await table(db).toArray()).filter(isTemplate);
    const byId = new Map(stored.map((t) => [t.id, t]));
    const codeOwner = new Map(stored.map((t) => [t.shortCode, t.id]));
    const errors = [...parsed.errors];
    const write: Template[] = [];
    let replaced = 0;
    for (const t of parsed.templates) {
      const owner = codeOwner.get(t.shortCode);
      if (owner && owner !== t.id) {
        errors.push({
          messageKey: 'import.duplicateShortCode',
          template: null,
          params: { code: t.shortCode },
        });
        continue;
      }
      if (byId.has(t.id)) replaced++;
      write.push(t);
    }
    await table(db).bulkPut(write);
    return { added: write.length - replaced, replaced, errors };
  });
}

/** The library as a template file (JSON). */
export async function exportTemplateFile(
  db: WebcareDb,
  customFields: readonly string[],
  now: number,
): Promise<string> {
  return exportTemplates(await listTemplates(db), customFields, now);
}
