// View models: what presentational components take as props. Containers and the data hooks
// produce them; components never read the database themselves.
import type { FlagRow } from '../../shared/crisis/types.ts';
import type { Author, Conversation, ConversationRow, Message } from '../../shared/domain/types.ts';
import type { OutboxRow } from '../db/schema.ts';
import type { ComposerDraft } from './Composer.tsx';

/** Everything the conversation pane shows, all of it for one conversation. */
export interface ConversationDetail {
  conversation: ConversationRow;
  messages: Message[];
  author: Author | null;
  history: Conversation[];
  draft: ComposerDraft | null;
  flag: FlagRow | null;
  /** The outbox rows of this conversation's replies, by message id (their delivery state). */
  outbox: ReadonlyMap<string, OutboxRow>;
}
