import type { HeldReason } from '../outbox/state.ts';
import type { CheckCode } from './types.ts';

/** The hold a send-time check adds to an outbox row; `detail` lists the check codes, comma-separated. */
export const SEND_CHECK_HOLD = 'send-check';

/** The check codes a `send-check` hold names (none for any other hold). */
export function heldCheckCodes(reason: HeldReason): CheckCode[] {
  return reason.code === SEND_CHECK_HOLD && reason.detail
    ? (reason.detail.split(',').filter(Boolean) as CheckCode[])
    : [];
}
