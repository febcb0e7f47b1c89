import { describe, expect, it } from 'vitest';
import {
  ALERT_JOINS_CRISIS_MS,
  alertJoiningCrisis,
  crisisFromConversation,
  crisisId,
  topReasons,
} from './start.ts';
import type { AlertRow } from './types.ts';

const NOW = Date.UTC(2026, 11, 2, 9, 0);
const HOUR = 3_600_000;
const alert = (id: string, brand: string, at: number, topic = 'storing'): AlertRow => ({
  id,
  kind: 'crisis',
  at,
  brand,
  topic,
  score: 80,
  messageIds: [],
  reasons: [],
  state: 'new',
});

/** A flagged conversation about the default alert topic. */
const STORING = { messageIds: [], texts: ['weer een storing'] };

describe('a radar alert joins a crisis started from a flag', () => {
  it('for the same brand within six hours, the newest first', () => {
    const alerts = [alert('a2', 'belnet', NOW - HOUR), alert('a1', 'belnet', NOW - 2 * HOUR)];
    expect(alertJoiningCrisis(alerts, 'belnet', NOW, STORING)?.id).toBe('a2');
  });
  it('never for another brand', () => {
    expect(alertJoiningCrisis([alert('a', 'other', NOW - HOUR)], 'belnet', NOW, STORING)).toBeNull();
  });
  it('not once six hours have passed (the bound is exclusive)', () => {
    expect(
      alertJoiningCrisis([alert('a', 'belnet', NOW - ALERT_JOINS_CRISIS_MS)], 'belnet', NOW, STORING),
    ).toBeNull();
    expect(
      alertJoiningCrisis([alert('a', 'belnet', NOW - ALERT_JOINS_CRISIS_MS + 1)], 'belnet', NOW, STORING)?.id,
    ).toBe('a');
  });
});

describe('a radar alert joins a crisis from a flag only when it is about that conversation', () => {
  const nl = {
    ...alert('nl', 'belnet', NOW - 2 * HOUR, '#belnetstoring · internet · opgelost'),
    messageIds: ['m1'],
  };
  const en = alert('en', 'belnet', NOW - HOUR, 'hours · outage · hello');
  const about = (texts: string[], messageIds: string[] = []) => ({ texts, messageIds });
  it('the alert whose evidence holds one of its messages, even when another is newer', () => {
    expect(alertJoiningCrisis([en, nl], 'belnet', NOW, about(['whatever'], ['m1']))?.id).toBe('nl');
  });
  it('else the alert whose topic words the customer used (not the newest of the brand)', () => {
    const texts = ['Derde keer in 24 uur. Nog steeds geen internet @belnet_nl #belnetstoring'];
    expect(alertJoiningCrisis([en, nl], 'belnet', NOW, about(texts))?.id).toBe('nl');
    expect(alertJoiningCrisis([en, nl], 'belnet', NOW, about(['outage for hours now']))?.id).toBe('en');
  });
  it('never an alert about something else', () => {
    expect(alertJoiningCrisis([en, nl], 'belnet', NOW, about(['mijn factuur klopt niet']))).toBeNull();
  });
  it('the crisis takes the joining alert, with the brand name left out of the topic words', () => {
    const start = crisisFromConversation({
      conversationId: 'c1',
      brand: 'belnet',
      customerSnippet: 'geen internet',
      evidence: about(['al dagen geen internet']),
      alerts: [en, nl],
      now: NOW,
    });
    expect(start.alert?.id).toBe('nl');
    expect(start.topic).toBe('#belnetstoring · internet · opgelost');
    expect(
      crisisFromConversation({
        conversationId: 'c1',
        brand: 'belnet',
        customerSnippet: 'Belnet!',
        alerts: [en],
        now: NOW,
      }).alert,
    ).toBeNull();
  });
});

describe('a crisis from one conversation', () => {
  it('takes the joining alert and its topic', () => {
    const a = alert('a', 'belnet', NOW - HOUR, 'storing internet');
    expect(
      crisisFromConversation({
        conversationId: 'c1',
        brand: 'belnet',
        customerSnippet: 'mijn tv en internet doen het niet',
        alerts: [a],
        now: NOW,
      }),
    ).toEqual({ brand: 'belnet', topic: 'storing internet', alert: a, conversationIds: ['c1'] });
  });
  it('without an alert, is about what the customer said', () => {
    expect(
      crisisFromConversation({
        conversationId: 'c1',
        brand: 'belnet',
        customerSnippet: 'mijn tv',
        alerts: [],
        now: NOW,
      }),
    ).toEqual({ brand: 'belnet', topic: 'mijn tv', alert: null, conversationIds: ['c1'] });
  });
});

describe('crisis ids', () => {
  it('one per brand and topic, lower case, safe characters, at most 120', () => {
    expect(crisisId('BelNet', 'Storing internet!')).toBe('crisis-belnet-storing-internet-');
    expect(crisisId('b', 'x'.repeat(300))).toHaveLength(120);
    expect(crisisId('belnet', 'storing')).toBe(crisisId('BELNET', 'Storing'));
  });
});

describe('the reasons an escalation names', () => {
  it('the three that weighed most, heaviest first', () => {
    const r = [1, 5, 3, 4].map((weight) => ({ code: `c${weight}`, value: 1, weight }));
    expect(topReasons(r).map((x) => x.code)).toEqual(['c5', 'c4', 'c3']);
    expect(r.map((x) => x.weight)).toEqual([1, 5, 3, 4]);
  });
});
