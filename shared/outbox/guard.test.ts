import { describe, expect, it } from 'vitest';
import type { LogPayload } from '../domain/log.ts';
import { UNASSIGNED, type Message } from '../domain/types.ts';
import { sendTimeHolds, type GuardEvent, type GuardInput } from './guard.ts';

const NOW = Date.UTC(2026, 11, 1, 10, 45);
const H = 3_600_000;
const C = 'c-1';

const msg = (id: string, direction: Message['direction'], conversationId = C): Message => ({
  id,
  conversationId,
  accountId: 'acc',
  remoteId: id,
  rfcMessageId: null,
  channel: 'email',
  direction,
  public: false,
  authorId: 'a',
  text: 'x',
  createdAt: NOW - H,
  lang: null,
  inReplyTo: null,
  metrics: null,
  brand: null,
  delivery: null,
  demo: 0,
});

const ingested = (messages: Message[], backfill = false): LogPayload => ({
  type: 'messages.ingested',
  accountId: 'acc',
  source: 'sync',
  backfill,
  conversations: [],
  messages,
  authors: [],
});
const changed = (event: Extract<LogPayload, { type: 'conversation.changed' }>['event']): LogPayload => ({
  type: 'conversation.changed',
  conversationId: C,
  event,
  prior: {} as never,
});
const ev = (actor: string, payload: LogPayload): GuardEvent => ({ actor, at: NOW, payload });

const base: GuardInput = {
  reply: { messageId: 'm-reply', conversationId: C, actor: 'me', automatic: false },
  conversation: { status: 'open', assignee: 'me' },
  since: [],
  lastCustomerAt: NOW - H,
  windowHours: null,
  crisisPause: false,
  now: NOW,
};

const codes = (patch: Partial<GuardInput>) => sendTimeHolds({ ...base, ...patch }).map((r) => r.code);

describe('send-time guard', () => {
  it.each<[string, Partial<GuardInput>, string[]]>([
    ['nothing changed', {}, []],
    ['conversation deleted upstream', { conversation: null }, ['conversation-deleted']],
    [
      'a new customer message synced after the reply was written (even with an older event time)',
      { since: [ev('sync:acc', ingested([msg('m-2', 'incoming')]))] },
      ['new-customer-message'],
    ],
    [
      'a customer message in another conversation',
      { since: [ev('sync:acc', ingested([msg('m-2', 'incoming', 'c-2')]))] },
      [],
    ],
    [
      'history (back-fill) arriving is not news',
      { since: [ev('sync:acc', ingested([msg('m-2', 'incoming')], true))] },
      [],
    ],
    [
      'answered on the channel itself (came back by sync)',
      { since: [ev('sync:acc', ingested([msg('m-9', 'outgoing')]))] },
      ['answered-elsewhere'],
    ],
    [
      'the reply itself coming back by sync is not someone else',
      { since: [ev('sync:acc', ingested([msg('m-reply', 'outgoing')]))] },
      [],
    ],
    [
      'a colleague replied meanwhile',
      { since: [ev('anna', { type: 'reply.queued', message: msg('m-3', 'outgoing') })] },
      ['answered-by-other'],
    ],
    [
      'the author’s own follow-up',
      { since: [ev('me', { type: 'reply.queued', message: msg('m-3', 'outgoing') })] },
      [],
    ],
    [
      'a colleague resolved it',
      {
        since: [ev('anna', changed({ type: 'resolve' }))],
        conversation: { status: 'resolved', assignee: 'me' },
      },
      ['resolved'],
    ],
    [
      'the author replied and resolved (one intent)',
      {
        since: [ev('me', changed({ type: 'resolve' }))],
        conversation: { status: 'resolved', assignee: 'me' },
      },
      [],
    ],
    [
      'resolved by a colleague, then reopened: the state now counts',
      {
        since: [ev('anna', changed({ type: 'resolve' })), ev('anna', changed({ type: 'reopen' }))],
        conversation: { status: 'open', assignee: 'me' },
      },
      [],
    ],
    [
      'reassigned to a colleague',
      {
        since: [ev('lead', changed({ type: 'assign', assignee: 'anna' }))],
        conversation: { status: 'open', assignee: 'anna' },
      },
      ['reassigned'],
    ],
    [
      'assigned to the author by someone else',
      {
        since: [ev('lead', changed({ type: 'assign', assignee: 'me' }))],
        conversation: { status: 'open', assignee: 'me' },
      },
      [],
    ],
    [
      'unassigned',
      {
        since: [ev('lead', changed({ type: 'assign', assignee: UNASSIGNED }))],
        conversation: { status: 'open', assignee: UNASSIGNED },
      },
      [],
    ],
    [
      'a label added by a colleague is not a reason',
      { since: [ev('anna', changed({ type: 'label.add', label: 'billing' }))] },
      [],
    ],
    [
      'crisis pause, automatic reply',
      { crisisPause: true, reply: { ...base.reply, automatic: true } },
      ['crisis-pause'],
    ],
    ['crisis pause, reply an agent sent', { crisisPause: true }, []],
    ['WhatsApp window open (23 h)', { windowHours: 24, lastCustomerAt: NOW - 23 * H }, []],
    ['WhatsApp window closed (25 h)', { windowHours: 24, lastCustomerAt: NOW - 25 * H }, ['window-closed']],
    [
      'Instagram private reply after 8 days',
      { windowHours: 168, lastCustomerAt: NOW - 8 * 24 * H },
      ['window-closed'],
    ],
    [
      'a window with no customer message at all',
      { windowHours: 24, lastCustomerAt: null },
      ['window-closed'],
    ],
    [
      'several reasons, in the stable order',
      {
        since: [
          ev('anna', { type: 'reply.queued', message: msg('m-3', 'outgoing') }),
          ev('sync:acc', ingested([msg('m-2', 'incoming')])),
        ],
        windowHours: 24,
        lastCustomerAt: NOW - 30 * H,
      },
      ['new-customer-message', 'answered-by-other', 'window-closed'],
    ],
  ])('%s', (_name, patch, expected) => {
    expect(codes(patch)).toEqual(expected);
  });

  it('stamps reasons with now and says who or what', () => {
    const [r] = sendTimeHolds({
      ...base,
      since: [ev('anna', { type: 'reply.queued', message: msg('m-3', 'outgoing') })],
    });
    expect(r).toEqual({ code: 'answered-by-other', since: NOW, detail: 'anna' });
  });

  it('reports one reason once, however many events show it', () => {
    const since = [1, 2, 3].map((i) => ev('sync:acc', ingested([msg(`m-${i}`, 'incoming')])));
    expect(sendTimeHolds({ ...base, since })).toHaveLength(1);
  });
});
