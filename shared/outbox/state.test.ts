import { describe, expect, it } from 'vitest';
import type { ConnectorError } from '../channels/errors.ts';
import { OUTBOX_STATUSES, applyOutboxEvent, claimable, leaseExpired, newOutboxEntry } from './state.ts';
import type { OutboxEntry, OutboxEvent, OutboxEventType, OutboxStatus } from './state.ts';

const now = Date.UTC(2026, 11, 1, 9);
const transient: ConnectorError = {
  type: 'transient',
  retryAt: now + 5000,
  unreachable: true,
  code: 'ECONNREFUSED',
  reason: 'refused',
};
const rejected: ConnectorError = { type: 'rejected', code: '550', reason: '550 5.1.1 User unknown' };

function row(status: OutboxStatus, patch: Partial<OutboxEntry> = {}): OutboxEntry {
  const base = newOutboxEntry({
    messageId: 'm1',
    conversationId: 'c1',
    accountId: 'email-a',
    idempotencyKey: 'k1@example.nl',
    order: 1,
    now: now - 60_000,
  });
  const byStatus: Record<OutboxStatus, Partial<OutboxEntry>> = {
    queued: {},
    held: { heldReasons: [{ code: 'review', since: now - 1000 }] },
    // A claim that ran out a second ago (so that `reconciled` is allowed).
    sending: { attemptId: 'a1', leaseUntil: now - 1000, attempts: 1 },
    sent: { remoteId: 'k1@example.nl', sentAt: now - 5000 },
    failed: { lastError: rejected, attempts: 1 },
    unknown: { attempts: 1 },
  };
  return { ...base, status, ...byStatus[status], ...patch };
}

/** One event of each kind, with arguments that fit the row from `row()`. */
const EVENTS: Record<OutboxEventType, OutboxEvent[]> = {
  hold: [{ type: 'hold', reasons: [{ code: 'crisis-pause', since: now }] }],
  release: [{ type: 'release', codes: ['review'] }],
  claim: [{ type: 'claim', attemptId: 'a2', leaseUntil: now + 60_000 }],
  accepted: [{ type: 'accepted', attemptId: 'a1', remoteId: 'k1@example.nl', at: now }],
  retry: [{ type: 'retry', attemptId: 'a1', error: transient, retryAt: now + 5000 }],
  fail: [{ type: 'fail', attemptId: 'a1', error: rejected }],
  undecided: [{ type: 'undecided', attemptId: 'a1' }],
  reconciled: [
    { type: 'reconciled', outcome: 'sent', remoteId: 'k1@example.nl', at: now },
    { type: 'reconciled', outcome: 'not-sent' },
    { type: 'reconciled', outcome: 'unknown' },
  ],
  confirm: [
    { type: 'confirm', delivered: true, at: now },
    { type: 'confirm', delivered: false },
  ],
  resend: [{ type: 'resend' }],
  'release-claim': [{ type: 'release-claim', attemptId: 'a1' }],
};

/** Legal transitions: from → event (variant) → to. Everything else must be refused. */
const LEGAL: Array<[OutboxStatus, string, OutboxStatus]> = [
  ['queued', 'hold', 'held'],
  ['held', 'hold', 'held'],
  ['queued', 'release', 'queued'],
  ['held', 'release', 'queued'],
  ['queued', 'claim', 'sending'],
  ['sending', 'accepted', 'sent'],
  ['sending', 'retry', 'queued'],
  ['sending', 'fail', 'failed'],
  ['sending', 'undecided', 'unknown'],
  ['sending', 'reconciled:sent', 'sent'],
  ['sending', 'reconciled:not-sent', 'queued'],
  ['sending', 'reconciled:unknown', 'unknown'],
  ['unknown', 'confirm:true', 'sent'],
  ['unknown', 'confirm:false', 'queued'],
  ['failed', 'resend', 'queued'],
  ['sending', 'release-claim', 'queued'],
];

const variant = (e: OutboxEvent) =>
  e.type === 'reconciled'
    ? `reconciled:${e.outcome}`
    : e.type === 'confirm'
      ? `confirm:${e.delivered}`
      : e.type;

const table = OUTBOX_STATUSES.flatMap((from) =>
  Object.values(EVENTS)
    .flat()
    .map((event) => {
      const legal = LEGAL.find(([f, v]) => f === from && v === variant(event));
      return { from, name: variant(event), event, to: legal?.[2] ?? null };
    }),
);

describe('outbox state machine: every status × every event', () => {
  it('covers the whole table', () => {
    expect(table).toHaveLength(OUTBOX_STATUSES.length * 14);
    expect(LEGAL.every(([f, v]) => table.some((r) => r.from === f && r.name === v))).toBe(true);
  });

  it.each(table)('$from + $name → $to', ({ from, event, to }) => {
    const result = applyOutboxEvent(row(from), event, now);
    if (to === null) {
      expect(result).toEqual({ ok: false, error: { code: 'illegal', from, event: event.type } });
    } else {
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.entry.status).toBe(to);
        expect(result.entry.updatedAt).toBe(now);
      }
    }
  });
});

describe('outbox rules beyond the status', () => {
  it('claims only a due row without holds, and counts the attempt', () => {
    expect(applyOutboxEvent(row('queued', { nextAttemptAt: now + 1 }), EVENTS.claim[0]!, now)).toEqual({
      ok: false,
      error: { code: 'not-due', nextAttemptAt: now + 1 },
    });
    const held = row('queued', { heldReasons: [{ code: 'x', since: now }] });
    expect(applyOutboxEvent(held, EVENTS.claim[0]!, now)).toEqual({
      ok: false,
      error: { code: 'held', reasons: ['x'] },
    });
    const claimed = applyOutboxEvent(row('queued'), EVENTS.claim[0]!, now);
    expect(claimed).toMatchObject({
      ok: true,
      entry: { attemptId: 'a2', leaseUntil: now + 60_000, attempts: 1 },
    });
    expect(claimable(row('queued'), now)).toBe(true);
    expect(claimable(held, now)).toBe(false);
  });

  it('ignores a result for another attempt (a stale claim)', () => {
    const result = applyOutboxEvent(row('sending', { attemptId: 'a9' }), EVENTS.accepted[0]!, now);
    expect(result).toEqual({ ok: false, error: { code: 'stale-attempt', expected: 'a9', got: 'a1' } });
  });

  it('reconciles only a claim whose lease ran out', () => {
    const live = row('sending', { leaseUntil: now + 10_000 });
    expect(leaseExpired(live, now)).toBe(false);
    expect(applyOutboxEvent(live, { type: 'reconciled', outcome: 'not-sent' }, now)).toEqual({
      ok: false,
      error: { code: 'lease-active', leaseUntil: now + 10_000 },
    });
    expect(leaseExpired(row('sending'), now)).toBe(true);
  });

  it('keeps hold reasons as data: several rules, released one by one', () => {
    let entry = row('queued');
    const hold = (code: string) =>
      applyOutboxEvent(entry, { type: 'hold', reasons: [{ code, since: now }] }, now);
    let r = hold('crisis-pause');
    if (r.ok) entry = r.entry;
    r = hold('needs-review');
    if (r.ok) entry = r.entry;
    r = hold('needs-review');
    if (r.ok) entry = r.entry;
    expect(entry.heldReasons.map((h) => h.code)).toEqual(['crisis-pause', 'needs-review']);
    r = applyOutboxEvent(entry, { type: 'release', codes: ['crisis-pause'] }, now);
    expect(r).toMatchObject({ ok: true, entry: { status: 'held', heldReasons: [{ code: 'needs-review' }] } });
    if (r.ok) entry = r.entry;
    r = applyOutboxEvent(entry, { type: 'release', codes: ['needs-review'] }, now);
    expect(r).toMatchObject({ ok: true, entry: { status: 'queued', heldReasons: [] } });
    expect(applyOutboxEvent(row('queued'), { type: 'hold', reasons: [] }, now)).toEqual({
      ok: false,
      error: { code: 'no-reasons' },
    });
  });

  it('a transient failure waits until retryAt; a person\'s "not delivered" lets the next send say so', () => {
    const retried = applyOutboxEvent(row('sending'), EVENTS.retry[0]!, now);
    expect(retried).toMatchObject({
      ok: true,
      entry: { status: 'queued', nextAttemptAt: now + 5000, lastError: transient },
    });
    const confirmed = applyOutboxEvent(row('unknown'), { type: 'confirm', delivered: false }, now);
    expect(confirmed).toMatchObject({ ok: true, entry: { status: 'queued', confirmedNotDelivered: true } });
    const sent = applyOutboxEvent(row('unknown'), { type: 'confirm', delivered: true, at: now }, now);
    expect(sent).toMatchObject({
      ok: true,
      entry: { status: 'sent', remoteId: 'k1@example.nl', sentAt: now },
    });
  });

  it('giving back a claim on quit does not count as an attempt', () => {
    expect(applyOutboxEvent(row('sending'), EVENTS['release-claim'][0]!, now)).toMatchObject({
      ok: true,
      entry: { status: 'queued', attempts: 0, attemptId: null, leaseUntil: null },
    });
  });
});
