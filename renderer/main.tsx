import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { resolveLanguage } from '../shared/settings/schema.ts';
import { App } from './app/App.tsx';
import { applyTheme } from './app/theme.ts';
import { ErrorBoundary, FatalScreen } from './components/ErrorBoundary.tsx';
import { syncDemoInbox } from './db/demo.ts';
import { openInboxDb } from './db/open.ts';
import { initI18n } from './i18n/i18n.ts';
import { getWebcare } from './platform/bridge.ts';
import { createAnalysisClient } from './analysis/client.ts';
import { electLeader } from './platform/leader.ts';
import { persistenceState, setDiskSource, writeFailures } from './platform/storage.ts';
import { accountsStore } from './data/accounts.ts';
import { startChannelWork } from './sync/start.ts';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const render = (node: ReactNode) => root.render(<StrictMode>{node}</StrictMode>);

/** Marks the app ready (end-to-end tests wait for this attribute). */
function ready(state: 'ready' | 'error') {
  document.documentElement.dataset.app = state;
}

async function boot() {
  await initI18n(navigator.language.toLowerCase().startsWith('nl') ? 'nl' : 'en');
  const api = getWebcare();
  setDiskSource(() => api.invoke('storage:disk'));
  const [settings, info] = await Promise.all([api.invoke('settings:get'), api.invoke('app:get-info')]);
  await initI18n(resolveLanguage(settings.language, info.osLocale || navigator.language));
  applyTheme(settings.theme);
  const opened = await openInboxDb(undefined, () => {
    render(<FatalScreen message={i18next.t('app.dbBlocked')} />);
  });
  if (!opened.ok) {
    const message =
      opened.reason === 'newer'
        ? i18next.t('app.dbNewer', { found: opened.found })
        : opened.reason === 'blocked'
          ? i18next.t('app.dbBlocked')
          : opened.message;
    render(<FatalScreen message={message} />);
    ready('error');
    return;
  }
  // One writer among the windows of this profile: the first window is elected at once; a later
  // one waits and takes over when the leader closes.
  const leadership = electLeader();
  const leader = await Promise.race([
    leadership.elected.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500)),
  ]);
  // First run: the leader writes the demo inbox before the first paint so a new user sees a
  // living inbox (another window shows it as soon as it is there).
  // A full disk must not stop the app: the inbox opens without the demo and the banner says so.
  const demo = leader
    ? await syncDemoInbox(opened.db, settings, Date.now(), i18next.language === 'nl' ? 'nl' : 'en').catch(
        (e: unknown) => {
          if (!writeFailures.report(e, { key: 'demo', what: 'demo' })) throw e;
          return 'unchanged' as const;
        },
      )
    : 'unchanged';
  // Ask once per start that the browser keeps the inbox when the disk runs low (Settings shows
  // the answer); never awaited on the start-up path.
  void persistenceState();
  const analysis = createAnalysisClient(leadership);
  // Sync and delivery run in the leader only: a second tab never fetches or sends.
  void leadership.elected.then(() => startChannelWork(opened.db, api, accountsStore(), settings));
  // Ingestion-time analysis only: a freshly seeded inbox is scored once, in the worker.
  if (demo === 'seeded') void analysis.analyze('all-active');
  render(
    <ErrorBoundary>
      <App
        api={api}
        db={opened.db}
        info={info}
        initialSettings={settings}
        analysis={analysis}
        leadership={leadership}
      />
    </ErrorBoundary>,
  );
  ready('ready');
}

boot().catch((e: unknown) => {
  render(<FatalScreen message={e instanceof Error ? e.message : String(e)} />);
  ready('error');
});
