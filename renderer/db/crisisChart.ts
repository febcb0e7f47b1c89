import Dexie from 'dexie';
import {
  CRISIS_CHART_MAX_BINS,
  CRISIS_BIN_MS,
  type CrisisChartInput,
} from '../../shared/crisis/timelineChart.ts';
import type { CrisisRow } from '../../shared/crisis/types.ts';
import type { WebcareDb } from './schema.ts';

/**
 * What the crisis timeline chart needs: the messages of the crisis's conversations since shortly
 * before its first evidence (at most a day before its end), their authors' reach and the flags.
 * Bounded by the crisis, never by the inbox.
 */
export async function readCrisisChartData(
  db: WebcareDb,
  crisis: Pick<CrisisRow, 'conversationIds' | 'since'>,
): Promise<Omit<CrisisChartInput, 'crisis' | 'now'>> {
  const from = crisis.since - CRISIS_CHART_MAX_BINS * CRISIS_BIN_MS;
  const perConversation = await Promise.all(
    crisis.conversationIds.map((id) =>
      db.messages.where('[conversationId+createdAt]').between([id, from], [id, Dexie.maxKey]).toArray(),
    ),
  );
  const messages = perConversation.flat();
  const authorIds = [...new Set(messages.filter((m) => m.direction === 'incoming').map((m) => m.authorId))];
  const authors = await db.authors.bulkGet(authorIds);
  const flags = await db.flags.bulkGet([...crisis.conversationIds]);
  return {
    messages,
    followers: new Map(authorIds.map((id, i) => [id, authors[i]?.followers ?? null])),
    flaggedAt: flags.flatMap((f) => (f ? [f.flaggedAt] : [])),
  };
}
