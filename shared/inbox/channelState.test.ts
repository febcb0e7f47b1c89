import { describe, expect, it } from 'vitest';
import { channelStateOf } from './channelState.ts';

const health = (
  state: 'connected' | 'syncing' | 'unreachable' | 'auth-failed' | 'rate-limited' | 'paused' | 'error',
) => ({
  state,
  since: 1_000,
  retryAt: state === 'unreachable' || state === 'rate-limited' ? 5_000 : null,
});

describe('channelStateOf', () => {
  it('offline wins; then what keeps this account from sending; nothing when all is well', () => {
    const account = { name: 'Klantenservice', paused: false, health: health('unreachable') };
    expect(channelStateOf({ online: false, offlineSince: 42, account })).toEqual({
      kind: 'offline',
      since: 42,
      connected: true,
    });
    expect(channelStateOf({ online: false, offlineSince: 42, account: null })).toMatchObject({
      connected: false,
    });
    expect(channelStateOf({ online: true, offlineSince: null, account })).toEqual({
      kind: 'unreachable',
      account: 'Klantenservice',
      since: 1_000,
      retryAt: 5_000,
    });
    for (const s of ['auth-failed', 'rate-limited', 'error'] as const)
      expect(
        channelStateOf({ online: true, offlineSince: null, account: { ...account, health: health(s) } })
          ?.kind,
      ).toBe(s);
    expect(
      channelStateOf({
        online: true,
        offlineSince: null,
        account: { ...account, paused: true, health: health('connected') },
      })?.kind,
    ).toBe('paused');
    for (const s of ['connected', 'syncing'] as const)
      expect(
        channelStateOf({ online: true, offlineSince: null, account: { ...account, health: health(s) } }),
      ).toBeNull();
    // Demo and imported conversations have no account to reach.
    expect(channelStateOf({ online: true, offlineSince: null, account: null })).toBeNull();
  });
});
