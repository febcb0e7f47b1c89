import type { ParseKeys, TFunction } from 'i18next';
import type { ConversationEvent } from '../../shared/domain/events.ts';
import type { Conversation, Priority } from '../../shared/domain/types.ts';
import { STATUS_VIEWS, type ViewId } from '../../shared/inbox/views.ts';
import type { Settings, SettingsPatch } from '../../shared/settings/schema.ts';
import { dispatch } from '../db/repo.ts';
import { undoAndSay } from './undo.ts';
import { checkCounters } from '../db/counters.ts';
import { recountDashboard } from '../db/rollups.ts';
import type { WebcareDb } from '../db/schema.ts';
import { moveSelection } from '../../shared/inbox/selection.ts';
import type { UiLanguage } from '../i18n/format.ts';

export type DialogId =
  'palette' | 'shortcuts' | 'snooze' | 'label' | 'settings' | 'import' | 'templates' | 'accounts';
export type FocusTarget = 'search' | 'reply' | 'note' | 'list';
export type Screen = 'inbox' | 'flags' | 'crisis' | 'dashboard' | 'authors';

export interface ToastInput {
  text: string;
  /** The log event the toast reports: its Undo button takes back exactly that. */
  undo?: string;
  tone?: 'info' | 'error';
}

/** Everything a command may read or do. Built by the app shell on each render. */
export interface CommandContext {
  db: WebcareDb;
  me: string;
  now: () => number;
  view: ViewId;
  /** The selected conversation's id: the latest, also while its conversation still loads. */
  selectedId: string | null;
  /**
   * The conversation actions apply to: the selected one, fully loaded and shown, and a row of
   * the list (or opened on purpose). `null` while it loads: action keys then do nothing.
   */
  selected: Conversation | null;
  /** Ids of the conversations currently listed, in order. */
  visibleIds: readonly string[];
  /**
   * Selects a conversation; `pin` keeps it in the pane after it leaves the list (a flag the
   * manager just decided on shows its verdict).
   */
  select(id: string | null, pin?: boolean): void;
  setView(view: ViewId): void;
  setScreen(screen: Screen): void;
  open(dialog: DialogId): void;
  focus(target: FocusTarget): void;
  toast(t: ToastInput): void;
  settings: Settings;
  /** Whether the dark theme is showing now (the `system` setting resolves through the OS). */
  darkTheme(): boolean;
  updateSettings(patch: SettingsPatch): Promise<void>;
  t: TFunction<'app'>;
  /** The UI language (reports, times in toasts). */
  lang: UiLanguage;
  /** A desktop notification (best effort: a failure is not the action's failure). */
  notify(n: { title: string; body: string }): void;
  /** Shows a Markdown report (handover, crisis report) to read, print or save. */
  showReport(report: Report): void;
  /** Puts text into the reply box of `conversationId` (and nowhere else). */
  insertReply(conversationId: string, text: string): void;
  /** The name of the connected account `accountId`, when it is one (replies on it go out now). */
  connectedAccountName(accountId: string): string | undefined;
  /** Who a conversation is with, for messages about it ("your reply to @fleur_bos"). */
  conversationLabel(conversationId: string): string | undefined;
}

/** A Markdown report for the report dialog. */
export interface Report {
  title: string;
  markdown: string;
  filename: string;
}

export type CommandGroup = 'navigation' | 'triage' | 'compose' | 'app';

/**
 * One action, used by the keyboard, the Electron menu (by id) and the command palette
 * (Excalidraw-style action registry).
 */
export interface Command {
  id: string;
  labelKey: ParseKeys<'app'>;
  group: CommandGroup;
  shortcut?: string;
  isEnabled(ctx: CommandContext): boolean;
  run(ctx: CommandContext): void | Promise<void>;
}

const hasSelection = (ctx: CommandContext) => ctx.selected !== null;

/**
 * Moves the selection by `delta` rows within the visible list. It counts from the selected id,
 * not the loaded conversation, so keys faster than a conversation loads still move one row each.
 */
function move(ctx: CommandContext, delta: number): void {
  const next = moveSelection(ctx.visibleIds, ctx.selectedId, delta);
  if (next !== null) ctx.select(next);
}

/**
 * Applies a triage event to the selected conversation. When it leaves the current view, the
 * shell moves the selection on to the row that takes its place, so the agent can keep going.
 */
async function triage(
  ctx: CommandContext,
  event: ConversationEvent,
  doneKey: ParseKeys<'app'>,
): Promise<void> {
  const sel = ctx.selected;
  if (!sel) return;
  const result = await dispatch(ctx.db, sel.id, event, ctx.me, ctx.now());
  if (!result.ok) {
    ctx.toast({ text: ctx.t(`errors.transition.${result.error.code}`), tone: 'error' });
    return;
  }
  ctx.toast({ text: ctx.t(doneKey), undo: result.eventId });
}

function priorityCommand(priority: Priority): Command {
  return {
    id: `conversation.priority.${priority}`,
    labelKey: `commands.priority.${priority}`,
    group: 'triage',
    isEnabled: (ctx) => ctx.selected !== null && ctx.selected.priority !== priority,
    run: (ctx) => triage(ctx, { type: 'priority.set', priority }, 'toasts.priority'),
  };
}

const VIEW_KEYS: Record<(typeof STATUS_VIEWS)[number], ParseKeys<'app'>> = {
  open: 'commands.view.open',
  mine: 'commands.view.mine',
  pending: 'commands.view.pending',
  snoozed: 'commands.view.snoozed',
  resolved: 'commands.view.resolved',
  all: 'commands.view.all',
};

export const COMMANDS: readonly Command[] = [
  {
    id: 'nav.next',
    labelKey: 'commands.next',
    group: 'navigation',
    shortcut: 'j',
    isEnabled: (c) => c.visibleIds.length > 0,
    run: (c) => move(c, 1),
  },
  {
    id: 'nav.prev',
    labelKey: 'commands.prev',
    group: 'navigation',
    shortcut: 'k',
    isEnabled: (c) => c.visibleIds.length > 0,
    run: (c) => move(c, -1),
  },
  {
    id: 'conversation.open',
    labelKey: 'commands.open',
    group: 'navigation',
    shortcut: 'enter',
    isEnabled: (c) => c.visibleIds.length > 0,
    run: (c) => {
      if (!c.selectedId) move(c, 0);
      c.focus('reply');
    },
  },
  ...STATUS_VIEWS.map<Command>((view, i) => ({
    id: `view.${view}`,
    labelKey: VIEW_KEYS[view],
    group: 'navigation',
    shortcut: String(i + 1),
    isEnabled: () => true,
    run: (c) => c.setView(view),
  })),
  {
    id: 'screen.flags',
    labelKey: 'monitor.flags',
    group: 'navigation',
    shortcut: '7',
    isEnabled: () => true,
    run: (c) => c.setScreen('flags'),
  },
  {
    id: 'screen.crisis',
    labelKey: 'monitor.crisis',
    group: 'navigation',
    shortcut: '8',
    isEnabled: () => true,
    run: (c) => c.setScreen('crisis'),
  },
  {
    id: 'screen.dashboard',
    labelKey: 'monitor.dashboard',
    group: 'navigation',
    shortcut: '9',
    isEnabled: () => true,
    run: (c) => c.setScreen('dashboard'),
  },
  {
    id: 'screen.authors',
    labelKey: 'monitor.authors',
    group: 'navigation',
    shortcut: '0',
    isEnabled: () => true,
    run: (c) => c.setScreen('authors'),
  },
  {
    id: 'dashboard.recount',
    labelKey: 'commands.recountDashboard',
    group: 'app',
    isEnabled: () => true,
    run: async (c) => {
      const wrong = await recountDashboard(c.db);
      c.toast({ text: c.t('toasts.dashboardRecounted', { count: wrong }) });
    },
  },
  {
    id: 'search.focus',
    labelKey: 'commands.search',
    group: 'navigation',
    shortcut: '/',
    isEnabled: () => true,
    run: (c) => c.focus('search'),
  },
  {
    id: 'conversation.resolve',
    labelKey: 'commands.resolve',
    group: 'triage',
    shortcut: 'e',
    isEnabled: (c) => c.selected !== null && c.selected.status !== 'resolved',
    run: (c) => triage(c, { type: 'resolve' }, 'toasts.resolved'),
  },
  {
    id: 'conversation.reopen',
    labelKey: 'commands.reopen',
    group: 'triage',
    shortcut: 'shift+e',
    isEnabled: (c) => c.selected?.status === 'resolved',
    run: (c) => triage(c, { type: 'reopen' }, 'toasts.reopened'),
  },
  {
    id: 'conversation.snooze',
    labelKey: 'commands.snooze',
    group: 'triage',
    shortcut: 's',
    isEnabled: (c) => c.selected !== null && c.selected.status !== 'resolved',
    run: (c) => c.open('snooze'),
  },
  {
    id: 'conversation.unsnooze',
    labelKey: 'commands.unsnooze',
    group: 'triage',
    shortcut: 'shift+s',
    isEnabled: (c) => c.selected?.status === 'snoozed',
    run: (c) => triage(c, { type: 'unsnooze' }, 'toasts.unsnoozed'),
  },
  {
    id: 'conversation.pending',
    labelKey: 'commands.pending',
    group: 'triage',
    shortcut: 'p',
    isEnabled: (c) => c.selected?.status === 'open' || c.selected?.status === 'snoozed',
    run: (c) => triage(c, { type: 'pend' }, 'toasts.pending'),
  },
  {
    id: 'conversation.assign',
    labelKey: 'commands.assign',
    group: 'triage',
    shortcut: 'a',
    isEnabled: hasSelection,
    run: (c) =>
      c.selected?.assignee === c.me
        ? triage(c, { type: 'assign', assignee: '' }, 'toasts.unassigned')
        : triage(c, { type: 'assign', assignee: c.me }, 'toasts.assigned'),
  },
  {
    id: 'conversation.label',
    labelKey: 'commands.label',
    group: 'triage',
    shortcut: 'l',
    isEnabled: hasSelection,
    run: (c) => c.open('label'),
  },
  priorityCommand('urgent'),
  priorityCommand('high'),
  priorityCommand('normal'),
  priorityCommand('low'),
  {
    id: 'compose.reply',
    labelKey: 'commands.reply',
    group: 'compose',
    shortcut: 'r',
    isEnabled: hasSelection,
    run: (c) => c.focus('reply'),
  },
  {
    id: 'compose.note',
    labelKey: 'commands.note',
    group: 'compose',
    shortcut: 'n',
    isEnabled: hasSelection,
    run: (c) => c.focus('note'),
  },
  {
    id: 'edit.undo',
    labelKey: 'commands.undo',
    group: 'triage',
    shortcut: 'z',
    isEnabled: () => true,
    run: (c) => undoAndSay(c, {}),
  },
  {
    id: 'palette.open',
    labelKey: 'commands.palette',
    group: 'app',
    shortcut: 'mod+k',
    isEnabled: () => true,
    run: (c) => c.open('palette'),
  },
  {
    id: 'help.shortcuts',
    labelKey: 'commands.shortcuts',
    group: 'app',
    shortcut: '?',
    isEnabled: () => true,
    run: (c) => c.open('shortcuts'),
  },
  {
    id: 'app.settings',
    labelKey: 'commands.settings',
    group: 'app',
    shortcut: 'mod+,',
    isEnabled: () => true,
    run: (c) => c.open('settings'),
  },
  {
    id: 'app.accounts',
    labelKey: 'commands.accounts',
    group: 'app',
    isEnabled: () => true,
    run: (c) => c.open('accounts'),
  },
  {
    id: 'inbox.import',
    labelKey: 'commands.import',
    group: 'app',
    isEnabled: () => true,
    run: (c) => c.open('import'),
  },
  {
    id: 'templates.library',
    labelKey: 'commands.templates',
    group: 'app',
    isEnabled: () => true,
    run: (c) => c.open('templates'),
  },
  {
    id: 'inbox.checkCounts',
    labelKey: 'commands.checkCounts',
    group: 'app',
    isEnabled: () => true,
    run: async (c) => {
      const repairs = await checkCounters(c.db);
      c.toast({
        text: repairs.length
          ? c.t('toasts.countsRepaired', {
              count: repairs.length,
              list: repairs.map((r) => `${r.key} ${r.stored} → ${r.actual}`).join(', '),
            })
          : c.t('toasts.countsOk'),
      });
    },
  },
  {
    id: 'theme.toggle',
    labelKey: 'commands.theme',
    group: 'app',
    isEnabled: () => true,
    run: (c) => c.updateSettings({ theme: c.darkTheme() ? 'light' : 'dark' }),
  },
  {
    id: 'language.nl',
    labelKey: 'commands.languageNl',
    group: 'app',
    isEnabled: (c) => c.t('meta.language') !== 'nl',
    run: (c) => c.updateSettings({ language: 'nl' }),
  },
  {
    id: 'language.en',
    labelKey: 'commands.languageEn',
    group: 'app',
    isEnabled: (c) => c.t('meta.language') !== 'en',
    run: (c) => c.updateSettings({ language: 'en' }),
  },
];

export function findCommand(id: string): Command | undefined {
  return COMMANDS.find((c) => c.id === id);
}
