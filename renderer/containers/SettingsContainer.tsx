import { useMemo, useSyncExternalStore } from 'react';
import type { AppInfo, WebcareApi } from '../../shared/ipc/contract.ts';
import type { Settings, SettingsPatch } from '../../shared/settings/schema.ts';
import { AUTO_BACKUPS_KEPT, autoBackupState } from '../app/autoBackup.ts';
import { BackupSection, type BackupActions } from '../components/BackupSection.tsx';
import { SettingsDialog } from '../components/SettingsDialog.tsx';
import { useDemoConversationCount } from '../data/hooks.ts';
import type { WebcareDb } from '../db/schema.ts';
import {
  SnapshotError,
  listSnapshots,
  readSnapshot,
  restoreSnapshot,
  writeSnapshot,
} from '../db/snapshot.ts';
import type { StorageReport } from '../platform/storage.ts';

export interface SettingsContainerProps {
  db: WebcareDb;
  api: WebcareApi;
  settings: Settings;
  info: AppInfo;
  storage: StorageReport | null;
  onClose(): void;
  onChange(patch: SettingsPatch): Promise<void>;
  onOpenAccounts(): void;
}

/** Snapshots of this database through main: what Settings → Backups does. */
export function backupActions(db: WebcareDb, api: Pick<WebcareApi, 'invoke'>): BackupActions {
  return {
    list: () => listSnapshots(api),
    backUp: (onProgress) => writeSnapshot(db, api, 'manual', Date.now(), onProgress),
    read: (name) => readSnapshot(db, api, name),
    restore: async (snapshot, onStep) => {
      onStep('saving-current');
      await writeSnapshot(db, api, 'before-restore', Date.now());
      onStep('restoring');
      await restoreSnapshot(db, snapshot);
    },
    refusal: (e) => (e instanceof SnapshotError ? e.code : null),
  };
}

/** Settings: the dialog, how much the demo holds (counted while the demo is on), and backups. */
export function SettingsContainer({ db, api, ...p }: SettingsContainerProps) {
  const demoConversations = useDemoConversationCount(db, p.settings.demo.enabled);
  const actions = useMemo(() => backupActions(db, api), [db, api]);
  const auto = useSyncExternalStore(autoBackupState.subscribe, autoBackupState.get, autoBackupState.get);
  return (
    <SettingsDialog
      {...p}
      demoConversations={demoConversations}
      backup={<BackupSection actions={actions} auto={auto} kept={AUTO_BACKUPS_KEPT} />}
    />
  );
}
