import { describe, expect, it } from 'vitest';
import { counterDeltas, isViewId, viewCounterKey } from './views.ts';

describe('inbox counters', () => {
  it('a new conversation adds one to each of its counters', () => {
    const d = counterDeltas(null, { status: 'open', channel: 'x', assignee: '' });
    expect(Object.fromEntries(d)).toEqual({
      all: 1,
      'status:open': 1,
      'channel:x:open': 1,
      'assignee::open': 1,
    });
  });

  it('resolving moves one from open to resolved and leaves all untouched', () => {
    const d = counterDeltas(
      { status: 'open', channel: 'x', assignee: 'me' },
      { status: 'resolved', channel: 'x', assignee: 'me' },
    );
    expect(Object.fromEntries(d)).toEqual({
      'status:open': -1,
      'status:resolved': 1,
      'channel:x:open': -1,
      'channel:x:resolved': 1,
      'assignee:me:open': -1,
      'assignee:me:resolved': 1,
    });
  });

  it('a demo conversation also counts in the demo counter, and takes it along when it goes', () => {
    const c = { status: 'open', channel: 'x', assignee: '', demo: 1 } as const;
    expect(counterDeltas(null, c).get('demo')).toBe(1);
    expect(counterDeltas(c, null).get('demo')).toBe(-1);
    expect(counterDeltas(c, { ...c, status: 'resolved' }).has('demo')).toBe(false);
    expect(counterDeltas(null, { ...c, demo: 0 }).has('demo')).toBe(false);
  });

  it('an unchanged conversation changes no counter', () => {
    const c = { status: 'open', channel: 'x', assignee: 'me' } as const;
    expect(counterDeltas(c, c).size).toBe(0);
  });

  it('maps views to counter keys', () => {
    expect(viewCounterKey('mine', 'agent-7')).toBe('assignee:agent-7:open');
    expect(viewCounterKey('channel:email', 'me')).toBe('channel:email:open');
    expect(viewCounterKey('resolved', 'me')).toBe('status:resolved');
  });

  it('recognises view ids', () => {
    expect(isViewId('open')).toBe(true);
    expect(isViewId('channel:whatsapp')).toBe(true);
    expect(isViewId('channel:myspace')).toBe(false);
    expect(isViewId('drop table')).toBe(false);
  });
});
