import { describe, expect, it } from 'vitest';
import { freshDbPerTest } from '../test/db.ts';
import { LEGACY_DEMO_LABEL_NAMES } from '../../shared/demo/brands.ts';
import { DEMO_ESCALATION_ID } from '../../shared/demo/ingest.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { localizeDemoLabels, seedDemo, syncDemoInbox } from './demo.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const testDb = freshDbPerTest('demo');

const names = async () => Object.fromEntries((await testDb().labels.toArray()).map((l) => [l.id, l.name]));

describe('demo labels in the user’s language', () => {
  it('are seeded in the UI language at first run; the seeded escalation is there as before', async () => {
    expect(await syncDemoInbox(testDb(), DEFAULT_SETTINGS, NOW, 'nl')).toBe('seeded');
    expect(await names()).toMatchObject({ billing: 'Facturen', outage: 'Storing', praise: 'Compliment' });
    expect(await testDb().conversations.get(DEMO_ESCALATION_ID)).toBeDefined();
  });

  it('follow a language switch, but a renamed demo label and the user’s own labels stay as written', async () => {
    await seedDemo(testDb(), DEFAULT_SETTINGS, NOW, 'nl', 300);
    await testDb().labels.update('praise', { name: 'Lof' });
    await testDb().labels.put({ id: 'terugbellen', name: 'Terugbellen', color: '#6b7280' });

    expect(await localizeDemoLabels(testDb(), 'en')).toBe(5); // app and VIP are the same in both
    expect(await names()).toMatchObject({
      billing: 'Billing',
      outage: 'Outage',
      praise: 'Lof',
      terugbellen: 'Terugbellen',
    });
    await localizeDemoLabels(testDb(), 'nl');
    expect(await names()).toMatchObject({ billing: 'Facturen', praise: 'Lof', terugbellen: 'Terugbellen' });
    expect(await localizeDemoLabels(testDb(), 'nl')).toBe(0);
  });

  it('an inbox seeded before labels were localized gets them renamed once, unless the user renamed them', async () => {
    await seedDemo(testDb(), DEFAULT_SETTINGS, NOW, 'en');
    // What an older version left behind: English names, "Storing / outage", no record of ours.
    await testDb().meta.delete('demo-labels');
    for (const [id, name] of Object.entries(LEGACY_DEMO_LABEL_NAMES))
      await testDb().labels.update(id, { name });
    await testDb().labels.update('refund', { name: 'Geld terug' });

    await localizeDemoLabels(testDb(), 'nl');
    expect(await names()).toMatchObject({ billing: 'Facturen', outage: 'Storing', refund: 'Geld terug' });
    await localizeDemoLabels(testDb(), 'en');
    expect(await names()).toMatchObject({ billing: 'Billing', outage: 'Outage', refund: 'Geld terug' });
  });

  it('never renames labels when no demo was ever seeded, even one named like a demo label', async () => {
    await testDb().labels.put({ id: 'billing', name: 'Billing', color: '#6b7280' });
    expect(await localizeDemoLabels(testDb(), 'nl')).toBe(0);
    expect(await names()).toEqual({ billing: 'Billing' });
  });
});
