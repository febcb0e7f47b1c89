import { recheckForSend, type CheckOverride, type StoredReplyChecks } from '../../shared/checks/run.ts';
import type { CheckCode, CheckSettings } from '../../shared/checks/types.ts';
import type { Message } from '../../shared/domain/types.ts';
import type { HeldReason } from '../../shared/outbox/state.ts';
import { publicReplyCandidates } from './publicReplies.ts';
import { customerNames } from '../../shared/checks/duplicate.ts';
import type { WebcareDb } from './schema.ts';

// The hold's code and its reading are pure (shared/checks/hold.ts): the UI shows them too.
import { SEND_CHECK_HOLD } from '../../shared/checks/hold.ts';
export { SEND_CHECK_HOLD, heldCheckCodes } from '../../shared/checks/hold.ts';

/** What a person decided when they sent a held reply anyway (kept on its outbox row). */
export interface SendAnyway {
  reason: string;
  /** The check codes the person saw and let through. */
  codes: CheckCode[];
  at: number;
}

/**
 * The pre-send checks of issue 11 once more, right before the delivery worker claims a reply
 * (inside its claim transaction: only IndexedDB reads): the stored text and provenance against
 * the world as it is now (the brand's recent public replies, the conversation's customer
 * messages), with the agent's override. It holds the reply when a block is not covered by an
 * override, or when a check finds something now that the author was not shown when they wrote
 * it (a near-identical public reply a colleague posted meanwhile): nothing is sent unseen.
 * A reply without stored provenance (written before the checks existed) is not checked again;
 * one with provenance but no check record is held only for blocks.
 */
export async function sendTimeCheckHold(
  db: WebcareDb,
  message: Message & { reply?: StoredReplyChecks },
  settings: CheckSettings,
  now: number,
  sendAnyway: SendAnyway | null = null,
): Promise<HeldReason | null> {
  const stored = message.reply;
  if (!stored) return null;
  const conversation = await db.conversations.get(message.conversationId);
  if (!conversation) return null; // the guard holds it (conversation-deleted)
  const customer = await db.authors.get(conversation.authorId);
  const customerMessages = (
    await db.messages
      .where('[conversationId+createdAt]')
      .between([message.conversationId, -Infinity], [message.conversationId, Infinity])
      .toArray()
  )
    .filter((m) => m.direction === 'incoming')
    .map((m) => ({ text: m.text, lang: m.lang }));
  const isPublic = message.public;
  const recentPublic =
    isPublic && settings.modes.nearDuplicate !== 'off'
      ? await publicReplyCandidates(db, {
          text: message.text,
          brand: message.brand ?? conversation.brand,
          names: customerNames(customer),
          minWords: settings.duplicate.minWords,
          now,
          windowHours: settings.duplicate.windowHours,
        })
      : null;
  const seen = new Set<CheckCode>([
    ...(stored.checks?.results ?? []).map((r) => r.code),
    ...(stored.checks?.override?.codes ?? []),
    ...(sendAnyway?.codes ?? []),
  ]);
  const override: CheckOverride | null =
    stored.checks?.override || sendAnyway
      ? {
          reason: sendAnyway?.reason ?? stored.checks?.override?.reason ?? '',
          codes: [...seen],
        }
      : null;
  const decision = recheckForSend(
    {
      text: message.text,
      channel: conversation.channel,
      public: isPublic,
      brand: message.brand ?? conversation.brand,
      now,
      customer: { name: customer?.name ?? null, handle: customer?.handle ?? null },
      customerMessages,
      conversationLang: conversation.lang,
      recentPublic,
      messageId: message.id,
    },
    { ...stored, checks: stored.checks ? { ...stored.checks, override } : null },
    settings,
  );
  const codes = new Set<CheckCode>();
  if (!decision.ok) for (const r of decision.blocking) codes.add(r.code);
  else if (stored.checks)
    for (const r of decision.record.results)
      if (r.severity !== 'info' && !seen.has(r.code)) codes.add(r.code);
  if (codes.size === 0) return null;
  return { code: SEND_CHECK_HOLD, since: now, detail: [...codes].join(',') };
}
