import i18next from 'i18next';
import { checkSettings, type CheckSettings } from '../../shared/checks/types.ts';
import type { WebcareApi } from '../../shared/ipc/contract.ts';
import type { Settings } from '../../shared/settings/schema.ts';
import type { AccountsStore } from '../data/accounts.ts';
import type { WebcareDb } from '../db/schema.ts';
import { startDeliveryWorker, type DeliveryWorker } from './delivery.ts';
import { startSync, type SyncEngine } from './engine.ts';
import { createHealthNotifier } from './healthNotifier.ts';

/**
 * The leader's channel work: the sync loops, the delivery worker and the 15-minute failure
 * notification. Started once, when this window becomes the leader (renderer/platform/leader.ts),
 * so that with two tabs open only one syncs and only one sends.
 */
export interface ChannelWork {
  sync: SyncEngine;
  delivery: DeliveryWorker;
  stop(): void;
}

export function startChannelWork(
  db: WebcareDb,
  api: WebcareApi,
  accounts: AccountsStore,
  settings: Settings,
): ChannelWork {
  const log = (problem: unknown) => console.warn('[webcare] channel work:', problem);
  // The team's check settings as they are now: a reply queued offline is checked at send time
  // against today's rules, not those of when it was written.
  let checks: CheckSettings = checkSettings(settings.checks);
  const unsubscribeSettings = api.on('settings:changed', (s) => {
    checks = checkSettings(s.checks);
  });
  const sync = startSync({ db, api, accounts, onProblem: log });
  const delivery = startDeliveryWorker({
    db,
    api,
    accounts: () => {
      const list = accounts.get();
      return list && new Map(list.map((a) => [a.id, { paused: a.paused }]));
    },
    checkSettings: () => checks,
    onProblem: log,
  });
  const notifier = createHealthNotifier((account) => {
    const t = i18next.getFixedT(null, 'channels');
    void api
      .invoke('notify:show', {
        title: t('health.notifyTitle', { name: account.name }),
        body: t('health.notifyBody', { name: account.name }),
      })
      .catch(log);
  });
  const check = () => notifier.check(accounts.get() ?? [], Date.now());
  const unsubscribe = accounts.subscribe(check);
  const timer = setInterval(check, 60_000);
  document.documentElement.dataset.channelWork = 'running';
  return {
    sync,
    delivery,
    stop() {
      sync.stop();
      delivery.stop();
      unsubscribe();
      unsubscribeSettings();
      clearInterval(timer);
      delete document.documentElement.dataset.channelWork;
    },
  };
}
