// What the shell shows: the rows of the current screen, the open conversation and the one
// commands act on. The selection is reconciled with the listed rows here, during render, so the
// list and the conversation pane never disagree for a frame.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Author, Label } from '../../shared/domain/types.ts';
import { FLAG_STATES, type FlagState } from '../../shared/crisis/types.ts';
import { authorLabel } from '../../shared/inbox/authors.ts';
import { reconcileSelection } from '../../shared/inbox/selection.ts';
import { viewCounterKey } from '../../shared/inbox/views.ts';
import { dropOrphanFlags, flagsWithConversations } from '../db/crisis.ts';
import { markRead, withUnread } from '../db/repo.ts';
import type { WebcareDb } from '../db/schema.ts';
import {
  useConversationDetail,
  useConversationPage,
  useCounters,
  useKeyedLiveQuery,
  useLabels,
  useSearch,
} from '../data/hooks.ts';
import type { Shell, ShellRefs } from './shell.ts';

const NO_IDS: readonly string[] = [];

export type ScreenData = ReturnType<typeof useScreenData>;

export function useScreenData(db: WebcareDb, shell: Shell, refs: ShellRefs) {
  const { me, screen, view, limit, query, flagFilter, selection, setSelection, selectedId } = shell;

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
  const crisis = useLiveQuery(async () => (await db.crises.where('active').equals(1).first()) ?? null, [db]);
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
  // Commands (keys, menu, palette) act only on the conversation the pane shows in full, and only
  // while it is a row of the list (or was opened on purpose): never on a previous view's one.
  const selected =
    detail &&
    detail.conversation.id === selectedId &&
    (selection.pinned || visibleIds?.includes(detail.conversation.id))
      ? detail.conversation
      : null;

  const { selectedRef, visibleRef } = refs;
  useLayoutEffect(() => {
    selectedRef.current = selectedId;
    visibleRef.current = visibleIds;
  }, [selectedRef, visibleRef, selectedId, visibleIds]);

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

  return {
    flagData,
    flagRows,
    flagCounts,
    counters,
    crisis,
    monitorConvs,
    crisisRows,
    searching,
    search,
    rows,
    viewTotal,
    hasMore,
    visibleIds,
    authors,
    labelRows,
    labels,
    detail,
    selected,
    conversationLabel,
  };
}
