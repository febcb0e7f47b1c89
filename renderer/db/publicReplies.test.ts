import { describe, expect, it } from 'vitest';
import { checkNearDuplicate } from '../../shared/checks/duplicate.ts';
import { DEFAULT_CHECK_SETTINGS } from '../../shared/checks/types.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema.ts';
import { freshDbPerTest } from '../test/db.ts';
import { importedConversation } from '../test/ids.ts';
import { removeDemo, seedDemo } from './demo.ts';
import { importJsonlText } from './importExport.ts';
import { prunePublicReplies, publicReplyCandidates, PUBLIC_REPLY_RETENTION_MS } from './publicReplies.ts';
import { addNote, queueReply } from './repo.ts';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const testDb = freshDbPerTest('public-replies');
const DUP = DEFAULT_CHECK_SETTINGS.duplicate;

const STOCK =
  'Wat vervelend dat je dit meemaakt! We kijken er direct naar en laten je vandaag nog weten wat er aan de hand is.';

async function importFour(brand = 'belnet') {
  const lines = [1, 2, 3, 4, 5].map((n) =>
    JSON.stringify({
      id: `m${n}`,
      channel: 'x',
      conversationId: `c${n}`,
      direction: 'incoming',
      public: true,
      author: { id: `${1000 + n}`, handle: `klant_${n}`, name: `Klant ${n}` },
      text: 'Al drie dagen geen internet, wat is er aan de hand?',
      createdAt: new Date(NOW - 3_600_000).toISOString(),
      brand: n === 5 ? 'other' : brand,
    }),
  );
  await importJsonlText(testDb(), lines.join('\n'), NOW);
}

const candidatesFor = (text: string, brand: string | null, now = NOW) =>
  publicReplyCandidates(testDb(), {
    text,
    brand,
    names: ['Klant 4', 'klant_4'],
    minWords: DUP.minWords,
    now,
    windowHours: DUP.windowHours,
  });

const check = async (text: string, brand: string | null, now = NOW) =>
  checkNearDuplicate({ text, brand, now }, await candidatesFor(text, brand, now), DUP);

describe('the near-duplicate index of public replies', () => {
  it('holds every queued public reply, so the fourth copy for the same brand warns', async () => {
    await importFour();
    for (const n of [1, 2, 3])
      await queueReply(testDb(), importedConversation(`c${n}`), `Hoi Klant ${n}, ${STOCK}`, 'me', NOW + n);
    expect(await testDb().publicReplies.count()).toBe(3);
    const finding = await check(`Hoi Klant 4, ${STOCK}`, 'belnet', NOW + 10);
    expect(finding?.params).toMatchObject({ count: 3 });
    expect(finding?.earlier?.map((e) => e.conversationId)).toEqual(
      [3, 2, 1].map((n) => importedConversation(`c${n}`)),
    );
    // Reworded, it is the agent's own text: no warning.
    expect(
      await check(
        'Hoi Klant 4, sorry voor de storing in Utrecht. De monteur komt morgen tussen 8 en 12 uur langs.',
        'belnet',
      ),
    ).toBeNull();
    // Another brand's replies do not count, nor do replies outside the window.
    expect(await check(`Hoi Klant 4, ${STOCK}`, 'other')).toBeNull();
    expect(
      await check(`Hoi Klant 4, ${STOCK}`, 'belnet', NOW + (DUP.windowHours + 1) * 3_600_000),
    ).toBeNull();
  });

  it('leaves internal notes and private replies out', async () => {
    await importFour();
    await addNote(testDb(), importedConversation('c1'), STOCK, 'me', NOW);
    expect(await testDb().publicReplies.count()).toBe(0);
  });

  it('prunes rows older than the retention, per brand, and keeps the rest', async () => {
    await importFour();
    const WEEK = PUBLIC_REPLY_RETENTION_MS;
    await queueReply(testDb(), importedConversation('c1'), STOCK, 'me', NOW - 2 * 3_600_000);
    await queueReply(testDb(), importedConversation('c2'), STOCK, 'me', NOW + WEEK);
    await queueReply(testDb(), importedConversation('c5'), STOCK, 'me', NOW - 3_600_000);
    expect(await testDb().publicReplies.count()).toBe(3);
    // A week on, the two early ones (two brands) are past the retention.
    expect(await prunePublicReplies(testDb(), NOW + WEEK)).toBe(2);
    expect((await testDb().publicReplies.toArray()).map((r) => r.conversationId)).toEqual([
      importedConversation('c2'),
    ]);
  });

  it('is seeded with the demo inbox’s recent public replies (older ones could never match) and removed with the demo', async () => {
    await seedDemo(testDb(), DEFAULT_SETTINGS, NOW, 'en', 200);
    const publicOut = await testDb()
      .messages.filter((m) => m.direction === 'outgoing' && m.public)
      .toArray();
    const recent = publicOut.filter((m) => m.createdAt >= NOW - PUBLIC_REPLY_RETENTION_MS);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(publicOut.length);
    expect((await testDb().publicReplies.toCollection().primaryKeys()).sort()).toEqual(
      recent.map((m) => m.id).sort(),
    );
    await removeDemo(testDb(), NOW);
    expect(await testDb().publicReplies.count()).toBe(0);
  });
});
