/**
 * Template library import and export (JSON). An import is validated template by template: good
 * templates come through, bad ones are listed with the reason and where (template number, field,
 * line and column in a body), so nothing that was right is lost and nothing wrong slips in.
 */
import { z } from 'zod';
import {
  SHORT_CODE,
  TEMPLATE_CATEGORIES,
  TEMPLATE_LANGS,
  TEMPLATE_TONES,
  VARIANT_STYLES,
  type Template,
} from './model.ts';
import { CUSTOM_FIELD_KEY, validateTemplateBody, type TemplateError } from './variables.ts';

export const TEMPLATE_FILE_FORMAT = 'webcare-templates';
export const TEMPLATE_FILE_VERSION = 1;
/** Larger files are refused before parsing (a library of a few thousand templates is ~2 MB). */
export const MAX_TEMPLATE_FILE_CHARS = 5_000_000;
export const MAX_TEMPLATES = 5_000;

const VariantSchema = z.object({
  lang: z.enum(TEMPLATE_LANGS),
  style: z.enum(VARIANT_STYLES),
  body: z.string().min(1).max(10_000),
  whatsapp: z
    .object({ name: z.string().regex(/^[a-z0-9_]{1,512}$/), language: z.string().min(2).max(15) })
    .optional(),
});

export const TemplateSchema = z.object({
  id: z.string().min(1).max(100),
  shortCode: z.string().regex(SHORT_CODE),
  title: z.object({ nl: z.string().min(1).max(200).optional(), en: z.string().min(1).max(200).optional() }),
  category: z.enum(TEMPLATE_CATEGORIES),
  tone: z.enum(TEMPLATE_TONES).default('neutral'),
  keywords: z.array(z.string().min(1).max(60)).max(50).default([]),
  variants: z.array(VariantSchema).min(1).max(40),
  owner: z.string().min(1).max(100).optional(),
  usageCount: z.number().int().min(0).default(0),
  lastUsedAt: z.number().int().min(0).nullable().default(null),
  createdAt: z.number().int().min(0).optional(),
  updatedAt: z.number().int().min(0).optional(),
});

const FileSchema = z.object({
  format: z.literal(TEMPLATE_FILE_FORMAT),
  version: z.number().int(),
  customFields: z.array(z.string().regex(CUSTOM_FIELD_KEY)).max(200).default([]),
  templates: z.array(z.unknown()).max(MAX_TEMPLATES),
});

export interface TemplateFile {
  format: typeof TEMPLATE_FILE_FORMAT;
  version: typeof TEMPLATE_FILE_VERSION;
  exportedAt: string;
  customFields: string[];
  templates: Template[];
}

export const IMPORT_ERROR_KEYS = [
  'import.tooLarge',
  'import.invalidJson',
  'import.notTemplateFile',
  'import.newerVersion',
  'import.tooMany',
  'import.field',
  'import.duplicateId',
  'import.duplicateShortCode',
  'import.body',
  'import.noTitle',
  'import.whatsappName',
] as const;
export type ImportErrorKey = (typeof IMPORT_ERROR_KEYS)[number];

export interface TemplateImportError {
  /** i18n key in the `templates` namespace. */
  messageKey: ImportErrorKey;
  /** 1-based template number in the file, or null for the file as a whole. */
  template: number | null;
  params: Record<string, string | number>;
  /** For `import.body`: the body error, with its own key and position. */
  bodyError?: TemplateError;
}

export interface TemplateImportResult {
  templates: Template[];
  customFields: string[];
  errors: TemplateImportError[];
}

/** Serializes the library; usage counts and dates travel along so that a restore is complete. */
export function exportTemplates(
  templates: readonly Template[],
  customFields: readonly string[],
  now: number,
): string {
  const file: TemplateFile = {
    format: TEMPLATE_FILE_FORMAT,
    version: TEMPLATE_FILE_VERSION,
    exportedAt: new Date(now).toISOString(),
    customFields: [...customFields],
    templates: templates.map((t) => ({ ...t })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p + 1}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

function jsonPosition(text: string, message: string): { line: number; column: number } | null {
  const m = /position (\d+)/.exec(message);
  if (!m) return null;
  const offset = Number(m[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export interface ImportOptions {
  /** Custom fields already known in settings; the file may declare more. */
  customFields?: readonly string[];
  /** Owner for templates that do not name one. */
  owner: string;
  now: number;
}

/** Parses and validates a template file. Never throws on bad input. */
export function importTemplates(text: string, options: ImportOptions): TemplateImportResult {
  const fail = (
    messageKey: ImportErrorKey,
    params: Record<string, string | number> = {},
  ): TemplateImportResult => ({
    templates: [],
    customFields: [],
    errors: [{ messageKey, template: null, params }],
  });
  if (text.length > MAX_TEMPLATE_FILE_CHARS) return fail('import.tooLarge', { max: MAX_TEMPLATE_FILE_CHARS });
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const pos = jsonPosition(text, err instanceof Error ? err.message : '');
    return fail('import.invalidJson', { line: pos?.line ?? 1, column: pos?.column ?? 1 });
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const r = raw as Record<string, unknown>;
    if (
      r.format === TEMPLATE_FILE_FORMAT &&
      typeof r.version === 'number' &&
      r.version > TEMPLATE_FILE_VERSION
    )
      return fail('import.newerVersion', { version: r.version, supported: TEMPLATE_FILE_VERSION });
    if (Array.isArray(r.templates) && r.templates.length > MAX_TEMPLATES)
      return fail('import.tooMany', { count: r.templates.length, max: MAX_TEMPLATES });
  }
  const file = FileSchema.safeParse(raw);
  if (!file.success) return fail('import.notTemplateFile');

  const customFields = [...new Set([...(options.customFields ?? []), ...file.data.customFields])];
  const errors: TemplateImportError[] = [];
  const templates: Template[] = [];
  const ids = new Set<string>();
  const codes = new Set<string>();
  file.data.templates.forEach((entry, index) => {
    const number = index + 1;
    const parsed = TemplateSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      errors.push({
        messageKey: 'import.field',
        template: number,
        params: { field: pathText(issue.path) || '-' },
      });
      return;
    }
    const t = parsed.data;
    const own: TemplateImportError[] = [];
    if (!t.title.nl && !t.title.en)
      own.push({ messageKey: 'import.noTitle', template: number, params: { code: t.shortCode } });
    t.variants.forEach((v, k) => {
      if (v.style === 'whatsapp' && !v.whatsapp)
        own.push({
          messageKey: 'import.whatsappName',
          template: number,
          params: { code: t.shortCode, variant: k + 1 },
        });
      for (const bodyError of validateTemplateBody(v.body, customFields)) {
        own.push({
          messageKey: 'import.body',
          template: number,
          params: {
            code: t.shortCode,
            variant: k + 1,
            lang: v.lang,
            style: v.style,
            line: bodyError.line,
            column: bodyError.column,
          },
          bodyError,
        });
      }
    });
    if (ids.has(t.id)) own.push({ messageKey: 'import.duplicateId', template: number, params: { id: t.id } });
    if (codes.has(t.shortCode))
      own.push({ messageKey: 'import.duplicateShortCode', template: number, params: { code: t.shortCode } });
    if (own.length) {
      errors.push(...own);
      return;
    }
    ids.add(t.id);
    codes.add(t.shortCode);
    templates.push({
      id: t.id,
      shortCode: t.shortCode,
      title: t.title,
      category: t.category,
      tone: t.tone,
      keywords: t.keywords,
      variants: t.variants,
      owner: t.owner ?? options.owner,
      usageCount: t.usageCount,
      lastUsedAt: t.lastUsedAt,
      createdAt: t.createdAt ?? options.now,
      updatedAt: t.updatedAt ?? options.now,
    });
  });
  return { templates, customFields, errors };
}

/**
 * Validates one template for saving from the editor: the same rules as an import, with body
 * errors carrying the variant index so the editor can mark the spot.
 */
export function validateTemplate(
  template: Template,
  others: readonly Template[],
  customFields: readonly string[],
): Array<TemplateImportError & { variant?: number }> {
  const result = importTemplates(
    JSON.stringify({
      format: TEMPLATE_FILE_FORMAT,
      version: TEMPLATE_FILE_VERSION,
      customFields,
      templates: [template],
    }),
    { customFields, owner: template.owner, now: template.updatedAt },
  );
  const errors: Array<TemplateImportError & { variant?: number }> = result.errors.map((e) =>
    typeof e.params.variant === 'number' ? { ...e, variant: e.params.variant - 1 } : e,
  );
  if (others.some((o) => o.id !== template.id && o.shortCode === template.shortCode))
    errors.push({
      messageKey: 'import.duplicateShortCode',
      template: null,
      params: { code: template.shortCode },
    });
  return errors;
}
