import { CHANNEL_KINDS, type ChannelKind } from '../domain/channels.ts';
import type { Conversation, ConversationStatus } from '../domain/types.ts';

/** The inbox views in the sidebar. Channel views show the open conversations of one channel. */
export const STATUS_VIEWS = ['open', 'mine', 'pending', 'snoozed', 'resolved', 'all'] as const;
export type StatusView = (typeof STATUS_VIEWS)[number];
export type ViewId = StatusView | `channel:${ChannelKind}`;

export function isViewId(value: string): value is ViewId {
  if ((STATUS_VIEWS as readonly string[]).includes(value)) return true;
  return value.startsWith('channel:') && (CHANNEL_KINDS as readonly string[]).includes(value.slice(8));
}

/**
 * The counter keys a conversation contributes to. Counters live in their own table and are
 * updated in the same transaction as the conversation, so a view's size is one key lookup.
 */
export function counterKeys(c: CountedConversation): string[] {
  const keys = [
    'all',
    `status:${c.status}`,
    `channel:${c.channel}:${c.status}`,
    `assignee:${c.assignee}:${c.status}`,
  ];
  // The demo inbox's size (what turning the demo off removes), without counting its rows.
  if (c.demo === 1) keys.push(DEMO_COUNTER);
  return keys;
}

/** The counter that holds how many demo conversations the inbox has. */
export const DEMO_COUNTER = 'demo';

/** What a conversation's counters depend on (`demo` absent counts as a real conversation). */
export type CountedConversation = Pick<Conversation, 'status' | 'channel' | 'assignee'> &
  Partial<Pick<Conversation, 'demo'>>;

/** Net counter changes when a conversation goes from `before` (or nothing) to `after` (or nothing). */
export function counterDeltas(
  before: CountedConversation | null,
  after: CountedConversation | null,
): Map<string, number> {
  const deltas = new Map<string, number>();
  for (const k of before ? counterKeys(before) : []) deltas.set(k, (deltas.get(k) ?? 0) - 1);
  for (const k of after ? counterKeys(after) : []) deltas.set(k, (deltas.get(k) ?? 0) + 1);
  for (const [k, v] of deltas) if (v === 0) deltas.delete(k);
  return deltas;
}

/** The counter key that holds the size of a view for agent `me`. */
export function viewCounterKey(view: ViewId, me: string): string {
  switch (view) {
    case 'all':
      return 'all';
    case 'mine':
      return `assignee:${me}:open`;
    case 'open':
    case 'pending':
    case 'snoozed':
    case 'resolved':
      return `status:${view satisfies ConversationStatus}`;
    default:
      return `${view}:open`;
  }
}

/** Whether a conversation belongs in a view (the predicate behind each view's index query). */
export function belongsToView(
  c: Pick<Conversation, 'status' | 'channel' | 'assignee'>,
  view: ViewId,
  me: string,
): boolean {
  switch (view) {
    case 'all':
      return true;
    case 'mine':
      return c.assignee === me && c.status === 'open';
    case 'open':
    case 'pending':
    case 'snoozed':
    case 'resolved':
      return c.status === view;
    default:
      return c.status === 'open' && c.channel === view.slice('channel:'.length);
  }
}
