import { describe, expect, it } from 'vitest';
import { freshDbPerTest } from '../test/db.ts';
import { starterTemplates } from '../../shared/templates/starter.ts';
import {
  deleteTemplate,
  ensureStarterTemplates,
  exportTemplateFile,
  importTemplateFile,
  listTemplates,
  recordTemplateUse,
  saveTemplate,
} from './templates.ts';

const NOW = Date.UTC(2026, 11, 1, 9);
const testDb = freshDbPerTest('templates');

describe('template library storage', () => {
  it('seeds the starter library once, and not again after a team deleted some', async () => {
    const db = testDb();
    expect(await ensureStarterTemplates(db, NOW)).toBe(true);
    const first = await listTemplates(db);
    expect(first.length).toBe(starterTemplates(NOW).length);
    await deleteTemplate(db, 'starter-sorry');
    expect(await ensureStarterTemplates(db, NOW + 1)).toBe(false);
    expect((await listTemplates(db)).some((t) => t.id === 'starter-sorry')).toBe(false);
  });

  it('saves a valid template and refuses one with an unknown variable, writing nothing', async () => {
    const db = testDb();
    await ensureStarterTemplates(db, NOW);
    const base = (await listTemplates(db)).find((t) => t.shortCode === 'refund')!;
    const mine = { ...base, id: 'mine-1', shortCode: 'geld-terug', owner: 'me' };
    expect(await saveTemplate(db, mine, [], NOW + 5)).toMatchObject({
      ok: true,
      template: { updatedAt: NOW + 5 },
    });
    const bad = {
      ...mine,
      id: 'mine-2',
      shortCode: 'fout',
      variants: [{ lang: 'nl' as const, style: 'default' as const, body: 'Beste {{naam}}' }],
    };
    const r = await saveTemplate(db, bad, [], NOW);
    expect(r).toMatchObject({
      ok: false,
      errors: [{ messageKey: 'import.body', variant: 0, bodyError: { column: 7 } }],
    });
    const taken = await saveTemplate(db, { ...mine, id: 'mine-3' }, [], NOW);
    expect(taken).toMatchObject({ ok: false, errors: [{ messageKey: 'import.duplicateShortCode' }] });
    expect((await listTemplates(db)).map((t) => t.id)).not.toContain('mine-2');
  });

  it('counts uses and lists the most used first', async () => {
    const db = testDb();
    await ensureStarterTemplates(db, NOW);
    await recordTemplateUse(db, 'starter-dm', NOW + 1);
    await recordTemplateUse(db, 'starter-dm', NOW + 2);
    const [top] = await listTemplates(db);
    expect(top).toMatchObject({ id: 'starter-dm', usageCount: 2, lastUsedAt: NOW + 2 });
  });

  it('exports and imports: known ids replace, new ones are added, bad ones are reported', async () => {
    const db = testDb();
    await ensureStarterTemplates(db, NOW);
    const file = JSON.parse(await exportTemplateFile(db, [], NOW)) as {
      templates: Array<Record<string, unknown>>;
    };
    const changed: Record<string, unknown> = { ...file.templates[0]!, title: { nl: 'Aangepast' } };
    const added = { ...file.templates[1]!, id: 'new-1', shortCode: 'nieuw' };
    const clash = { ...file.templates[2]!, id: 'new-2' }; // short code of a stored template
    const broken = {
      ...file.templates[3]!,
      id: 'new-3',
      shortCode: 'kapot',
      variants: [{ lang: 'en', style: 'default', body: 'Hi {{customer.firstName' }],
    };
    const text = JSON.stringify({ ...file, templates: [changed, added, clash, broken] });
    const report = await importTemplateFile(db, text, { owner: 'me', now: NOW, customFields: [] });
    expect(report).toMatchObject({ added: 1, replaced: 1 });
    expect(report.errors.map((e) => e.messageKey).sort()).toEqual([
      'import.body',
      'import.duplicateShortCode',
    ]);
    const all = await listTemplates(db);
    expect(all.find((t) => t.id === changed.id)?.title).toEqual({ nl: 'Aangepast' });
    expect(all.some((t) => t.id === 'new-1')).toBe(true);
    expect(all.some((t) => t.id === 'new-2' || t.id === 'new-3')).toBe(false);
  });

  it('reports a file that is not JSON and leaves the library as it was', async () => {
    const db = testDb();
    await ensureStarterTemplates(db, NOW);
    const before = await listTemplates(db);
    const report = await importTemplateFile(db, 'not json', { owner: 'me', now: NOW, customFields: [] });
    expect(report).toMatchObject({ added: 0, replaced: 0, errors: [{ messageKey: 'import.invalidJson' }] });
    expect(await listTemplates(db)).toEqual(before);
  });
});
