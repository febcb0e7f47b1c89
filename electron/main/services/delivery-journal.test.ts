import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeRecord, openDeliveryJournal, readJournal } from './delivery-journal.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'webcare-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = Date.UTC(2026, 11, 1, 9);

describe('delivery journal', () => {
  it('remembers attempts and acceptances per account and key across reopen', async () => {
    const journal = await openDeliveryJournal(dir);
    expect(journal.state('email-a', 'k1@x.test')).toEqual({ state: 'none' });
    await journal.append({
      type: 'attempt',
      accountId: 'email-a',
      key: 'k1@x.test',
      at,
      remoteId: 'k1@x.test',
    });
    expect(journal.state('email-a', 'k1@x.test')).toEqual({ state: 'attempted', remoteId: 'k1@x.test', at });
    await journal.append({
      type: 'accepted',
      accountId: 'email-a',
      key: 'k1@x.test',
      at: at + 1,
      remoteId: 'k1@x.test',
    });
    await journal.append({ type: 'attempt', accountId: 'email-b', key: 'k1@x.test', at: at + 2 });
    await journal.append({
      type: 'refused',
      accountId: 'email-b',
      key: 'k1@x.test',
      at: at + 3,
      reason: '550 no',
    });
    await journal.close();

    const again = await openDeliveryJournal(dir);
    expect(again.state('email-a', 'k1@x.test')).toEqual({
      state: 'accepted',
      remoteId: 'k1@x.test',
      at: at + 1,
    });
    expect(again.state('email-b', 'k1@x.test')).toEqual({ state: 'refused', reason: '550 no', at: at + 3 });
    expect(statSync(again.path).mode & 0o777).toBe(0o600);
    await again.close();
  });

  it('never lets a later refusal or release undo an acceptance', async () => {
    const journal = await openDeliveryJournal(dir);
    await journal.append({ type: 'attempt', accountId: 'a', key: 'k', at });
    await journal.append({ type: 'accepted', accountId: 'a', key: 'k', at, remoteId: 'r' });
    await journal.append({ type: 'refused', accountId: 'a', key: 'k', at, reason: 'x' });
    await journal.append({ type: 'released', accountId: 'a', key: 'k', at });
    expect(journal.state('a', 'k').state).toBe('accepted');
    await journal.close();
  });

  it('skips a torn last record and cuts it off so the next record starts clean', async () => {
    const path = join(dir, 'delivery-journal.log');
    const whole = encodeRecord({ v: 1, type: 'attempt', accountId: 'a', key: 'k1', at });
    const torn = encodeRecord({ v: 1, type: 'accepted', accountId: 'a', key: 'k1', at, remoteId: 'r' }).slice(
      0,
      30,
    );
    writeFileSync(path, whole + torn);
    expect(readJournal(path)).toMatchObject({ damaged: 0, tornTailBytes: torn.length });
    const logs: string[] = [];
    const journal = await openDeliveryJournal(dir, { log: (l) => logs.push(l) });
    expect(journal.state('a', 'k1')).toMatchObject({ state: 'attempted' });
    expect(logs.join()).toContain('torn record');
    await journal.append({ type: 'accepted', accountId: 'a', key: 'k1', at, remoteId: 'r' });
    await journal.close();
    const report = readJournal(path);
    expect(report).toMatchObject({ damaged: 0, tornTailBytes: 0 });
    expect(report.records.map((r) => r.type)).toEqual(['attempt', 'accepted']);
  });

  it('reads a last record that lost only its newline', () => {
    const path = join(dir, 'delivery-journal.log');
    writeFileSync(path, encodeRecord({ v: 1, type: 'attempt', accountId: 'a', key: 'k', at }).trimEnd());
    expect(readJournal(path)).toMatchObject({ damaged: 0, tornTailBytes: 0, records: [{ key: 'k' }] });
  });

  it('skips a damaged record in the middle and keeps the ones after it', async () => {
    const path = join(dir, 'delivery-journal.log');
    const first = encodeRecord({ v: 1, type: 'attempt', accountId: 'a', key: 'k1', at });
    const flipped = encodeRecord({
      v: 1,
      type: 'accepted',
      accountId: 'a',
      key: 'k1',
      at,
      remoteId: 'r',
    }).replace('accepted', 'acceptee');
    const third = encodeRecord({ v: 1, type: 'attempt', accountId: 'a', key: 'k2', at });
    writeFileSync(path, first + flipped + 'garbage without checksum\n' + third);
    const report = readJournal(path);
    expect(report.damaged).toBe(2);
    expect(report.records.map((r) => r.key)).toEqual(['k1', 'k2']);
    const journal = await openDeliveryJournal(dir);
    // The damaged acceptance is not believed: the key stays undecided (a person or the channel decides).
    expect(journal.state('a', 'k1').state).toBe('attempted');
    await journal.close();
  });

  it('serialises concurrent appends into whole lines', async () => {
    const journal = await openDeliveryJournal(dir);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        journal.append({ type: 'attempt', accountId: 'a', key: `key-${i}`, at }),
      ),
    );
    await journal.close();
    const report = readJournal(join(dir, 'delivery-journal.log'));
    expect(report.records).toHaveLength(50);
    expect(report.damaged).toBe(0);
  });

  it('compacts a long journal to the records that decide each key', async () => {
    const path = join(dir, 'delivery-journal.log');
    for (let i = 0; i < 30; i += 1) {
      appendFileSync(
        path,
        encodeRecord({ v: 1, type: 'attempt', accountId: 'a', key: `k${i % 3}`, at: at + i }),
      );
      if (i % 3 === 0)
        appendFileSync(
          path,
          encodeRecord({
            v: 1,
            type: 'refused',
            accountId: 'a',
            key: `k${i % 3}`,
            at: at + i,
            reason: '451',
          }),
        );
    }
    appendFileSync(
      path,
      encodeRecord({ v: 1, type: 'accepted', accountId: 'a', key: 'k1', at, remoteId: 'r1' }),
    );
    const before = await openDeliveryJournal(dir);
    const states = ['k0', 'k1', 'k2'].map((k) => before.state('a', k));
    await before.close();
    const compacted = await openDeliveryJournal(dir, { compactAbove: 10 });
    expect(['k0', 'k1', 'k2'].map((k) => compacted.state('a', k))).toEqual(states);
    await compacted.close();
    expect(readFileSync(path, 'utf8').trim().split('\n').length).toBeLessThanOrEqual(4);
  });
});
