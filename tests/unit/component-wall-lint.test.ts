// The ESLint half of the database wall (eslint.config.js, renderer/components/**): what it
// refuses and what it lets through, linted as if the text were a component.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

async function lintAsComponent(text: string, file = 'renderer/components/Probe.tsx') {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(text, { filePath: resolve(ROOT, file) });
  return result!.messages
    .filter((m) => /no-restricted-imports|no-import-type-side-effects/.test(m.ruleId ?? ''))
    .map((m) => m.line);
}

describe('lint: presentational components never import the database', () => {
  it('refuses Dexie, the db and data folders as values, the handle even as a type, inline type imports', async () => {
    const text = [
      "import { useLiveQuery } from 'dexie-react-hooks';",
      "import type { Table } from 'dexie';",
      "import { listTemplates } from '../db/templates.ts';",
      "import { useCounters } from '../data/hooks.ts';",
      "import type { WebcareDb } from '../db/schema.ts';",
      "import { type Template } from '../db/templates.ts';",
      "import type { OutboxRow } from '../db/schema.ts';",
      "import { shortAge } from '../i18n/format.ts';",
      'export const used = [useLiveQuery, listTemplates, useCounters, shortAge];',
      'export type Used = [Table, WebcareDb, Template, OutboxRow];',
      '',
    ].join('\n');
    expect(await lintAsComponent(text)).toEqual([1, 2, 3, 4, 5, 6]);
  }, 60_000);

  it('leaves containers alone: they are where the database is read', async () => {
    const text = [
      "import { useLiveQuery } from 'dexie-react-hooks';",
      "import type { WebcareDb } from '../db/schema.ts';",
      "import { listTemplates } from '../db/templates.ts';",
      'export const useTemplates = (db: WebcareDb) => useLiveQuery(() => listTemplates(db), [db]);',
      '',
    ].join('\n');
    expect(await lintAsComponent(text, 'renderer/containers/Probe.tsx')).toEqual([]);
  }, 60_000);
});
