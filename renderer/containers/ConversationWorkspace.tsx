import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { WebcareApi } from '../../shared/ipc/contract.ts';
import type { Settings } from '../../shared/settings/schema.ts';
import { checkSettings } from '../../shared/checks/types.ts';
import type { Label } from '../../shared/domain/types.ts';
import { createEmailActions } from '../app/emailActions.ts';
import type { Commands } from '../app/useCommands.ts';
import type { FocusRequest } from '../components/Composer.tsx';
import {
  ConversationView,
  type AssistBase,
  type ConversationViewProps,
} from '../components/ConversationView.tsx';
import { publicReplyCandidates } from '../db/publicReplies.ts';
import type { WebcareDb } from '../db/schema.ts';
import { listTemplates } from '../db/templates.ts';
import { useAccounts } from '../data/accounts.ts';
import { useOfflineSince, useOnline } from '../data/hooks.ts';
import { channelStateOf } from '../../shared/inbox/channelState.ts';
import { messageTime, type UiLanguage } from '../i18n/format.ts';

const NO_NAMES: ReadonlyMap<string, string> = new Map();

export interface ConversationWorkspaceProps {
  db: WebcareDb;
  api: WebcareApi;
  detail: ConversationViewProps['detail'];
  labels: Map<string, Label>;
  me: string;
  agent: Settings['agent'];
  /** The team's pre-send check settings. */
  checks: Settings['checks'];
  agentNames: ReadonlyMap<string, string> | undefined;
  brandNames: ReadonlyMap<string, string> | undefined;
  now: number;
  lang: UiLanguage;
  focusRequest: FocusRequest | null;
  onFocusDone(): void;
  onSelect(id: string): void;
  commands: Pick<Commands, 'run' | 'runCommandId' | 'onSubmit'>;
}

/** The open conversation: thread, details, and the composer with templates and checks. */
export function ConversationWorkspace({
  db,
  api,
  commands,
  agent,
  checks,
  ...p
}: ConversationWorkspaceProps) {
  const { run } = commands;
  // The template library (small, read whole).
  const templates = useLiveQuery(() => listTemplates(db), [db]);
  const { lang } = p;
  const teamChecks = useMemo(() => checkSettings(checks), [checks]);
  const assist = useMemo(
    (): AssistBase | undefined =>
      templates && {
        templates,
        uiLang: lang,
        agent: { name: agent.name, initials: agent.initials },
        settings: teamChecks,
        recentPublic: (query) => publicReplyCandidates(db, query),
        dateTime: (ms: number) => messageTime(ms, Date.now(), lang),
      },
    [templates, db, lang, agent.name, agent.initials, teamChecks],
  );
  const emailActions = useMemo(() => createEmailActions(api), [api]);
  // What happens to a reply written now: offline, or this conversation's account cannot send.
  const online = useOnline();
  const offlineSince = useOfflineSince();
  const accounts = useAccounts();
  const accountId = p.detail?.conversation.accountId ?? null;
  const account = accounts?.find((a) => a.id === accountId) ?? null;
  const channelState = channelStateOf({ online, offlineSince, account });
  return (
    <ConversationView
      {...p}
      agentNames={p.agentNames ?? NO_NAMES}
      brandNames={p.brandNames ?? NO_NAMES}
      onRunCommand={commands.runCommandId}
      onSaveDraft={(conversationId, kind, text) => void run('draft.save', { conversationId, kind, text })}
      onSubmit={commands.onSubmit}
      onDelivery={(messageId, action) => void run('outbox.answer', { messageId, action })}
      email={emailActions}
      channelState={channelState}
      {...(assist ? { assist } : {})}
      onDecide={(conversationId, state) => void run('flag.decide', { conversationId, state })}
      onStartCrisis={(shown) => void run('crisis.startFromConversation', { conversationId: shown.id })}
    />
  );
}
