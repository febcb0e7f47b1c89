import type { AccountInfo } from '../../shared/channels/schemas.ts';
import type { Conversation, Label } from '../../shared/domain/types.ts';
import type { AppInfo, WebcareApi } from '../../shared/ipc/contract.ts';
import type { AnalysisClient } from '../analysis/client.ts';
import type { Shell } from '../app/shell.ts';
import { isMac, type Commands } from '../app/useCommands.ts';
import { COMMANDS } from '../commands/commands.ts';
import { AccountsDialog } from '../components/AccountsDialog.tsx';
import { CommandPalette, ShortcutsDialog } from '../components/CommandPalette.tsx';
import { ReportDialog } from '../components/ReportDialog.tsx';
import { LabelDialog, SnoozeDialog } from '../components/TriageDialogs.tsx';
import type { WebcareDb } from '../db/schema.ts';
import { messageTime } from '../i18n/format.ts';
import type { StorageReport } from '../platform/storage.ts';
import { ImportContainer } from './ImportContainer.tsx';
import { SettingsContainer } from './SettingsContainer.tsx';
import { TemplateLibraryContainer } from './TemplateLibraryContainer.tsx';

export interface ShellDialogsProps {
  db: WebcareDb;
  api: WebcareApi;
  info: AppInfo;
  analysis: AnalysisClient;
  shell: Shell;
  commands: Commands;
  accounts: AccountInfo[] | undefined;
  /** The conversation triage dialogs (snooze, label) act on. */
  selected: Conversation | null;
  labelRows: Label[] | undefined;
  storage: StorageReport | null;
  hasRoom(): Promise<boolean>;
  now: number;
}

/** The shell's dialogs, at most one open at a time, and the report dialog. */
export function ShellDialogs({ db, api, info, shell, commands, selected, ...p }: ShellDialogsProps) {
  const { dialog, lang, me, report } = shell;
  const close = () => shell.setDialog(null);
  const { run } = commands;
  return (
    <>
      {dialog === 'palette' && (
        <CommandPalette
          commands={COMMANDS}
          ctx={commands.ctx}
          isMac={isMac}
          onClose={close}
          onRun={commands.runCommand}
        />
      )}
      {dialog === 'shortcuts' && <ShortcutsDialog commands={COMMANDS} isMac={isMac} onClose={close} />}
      {dialog === 'settings' && (
        <SettingsContainer
          db={db}
          api={api}
          settings={shell.settings}
          info={info}
          storage={p.storage}
          onClose={close}
          onChange={shell.updateSettings}
          onOpenAccounts={() => shell.openAccounts(null)}
        />
      )}
      {dialog === 'accounts' && (
        <AccountsDialog
          accounts={p.accounts}
          api={api}
          mode={info.mode}
          now={p.now}
          lang={lang}
          fixAccountId={shell.fixAccountId}
          onClose={close}
        />
      )}
      {dialog === 'templates' && (
        <TemplateLibraryContainer
          db={db}
          me={me}
          lang={lang}
          dateTime={(ms) => messageTime(ms, Date.now(), lang)}
          onClose={close}
        />
      )}
      {dialog === 'import' && (
        <ImportContainer
          db={db}
          onClose={close}
          onImported={(ids) => void p.analysis.analyze(ids)}
          hasRoom={p.hasRoom}
        />
      )}
      {report && (
        <ReportDialog
          title={report.title}
          markdown={report.markdown}
          figures={report.figures}
          filename={report.filename}
          onClose={() => shell.setReport(null)}
        />
      )}
      {dialog === 'snooze' && selected && (
        <SnoozeDialog
          lang={lang}
          onClose={close}
          onSnooze={(until) => {
            shell.setDialog(null);
            void run('conversation.snoozeUntil', { conversationId: selected.id, until });
          }}
        />
      )}
      {dialog === 'label' && selected && (
        <LabelDialog
          labels={p.labelRows ?? []}
          selected={selected.labels}
          onClose={close}
          onToggle={(labelId) => void run('label.toggle', { conversationId: selected.id, labelId })}
          onCreate={(name) => void run('label.create', { conversationId: selected.id, name })}
        />
      )}
    </>
  );
}
