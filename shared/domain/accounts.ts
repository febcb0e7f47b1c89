import type { ChannelKind } from './channels.ts';
import { ACCOUNT_ID_PATTERN } from './ids.ts';

/**
 * Where messages come from. Every message, conversation and author belongs to one account, and
 * a remote id is unique only within its account: the same id `1001` on X and on Mastodon, or
 * the IMAP UIDs of two mailboxes, are different messages.
 *
 * - `demo`: the seeded demo inbox, one account per channel (`demo-<channel>`);
 * - `imported`: messages from files, one local account per channel (`imported-<channel>`);
 * - `connected`: a live channel account (a mailbox, a social profile) synced by a connector.
 */
export type AccountSource = 'demo' | 'imported' | 'connected';

export interface Account {
  id: string;
  channel: ChannelKind;
  name: string;
  source: AccountSource;
  state: 'active' | 'paused';
  createdAt: number;
  /** Connector settings that are not secret (host, port, folders, history window). Secrets live in main. */
  settings: Record<string, unknown>;
}

export function demoAccountId(channel: ChannelKind): string {
  return `demo-${channel}`;
}

export function importedAccountId(channel: ChannelKind): string {
  return `imported-${channel}`;
}

export function isAccountId(id: string): boolean {
  return ACCOUNT_ID_PATTERN.test(id);
}

/** The local account for files of one channel, or for the demo. */
export function localAccount(source: 'demo' | 'imported', channel: ChannelKind, now: number): Account {
  return {
    id: source === 'demo' ? demoAccountId(channel) : importedAccountId(channel),
    channel,
    name: source === 'demo' ? 'Demo' : 'Imported',
    source,
    state: 'active',
    createdAt: now,
    settings: {},
  };
}

/**
 * The key of an author row. People on the local accounts keep the key they always had
 * (`<channel>:<id>`), so imports before and after schema v4 meet the same person; on a connected
 * account ids are only unique within it (Mastodon ids are per instance), so the account is the prefix.
 */
export function authorKeyFor(
  account: Pick<Account, 'id' | 'channel' | 'source'>,
  idOnChannel: string,
): string {
  return account.source === 'connected'
    ? `${account.id}:${idOnChannel}`
    : `${account.channel}:${idOnChannel}`;
}
