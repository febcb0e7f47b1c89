import { describeEvent } from '../../shared/domain/log.ts';
import { undo } from '../db/repo.ts';
import type { CommandContext } from './commands.ts';

/** How recent an action on another conversation may be for `z` to reach it (it just left the list). */
export const UNDO_RECENT_MS = 2 * 60_000;

/**
 * Undo as the agent sees it: `z` takes back the agent's newest action on the open conversation,
 * or, when there is none there, the action they took a moment ago (a conversation that just
 * left the list), never something older elsewhere; a toast's Undo button takes back exactly
 * the action it reported. The toast says what was undone ("Undone: label Billing added"), or why
 * nothing was (nothing to undo here; someone changed it since).
 */
export async function undoAndSay(
  ctx: Pick<CommandContext, 'db' | 'me' | 'now' | 'toast' | 't' | 'select' | 'selected'>,
  scope: { eventId?: string },
): Promise<void> {
  const r = await undo(
    ctx.db,
    scope.eventId
      ? { actor: ctx.me, eventId: scope.eventId }
      : { actor: ctx.me, conversationId: ctx.selected?.id ?? null, recentMs: UNDO_RECENT_MS },
    ctx.now(),
  );
  if (!r.ok) {
    ctx.toast({ text: ctx.t(r.reason === 'changed' ? 'toasts.undoChanged' : 'toasts.nothingToUndo') });
    return;
  }
  const what = describeEvent(r.undone.payload);
  const params = { ...(what?.params ?? {}) } as Record<string, string | number>;
  if (typeof params.status === 'string') params.status = ctx.t(`status.${params.status as 'open'}`);
  if (typeof params.priority === 'string') params.priority = ctx.t(`priority.${params.priority as 'high'}`);
  const text = what
    ? ctx.t('toasts.undoneWhat', { what: ctx.t(`undo.${what.key}` as 'undo.resolve', params) })
    : ctx.t('toasts.undone');
  ctx.toast({ text });
  if (r.undone.conversationId && r.undone.conversationId !== ctx.selected?.id)
    ctx.select(r.undone.conversationId);
}
