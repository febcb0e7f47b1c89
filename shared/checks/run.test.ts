import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../templates/render.ts';
import { draftFromText, insertTemplate, provenanceOf } from '../templates/draft.ts';
import { starterTemplates } from '../templates/starter.ts';
import { recentReply, ReplyIndex } from './duplicate.ts';
import { decideSend, overrideFor, recheckForSend, runChecks, type CheckInput } from './run.ts';
import { checkSettings, DEFAULT_CHECK_SETTINGS } from './types.ts';

const NOW = Date.UTC(2026, 11, 1, 12);
const base: CheckInput = {
  text: '',
  channel: 'x',
  public: true,
  brand: 'belnet',
  now: NOW,
  customer: { name: 'Sanne de Vries', handle: 'sannedv' },
  customerMessages: [{ text: 'Al twee dagen geen internet, wat is er aan de hand?' }],
};

describe('runChecks', () => {
  it('passes a good personal reply with only the hint', () => {
    const body = 'Hoi {{customer.firstName}}, sorry voor het ongemak! We zoeken uit wat er aan de hand is.';
    const r = renderTemplate(
      body,
      { 'customer.firstName': 'Sanne' },
      {
        edited: 'Hoi Sanne, sorry voor het ongemak! We zoeken uit wat er aan de hand is in jouw straat. ^JV',
      },
    );
    const run = runChecks(
      { ...base, text: r.text, spans: r.spans, template: { id: 'starter-sorry', tone: 'empathetic' } },
      DEFAULT_CHECK_SETTINGS,
    );
    expect(run.results.map((x) => [x.code, x.severity])).toEqual([['personalTouch', 'info']]);
    expect(run.blocked).toBe(false);
    expect(run.personalTouch).toBeGreaterThan(0.1);
  });

  it('blocks an unfilled placeholder and personal data, warns for the wrong name, sorted by severity', () => {
    const run = runChecks(
      { ...base, text: 'Hoi Piet, bel je ons op 06-12345678? Ref {{custom.order}}' },
      DEFAULT_CHECK_SETTINGS,
    );
    expect(run.results.map((x) => [x.code, x.severity])).toEqual([
      ['placeholder', 'block'],
      ['personalData', 'block'],
      ['greetingName', 'warn'],
    ]);
    expect(run.blocked).toBe(true);
  });

  it('applies the modes from settings: off, and warn instead of block', () => {
    const settings = checkSettings({ modes: { placeholder: 'warn', personalData: 'off' } });
    const run = runChecks(
      { ...base, text: 'Hoi Sanne, bel je ons op 06-12345678? Ref {{custom.order}}' },
      settings,
    );
    expect(run.results.map((x) => [x.code, x.severity])).toEqual([['placeholder', 'warn']]);
    expect(run.blocked).toBe(false);
  });

  it('blocks a reply over the X limit, with the overflow marked', () => {
    const text = `Hoi Sanne, ${'we kijken ernaar. '.repeat(20)}`;
    const run = runChecks({ ...base, text }, DEFAULT_CHECK_SETTINGS);
    const length = run.results.find((x) => x.code === 'length');
    expect(length).toMatchObject({
      severity: 'block',
      messageKey: 'checks.length.x-weighted',
      params: { limit: 280 },
    });
    expect(length!.ranges[0]!.start).toBe(280);
  });

  it('finds near-duplicates in the index it is given, and not in private replies', () => {
    const text =
      'Hoi Sanne, klopt, er is op dit moment een storing in jouw regio. Onze technici zijn ermee bezig. Sorry!';
    const index = new ReplyIndex();
    for (let i = 0; i < 3; i++)
      index.add(
        recentReply(
          {
            id: `r${i}`,
            brand: 'belnet',
            channel: 'x',
            conversationId: `c${i}`,
            sentAt: NOW - 3_600_000,
            text: text.replace('Sanne', `Klant${i}`),
          },
          { minWords: 6 },
        ),
      );
    const run = runChecks({ ...base, text, recentPublic: index }, DEFAULT_CHECK_SETTINGS);
    expect(run.results.find((x) => x.code === 'nearDuplicate')).toMatchObject({
      severity: 'warn',
      params: { count: 3 },
    });
    expect(
      runChecks({ ...base, public: false, text, recentPublic: index }, DEFAULT_CHECK_SETTINGS).results,
    ).toEqual([]);
  });
});

describe('decideSend and overrides', () => {
  const blockedRun = runChecks(
    { ...base, text: 'Hoi Sanne, bel je ons op 06-12345678?' },
    DEFAULT_CHECK_SETTINGS,
  );

  it('lets a clean reply through and stores its results', () => {
    const run = runChecks({ ...base, text: 'Hoi Sanne, we zoeken het voor je uit!' }, DEFAULT_CHECK_SETTINGS);
    expect(decideSend(run, NOW)).toEqual({
      ok: true,
      record: { checkedAt: NOW, results: run.results, override: null },
    });
  });

  it('holds a blocked reply until an override with a real reason covers every block', () => {
    expect(decideSend(blockedRun, NOW)).toMatchObject({ ok: false, reason: 'blocked' });
    expect(decideSend(blockedRun, NOW, overrideFor(blockedRun, 'ok'))).toMatchObject({
      ok: false,
      reason: 'reasonTooShort',
    });
    const ok = decideSend(
      blockedRun,
      NOW,
      overrideFor(blockedRun, 'Klant vroeg zelf om terugbellen op dit nummer'),
    );
    expect(ok).toMatchObject({
      ok: true,
      record: {
        override: { reason: 'Klant vroeg zelf om terugbellen op dit nummer', codes: ['personalData'] },
      },
    });
  });

  it('at send time, a block that was not overridden holds the reply', () => {
    const override = overrideFor(blockedRun, 'Klant vroeg erom');
    const later = runChecks(
      { ...base, text: 'Hoi Sanne, bel je ons op 06-12345678? {{custom.order}}' },
      DEFAULT_CHECK_SETTINGS,
    );
    const decision = decideSend(later, NOW + 60_000, override);
    expect(decision).toMatchObject({ ok: false, reason: 'blocked' });
    expect(decision.ok ? [] : decision.blocking.map((b) => b.code)).toEqual(['placeholder']);
  });
});

describe('recheckForSend (the delivery worker)', () => {
  it('holds a reply queued offline when the same text went out publicly meanwhile', () => {
    const storing = starterTemplates(0).find((t) => t.shortCode === 'storing')!;
    const draft = insertTemplate(
      draftFromText(''),
      storing,
      storing.variants.find((v) => v.lang === 'nl' && v.style === 'short')!,
      {
        'customer.firstName': 'Sanne',
      },
    );
    const settings = checkSettings({ modes: { nearDuplicate: 'block' } });
    const queuedAt = NOW - 2 * 3_600_000;
    const atQueue = runChecks(
      { ...base, now: queuedAt, text: draft.text, spans: draft.spans, recentPublic: new ReplyIndex() },
      settings,
    );
    const queued = decideSend(atQueue, queuedAt);
    expect(queued.ok).toBe(true);
    // While the agent was offline, colleagues posted the same text three times.
    const index = new ReplyIndex();
    for (let i = 0; i < 3; i++)
      index.add(
        recentReply(
          {
            id: `r${i}`,
            brand: 'belnet',
            channel: 'x',
            conversationId: `c${i}`,
            sentAt: NOW - 3_600_000,
            text: draft.text.replace('Sanne', `Klant${i}`),
          },
          { minWords: 6 },
        ),
      );
    const stored = { provenance: provenanceOf(draft), checks: queued.ok ? queued.record : null };
    const atSend = recheckForSend(
      { ...base, text: draft.text, recentPublic: index, messageId: 'm1' },
      stored,
      settings,
    );
    expect(atSend).toMatchObject({ ok: false, reason: 'blocked' });
    expect(atSend.ok ? [] : atSend.blocking.map((b) => b.code)).toEqual(['nearDuplicate']);
    // Without the duplicates it goes out, and the record keeps the template's hint.
    const clean = recheckForSend(
      { ...base, text: draft.text, recentPublic: new ReplyIndex() },
      stored,
      settings,
    );
    expect(clean.ok && clean.record.results.map((r) => r.code)).toEqual(['personalTouch']);
  });
});
