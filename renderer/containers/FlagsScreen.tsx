import { useLiveQuery } from 'dexie-react-hooks';
import type { AlertRow, FlagRow, FlagState } from '../../shared/crisis/types.ts';
import type { Author, Conversation } from '../../shared/domain/types.ts';
import { readTuning } from '../analysis/analyze.ts';
import { FlagsView } from '../components/FlagsView.tsx';
import type { WebcareDb } from '../db/schema.ts';
import type { UiLanguage } from '../i18n/format.ts';

const RADAR_WINDOW_MS = 48 * 3_600_000;

export interface FlagsScreenProps {
  db: WebcareDb;
  flags: FlagRow[] | undefined;
  conversations: Map<string, Conversation>;
  authors: Map<string, Author>;
  filter: FlagState;
  counts: Record<FlagState, number>;
  selectedId: string | null;
  now: number;
  lang: UiLanguage;
  onFilter(state: FlagState): void;
  onSelect(conversationId: string): void;
  onStartCrisis(alert: AlertRow): void;
}

/** The manager's flags: the radar's alerts of the last 48 hours on top, the flags of one state. */
export function FlagsScreen({ db, ...p }: FlagsScreenProps) {
  const analysing =
    useLiveQuery(async () => (await db.meta.get('analysis-running'))?.value === true, [db]) ?? false;
  const alerts = useLiveQuery(
    async () =>
      (
        await db.alerts
          .where('[kind+at]')
          .between(['crisis', Date.now() - RADAR_WINDOW_MS], ['crisis', Infinity])
          .toArray()
      ).reverse(),
    [db],
  );
  const threshold = useLiveQuery(async () => (await readTuning(db)).threshold, [db]);
  return <FlagsView {...p} alerts={alerts} threshold={threshold ?? 60} analysing={analysing} />;
}
