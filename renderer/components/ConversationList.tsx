import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Author, ConversationRow, Label } from '../../shared/domain/types.ts';
import { shortAge, type UiLanguage } from '../i18n/format.ts';
import { ChannelIcon } from './ChannelIcon.tsx';
import { labelBadgeStyle } from './labelStyle.ts';

export const ROW_HEIGHT = 78;

export interface ConversationListProps {
  rows: ConversationRow[] | undefined;
  authors: Map<string, Author>;
  labels: Map<string, Label>;
  /** True when more rows exist past the loaded ones. */
  hasMore: boolean;
  selectedId: string | null;
  me: string;
  now: number;
  lang: UiLanguage;
  showStatus: boolean;
  emptyText: string;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onLoadMore: () => void;
}

/** Virtualized: only the rows in view are in the DOM, so 100k conversations scroll like 100. */
export function ConversationList(props: ConversationListProps) {
  const { rows, hasMore, selectedId, onLoadMore } = props;
  const { t } = useTranslation();
  const parentRef = useRef<HTMLDivElement>(null);
  const count = (rows?.length ?? 0) + (hasMore ? 1 : 0);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the documented API
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (last && rows && hasMore && last.index >= rows.length - 1) onLoadMore();
  }, [last, rows, hasMore, onLoadMore]);

  const selectedIndex = rows && selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  if (rows === undefined) {
    return (
      <div className="list-state" aria-busy="true">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="row-skeleton" />
        ))}
      </div>
    );
  }
  if (rows.length === 0) {
    return (
      <div className="list-state empty" data-testid="list-empty">
        <div className="empty-mark">✓</div>
        <p>{props.emptyText}</p>
      </div>
    );
  }
  return (
    <div
      ref={parentRef}
      className="list-scroll"
      role="listbox"
      aria-label={t('list.listLabel')}
      tabIndex={0}
      data-testid="conversation-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const c = rows[item.index];
          return (
            <div
              key={item.key}
              className="row-slot"
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              {c ? <Row c={c} {...props} /> : <div className="row-loading">{t('list.loadingMore')}</div>}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Row({
  c,
  authors,
  labels,
  selectedId,
  me,
  now,
  lang,
  showStatus,
  onSelect,
  onOpen,
}: ConversationListProps & { c: ConversationRow }) {
  const { t } = useTranslation();
  const author = authors.get(c.authorId);
  const name = author?.name ?? author?.handle ?? t('author.unknown');
  const selected = c.id === selectedId;
  return (
    <div
      role="option"
      aria-selected={selected}
      className={`row ${selected ? 'selected' : ''} ${c.unread > 0 ? 'unread' : ''} prio-${c.priority}`}
      data-testid="conversation-row"
      data-id={c.id}
      onClick={() => onSelect(c.id)}
      onDoubleClick={() => onOpen(c.id)}
    >
      <div className="row-icon">
        <ChannelIcon channel={c.channel} label={t(`channels.${c.channel}`)} />
      </div>
      <div className="row-main">
        <div className="row-top">
          <span className="row-author">{name}</span>
          {author?.verified && (
            <span className="verified" title={t('author.verified')}>
              ✔
            </span>
          )}
          {(author?.followers ?? 0) >= 10_000 && <span className="reach-dot" title={t('author.highReach')} />}
          <span className="row-age" title={new Date(c.lastMessageAt).toLocaleString(lang)}>
            {shortAge(c.lastMessageAt, now, lang)}
          </span>
        </div>
        <div className="row-snippet">
          {c.lastDirection === 'outgoing' && <span className="row-you">↩ </span>}
          {c.subject ? <strong>{c.subject} · </strong> : null}
          {c.snippet}
        </div>
        <div className="row-meta">
          {c.unread > 0 && (
            <span className="badge unread-badge" title={t('list.unread', { count: c.unread })}>
              {c.unread}
            </span>
          )}
          {(c.priority === 'urgent' || c.priority === 'high') && (
            <span className={`badge prio prio-${c.priority}`}>{t(`priority.${c.priority}`)}</span>
          )}
          {showStatus && <span className={`badge status status-${c.status}`}>{t(`status.${c.status}`)}</span>}
          {c.status === 'snoozed' && c.snoozedUntil && (
            <span className="badge status-snoozed">
              ☾ {shortAge(now - (c.snoozedUntil - now), now, lang)}
            </span>
          )}
          {c.public && <span className="badge public">{t('list.public')}</span>}
          {c.assignee === me && (
            <span className="badge mine" title={t('list.assignedToMe')}>
              ●
            </span>
          )}
          {c.labels.slice(0, 3).map((id) => {
            const l = labels.get(id);
            return (
              <span key={id} className="badge label" style={labelBadgeStyle(l?.color)}>
                {l?.name ?? id}
              </span>
            );
          })}
        </div>
      </div>
    </div>
  );
}
