import type { AppInfo, WebcareApi } from '../../shared/ipc/contract.ts';
import type { Settings, SettingsPatch } from '../../shared/settings/schema.ts';
import { SettingsDialog } from '../components/SettingsDialog.tsx';
import { useDemoConversationCount } from '../data/hooks.ts';
import type { WebcareDb } from '../db/schema.ts';
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

/** Settings: the dialog, with how much the demo holds (counted only while the demo is on). */
export function SettingsContainer({ db, api, ...p }: SettingsContainerProps) {
  const demoConversations = useDemoConversationCount(db, p.settings.demo.enabled);
  return <SettingsDialog {...p} db={db} api={api} demoConversations={demoConversations} />;
}
