import { describe, expect, it } from 'vitest';
import { scoreMessage } from './score.ts';
import { defaultModel, loadModel } from './model.ts';
import type { ModelFile } from './model.ts';
import modelFile from './model/complaint-v1.json';
import en from '../i18n/en/analysis.json';
import nl from '../i18n/nl/analysis.json';
import { SIGNAL_CODES } from './signals.ts';
import { formatDuration, reasonText } from './reasons.ts';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, val]) =>
    val && typeof val === 'object' ? keys(val as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('model', () => {
  it('loads the shipped versioned weights', () => {
    const m = defaultModel();
    expect(m.version).toBe(1);
    expect(m.threshold).toBeGreaterThan(0);
    expect(m.weights.some((w) => w !== 0)).toBe(true);
  });
  it('rejects a model built for other features', () => {
    const bad = { ...(modelFile as unknown as ModelFile), hashBits: 12 };
    expect(() => loadModel(bad)).toThrow(/hash bits/);
  });
});

describe('scoreMessage', () => {
  it('flags a Dutch complaint with a media threat and explains it', () => {
    const s = scoreMessage({ id: 'a', text: '@KPN al 3 weken geen internet. Ik ga naar de pers!!' });
    expect(s.lang).toBe('nl');
    expect(s.isComplaint).toBe(true);
    expect(s.polarity).toBe('negative');
    expect(s.severity).toBeGreaterThan(0.5);
    expect(s.reasons.map((r) => r.code)).toContain('threat.media');
    expect(s.reasons.find((r) => r.code === 'threat.media')?.text).toBe("media threat: 'naar de pers'");
  });
  it('gives Dutch reason texts on request', () => {
    const s = scoreMessage(
      { id: 'a', text: '@KPN al 3 weken geen internet. Ik ga naar de pers!!' },
      { locale: 'nl' },
    );
    expect(s.reasons.find((r) => r.code === 'threat.media')?.text).toBe(
      "dreigt met de media: 'naar de pers'",
    );
  });
  it('calls a complaint-leaning message with a legal threat negative, not a quoted or negated one', () => {
    expect(scoreMessage({ id: 'a', text: 'datalek! ik ga naar de Consumentenbond' }).polarity).toBe(
      'negative',
    );
    expect(
      scoreMessage({ id: 'b', text: 'how does a breach like this happen, contacting my lawyer' }).polarity,
    ).toBe('negative');
    expect(
      scoreMessage({
        id: 'c',
        text: 'ik ga niet naar de Consumentenbond hoor, jullie hebben het opgelost, top!',
      }).polarity,
    ).not.toBe('negative');
    expect(scoreMessage({ id: 'd', text: 'thanks @kpn! my lawyer friend says hi' }).polarity).not.toBe(
      'negative',
    );
  });
  it('without texts keeps everything else of the score', () => {
    const msg = { id: 'a', text: '@KPN al 3 weken geen internet. Ik ga naar de pers!!' };
    const full = scoreMessage(msg);
    const bare = scoreMessage(msg, { texts: false });
    expect({ ...bare, reasons: [] }).toEqual({ ...full, reasons: [] });
    expect(bare.reasons.map((r) => [r.code, r.value, r.weight])).toEqual(
      full.reasons.map((r) => [r.code, r.value, r.weight]),
    );
    expect(bare.reasons.every((r) => r.text === '')).toBe(true);
    expect(full.reasons.every((r) => r.text !== '')).toBe(true);
  });
  it('does not call praise or a neutral question a complaint', () => {
    const praise = scoreMessage({ id: 'b', text: '@united thanks for the upgrade, amazing crew!' });
    expect(praise.isComplaint).toBe(false);
    expect(praise.polarity).toBe('positive');
    const q = scoreMessage({ id: 'c', text: '@Ziggo hoe kan ik mijn abonnement wijzigen?' });
    expect(q.isComplaint).toBe(false);
    expect(q.severity).toBeLessThan(0.2);
  });
  it('reads sarcasm as a complaint', () => {
    const s = scoreMessage({ id: 'd', text: 'Bedankt hoor @NS_online, weer vertraging. Top service 👏' });
    expect(s.isComplaint).toBe(true);
    expect(s.sentiment).toBeLessThan(0);
  });
  it('keeps values in range', () => {
    const s = scoreMessage({
      id: 'e',
      text: 'HET IS SCHANDALIG!!! 😡😡 ziek van jullie eten, advocaat ingeschakeld, boycot',
    });
    expect(s.sentiment).toBeGreaterThanOrEqual(-1);
    expect(s.severity).toBeLessThanOrEqual(1);
    expect(s.complaint).toBeLessThanOrEqual(1);
  });
});

describe('analysis i18n', () => {
  it('nl and en have the same keys and every signal has a reason text', () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
    for (const code of SIGNAL_CODES) expect(keys(en)).toContain(`reason.${code}`);
  });
});

describe('reason texts', () => {
  it('show waiting and exposure as readable durations in both languages', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(330)).toBe('5.5 h');
    expect(formatDuration(330, 'nl')).toBe('5,5 uur');
    expect(formatDuration(20 * 60)).toBe('20 h');
    expect(formatDuration(218.7 * 60, 'nl')).toBe('9 dagen');
    expect(reasonText('risk.waiting', 218.7, 'en')).toBe('9 days waiting without a reply');
    expect(reasonText('risk.exposure', 2500, 'nl')).toBe('openbaar en 42 uur onbeantwoord (norm 60 min)');
    expect(reasonText('risk.exposure', 75, 'en')).toBe('public and unanswered for 75 min (target 60 min)');
    // Other numbers keep their own format.
    expect(reasonText('risk.repeat', 3, 'en')).not.toMatch(/min|days/);
  });
});
