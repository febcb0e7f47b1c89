import { lazy, Suspense, useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { statementsForReply } from '../../shared/crisis/statements.ts';
import type { CrisisRow } from '../../shared/crisis/types.ts';
import type { Author, Conversation, ConversationRow, Label } from '../../shared/domain/types.ts';
import type { Commands } from '../app/useCommands.ts';
import { ConversationList } from '../components/ConversationList.tsx';
import { CrisisPanel } from '../components/CrisisView.tsx';
import type { WebcareDb } from '../db/schema.ts';
import type { UiLanguage } from '../i18n/format.ts';

// The timeline chart brings the chart library: it loads with the crisis screen's first crisis.
const CrisisTimeline = lazy(() =>
  import('./CrisisTimeline.tsx').then((m) => ({ default: m.CrisisTimeline })),
);

export interface CrisisScreenProps {
  db: WebcareDb;
  crisis: CrisisRow | null | undefined;
  /** The crisis's conversations, newest first. */
  rows: ConversationRow[] | undefined;
  /** The conversation actions apply to (a statement goes into its reply box). */
  selected: Conversation | null;
  authors: Map<string, Author>;
  labels: Map<string, Label>;
  selectedId: string | null;
  me: string;
  now: number;
  lang: UiLanguage;
  run: Commands['run'];
  onSelect(id: string): void;
  onOpen(id: string): void;
}

/** Crisis mode: the panel (timeline, holding statements) around the crisis's conversations. */
export function CrisisScreen({ db, crisis, selected, run, lang, ...p }: CrisisScreenProps) {
  const { t } = useTranslation();
  const statements = useLiveQuery(() => db.statements.toArray(), [db]);
  // Holding statements in the language of the conversation they would go into.
  const offered = useMemo(
    () => statementsForReply(statements ?? [], selected?.lang, lang),
    [statements, selected, lang],
  );
  return (
    <CrisisPanel
      crisis={crisis}
      statements={offered.statements}
      statementLang={offered.lang}
      canUseStatement={selected !== null}
      now={p.now}
      lang={lang}
      onUseStatement={(st) =>
        selected && void run('crisis.useStatement', { conversationId: selected.id, text: st.body })
      }
      onEnd={() => crisis && void run('crisis.end', { crisisId: crisis.id })}
      onReport={() => crisis && void run('crisis.report', { crisisId: crisis.id })}
      chart={
        crisis && (
          <Suspense fallback={null}>
            <CrisisTimeline db={db} crisis={crisis} now={p.now} lang={lang} />
          </Suspense>
        )
      }
    >
      <div className="crisis-list">
        <ConversationList
          rows={p.rows}
          authors={p.authors}
          labels={p.labels}
          hasMore={false}
          selectedId={p.selectedId}
          me={p.me}
          now={p.now}
          lang={lang}
          showStatus
          emptyText={t('crisis.none')}
          onSelect={p.onSelect}
          onOpen={p.onOpen}
          onLoadMore={() => undefined}
        />
      </div>
    </CrisisPanel>
  );
}
