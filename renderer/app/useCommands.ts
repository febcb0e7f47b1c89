// The command context of the shell, and the ways commands arrive: keys, the Electron menu, the
// palette and buttons (runCommand), and actions with parameters (run).
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { AccountInfo } from '../../shared/channels/schemas.ts';
import type { WebcareApi } from '../../shared/ipc/contract.ts';
import type { StoredReplyChecks } from '../../shared/checks/run.ts';
import { runAction, type ActionId, type ActionParams } from '../commands/actions.ts';
import { COMMANDS, findCommand, type Command, type CommandContext } from '../commands/commands.ts';
import { isTypingTarget, matchShortcut } from '../commands/keyboard.ts';
import { undoAndSay } from '../commands/undo.ts';
import type { ComposerMode } from '../components/Composer.tsx';
import type { WebcareDb } from '../db/schema.ts';
import { writeFailures } from '../platform/storage.ts';
import type { Shell, ShellRefs } from './shell.ts';
import type { ScreenData } from './useScreenData.ts';

export const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

export function useCommands(
  db: WebcareDb,
  api: WebcareApi,
  accounts: readonly AccountInfo[] | undefined,
  shell: Shell,
  data: ScreenData,
  selectedRef: ShellRefs['selectedRef'],
) {
  const { me, view, selectedId, select, setView, setScreen, setDialog, focus, toast } = shell;
  const { settings, updateSettings, t, lang, setReport, insertReply, dialog } = shell;
  const { selected, visibleIds, conversationLabel } = data;

  const ctx: CommandContext = useMemo(
    () => ({
      db,
      me,
      now: () => Date.now(),
      view,
      selected,
      selectedId,
      visibleIds: visibleIds ?? [],
      select,
      setView,
      setScreen,
      open: setDialog,
      focus,
      toast,
      settings,
      darkTheme: () => document.documentElement.dataset.theme === 'dark',
      updateSettings,
      t,
      lang,
      notify: (n) => void api.invoke('notify:show', n).catch(() => undefined),
      showReport: setReport,
      insertReply,
      connectedAccountName: (accountId) => accounts?.find((a) => a.id === accountId)?.name,
      conversationLabel,
    }),
    [
      db,
      me,
      view,
      selected,
      selectedId,
      visibleIds,
      select,
      setView,
      setScreen,
      setDialog,
      focus,
      toast,
      settings,
      updateSettings,
      t,
      lang,
      api,
      setReport,
      insertReply,
      accounts,
      conversationLabel,
    ],
  );
  const ctxRef = useRef(ctx);
  useLayoutEffect(() => {
    ctxRef.current = ctx;
  }, [ctx]);

  // Actions with parameters name their conversation themselves: the latest context serves.
  const run = useCallback(
    <K extends ActionId>(id: K, params: ActionParams[K]) => runAction(ctxRef.current, id, params),
    [],
  );

  const runCommand = useCallback(
    (c: Command | undefined) => {
      // A key pressed right after a move: the selection is newer than the last render's context.
      const last = ctxRef.current;
      const ctx: CommandContext =
        last.selectedId === selectedRef.current
          ? last
          : { ...last, selectedId: selectedRef.current, selected: null };
      if (!c || !c.isEnabled(ctx)) return;
      setDialog(null);
      const about = ctx.selected ? conversationLabel(ctx.selected.id) : undefined;
      void Promise.resolve(c.run(ctx)).catch((e: unknown) => {
        // A storage failure goes to the banner (what was not done, what to do); others to a toast.
        const reported = writeFailures.report(e, {
          key: `action:${c.id}:${ctx.selectedId ?? ''}`,
          what: 'action',
          action: ctxRef.current.t(c.labelKey),
          conversationLabel: about,
        });
        if (!reported)
          ctxRef.current.toast({
            text: ctxRef.current.t('errors.generic', { message: String(e) }),
            tone: 'error',
          });
      });
    },
    [conversationLabel, selectedRef, setDialog],
  );
  const runCommandId = useCallback((id: string) => runCommand(findCommand(id)), [runCommand]);

  // One keyboard handler for the whole window, driven by the command registry. It is attached
  // once and reads the latest state from refs that are updated before paint, so a key pressed
  // right after a change (a dialog closing, the selection moving) never meets stale state.
  const dialogRef = useRef(dialog);
  useLayoutEffect(() => {
    dialogRef.current = dialog;
  }, [dialog]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (dialogRef.current) return; // dialogs own the keyboard while open
      const typing = isTypingTarget(e.target);
      for (const c of COMMANDS) {
        if (!c.shortcut || !matchShortcut(e, c.shortcut, isMac)) continue;
        if (typing && !c.shortcut.startsWith('mod+')) return;
        e.preventDefault();
        runCommand(c);
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runCommand]);

  // Electron menu items arrive as command ids.
  useEffect(
    () => api.on('app:run-command', ({ commandId }) => runCommand(findCommand(commandId))),
    [api, runCommand],
  );

  // Sends what the composer of `conversationId` holds: the id comes from the composer that the
  // text was typed in, never from the current selection.
  const onSubmit = useCallback(
    async (conversationId: string, kind: ComposerMode, text: string, checks?: StoredReplyChecks) =>
      (await (kind === 'note'
        ? run('note.add', { conversationId, text })
        : run('reply.send', { conversationId, text, ...(checks ? { checks } : {}) }))) ?? false,
    [run],
  );

  // A toast's Undo takes back exactly the event it reported.
  const undoEvent = useCallback((eventId: string) => void undoAndSay(ctxRef.current, { eventId }), []);

  return { ctx, run, runCommand, runCommandId, onSubmit, undoEvent };
}

export type Commands = ReturnType<typeof useCommands>;
