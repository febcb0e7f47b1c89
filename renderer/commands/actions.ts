import type { ParseKeys } from 'i18next';
import { reasonText } from '../../shared/analysis/reasons.ts';
import type { StoredReplyChecks } from '../../shared/checks/run.ts';
import {
  ALERT_JOINS_CRISIS_MS,
  crisisFromConversation,
  topReasons,
  type CrisisStart,
} from '../../shared/crisis/start.ts';
import type { FlagState } from '../../shared/crisis/types.ts';
import type { Author, Conversation } from '../../shared/domain/types.ts';
import { newLabel } from '../../shared/inbox/labels.ts';
import { crisisReportMarkdown, handoverMarkdown } from '../analysis/report.ts';
import { conversationEvidence, decideFlag, endCrisis, startCrisis } from '../db/crisis.ts';
import { listMessages } from '../db/queries.ts';
import { addNote, createLabel, dispatch, queueReply, saveDraft } from '../db/repo.ts';
import { recordTemplateUse } from '../db/templates.ts';
import { messageTime } from '../i18n/format.ts';
import { writeFailures } from '../platform/storage.ts';
import { outboxAction, type OutboxAction } from '../sync/delivery.ts';
import type { CommandContext } from './commands.ts';

/** A verdict on a flag: "seen", "yes, escalate", "not an escalation". */
export type FlagVerdict = Exclude<FlagState, 'new'>;

/**
 * The user actions that take parameters (the conversation they act on, what was typed or
 * picked), next to the parameterless commands of `COMMANDS`: dialogs, panels and the composer
 * run these instead of writing themselves. Every parameter names what the action acts on, never
 * "the current selection", so an action started in one pane cannot land on another conversation.
 */
export interface ActionParams {
  'flag.decide': { conversationId: string; state: FlagVerdict };
  'crisis.start': CrisisStart;
  /** From the risk panel: the conversation's brand, joined by a recent radar alert of it. */
  'crisis.startFromConversation': { conversationId: string };
  'crisis.end': { crisisId: string };
  'crisis.report': { crisisId: string };
  'crisis.useStatement': { conversationId: string; text: string };
  'conversation.snoozeUntil': { conversationId: string; until: number };
  'label.toggle': { conversationId: string; labelId: string };
  /** Creates a label from a typed name and puts it on the conversation. */
  'label.create': { conversationId: string; name: string };
  'reply.send': { conversationId: string; text: string; checks?: StoredReplyChecks };
  'note.add': { conversationId: string; text: string };
  'draft.save': { conversationId: string; kind: 'reply' | 'note'; text: string };
  /** A person's answer for a reply that did not go out (retry, "did it arrive?"). */
  'outbox.answer': { messageId: string; action: OutboxAction };
}

interface ActionResults {
  /** Whether the reply was written (the composer clears only then). */
  'reply.send': boolean;
  'note.add': boolean;
}

export type ActionId = keyof ActionParams;
export type ActionResult<K extends ActionId> = K extends keyof ActionResults ? ActionResults[K] : void;

export interface Action<K extends ActionId> {
  id: K;
  labelKey: ParseKeys<'app'>;
  run(ctx: CommandContext, params: ActionParams[K]): Promise<ActionResult<K>>;
}

/**
 * Reports a failed action: a storage failure to the banner (what was not done, what to do),
 * anything else as an error toast.
 */
export function reportFailure(
  ctx: Pick<CommandContext, 't' | 'toast' | 'conversationLabel'>,
  e: unknown,
  what: { key: string; action: string; conversationId?: string | null },
): void {
  const reported = writeFailures.report(e, {
    key: what.key,
    what: 'action',
    action: what.action,
    conversationLabel: what.conversationId ? ctx.conversationLabel(what.conversationId) : undefined,
  });
  if (!reported) ctx.toast({ text: ctx.t('errors.generic', { message: String(e) }), tone: 'error' });
}

async function composed(
  ctx: CommandContext,
  kind: 'reply' | 'note',
  p: { conversationId: string; text: string; checks?: StoredReplyChecks },
): Promise<boolean> {
  const at = ctx.now();
  try {
    const done =
      kind === 'note'
        ? await addNote(ctx.db, p.conversationId, p.text, ctx.me, at)
        : await queueReply(ctx.db, p.conversationId, p.text, ctx.me, at, p.checks);
    // A reply on a connected account goes out now; elsewhere it waits for a connection.
    const via = done && kind === 'reply' ? ctx.connectedAccountName(done.accountId) : undefined;
    if (done)
      ctx.toast({
        text: via
          ? ctx.t('composer.queuedConnected', { account: via })
          : ctx.t(kind === 'note' ? 'composer.noteAdded' : 'composer.queued'),
      });
    writeFailures.clear(`${kind}:${p.conversationId}`);
    const templateId = p.checks?.provenance?.template?.id;
    if (done && templateId) await recordTemplateUse(ctx.db, templateId, at);
    return done !== null;
  } catch (e) {
    // Nothing is lost: the text stays in the composer (and its draft, or this window's memory
    // when the draft cannot be saved either) until it can be saved.
    if (
      !writeFailures.report(e, {
        key: `${kind}:${p.conversationId}`,
        what: kind,
        conversationLabel: ctx.conversationLabel(p.conversationId),
      })
    )
      ctx.toast({ text: ctx.t('errors.generic', { message: String(e) }), tone: 'error' });
    return false;
  }
}

async function start(ctx: CommandContext, input: CrisisStart): Promise<void> {
  // Membership comes from the topic and the time window (renderer/db/crisis.ts).
  await startCrisis(ctx.db, input, ctx.now(), ctx.me);
  ctx.toast({ text: ctx.t('crisis.started') });
  ctx.setScreen('crisis');
}

const byId = <T extends { id: string }>(rows: readonly (T | undefined)[]) =>
  new Map(rows.filter((r): r is T => !!r).map((r) => [r.id, r]));

export const ACTIONS: { readonly [K in ActionId]: Action<K> } = {
  'flag.decide': {
    id: 'flag.decide',
    labelKey: 'commands.flagDecide',
    run: async (ctx, { conversationId, state }) => {
      const c = await ctx.db.conversations.get(conversationId);
      if (!c) return;
      // The conversation stays in the pane, showing the verdict, after it leaves the list.
      ctx.select(c.id, true);
      const f = await decideFlag(ctx.db, c.id, state, ctx.now(), ctx.me);
      if (!f) return;
      const decision = await ctx.db.log
        .where('[conversationId+seq]')
        .between([c.id, 0], [c.id, Infinity])
        .last();
      ctx.toast({ text: ctx.t(`risk.${state}`), undo: decision?.id });
      if (state !== 'escalated') return;
      const [author, messages] = await Promise.all([
        ctx.db.authors.get(c.authorId),
        listMessages(ctx.db, c.id),
      ]);
      const who = author?.name ?? author?.handle ?? ctx.t('author.unknown');
      ctx.notify({
        title: ctx.t('risk.notifyTitle', { name: who, channel: ctx.t(`channels.${c.channel}`) }),
        body: ctx.t('risk.notifyBody', {
          risk: f.risk,
          reasons: topReasons(f.reasons)
            .map((r) => reasonText(r.code, r.value, ctx.lang))
            .join('; '),
        }),
      });
      ctx.showReport({
        title: ctx.t('handover.title'),
        markdown: handoverMarkdown({
          t: ctx.t,
          lang: ctx.lang,
          conversation: c,
          author: author ?? null,
          messages,
          flag: f,
          now: ctx.now(),
        }),
        filename: `escalation-${c.id}.md`,
      });
    },
  },
  'crisis.start': { id: 'crisis.start', labelKey: 'commands.crisisStart', run: start },
  'crisis.startFromConversation': {
    id: 'crisis.startFromConversation',
    labelKey: 'commands.crisisStart',
    run: async (ctx, { conversationId }) => {
      const c = await ctx.db.conversations.get(conversationId);
      if (!c) return;
      const now = ctx.now();
      // Newest first: the radar alerts of the last six hours (an indexed time window).
      const alerts = (
        await ctx.db.alerts
          .where('[kind+at]')
          .between(['crisis', now - ALERT_JOINS_CRISIS_MS], ['crisis', Infinity])
          .toArray()
      ).reverse();
      await start(
        ctx,
        crisisFromConversation({
          conversationId: c.id,
          brand: c.brand ?? ctx.t('author.unknown'),
          customerSnippet: c.customerSnippet,
          evidence: await conversationEvidence(ctx.db, c.id, now),
          alerts,
          now,
        }),
      );
    },
  },
  'crisis.end': {
    id: 'crisis.end',
    labelKey: 'commands.crisisEnd',
    run: async (ctx, { crisisId }) => {
      await endCrisis(ctx.db, crisisId, ctx.now(), ctx.me);
      ctx.toast({ text: ctx.t('crisis.ended') });
    },
  },
  'crisis.report': {
    id: 'crisis.report',
    labelKey: 'commands.crisisReport',
    run: async (ctx, { crisisId }) => {
      const crisis = await ctx.db.crises.get(crisisId);
      if (!crisis) return;
      const conversations = (await ctx.db.conversations.bulkGet(crisis.conversationIds))
        .filter((c): c is Conversation => !!c)
        .sort((a, b) => b.lastMessageAt - a.lastMessageAt);
      const authors = byId<Author>(
        await ctx.db.authors.bulkGet([...new Set(conversations.map((c) => c.authorId))]),
      );
      ctx.showReport({
        title: ctx.t('crisis.report'),
        markdown: crisisReportMarkdown({
          t: ctx.t,
          lang: ctx.lang,
          crisis,
          conversations,
          authors,
          now: ctx.now(),
        }),
        filename: `${crisis.id}.md`,
      });
    },
  },
  'crisis.useStatement': {
    id: 'crisis.useStatement',
    labelKey: 'commands.useStatement',
    run: async (ctx, { conversationId, text }) => {
      ctx.insertReply(conversationId, text);
      ctx.toast({ text: ctx.t('crisis.statementUsed') });
    },
  },
  'conversation.snoozeUntil': {
    id: 'conversation.snoozeUntil',
    labelKey: 'commands.snooze',
    run: async (ctx, { conversationId, until }) => {
      // When it leaves the view, the selection moves on to the next row by itself.
      const r = await dispatch(ctx.db, conversationId, { type: 'snooze', until }, ctx.me, ctx.now());
      if (!r.ok) return ctx.toast({ text: ctx.t(`errors.transition.${r.error.code}`), tone: 'error' });
      ctx.toast({
        text: ctx.t('toasts.snoozed', { time: messageTime(until, ctx.now(), ctx.lang) }),
        undo: r.eventId,
      });
    },
  },
  'label.toggle': {
    id: 'label.toggle',
    labelKey: 'commands.label',
    run: async (ctx, { conversationId, labelId }) => {
      const c = await ctx.db.conversations.get(conversationId);
      if (!c) return;
      const type = c.labels.includes(labelId) ? 'label.remove' : 'label.add';
      const r = await dispatch(ctx.db, conversationId, { type, label: labelId }, ctx.me, ctx.now());
      if (r.ok) ctx.toast({ text: ctx.t('toasts.labelled'), undo: r.eventId });
    },
  },
  'label.create': {
    id: 'label.create',
    labelKey: 'commands.labelCreate',
    run: async (ctx, { conversationId, name }) => {
      const label = newLabel(name, ctx.now());
      await createLabel(ctx.db, label, ctx.me, ctx.now());
      await dispatch(ctx.db, conversationId, { type: 'label.add', label: label.id }, ctx.me, ctx.now());
    },
  },
  'reply.send': {
    id: 'reply.send',
    labelKey: 'commands.sendReply',
    run: (ctx, p) => composed(ctx, 'reply', p),
  },
  'note.add': { id: 'note.add', labelKey: 'commands.note', run: (ctx, p) => composed(ctx, 'note', p) },
  'draft.save': {
    id: 'draft.save',
    labelKey: 'commands.saveDraft',
    run: async (ctx, { conversationId, kind, text }) => {
      const key = `draft:${conversationId}`;
      // The latest text of each draft that could not be saved is kept (writeFailures) and saved
      // again (every 15 s and on "Try again") until it is in the database.
      const save = () => saveDraft(ctx.db, conversationId, kind, text, ctx.now());
      try {
        await save();
        writeFailures.clear(key);
      } catch (e) {
        if (
          !writeFailures.report(e, {
            key,
            what: 'draft',
            conversationLabel: ctx.conversationLabel(conversationId),
            retry: save,
          })
        )
          ctx.toast({ text: ctx.t('errors.generic', { message: String(e) }), tone: 'error' });
      }
    },
  },
  'outbox.answer': {
    id: 'outbox.answer',
    labelKey: 'commands.outboxAnswer',
    run: async (ctx, { messageId, action }) => {
      try {
        await outboxAction(ctx.db, messageId, action, ctx.now());
      } catch (e) {
        ctx.toast({ text: ctx.t('errors.generic', { message: String(e) }), tone: 'error' });
      }
    },
  },
};

/**
 * Runs a user action with its parameters. A failure it does not handle itself goes to the storage
 * banner or an error toast, named after the action and its conversation.
 */
export async function runAction<K extends ActionId>(
  ctx: CommandContext,
  id: K,
  params: ActionParams[K],
): Promise<ActionResult<K> | undefined> {
  const action = ACTIONS[id] as Action<K>;
  try {
    return await action.run(ctx, params);
  } catch (e) {
    const conversationId =
      'conversationId' in (params as object) ? (params as { conversationId: string }).conversationId : null;
    reportFailure(ctx, e, {
      key: `action:${id}:${conversationId ?? ''}`,
      action: ctx.t(action.labelKey),
      conversationId,
    });
    return undefined;
  }
}
