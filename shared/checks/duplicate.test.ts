import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_SETTINGS } from './types.ts';
import {
  bandKeys,
  checkNearDuplicate,
  contentWords,
  customerNames,
  minhash,
  recentReply,
  ReplyIndex,
  similarity,
} from './duplicate.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 1, 12);
const settings = DEFAULT_CHECK_SETTINGS.duplicate;

function indexOf(texts: Array<[string, number]>, brand = 'belnet') {
  const index = new ReplyIndex();
  texts.forEach(([text, hoursAgo], i) =>
    index.add(
      recentReply(
        { id: `r${i}`, brand, channel: 'x', conversationId: `c${i}`, sentAt: NOW - hoursAgo * HOUR, text },
        { minWords: settings.minWords },
      ),
    ),
  );
  return index;
}

const STORING =
  'klopt, er is op dit moment een storing. Onze technici zijn ermee bezig en we doen er alles aan om het zo snel mogelijk op te lossen. Sorry voor het ongemak!';

describe('near-duplicate public replies', () => {
  it("takes the customer's name out wherever it stands, with one definition of the names", () => {
    expect(customerNames(null)).toEqual([]);
    expect(customerNames({ name: 'Sanne de Vries', handle: null })).toEqual(['Sanne de Vries']);
    expect(customerNames({ name: '', handle: 'sanne_dv' })).toEqual(['sanne_dv']);
    // The name inside the sentence (not only in the greeting) differs per reply too.
    const body = (name: string) => `${STORING} Laat je het weten, ${name}?`;
    const a = minhash(contentWords(body('Sanne'), customerNames({ name: 'Sanne', handle: 'sanne_dv' })), 6);
    const b = minhash(contentWords(body('Kees'), customerNames({ name: 'Kees', handle: 'kees' })), 6);
    expect(similarity(a, b)).toBe(1);
    const kept = minhash(contentWords(body('Kees'), []), 6);
    expect(similarity(a, kept)).toBeLessThan(1);
  });

  it('compares content only: greeting, names, handles and signature differ per reply', () => {
    expect(contentWords('@sanne_dv Hoi Sanne, sorry voor het wachten! ^JV')).toEqual([
      'sorry',
      'voor',
      'het',
      'wachten',
    ]);
    const a = minhash(contentWords(`Hoi Sanne, ${STORING} ^JV`), 6);
    const b = minhash(contentWords(`@piet Hi Piet, ${STORING} ^KB`), 6);
    expect(similarity(a, b)).toBe(1);
    expect(bandKeys(a)).toEqual(bandKeys(b));
  });

  it('warns when the same text already went out N times in 24 hours, newest first', () => {
    const index = indexOf([
      [`Hoi Sanne, ${STORING}`, 1],
      [`Hoi Piet, ${STORING}`, 2],
      [`Hoi Kees, ${STORING.replace('Sorry voor het ongemak!', 'Sorry!')}`, 3],
      [`Hoi Ans, ${STORING}`, 30], // outside the window
    ]);
    const finding = checkNearDuplicate(
      { text: `Hoi Fleur, ${STORING} ^JV`, brand: 'belnet', now: NOW },
      index,
      settings,
    );
    expect(finding).toMatchObject({ messageKey: 'checks.nearDuplicate', params: { count: 3, hours: 24 } });
    expect(finding!.earlier!.map((e) => e.id)).toEqual(['r0', 'r1', 'r2']);
    expect(finding!.earlier![2]!.similarity).toBeLessThan(1);
    expect(finding!.earlier![2]!.similarity).toBeGreaterThanOrEqual(settings.threshold);
  });

  it('stays quiet below N, for another brand, and for a different text', () => {
    const twice = indexOf([
      [`Hoi Sanne, ${STORING}`, 1],
      [`Hoi Piet, ${STORING}`, 2],
    ]);
    expect(
      checkNearDuplicate({ text: `Hoi Fleur, ${STORING}`, brand: 'belnet', now: NOW }, twice, settings),
    ).toBeNull();
    const other = indexOf(
      [
        [STORING, 1],
        [STORING, 2],
        [STORING, 3],
      ],
      'telco',
    );
    expect(checkNearDuplicate({ text: STORING, brand: 'belnet', now: NOW }, other, settings)).toBeNull();
    const many = indexOf([
      [STORING, 1],
      [STORING, 2],
      [STORING, 3],
    ]);
    const different =
      'Dank je voor je geduld gisteren. De monteur komt morgen tussen 8 en 12 uur langs om de kast te vervangen.';
    expect(checkNearDuplicate({ text: different, brand: 'belnet', now: NOW }, many, settings)).toBeNull();
  });

  it('never counts short replies: a repeated "Thanks!" is fine (nl and en)', () => {
    const index = indexOf(
      Array.from(
        { length: 20 },
        (_, i) => [i % 2 ? 'Thanks! ^JV' : 'Graag gedaan, fijne dag! ^KB', 1] as [string, number],
      ),
    );
    expect(
      checkNearDuplicate({ text: 'Thanks! ^JV', brand: 'belnet', now: NOW }, index, settings),
    ).toBeNull();
    expect(
      checkNearDuplicate({ text: 'Graag gedaan, fijne dag!', brand: 'belnet', now: NOW }, index, settings),
    ).toBeNull();
  });

  it('does not count the reply itself at a re-check', () => {
    const index = indexOf([
      [STORING, 1],
      [STORING, 2],
      [STORING, 3],
    ]);
    expect(
      checkNearDuplicate({ text: STORING, brand: 'belnet', now: NOW, selfId: 'r0' }, index, settings),
    ).toBeNull();
  });

  it('finds an English near-duplicate too', () => {
    const en =
      "you're right, we're having an outage at the moment. Our engineers are working on it and we're doing everything we can to get it fixed fast.";
    const index = indexOf([
      [`Hi Sam, ${en}`, 1],
      [`Hi Tom, ${en}`, 1],
      [`Hey Priya, ${en} Sorry!`, 5],
    ]);
    expect(
      checkNearDuplicate({ text: `Hi Alex, ${en}`, brand: 'belnet', now: NOW }, index, settings)?.params
        ?.count,
    ).toBe(3);
  });
});
