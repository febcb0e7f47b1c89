// Work the shell does by itself: the leader window's chores (demo seed, the near-duplicate
// index, hourly snapshots, the weekly report), the demo labels' language, the starter templates
// and snooze wake-ups.
import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { WebcareApi } from '../../shared/ipc/contract.ts';
import type { Settings } from '../../shared/settings/schema.ts';
import type { AnalysisClient } from '../analysis/client.ts';
import { startWeeklyReports } from '../analysis/weeklyReport.ts';
import { localizeDemoLabels, syncDemoInbox } from '../db/demo.ts';
import { prunePublicReplies } from '../db/publicReplies.ts';
import { nextSnoozeEnd, wakeDueSnoozes } from '../db/repo.ts';
import type { WebcareDb } from '../db/schema.ts';
import { ensureStarterTemplates } from '../db/templates.ts';
import type { UiLanguage } from '../i18n/format.ts';
import type { Leadership } from '../platform/leader.ts';
import { startAutoBackups } from './autoBackup.ts';

export interface BackgroundDeps {
  db: WebcareDb;
  api: WebcareApi;
  analysis: AnalysisClient;
  leadership: Leadership;
  settings: Settings;
  lang: UiLanguage;
}

export function useBackground({ db, api, analysis, leadership, settings, lang }: BackgroundDeps): void {
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
  // The weekly report of the last full week, made by the leader while the app runs.
  useEffect(() => startWeeklyReports(db, leadership), [db, leadership]);
  // Demo labels follow the UI language while they keep the name we gave them (eight rows).
  useEffect(() => {
    void localizeDemoLabels(db, lang);
  }, [db, lang]);
  // The template library's starter set goes in on first run.
  useEffect(() => {
    void ensureStarterTemplates(db, Date.now());
  }, [db]);

  // Snoozes wake by themselves: one timer for the earliest end, re-armed after each change.
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
}
