import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { reminderFor, type WatchList } from '../../shared/dashboard/relations.ts';
import { AuthorsView, type AuthorsTab } from '../components/AuthorsView.tsx';
import { readStatusCounts } from '../db/authorStats.ts';
import {
  RelationRejected,
  authorRow,
  byStatus,
  directoryByReach,
  importWatchlist,
  logRelation,
  relationsOf,
  watchAuthor,
  watched,
} from '../db/relations.ts';
import type { WebcareDb } from '../db/schema.ts';
import type { UiLanguage } from '../i18n/format.ts';

export interface AuthorsScreenProps {
  db: WebcareDb;
  lang: UiLanguage;
  now: number;
  me: string;
  agentName(id: string): string;
  toast(text: string): void;
  /** A desktop notification (best effort). */
  notify(n: { title: string; body: string }): void;
  /** Opens the inbox on a search (this author's handle or name). */
  onOpenConversations(term: string): void;
}

/** Influential authors: directory by reach, the watchlists with reminders, complainers to ambassadors. */
export function AuthorsScreen(p: AuthorsScreenProps) {
  const { db } = p;
  const { t } = useTranslation('dashboard');
  const [tab, setTab] = useState<AuthorsTab>(
    () => (sessionStorage.getItem('webcare.authors.tab') as AuthorsTab | null) ?? 'directory',
  );
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const directory = useLiveQuery(() => (tab === 'directory' ? directoryByReach(db, 100) : []), [db, tab]);
  // The watchlist is also read for the reminder count on its tab.
  const influencers = useLiveQuery(() => watched(db), [db]);
  const converts = useLiveQuery(() => (tab === 'ambassadors' ? byStatus(db, 'converted') : []), [db, tab]);
  const relapses = useLiveQuery(() => (tab === 'ambassadors' ? byStatus(db, 'relapsed') : []), [db, tab]);
  const statusCounts = useLiveQuery(() => readStatusCounts(db), [db]);
  const selected = useLiveQuery(
    async () => (selectedId ? await authorRow(db, selectedId) : null),
    [db, selectedId],
  );
  const relations = useLiveQuery(
    async () => (selectedId ? await relationsOf(db, selectedId) : []),
    [db, selectedId],
  );

  // One desktop notification per opening of the screen when influencers wait for a check-in.
  const notified = useRef(false);
  const { now, notify } = p;
  useEffect(() => {
    if (notified.current || !influencers) return;
    const due = influencers.filter(
      (r) => r.watch && reminderFor(r.watch, r.stats?.lastContactAt ?? null, now),
    );
    notified.current = true;
    if (due.length > 0)
      notify({
        title: t('authors.reminder.notifyTitle'),
        body: t('authors.reminder.notifyBody', { count: due.length }),
      });
  }, [influencers, now, notify, t]);

  const name = (id: string) => {
    const r = [...(directory ?? []), ...(influencers ?? []), ...(selected ? [selected] : [])].find(
      (x) => x.author.id === id,
    );
    return r?.author.name ?? r?.author.handle ?? id;
  };

  return (
    <AuthorsView
      tab={tab}
      directory={directory}
      influencers={influencers}
      converts={converts}
      relapses={relapses}
      statusCounts={statusCounts}
      selected={selected}
      relations={relations}
      now={p.now}
      lang={p.lang}
      me={p.me}
      agentName={p.agentName}
      onTab={(next) => {
        setTab(next);
        sessionStorage.setItem('webcare.authors.tab', next);
      }}
      onSelect={setSelectedId}
      onWatch={async (authorId, change: { list: WatchList; owner: string } | null) => {
        await watchAuthor(db, authorId, change, p.me, Date.now());
        p.toast(
          change
            ? t('authors.watch.added', { name: name(authorId), list: t(`authors.lists.${change.list}`) })
            : t('authors.watch.removed', { name: name(authorId) }),
        );
      }}
      onLog={async (entry) => {
        try {
          await logRelation(db, entry, p.me, Date.now());
          p.toast(t('relations.saved', { name: name(entry.authorId) }));
          return null;
        } catch (e) {
          if (e instanceof RelationRejected) return t(`relations.errors.${e.code}`);
          throw e;
        }
      }}
      onImportCsv={async (text) => {
        const report = await importWatchlist(db, text, p.me, Date.now());
        if (report.added + report.updated > 0)
          p.toast(t('authors.import.done', { added: report.added, updated: report.updated }));
        return report;
      }}
      onOpenConversations={(authorId) => {
        const r = selected?.author.id === authorId ? selected : null;
        p.onOpenConversations(r?.author.handle ?? r?.author.name ?? authorId);
      }}
    />
  );
}
