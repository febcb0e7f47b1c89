// The shell's own state: what is on screen (screen, view, selection, search, dialog), the
// settings and the toasts. Nothing here reads the database; useScreenData does that.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, WebcareApi } from '../../shared/ipc/contract.ts';
import { isViewId, type ViewId } from '../../shared/inbox/views.ts';
import { NO_SELECTION, type Selection } from '../../shared/inbox/selection.ts';
import { resolveLanguage, type Settings, type SettingsPatch } from '../../shared/settings/schema.ts';
import type { FlagState } from '../../shared/crisis/types.ts';
import type { ReportContent } from '../analysis/report.ts';
import type { DialogId, FocusTarget, Screen, ToastInput } from '../commands/commands.ts';
import type { FocusRequest } from '../components/Composer.tsx';
import type { Toast } from '../components/Toasts.tsx';
import { setLanguage } from '../i18n/i18n.ts';
import type { UiLanguage } from '../i18n/format.ts';
import { applyTheme } from './theme.ts';

/** Rows of the inbox list read per page. */
export const PAGE = 100;

export type Shell = ReturnType<typeof useShell>;

/**
 * The shell's refs, kept apart from its state (React reads refs only outside render): the search
 * box, the list pane, and the latest selection and listed ids for keys that arrive faster than
 * conversations load (useScreenData keeps those two current before paint).
 */
export interface ShellRefs {
  searchRef: RefObject<HTMLInputElement | null>;
  listRef: RefObject<HTMLDivElement | null>;
  selectedRef: RefObject<string | null>;
  visibleRef: RefObject<readonly string[] | undefined>;
}

export function useShellRefs(): ShellRefs {
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const selectedRef = useRef<string | null>(sessionStorage.getItem('webcare.selected'));
  const visibleRef = useRef<readonly string[] | undefined>(undefined);
  return useMemo(() => ({ searchRef, listRef, selectedRef, visibleRef }), []);
}

/** The state of one window's shell, with the setters that keep it consistent. */
export function useShell(api: WebcareApi, info: AppInfo, initialSettings: Settings, refs: ShellRefs) {
  const { searchRef, listRef, selectedRef, visibleRef } = refs;
  const { t, i18n } = useTranslation();
  const [settings, setSettings] = useState(initialSettings);
  const lang = (i18n.language === 'nl' ? 'nl' : 'en') as UiLanguage;
  const me = settings.agent.id;
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
  const [fixAccountId, setFixAccountId] = useState<string | null>(null);
  const openAccounts = useCallback((fix: string | null) => {
    setFixAccountId(fix);
    setDialog('accounts');
  }, []);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [screen, setScreenState] = useState<Screen>(
    () => (sessionStorage.getItem('webcare.screen') as Screen | null) ?? 'inbox',
  );
  const [report, setReport] = useState<ReportContent | null>(null);
  const [flagFilter, setFlagFilter] = useState<FlagState>('new');
  const toastSeq = useRef(0);

  // Settings pushed by the backend (another window, the Electron menu) apply at once.
  useEffect(() => api.on('settings:changed', (s) => setSettings(s)), [api]);
  useEffect(() => {
    const language = resolveLanguage(settings.language, info.osLocale || navigator.language);
    if (i18n.language !== language) void setLanguage(language);
  }, [settings.language, info.osLocale, i18n]);
  useEffect(() => applyTheme(settings.theme), [settings.theme]);

  const toast = useCallback((input: ToastInput) => {
    const id = ++toastSeq.current;
    setToasts((ts) => [...ts.slice(-2), { id, ...input }]);
    setTimeout(() => setToasts((ts) => ts.filter((x) => x.id !== id)), input.tone === 'error' ? 8000 : 5000);
  }, []);
  const dismissToast = useCallback((id: number) => setToasts((ts) => ts.filter((x) => x.id !== id)), []);

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

  /**
   * Selects a conversation. One opened from outside the list (an earlier conversation of the
   * author, an undo) is pinned, and so is one the manager just decided a flag on (`pin`): it
   * stays in the pane, showing the verdict, after it leaves the list.
   */
  const select = useCallback(
    (id: string | null, pin = false) => {
      selectedRef.current = id;
      setSelection(
        id === null ? NO_SELECTION : { id, pinned: pin || !(visibleRef.current ?? []).includes(id) },
      );
      // Text meant for another conversation's composer is dropped, not kept for later.
      setFocusRequest((r) => (r?.insert && r.insert.conversationId !== id ? null : r));
    },
    [selectedRef, visibleRef],
  );
  useEffect(() => {
    if (selectedId) sessionStorage.setItem('webcare.selected', selectedId);
    else sessionStorage.removeItem('webcare.selected');
  }, [selectedId]);

  const setScreen = useCallback(
    (next: Screen) => {
      setScreenState(next);
      sessionStorage.setItem('webcare.screen', next);
      selectedRef.current = null;
      setSelection(NO_SELECTION);
    },
    [selectedRef],
  );

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
  const loadMore = useCallback(() => setLimit((l) => l + PAGE), []);

  const focusDone = useCallback(() => setFocusRequest(null), []);
  const focus = useCallback(
    (target: FocusTarget) => {
      if (target === 'search') searchRef.current?.focus();
      else if (target === 'list') listRef.current?.querySelector<HTMLElement>('[role=listbox]')?.focus();
      else setFocusRequest({ mode: target, nonce: Date.now() });
    },
    [searchRef, listRef],
  );
  const insertReply = useCallback(
    (conversationId: string, text: string) =>
      setFocusRequest({ mode: 'reply', nonce: Date.now(), insert: { conversationId, text } }),
    [],
  );

  return {
    t,
    lang,
    me,
    settings,
    updateSettings,
    screen,
    setScreen,
    view,
    setView,
    limit,
    loadMore,
    selection,
    setSelection,
    selectedId,
    select,
    query,
    setQuery,
    dialog,
    setDialog,
    fixAccountId,
    openAccounts,
    toasts,
    toast,
    dismissToast,
    focusRequest,
    focus,
    focusDone,
    insertReply,
    report,
    setReport,
    flagFilter,
    setFlagFilter,
  };
}
