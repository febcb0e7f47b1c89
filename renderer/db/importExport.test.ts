import SAMPLE from '../../tests/fixtures/import-sample.jsonl?raw';
import { describe, expect, it } from 'vitest';
import { freshDbPerTest } from '../test/db.ts';
import { counterDeltas } from '../../shared/inbox/views.ts';
import { parseJsonl } from '../../shared/interchange/jsonl.ts';
import { exportJsonl, importJsonlText } from './importExport.ts';
import { addNote, queueReply } from './repo.ts';
import { importedConversation, importedMessage } from '../test/ids.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const testDb = freshDbPerTest('io');

describe('JSONL import', () => {
  it('imports the good lines, reports the bad ones with line numbers, and is idempotent', async () => {
    const first = await importJsonlText(testDb(), SAMPLE, NOW);
    expect(first).toMatchObject({ imported: 7, skipped: 0, total: 12 });
    expect(first.errors.map((e) => [e.line, e.code])).toEqual([
      [8, 'invalid_json'],
      [9, 'missing_field'],
      [10, 'invalid_field'],
      [11, 'invalid_field'],
      [12, 'duplicate_id'],
    ]);
    const messages = await testDb().messages.count();
    const conversations = await testDb().conversations.count();
    const second = await importJsonlText(testDb(), SAMPLE, NOW + 1000);
    expect(second).toMatchObject({ imported: 0, skipped: 7 });
    expect(await testDb().messages.count()).toBe(messages);
    expect(await testDb().conversations.count()).toBe(conversations);
  });

  it('a full disk stops the import at a batch boundary with a report; the re-import adds the rest', async () => {
    const lines = Array.from({ length: 1200 }, (_, i) =>
      JSON.stringify({
        id: `big-${i}`,
        channel: 'x',
        direction: 'incoming',
        public: true,
        author: { id: `a${i % 50}`, handle: `user${i % 50}` },
        text: `message ${i}`,
        createdAt: new Date(NOW - (2000 - i) * 60_000).toISOString(),
      }),
    ).join('\n');
    let batches = 0;
    testDb().log.hook('creating', () => {
      // The account event, then the third batch (lines 1001-1200) meets a full disk, as IndexedDB reports it.
      if (++batches === 4) throw new DOMException('full', 'QuotaExceededError');
    });
    const r = await importJsonlText(testDb(), lines, NOW);
    expect(r.imported).toBe(1000);
    expect(r.stopped).toMatchObject({ reason: 'full', remaining: 200 });
    expect(await testDb().messages.count()).toBe(1000);
    const again = await importJsonlText(testDb(), lines, NOW);
    expect(again).toMatchObject({ imported: 200, skipped: 1000 });
    expect(again.stopped).toBeUndefined();
  });

  it('stops before a batch once the storage reserve is reached, and other errors still throw', async () => {
    const r = await importJsonlText(testDb(), SAMPLE, NOW, { hasRoom: async () => false });
    expect(r).toMatchObject({ imported: 0, stopped: { reason: 'reserve', remaining: 7 } });
    expect(await testDb().messages.count()).toBe(0);
    testDb().log.hook('creating', () => {
      throw new Error('a bug');
    });
    await expect(importJsonlText(testDb(), SAMPLE, NOW)).rejects.toThrow('a bug');
  });

  it('reads a UTF-16 file with a BOM and CR line ends as its UTF-8 text', async () => {
    const text = SAMPLE.replace(/\r?\n/g, '\r');
    const utf16 = new Uint8Array(2 + 2 * text.length);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++)
      utf16.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + 2 * i);
    const r = await importJsonlText(testDb(), utf16, NOW);
    expect(r).toMatchObject({ imported: 7, skipped: 0, total: 12 });
    expect(r.errors.map((e) => e.line)).toEqual([8, 9, 10, 11, 12]);
  });

  it('groups a reply with its post and keeps counters consistent', async () => {
    await importJsonlText(testDb(), SAMPLE, NOW);
    const c1 = await testDb().conversations.get(importedConversation('sample-c1'));
    expect(c1?.messageCount).toBe(2);
    expect(c1?.authorId).toBe('x:1001');
    expect(c1?.waitingSince).toBeNull(); // the brand replied last
    const totals: Record<string, number> = {};
    for (const c of await testDb().conversations.toArray())
      for (const [k, v] of counterDeltas(null, c)) totals[k] = (totals[k] ?? 0) + v;
    const stored = Object.fromEntries(
      (await testDb().counters.toArray()).filter((r) => r.value).map((r) => [r.key, r.value]),
    );
    expect(stored).toEqual(totals);
  });

  it('a reply imported later joins the conversation of its stored parent', async () => {
    await importJsonlText(testDb(), SAMPLE, NOW);
    const reply = JSON.stringify({
      id: 'late-reply',
      channel: 'x',
      direction: 'incoming',
      public: true,
      inReplyTo: 'sample-2',
      author: { id: '1001', handle: 'fleur_bos' },
      text: 'Nog steeds niks!',
      createdAt: '2026-11-24T11:00:00Z',
    });
    const r = await importJsonlText(testDb(), reply, NOW);
    expect(r.imported).toBe(1);
    expect((await testDb().messages.get(importedMessage('late-reply')))?.conversationId).toBe(
      importedConversation('sample-c1'),
    );
    expect((await testDb().conversations.get(importedConversation('sample-c1')))?.status).toBe('open');
  });
});

describe('JSONL export', () => {
  it('round-trips imported messages and leaves internal notes out', async () => {
    await importJsonlText(testDb(), SAMPLE, NOW);
    await addNote(testDb(), importedConversation('sample-c1'), 'intern: niet delen', 'me', NOW);
    await queueReply(testDb(), importedConversation('sample-c1'), 'We kijken ernaar!', 'me', NOW);
    const { text, count } = await exportJsonl(testDb());
    const parsed = parseJsonl(text);
    expect(parsed.errors).toEqual([]);
    expect(count).toBe(8);
    expect(parsed.messages.map((m) => m.text)).not.toContain('intern: niet delen');
    expect(parsed.messages.map((m) => m.text)).toContain('We kijken ernaar!');
    const original = parseJsonl(SAMPLE).messages.find((m) => m.id === 'sample-1')!;
    const exported = parsed.messages.find((m) => m.id === 'sample-1')!;
    expect(exported).toMatchObject({
      text: original.text,
      channel: 'x',
      conversationId: 'sample-c1',
      author: { id: '1001' },
      createdAt: new Date(original.createdAt).toISOString(),
    });
    // A reply still in the outbox says so; a reply from the source was delivered.
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.text === 'We kijken ernaar!')).toMatchObject({ delivery: 'queued' });
    expect(lines.find((l) => l.id === 'sample-2')).not.toHaveProperty('delivery');
    // Importing the export back adds nothing.
    const again = await importJsonlText(testDb(), text, NOW + 1);
    expect(again.imported).toBe(0);
  });
});
