import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Author, Label } from '../../shared/domain/types.ts';
import type { AppInfo, WebcareApi } from '../../shared/ipc/contract.ts';
import { isViewId, viewCounterKey, type ViewId } from '../../shared/inbox/views.ts';
import { resolveLanguage, type Settings, type SettingsPatch } from '../../shared/settings/schema.ts';
import {
  COMMANDS,
  findCommand,
  type Command,
  type CommandContext,
  type DialogId,
  type FocusTarget,
  type Screen,
  type ToastInput,
} from '../commands/commands.ts';
import { isTypingTarget, matchShortcut } from '../commands/keyboard.ts';
import { CommandPalette, ShortcutsDialog } from '../components/CommandPalette.tsx';
import { ConversationList } from '../components/ConversationList.tsx';
import { ConversationView } from '../components/ConversationView.tsx';
import type { ComposerMode, FocusRequest } from '../components/Composer.tsx';
import { HostBanner } from '../components/HostBanner.tsx';
import { StorageBanner } from '../components/StorageBanner.tsx';
import { OfflineBanner } from '../components/OfflineBanner.tsx';
import { estimateStorage, writeFailures, type StorageReport } from '../platform/storage.ts';
import { startAutoBackups } from './autoBackup.ts';
import { ImportDialog } from '../components/ImportDialog.tsx';
import { SettingsDialog } from '../components/SettingsDialog.tsx';
import { AccountsDialog } from '../components/AccountsDialog.tsx';
import { AccountsHealthSection } from '../components/AccountHealth.tsx';
import { useAccounts } from '../data/accounts.ts';
import { createEmailActions } from './emailActions.ts';
import { Sidebar } from '../components/Sidebar.tsx';
import { Toasts, type Toast } from '../components/Toasts.tsx';
import { LabelDialog, SnoozeDialog } from '../components/TriageDialogs.tsx';
import { localizeDemoLabels, syncDemoInbox } from '../db/demo.ts';
import { markRead, nextSnoozeEnd, wakeDueSnoozes } from '../db/repo.ts';
import { undoAndSay } from '../commands/undo.ts';
import { runAction, type ActionId, type ActionParams } from '../commands/actions.ts';
import { authorLabel } from '../../shared/inbox/authors.ts';
import type { Leadership } from '../platform/leader.ts';
import { prunePublicReplies, publicReplyCandidates } from '../db/publicReplies.ts';
import { withUnread } from '../db/repo.ts';
import type { WebcareDb } from '../db/schema.ts';
import {
  useConversationDetail,
  useConversationPage,
  useAgentNames,
  useBrandNames,
  useCounters,
  useDemoConversationCount,
  useKeyedLiveQuery,
  useLabels,
  useNow,
  useOfflineSince,
  useOutboxWaiting,
  useLastSync,
  useSearch,
} from '../data/hooks.ts';
import { setLanguage } from '../i18n/i18n.ts';
import { messageTime, type UiLanguage } from '../i18n/format.ts';
import { applyTheme } from './theme.ts';
import { statementsForReply } from '../../shared/crisis/statements.ts';
import { NO_SELECTION, reconcileSelection, type Selection } from '../../shared/inbox/selection.ts';
import type { AnalysisClient } from '../analysis/client.ts';
import { readTuning } from '../analysis/analyze.ts';
import { dropOrphanFlags, flagsWithConversations } from '../db/crisis.ts';
import { FlagsView } from '../components/FlagsView.tsx';
import { CrisisPanel } from '../components/CrisisView.tsx';
import { ReportDialog } from '../components/ReportDialog.tsx';
import type { ReportContent } from '../analysis/report.ts';
import { FLAG_STATES, type FlagState } from '../../shared/crisis/types.ts';
import type { StoredReplyChecks } from '../../shared/checks/run.ts';
import { checkSettings } from '../../shared/checks/types.ts';
import type { Template } from '../../shared/templates/model.ts';
import { ensureStarterTemplates, listTemplates } from '../db/templates.ts';
import type { AssistBase } from '../components/ConversationView.tsx';
import { TemplateLibrary } from '../components/TemplateLibrary.tsx';

// The dashboard (and its chart library) loads when it is first opened, not at start-up.
const DashboardScreen = lazy(() =>
  import('../containers/DashboardScreen.tsx').then((m) => ({ default: m.DashboardScreen })),
);
const AuthorsScreen = lazy(() =>
  import('../containers/AuthorsScreen.tsx').then((m) => ({ default: m.AuthorsScreen })),
);

const PAGE = 100;
const NO_NAMES: ReadonlyMap<string, string> = new Map();
const NO_IDS: readonly string[] = [];
const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

export interface AppProps {
  api: WebcareApi;
  db: WebcareDb;
  info: AppInfo;
  initialSettings: Settings;
  analysis: AnalysisClient;
  /** Whether this window is the single writer (it seeds the demo). */
  leadership: Leadership;
}

/** The inbox: sidebar, conversation list and conversation view, driven by one command registry. */
export function App({ api, db, info, initialSettings, analysis, leadership }: AppProps) {
  const { t, i18n } = useTranslation();
  const [settings, setSettings] = useState(initialSettings);
  const lang = (i18n.language === 'nl' ? 'nl' : 'en') as UiLanguage;
  const me = settings.agent.id;
  const now = useNow(30_000);
  const offlineSince = useOfflineSince();
  const [view, setViewState] = useState<ViewId>(() => {
    const saved = sessionStorage.getItem('webcare.view');
    return saved && isViewId(saved) ? saved : 'open';
  });
  const [limit, setLimit] = useState(PAGE);
  // The conversation open before a reload stays open, listed or not (pinned).
  const [selection, setSelection] = useState<Selection>(() => {
    const id = sessionStorage.getItem('webcare.selected');
    return id ? { id, pinned: true } : NO_SELECTION;
  });
  const selectedId = selection.id;
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<DialogId | null>(null);
  const accounts = useAccounts();
  const [fixAccountId, setFixAccountId] = useState<string | null>(null);
  const openAccounts = (fix: string | null) => {
    setFixAccountId(fix);
    setDialog('accounts');
  };
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [screen, setScreenState] = useState<Screen>(
    () => (sessionStorage.getItem('webcare.screen') as Screen | null) ?? 'inbox',
  );
  const [flagFilter, setFlagFilter] = useState<FlagState>('new');
  const [report, setReport] = useState<ReportContent | null>(null);
  const analysing =
    useLiveQuery(async () => (await db.meta.get('analysis-running'))?.value === true, [db]) ?? false;
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const toastSeq = useRef(0);

  // Settings pushed by the backend (another window, the Electron menu) apply at once.
  useEffect(() => api.on('settings:changed', (s) => setSettings(s)), [api]);
  useEffect(() => {
    const language = resolveLanguage(settings.language, info.osLocale || navigator.language);
    if (i18n.language !== language) void setLanguage(language);
  }, [settings.language, info.osLocale, i18n]);
  useEffect(() => applyTheme(settings.theme), [settings.theme]);
  useEffect(() => {
    // Turning the demo back on seeds it (labels in the UI language); score it like a first run.
    // Only the leader window writes the demo, so two windows never seed it twice.
    if (!leadership.isLeader()) return;
    void syncDemoInbox(db, settings, Date.now(), lang).then(
      (r) => r === 'seeded' && void analysis.analyze('all-active'),
    );
  }, [db, settings, lang, analysis, leadership]);
  // The leader keeps the near-duplicate index to its retention (a week), at election and hourly.
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    let live = true;
    void leadership.elected.then(() => {
      if (!live) return;
      const prune = () => void prunePublicReplies(db, Date.now()).catch(() => undefined);
      prune();
      timer = setInterval(prune, 3_600_000);
    });
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
  }, [db, leadership]);
  // Hourly snapshots to the data folder, written by the leader only (the one background writer).
  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    void leadership.elected.then(() => {
      if (!cancelled) stop = startAutoBackups(db, api);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [db, api, leadership]);
  // Demo labels follow the UI language while they keep the name we gave them (eight rows).
  useEffect(() => {
    void localizeDemoLabels(db, lang);
  }, [db, lang]);

  const toast = useCallback((input: ToastInput) => {
    const id = ++toastSeq.current;
    setToasts((ts) => [...ts.slice(-2), { id, ...input }]);
    setTimeout(() => setToasts((ts) => ts.filter((x) => x.id !== id)), input.tone === 'error' ? 8000 : 5000);
  }, []);

  const updateSettings = useCallback(
    async (patch: SettingsPatch) => {
      try {
        setSettings(await api.invoke('settings:update', patch));
      } catch (e) {
        toast({ text: t('errors.settings', { message: (e as Error).message }), tone: 'error' });
      }
    },
    [api, t, toast],
  );

  // Snoozes wake by themselves: one timer for the earliest end, re-armed after each change.
  // The template library (small, read whole); the starter library goes in on first run.
  useEffect(() => {
    void ensureStarterTemplates(db, Date.now());
  }, [db]);
  const templates = useLiveQuery(() => listTemplates(db), [db]);
  const teamChecks = useMemo(() => checkSettings(settings.checks), [settings.checks]);
  const assistBase = useCallback(
    (list: readonly Template[]): AssistBase => ({
      templates: list,
      uiLang: lang,
      agent: { name: settings.agent.name, initials: settings.agent.initials },
      settings: teamChecks,
      recentPublic: (query) => publicReplyCandidates(db, query),
      dateTime: (ms: number) => messageTime(ms, Date.now(), lang),
    }),
    [db, lang, settings.agent.name, settings.agent.initials, teamChecks],
  );
  const snoozedCount = useLiveQuery(async () => (await db.counters.get('status:snoozed'))?.value ?? 0, [db]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const arm = async () => {
      await wakeDueSnoozes(db, Date.now());
      const next = await nextSnoozeEnd(db);
      if (cancelled || next === null) return;
      timer = setTimeout(() => void arm(), Math.min(60_000, Math.max(250, next - Date.now())));
    };
    void arm();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [db, snoozedCount]);

  // Flags come with their conversations in one live query: a flag whose conversation is gone
  // (the demo inbox removed while the worker was writing) is never shown, and is cleaned up.
  const flagData = useKeyedLiveQuery(flagFilter, () => flagsWithConversations(db, flagFilter), [db]);
  const flagRows = flagData?.flags;
  useEffect(() => {
    if (flagData?.orphans.length) void dropOrphanFlags(db, flagData.orphans);
  }, [db, flagData]);
  const counters = useCounters(db);
  const flagCounts = useMemo(() => {
    const counts = {} as Record<FlagState, number>;
    for (const s of FLAG_STATES) counts[s] = Math.max(0, counters?.get(`flags:${s}`) ?? 0);
    return counts;
  }, [counters]);
  const alerts = useLiveQuery(
    async () =>
      (
        await db.alerts
          .where('[kind+at]')
          .between(['crisis', Date.now() - 48 * 3_600_000], ['crisis', Infinity])
          .toArray()
      ).reverse(),
    [db],
  );
  const crisis = useLiveQuery(async () => (await db.crises.where('active').equals(1).first()) ?? null, [db]);
  const statements = useLiveQuery(() => db.statements.toArray(), [db]);
  const threshold = useLiveQuery(async () => (await readTuning(db)).threshold, [db]);
  const monitorIds = useMemo(
    () =>
      screen === 'flags'
        ? (flagRows ?? []).map((f) => f.conversationId)
        : screen === 'crisis'
          ? (crisis?.conversationIds ?? [])
          : [],
    [screen, flagRows, crisis],
  );
  // Keyed by screen and ids: right after the switch to crisis mode the flags' rows are not shown.
  const monitorConvRows = useKeyedLiveQuery(
    `${screen}:${monitorIds.join(',')}`,
    async () =>
      withUnread(
        db,
        me,
        (await db.conversations.bulkGet(monitorIds)).filter((c): c is NonNullable<typeof c> => !!c),
      ),
    [db, monitorIds, me],
  );
  const monitorConvs = useMemo(
    () => new Map((monitorConvRows ?? []).map((c) => [c.id, c])),
    [monitorConvRows],
  );
  const searching = query.trim().length > 0;
  const page = useConversationPage(db, view, me, limit);
  const search = useSearch(db, searching ? query : '', me);
  const crisisRows = useMemo(
    () =>
      monitorConvRows ? [...monitorConvRows].sort((a, b) => b.lastMessageAt - a.lastMessageAt) : undefined,
    [monitorConvRows],
  );
  const rows = screen === 'crisis' ? crisisRows : searching ? search?.conversations : page;
  const viewTotal = counters?.get(viewCounterKey(view, me)) ?? 0;
  const hasMore = !searching && (page?.length ?? 0) >= limit && viewTotal > limit;
  // The ids of the rows shown, in order; `undefined` while the list loads.
  const visibleIds = useMemo(
    () =>
      // The dashboard lists no conversations: j/k and triage keys have nothing to act on there.
      screen === 'dashboard' || screen === 'authors'
        ? NO_IDS
        : screen === 'flags'
          ? flagRows?.map((f) => f.conversationId)
          : rows?.map((r) => r.id),
    [screen, flagRows, rows],
  );

  const authorIds = useMemo(
    () => [...new Set([...(rows ?? []), ...(monitorConvRows ?? [])].map((r) => r.authorId))],
    [rows, monitorConvRows],
  );
  const authorRows = useLiveQuery(() => db.authors.bulkGet(authorIds), [db, authorIds]);
  const authors = useMemo(
    () => new Map((authorRows ?? []).filter((a): a is Author => !!a).map((a) => [a.id, a])),
    [authorRows],
  );
  const labelRows = useLabels(db);
  const demoConversations = useDemoConversationCount(db, dialog === 'settings' && settings.demo.enabled);
  const labels = useMemo(() => new Map((labelRows ?? []).map((l: Label) => [l.id, l])), [labelRows]);

  const detail = useConversationDetail(db, selectedId, me);
  // Who a conversation is with, for messages about it ("your reply to @fleur_bos"): from the
  // open conversation or the list's authors, read from refs so the callbacks stay stable.
  const namesRef = useRef({ detail, rows, authors });
  useLayoutEffect(() => {
    namesRef.current = { detail, rows, authors };
  }, [detail, rows, authors]);
  const conversationLabel = useCallback((conversationId: string): string | undefined => {
    const { detail: d, rows: list, authors: known } = namesRef.current;
    const author =
      d?.conversation.id === conversationId
        ? d.author
        : known.get(list?.find((r) => r.id === conversationId)?.authorId ?? '');
    return authorLabel(author);
  }, []);
  const agentNames = useAgentNames(db);
  const brandNames = useBrandNames(db);
  // Commands (keys, menu, palette) act only on the conversation the pane shows in full, and only
  // while it is a row of the list (or was opened on purpose): never on a previous view's one.
  const selected =
    detail &&
    detail.conversation.id === selectedId &&
    (selection.pinned || visibleIds?.includes(detail.conversation.id))
      ? detail.conversation
      : null;
  // Holding statements in the language of the conversation they would go into.
  const offered = useMemo(
    () => statementsForReply(statements ?? [], selected?.lang, lang),
    [statements, selected, lang],
  );

  // The latest selection and list, for keys that arrive faster than conversations load.
  const selectedRef = useRef(selectedId);
  const visibleRef = useRef(visibleIds);
  useLayoutEffect(() => {
    selectedRef.current = selectedId;
    visibleRef.current = visibleIds;
  }, [selectedId, visibleIds]);
  /**
   * Selects a conversation. One opened from outside the list (an earlier conversation of the
   * author, an undo) is pinned, and so is one the manager just decided a flag on (`pin`): it
   * stays in the pane, showing the verdict, after it leaves the list.
   */
  const select = useCallback((id: string | null, pin = false) => {
    selectedRef.current = id;
    setSelection(
      id === null ? NO_SELECTION : { id, pinned: pin || !(visibleRef.current ?? []).includes(id) },
    );
    // Text meant for another conversation's composer is dropped, not kept for later.
    setFocusRequest((r) => (r?.insert && r.insert.conversationId !== id ? null : r));
  }, []);
  useEffect(() => {
    if (selectedId) sessionStorage.setItem('webcare.selected', selectedId);
    else sessionStorage.removeItem('webcare.selected');
  }, [selectedId]);

  const setScreen = useCallback((next: Screen) => {
    setScreenState(next);
    sessionStorage.setItem('webcare.screen', next);
    selectedRef.current = null;
    setSelection(NO_SELECTION);
  }, []);

  const setView = useCallback(
    (v: ViewId) => {
      setScreenState('inbox');
      sessionStorage.setItem('webcare.screen', 'inbox');
      setViewState(v);
      sessionStorage.setItem('webcare.view', v);
      setLimit(PAGE);
      setQuery('');
      select(null);
    },
    [select],
  );

  // Selecting a conversation marks it read.
  useEffect(() => {
    // Reading is this agent's own state, not the inbox's.
    if (selected && selected.unread > 0) void markRead(db, me, selected.id, Date.now());
  }, [db, me, selected]);

  // Keep the selection on a row of the list (see reconcileSelection). Adjusted during render, not
  // in an effect, so the list and the conversation pane never disagree for a frame.
  const [seenVisible, setSeenVisible] = useState(visibleIds);
  const reconciled = reconcileSelection(selection, seenVisible, visibleIds);
  if (seenVisible !== visibleIds || reconciled !== selection) {
    setSeenVisible(visibleIds);
    if (reconciled !== selection) setSelection(reconciled);
  }

  const focusDone = useCallback(() => setFocusRequest(null), []);
  const focus = useCallback((target: FocusTarget) => {
    if (target === 'search') searchRef.current?.focus();
    else if (target === 'list') listRef.current?.querySelector<HTMLElement>('[role=listbox]')?.focus();
    else setFocusRequest({ mode: target, nonce: Date.now() });
  }, []);

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
      insertReply: (conversationId, text) =>
        setFocusRequest({ mode: 'reply', nonce: Date.now(), insert: { conversationId, text } }),
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
      focus,
      toast,
      settings,
      updateSettings,
      t,
      lang,
      api,
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
    [conversationLabel],
  );

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
  const emailActions = useMemo(() => createEmailActions(api), [api]);

  // The offline line's numbers: small indexed counts of the outbox and the sync state.
  const outboxWaiting = useOutboxWaiting(db);
  const lastSync = useLastSync(db);
  // Storage: how full it is (at start, every 5 minutes, after a failure, while Settings is open)
  // and a last line of defence for writes nobody caught.
  const [storage, setStorage] = useState<StorageReport | null>(null);
  const refreshStorage = useCallback(() => void estimateStorage().then(setStorage), []);
  useEffect(() => {
    refreshStorage();
    const timer = setInterval(refreshStorage, 5 * 60_000);
    const unsubscribe = writeFailures.subscribe(refreshStorage);
    const onRejection = (e: PromiseRejectionEvent) => {
      if (writeFailures.report(e.reason, { key: 'other', what: 'other' })) e.preventDefault();
    };
    // Text that exists only in this window's memory: the browser asks before the window closes.
    const onUnload = (e: BeforeUnloadEvent) => {
      if (writeFailures.hasUnsaved()) e.preventDefault();
    };
    window.addEventListener('unhandledrejection', onRejection);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      clearInterval(timer);
      unsubscribe();
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [refreshStorage]);
  useEffect(() => {
    if (dialog === 'settings') refreshStorage();
  }, [dialog, refreshStorage]);
  // Imports ask before every batch; the browser's estimate is not free (it sums the origin's
  // files), so one answer serves for 30 seconds.
  const roomRef = useRef<{ at: number; ok: boolean } | null>(null);
  const hasRoom = useCallback(async () => {
    const last = roomRef.current;
    if (last && Date.now() - last.at < 30_000) return last.ok;
    const ok = ((await estimateStorage())?.level ?? 'ok') === 'ok';
    roomRef.current = { at: Date.now(), ok };
    return ok;
  }, []);

  const emptyText = view.startsWith('channel:')
    ? t('list.empty.channel')
    : t(`list.empty.${view as Exclude<ViewId, `channel:${string}`>}`);

  return (
    <div className="app" data-testid="app">
      <HostBanner />
      <StorageBanner failures={writeFailures} report={storage} onOpenSettings={() => setDialog('settings')} />
      {offlineSince !== null && (
        <OfflineBanner since={offlineSince} waiting={outboxWaiting} lastSync={lastSync} />
      )}
      <Sidebar
        view={view}
        me={me}
        counters={counters}
        lang={lang}
        onSelect={setView}
        screen={screen}
        onScreen={setScreen}
        newFlags={flagCounts?.new ?? 0}
        crisisBrand={crisis?.brand ?? null}
        accounts={
          <AccountsHealthSection
            accounts={accounts}
            now={now}
            lang={lang}
            mode={info.mode}
            onOpen={openAccounts}
          />
        }
        footer={
          <div className="sidebar-tools">
            <button onClick={() => setDialog('palette')} title={t('topbar.palette')}>
              <span className="tool-glyph">⌘</span> <span>{t('topbar.palette')}</span>
            </button>
            <button
              onClick={() => void updateSettings({ language: lang === 'nl' ? 'en' : 'nl' })}
              title={t('topbar.language')}
              data-testid="language-toggle"
            >
              <span className="tool-glyph">Aa</span> <span>{lang === 'nl' ? 'English' : 'Nederlands'}</span>
            </button>
            <button
              onClick={() => runCommand(findCommand('theme.toggle'))}
              title={t('topbar.theme')}
              data-testid="theme-toggle"
            >
              <span className="tool-glyph">◐</span> <span>{t('topbar.theme')}</span>
            </button>
            <button onClick={() => setDialog('shortcuts')} title={t('topbar.shortcuts')}>
              <span className="tool-glyph">?</span> <span>{t('topbar.shortcuts')}</span>
            </button>
            <button
              onClick={() => setDialog('settings')}
              title={t('topbar.settings')}
              data-testid="open-settings"
            >
              <span className="tool-glyph">⚙</span> <span>{t('topbar.settings')}</span>
            </button>
          </div>
        }
      />
      {screen === 'authors' ? (
        <main className="wide-pane">
          <Suspense fallback={<p role="status">…</p>}>
            <AuthorsScreen
              db={db}
              lang={lang}
              now={now}
              me={me}
              agentName={(id) => agentNames?.get(id) ?? id}
              toast={(text) => toast({ text })}
              notify={(n) => void api.invoke('notify:show', n).catch(() => undefined)}
              onOpenConversations={(term) => {
                setView('all');
                setQuery(term);
              }}
            />
          </Suspense>
        </main>
      ) : screen === 'dashboard' ? (
        <main className="wide-pane">
          <Suspense fallback={<p role="status">…</p>}>
            <DashboardScreen
              db={db}
              lang={lang}
              now={now}
              agentName={(id) => agentNames?.get(id) ?? id}
              brandName={(id) => brandNames?.get(id) ?? id}
              onDrill={(d) => {
                if (d.kind === 'channel') setView(`channel:${d.channel}` as ViewId);
                else if (d.kind === 'flags') setScreen('flags');
                else if (d.kind === 'agent' && d.agent === me) setView('mine');
                else setView('open');
              }}
              showReport={setReport}
              toast={(text) => toast({ text })}
            />
          </Suspense>
        </main>
      ) : (
        <>
          <main className="list-pane" ref={listRef}>
            {screen === 'flags' ? (
              <FlagsView
                flags={flagRows}
                alerts={alerts}
                conversations={flagData?.conversations ?? monitorConvs}
                authors={authors}
                filter={flagFilter}
                counts={flagCounts ?? { new: 0, acknowledged: 0, escalated: 0, dismissed: 0 }}
                threshold={threshold ?? 60}
                analysing={analysing}
                selectedId={selectedId}
                now={now}
                lang={lang}
                onFilter={setFlagFilter}
                onSelect={select}
                onStartCrisis={(a) =>
                  void run('crisis.start', { alert: a, brand: a.brand, topic: a.topic, conversationIds: [] })
                }
              />
            ) : screen === 'crisis' ? (
              <CrisisPanel
                crisis={crisis}
                statements={offered.statements}
                statementLang={offered.lang}
                canUseStatement={selected !== null}
                now={now}
                lang={lang}
                onUseStatement={(st) =>
                  selected && void run('crisis.useStatement', { conversationId: selected.id, text: st.body })
                }
                onEnd={() => crisis && void run('crisis.end', { crisisId: crisis.id })}
                onReport={() => crisis && void run('crisis.report', { crisisId: crisis.id })}
              >
                <div className="crisis-list">
                  <ConversationList
                    rows={crisisRows}
                    authors={authors}
                    labels={labels}
                    hasMore={false}
                    selectedId={selectedId}
                    me={me}
                    now={now}
                    lang={lang}
                    showStatus
                    emptyText={t('crisis.none')}
                    onSelect={select}
                    onOpen={(id) => {
                      select(id);
                      focus('reply');
                    }}
                    onLoadMore={() => undefined}
                  />
                </div>
              </CrisisPanel>
            ) : (
              <>
                <div className="list-header">
                  <div className="search">
                    <input
                      ref={searchRef}
                      type="search"
                      aria-label={t('search.label')}
                      placeholder={t('search.placeholder')}
                      value={query}
                      onChange={(e) => setQuery(e.target.value)}
                      onKeyDown={(e) => {
                        if (e.key === 'Escape') {
                          setQuery('');
                          e.currentTarget.blur();
                        } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
                          e.preventDefault();
                          e.currentTarget.blur();
                        }
                      }}
                      data-testid="search"
                    />
                  </div>
                  <div className="list-title">
                    {searching ? (
                      <span data-testid="search-summary">
                        {search === undefined
                          ? '…'
                          : search.conversations.length === 0
                            ? t('search.none', { query })
                            : t('search.results', { count: search.conversations.length, query })}
                      </span>
                    ) : (
                      <>
                        <h1>
                          {view.startsWith('channel:')
                            ? t(`channels.${view.slice(8) as 'email'}`)
                            : t(`views.${view as 'open'}`)}
                        </h1>
                        <span className="muted" data-testid="list-count">
                          {t('list.count', { count: viewTotal })}
                        </span>
                      </>
                    )}
                  </div>
                </div>
                <ConversationList
                  rows={rows}
                  authors={authors}
                  labels={labels}
                  hasMore={hasMore}
                  selectedId={selectedId}
                  me={me}
                  now={now}
                  lang={lang}
                  showStatus={searching || view === 'all'}
                  emptyText={searching ? t('search.none', { query }) : emptyText}
                  onSelect={select}
                  onOpen={(id) => {
                    select(id);
                    focus('reply');
                  }}
                  onLoadMore={() => setLimit((l) => l + PAGE)}
                />
              </>
            )}
          </main>
          <ConversationView
            detail={selectedId === null ? (visibleIds === undefined ? undefined : null) : detail}
            labels={labels}
            me={me}
            agentNames={agentNames ?? NO_NAMES}
            brandNames={brandNames ?? NO_NAMES}
            now={now}
            lang={lang}
            focusRequest={focusRequest}
            onRunCommand={(id) => runCommand(findCommand(id))}
            onSelect={select}
            onSaveDraft={(conversationId, kind, text) =>
              void run('draft.save', { conversationId, kind, text })
            }
            onSubmit={onSubmit}
            onFocusDone={focusDone}
            onDelivery={(messageId, action) => void run('outbox.answer', { messageId, action })}
            email={emailActions}
            {...(templates ? { assist: assistBase(templates) } : {})}
            onDecide={(conversationId, state) => void run('flag.decide', { conversationId, state })}
            onStartCrisis={(shown) => void run('crisis.startFromConversation', { conversationId: shown.id })}
          />
        </>
      )}
      {dialog === 'palette' && (
        <CommandPalette
          commands={COMMANDS}
          ctx={ctx}
          isMac={isMac}
          onClose={() => setDialog(null)}
          onRun={runCommand}
        />
      )}
      {dialog === 'shortcuts' && (
        <ShortcutsDialog commands={COMMANDS} isMac={isMac} onClose={() => setDialog(null)} />
      )}
      {dialog === 'settings' && (
        <SettingsDialog
          settings={settings}
          info={info}
          demoConversations={demoConversations}
          storage={storage}
          db={db}
          api={api}
          onClose={() => setDialog(null)}
          onChange={updateSettings}
          onOpenAccounts={() => openAccounts(null)}
        />
      )}
      {dialog === 'accounts' && (
        <AccountsDialog
          accounts={accounts}
          api={api}
          mode={info.mode}
          now={now}
          lang={lang}
          fixAccountId={fixAccountId}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'templates' && (
        <TemplateLibrary
          db={db}
          me={me}
          lang={lang}
          dateTime={(ms) => messageTime(ms, Date.now(), lang)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'import' && (
        <ImportDialog
          db={db}
          onClose={() => setDialog(null)}
          onImported={(ids) => void analysis.analyze(ids)}
          hasRoom={hasRoom}
        />
      )}
      {report && (
        <ReportDialog
          title={report.title}
          markdown={report.markdown}
          figures={report.figures}
          filename={report.filename}
          onClose={() => setReport(null)}
        />
      )}
      {dialog === 'snooze' && selected && (
        <SnoozeDialog
          lang={lang}
          onClose={() => setDialog(null)}
          onSnooze={(until) => {
            setDialog(null);
            void run('conversation.snoozeUntil', { conversationId: selected.id, until });
          }}
        />
      )}
      {dialog === 'label' && selected && (
        <LabelDialog
          labels={labelRows ?? []}
          selected={selected.labels}
          onClose={() => setDialog(null)}
          onToggle={(labelId) => void run('label.toggle', { conversationId: selected.id, labelId })}
          onCreate={(name) => void run('label.create', { conversationId: selected.id, name })}
        />
      )}
      <Toasts
        toasts={toasts}
        onUndo={(eventId) => void undoAndSay(ctxRef.current, { eventId })}
        onDismiss={(id) => setToasts((ts) => ts.filter((x) => x.id !== id))}
      />
    </div>
  );
}
