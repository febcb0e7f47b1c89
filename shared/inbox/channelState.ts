import type { AccountHealth } from '../channels/schemas.ts';

/**
 * What the agent should know, in the open conversation, about whether a reply can go out now:
 * the computer is offline, or this conversation's account cannot send (unreachable, sign-in
 * failed, rate-limited, paused). Null when replies go out as usual, or when the conversation
 * has no connected account (demo, imported): those replies stay in the outbox by design.
 */
export type ChannelState =
  /** `connected`: the conversation has an account that will send it once back online. */
  | { kind: 'offline'; since: number | null; connected: boolean }
  | {
      kind: 'unreachable' | 'auth-failed' | 'rate-limited' | 'paused' | 'error';
      account: string;
      since: number;
      retryAt: number | null;
    };

export function channelStateOf(input: {
  online: boolean;
  offlineSince: number | null;
  account: {
    name: string;
    paused: boolean;
    health: Pick<AccountHealth, 'state' | 'since' | 'retryAt'>;
  } | null;
}): ChannelState | null {
  if (!input.online) return { kind: 'offline', since: input.offlineSince, connected: input.account !== null };
  const a = input.account;
  if (!a) return null;
  const state = a.paused ? 'paused' : a.health.state;
  switch (state) {
    case 'unreachable':
    case 'auth-failed':
    case 'rate-limited':
    case 'paused':
    case 'error':
      return { kind: state, account: a.name, since: a.health.since, retryAt: a.health.retryAt };
    default:
      return null;
  }
}
