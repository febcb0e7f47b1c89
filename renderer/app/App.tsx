import { lazy, Suspense } from 'react';
import type { AppInfo, WebcareApi } from '../../shared/ipc/contract.ts';
import type { Settings } from '../../shared/settings/schema.ts';
import type { ViewId } from '../../shared/inbox/views.ts';
import type { AnalysisClient } from '../analysis/client.ts';
import { HostBanner } from '../components/HostBanner.tsx';
import { StorageBanner } from '../components/StorageBanner.tsx';
import { Toasts } from '../components/Toasts.tsx';
import { ConversationWorkspace } from '../containers/ConversationWorkspace.tsx';
import { CrisisScreen } from '../containers/CrisisScreen.tsx';
import { FlagsScreen } from '../containers/FlagsScreen.tsx';
import { InboxScreen } from '../containers/InboxScreen.tsx';
import { OfflineLine } from '../containers/OfflineLine.tsx';
import { ShellDialogs } from '../containers/ShellDialogs.tsx';
import { ShellSidebar } from '../containers/ShellSidebar.tsx';
import { useAccounts } from '../data/accounts.ts';
import { useAgentNames, useBrandNames, useNow } from '../data/hooks.ts';
import type { WebcareDb } from '../db/schema.ts';
import type { Leadership } from '../platform/leader.ts';
import { writeFailures } from '../platform/storage.ts';
import { useShell, useShellRefs } from './shell.ts';
import { useBackground } from './useBackground.ts';
import { useCommands } from './useCommands.ts';
import { useScreenData } from './useScreenData.ts';
import { useStorage } from './useStorage.ts';

// The dashboard (and its chart library) loads when it is first opened, not at start-up.
const DashboardScreen = lazy(() =>
  import('../containers/DashboardScreen.tsx').then((m) => ({ default: m.DashboardScreen })),
);
const AuthorsScreen = lazy(() =>
  import('../containers/AuthorsScreen.tsx').then((m) => ({ default: m.AuthorsScreen })),
);

export interface AppProps {
  api: WebcareApi;
  db: WebcareDb;
  info: AppInfo;
  initialSettings: Settings;
  analysis: AnalysisClient;
  /** Whether this window is the single writer (it seeds the demo). */
  leadership: Leadership;
}

/**
 * The app shell: composes the sidebar, the screen shown, the conversation workspace and the
 * dialogs. State lives in useShell, what is shown in useScreenData, actions in useCommands.
 */
export function App({ api, db, info, initialSettings, analysis, leadership }: AppProps) {
  const refs = useShellRefs();
  const { listRef, searchRef } = refs;
  const shell = useShell(api, info, initialSettings, refs);
  const { lang, me, settings, screen, view, selectedId, select, setView, setScreen, toast } = shell;
  const now = useNow(30_000);
  const accounts = useAccounts();
  useBackground({ db, api, analysis, leadership, settings, lang });
  const data = useScreenData(db, shell, refs);
  const { storage, hasRoom } = useStorage(shell.dialog === 'settings');
  const agentNames = useAgentNames(db);
  const brandNames = useBrandNames(db);
  const commands = useCommands(db, api, accounts, shell, data, refs.selectedRef);
  const { run } = commands;
  const { crisis, authors, labels, visibleIds } = data;
  const agentName = (id: string) => agentNames?.get(id) ?? id;
  const openWithReply = (id: string) => {
    select(id);
    shell.focus('reply');
  };

  return (
    <div className="app" data-testid="app">
      <HostBanner />
      <StorageBanner
        failures={writeFailures}
        report={storage}
        onOpenSettings={() => shell.setDialog('settings')}
      />
      <OfflineLine db={db} />
      <ShellSidebar
        view={view}
        screen={screen}
        me={me}
        counters={data.counters}
        newFlags={data.flagCounts.new}
        crisisBrand={crisis?.brand ?? null}
        accounts={accounts}
        mode={info.mode}
        now={now}
        lang={lang}
        onView={setView}
        onScreen={setScreen}
        onOpen={shell.setDialog}
        onOpenAccounts={shell.openAccounts}
        onToggleLanguage={() => void shell.updateSettings({ language: lang === 'nl' ? 'en' : 'nl' })}
        onToggleTheme={() => commands.runCommandId('theme.toggle')}
      />
      {screen === 'authors' ? (
        <main className="wide-pane">
          <Suspense fallback={<p role="status">…</p>}>
            <AuthorsScreen
              db={db}
              lang={lang}
              now={now}
              me={me}
              agentName={agentName}
              toast={(text) => toast({ text })}
              notify={(n) => void api.invoke('notify:show', n).catch(() => undefined)}
              onOpenConversations={(term) => {
                setView('all');
                shell.setQuery(term);
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
              agentName={agentName}
              brandName={(id) => brandNames?.get(id) ?? id}
              onDrill={(d) => {
                if (d.kind === 'channel') setView(`channel:${d.channel}` as ViewId);
                else if (d.kind === 'flags') setScreen('flags');
                else if (d.kind === 'agent' && d.agent === me) setView('mine');
                else setView('open');
              }}
              showReport={shell.setReport}
              toast={(text) => toast({ text })}
            />
          </Suspense>
        </main>
      ) : (
        <>
          <main className="list-pane" ref={listRef}>
            {screen === 'flags' ? (
              <FlagsScreen
                db={db}
                flags={data.flagRows}
                conversations={data.flagData?.conversations ?? data.monitorConvs}
                authors={authors}
                filter={shell.flagFilter}
                counts={data.flagCounts}
                selectedId={selectedId}
                now={now}
                lang={lang}
                onFilter={shell.setFlagFilter}
                onSelect={select}
                onStartCrisis={(a) =>
                  void run('crisis.start', { alert: a, brand: a.brand, topic: a.topic, conversationIds: [] })
                }
              />
            ) : screen === 'crisis' ? (
              <CrisisScreen
                db={db}
                crisis={crisis}
                rows={data.crisisRows}
                selected={data.selected}
                authors={authors}
                labels={labels}
                selectedId={selectedId}
                me={me}
                now={now}
                lang={lang}
                run={run}
                onSelect={select}
                onOpen={openWithReply}
              />
            ) : (
              <InboxScreen
                view={view}
                query={shell.query}
                onQuery={shell.setQuery}
                searchRef={searchRef}
                searchCount={data.search?.conversations.length}
                viewTotal={data.viewTotal}
                rows={data.rows}
                hasMore={data.hasMore}
                authors={authors}
                labels={labels}
                selectedId={selectedId}
                me={me}
                now={now}
                lang={lang}
                onSelect={select}
                onOpen={openWithReply}
                onLoadMore={shell.loadMore}
              />
            )}
          </main>
          <ConversationWorkspace
            db={db}
            api={api}
            detail={selectedId === null ? (visibleIds === undefined ? undefined : null) : data.detail}
            labels={labels}
            me={me}
            agent={settings.agent}
            checks={settings.checks}
            agentNames={agentNames}
            brandNames={brandNames}
            now={now}
            lang={lang}
            focusRequest={shell.focusRequest}
            onFocusDone={shell.focusDone}
            onSelect={select}
            commands={commands}
          />
        </>
      )}
      <ShellDialogs
        db={db}
        api={api}
        info={info}
        analysis={analysis}
        shell={shell}
        commands={commands}
        accounts={accounts}
        selected={data.selected}
        labelRows={data.labelRows}
        storage={storage}
        hasRoom={hasRoom}
        now={now}
      />
      <Toasts toasts={shell.toasts} onUndo={commands.undoEvent} onDismiss={shell.dismissToast} />
    </div>
  );
}
