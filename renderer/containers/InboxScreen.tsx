import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Author, ConversationRow, Label } from '../../shared/domain/types.ts';
import type { ViewId } from '../../shared/inbox/views.ts';
import { ConversationList } from '../components/ConversationList.tsx';
import type { UiLanguage } from '../i18n/format.ts';

export interface InboxScreenProps {
  view: ViewId;
  query: string;
  onQuery(query: string): void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The search's result count, `undefined` while it runs; read only while `query` has text. */
  searchCount: number | undefined;
  /** The view's size from its counter. */
  viewTotal: number;
  rows: ConversationRow[] | undefined;
  hasMore: boolean;
  authors: Map<string, Author>;
  labels: Map<string, Label>;
  selectedId: string | null;
  me: string;
  now: number;
  lang: UiLanguage;
  onSelect(id: string): void;
  /** Opens a conversation with the reply box focused. */
  onOpen(id: string): void;
  onLoadMore(): void;
}

/** The inbox list: the search box, the view's title and count, and the conversations. */
export function InboxScreen({ searchRef, ...p }: InboxScreenProps) {
  const { t } = useTranslation();
  const { view, query } = p;
  const searching = query.trim().length > 0;
  const emptyText = view.startsWith('channel:')
    ? t('list.empty.channel')
    : t(`list.empty.${view as Exclude<ViewId, `channel:${string}`>}`);
  return (
    <>
      <div className="list-header">
        <div className="search">
          <input
            ref={searchRef}
            type="search"
            aria-label={t('search.label')}
            placeholder={t('search.placeholder')}
            value={query}
            onChange={(e) => p.onQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                p.onQuery('');
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
              {p.searchCount === undefined
                ? '…'
                : p.searchCount === 0
                  ? t('search.none', { query })
                  : t('search.results', { count: p.searchCount, query })}
            </span>
          ) : (
            <>
              <h1>
                {view.startsWith('channel:')
                  ? t(`channels.${view.slice(8) as 'email'}`)
                  : t(`views.${view as 'open'}`)}
              </h1>
              <span className="muted" data-testid="list-count">
                {t('list.count', { count: p.viewTotal })}
              </span>
            </>
          )}
        </div>
      </div>
      <ConversationList
        rows={p.rows}
        authors={p.authors}
        labels={p.labels}
        hasMore={p.hasMore}
        selectedId={p.selectedId}
        me={p.me}
        now={p.now}
        lang={p.lang}
        showStatus={searching || view === 'all'}
        emptyText={searching ? t('search.none', { query }) : emptyText}
        onSelect={p.onSelect}
        onOpen={p.onOpen}
        onLoadMore={p.onLoadMore}
      />
    </>
  );
}
