import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDistanceStrict } from 'date-fns';
import { enGB, nl } from 'date-fns/locale';
import type { Author, Conversation, Label, Message } from '../../shared/domain/types.ts';
import { compactNumber, messageTime, relative, shortAge, type UiLanguage } from '../i18n/format.ts';
import { ChannelIcon } from './ChannelIcon.tsx';
import { displayHandle } from '../../shared/inbox/handles.ts';
import { detectLang, normalize } from '../../shared/analysis/text.ts';
import {
  Composer,
  type ComposerMode,
  type ComposerProps,
  type FocusRequest,
  type ReplyAssistContext,
} from './Composer.tsx';
import type { ConversationDetail } from './types.ts';
import type { OutboxRow } from '../db/schema.ts';
import type { OutboxAction } from '../sync/delivery.ts';
import { DeliveryLine } from './DeliveryLine.tsx';
import { EmailBody, type EmailAttachment } from './EmailBody.tsx';

/** What an email's body needs from outside the renderer (main fetches, opens and downloads). */
export interface EmailActions {
  loadImages: (urls: string[]) => Promise<Map<string, string>>;
  openLink: (url: string) => void;
  saveAttachment: (message: Message, attachment: EmailAttachment) => Promise<void>;
}
import { RiskPanel } from './RiskPanel.tsx';
import type { FlagState } from '../../shared/crisis/types.ts';
import { labelBadgeStyle } from './labelStyle.ts';
import type { ChannelState } from '../../shared/inbox/channelState.ts';

export interface ConversationViewProps {
  /** The pane's data, all for one conversation: `undefined` while it loads, `null` for none. */
  detail: ConversationDetail | null | undefined;
  labels: Map<string, Label>;
  me: string;
  /** Colleagues known on this computer, by agent id (meta `agents`; the demo team in the demo). */
  agentNames: ReadonlyMap<string, string>;
  /** Display names of the brands this inbox answers for, by brand id (meta `brands`). */
  brandNames: ReadonlyMap<string, string>;
  now: number;
  lang: UiLanguage;
  focusRequest: FocusRequest | null;
  /** Every callback names the conversation it acts on: the one this pane showed when clicked. */
  onDecide: (conversationId: string, state: Exclude<FlagState, 'new'>) => void;
  onStartCrisis: (conversation: Conversation) => void;
  onRunCommand: (id: string) => void;
  onSelect: (id: string) => void;
  onSaveDraft: (conversationId: string, kind: ComposerMode, text: string) => void;
  onSubmit: ComposerProps['onSubmit'];
  onFocusDone: () => void;
  /** Templates and checks for the composer (the parts that do not depend on the conversation). */
  assist?: AssistBase;
  /** A person's answer for a reply that did not go out (retry, "did it arrive?"). */
  onDelivery?: (messageId: string, action: OutboxAction) => void;
  /** Email content: remote images, links and attachments go through main. */
  email?: EmailActions;
  /** Why a reply written now would wait (offline, the account unreachable, ...); null: it goes out. */
  channelState?: ChannelState | null;
}

/** The composer's template and check context that the app shell provides. */
export type AssistBase = Pick<
  ReplyAssistContext,
  'templates' | 'uiLang' | 'agent' | 'settings' | 'recentPublic' | 'dateTime'
>;

/** Completes the composer's context with what this conversation says about the customer. */
function assistFor(
  base: AssistBase,
  c: Conversation,
  messages: readonly Message[],
  author: Author | null | undefined,
  now: number,
  brandNames: ReadonlyMap<string, string>,
): ReplyAssistContext {
  const customerMessages = messages
    .filter((m) => m.direction === 'incoming')
    .map((m) => ({ text: m.text, lang: m.lang }));
  const last = customerMessages.at(-1);
  const detected = c.lang ?? (last ? detectLang(normalize(last.text).tokens, last.lang) : null);
  const lang = detected === 'nl' || detected === 'en' ? detected : base.uiLang;
  return {
    ...base,
    lang,
    isPublic: c.public,
    brand: c.brand,
    brandName: c.brand ? (brandNames.get(c.brand) ?? c.brand) : null,
    customer: { name: author?.name ?? null, handle: author?.handle ?? null },
    customerMessages,
    conversationLang: c.lang,
    now,
  };
}

const ONE_HOUR = 3_600_000;

function duration(from: number, to: number, lang: UiLanguage): string {
  return formatDistanceStrict(from, to, { locale: lang === 'nl' ? nl : enGB });
}

export function ConversationView(p: ConversationViewProps) {
  const { t } = useTranslation();
  const threadRef = useRef<HTMLDivElement>(null);
  const d = p.detail;
  const id = d?.conversation.id;
  const count = d?.messages.length ?? 0;
  useEffect(() => {
    const el = threadRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [id, count]);

  if (d === undefined)
    return (
      <section className="detail detail-state" aria-busy="true" data-testid="conversation-loading">
        <span className="visually-hidden">{t('conversation.loading')}</span>
      </section>
    );
  if (d === null) {
    return (
      <section className="detail detail-state" data-testid="no-conversation">
        <div className="empty-mark">✉</div>
        <h2>{t('conversation.none')}</h2>
        <p>{t('conversation.noneHint')}</p>
      </section>
    );
  }
  const { conversation: c, author, flag } = d;
  const name = author?.name ?? author?.handle ?? t('author.unknown');
  const exposed = c.public && c.waitingSince !== null && c.status !== 'resolved';
  const exposureMs = exposed && c.waitingSince !== null ? p.now - c.waitingSince : 0;
  const action = (id: string, label: string, key: string, primary = false) => (
    <button className={primary ? 'primary' : ''} onClick={() => p.onRunCommand(id)} title={key}>
      {label} <kbd>{key}</kbd>
    </button>
  );

  return (
    <section
      className="detail"
      data-testid="conversation-view"
      data-id={c.id}
      data-author={c.authorId}
      data-status={c.status}
    >
      <header className="detail-header" data-conversation={c.id}>
        <div className="detail-title">
          <ChannelIcon channel={c.channel} label={t(`channels.${c.channel}`)} size={28} />
          <div>
            <h2>
              {name}
              {c.subject && <span className="detail-subject"> · {c.subject}</span>}
            </h2>
            <div className="detail-sub">
              <span className={`badge status status-${c.status}`} data-testid="detail-status">
                {t(`status.${c.status}`)}
                {c.status === 'snoozed' && c.snoozedUntil
                  ? ` ${t('list.snoozedUntil', { time: messageTime(c.snoozedUntil, p.now, p.lang) })}`
                  : ''}
              </span>
              <span className={`badge prio prio-${c.priority}`}>
                {t('priority.label')}: {t(`priority.${c.priority}`)}
              </span>
              <span>{c.public ? t('list.public') : t('list.private')}</span>
              <span>·</span>
              <span>
                {c.assignee
                  ? t('conversation.assignee', {
                      name:
                        c.assignee === p.me
                          ? t('conversation.you')
                          : (p.agentNames.get(c.assignee) ?? c.assignee),
                    })
                  : t('conversation.unassigned')}
              </span>
              {c.labels.map((id) => {
                const l = p.labels.get(id);
                return (
                  <span key={id} className="badge label" style={labelBadgeStyle(l?.color)}>
                    {l?.name ?? id}
                  </span>
                );
              })}
            </div>
          </div>
        </div>
        <div className="detail-actions">
          {c.status === 'resolved'
            ? action('conversation.reopen', t('conversation.actions.reopen'), '⇧E', true)
            : action('conversation.resolve', t('conversation.actions.resolve'), 'E', true)}
          {c.status !== 'resolved' && action('conversation.snooze', t('conversation.actions.snooze'), 'S')}
          {(c.status === 'open' || c.status === 'snoozed') &&
            action('conversation.pending', t('conversation.actions.pending'), 'P')}
          {action(
            'conversation.assign',
            c.assignee === p.me ? t('conversation.actions.unassign') : t('conversation.actions.assign'),
            'A',
          )}
          {action('conversation.label', t('conversation.actions.label'), 'L')}
        </div>
      </header>
      {exposed && (
        <div
          className={`exposure ${exposureMs > ONE_HOUR ? 'late' : ''}`}
          data-testid="exposure"
          title={t('conversation.exposureTarget')}
        >
          <span className="exposure-clock" aria-hidden="true" />{' '}
          {t('conversation.exposure', { duration: duration(c.waitingSince ?? p.now, p.now, p.lang) })}
          <span className="exposure-bar">
            <span style={{ width: `${Math.min(100, (exposureMs / ONE_HOUR) * 100)}%` }} />
          </span>
          <span className="exposure-target">{t('conversation.exposureTarget')}</span>
        </div>
      )}
      {flag && (
        <RiskPanel
          flag={flag}
          lang={p.lang}
          onDecide={(state) => p.onDecide(c.id, state)}
          onStartCrisis={() => p.onStartCrisis(c)}
        />
      )}
      <div className="detail-body">
        <div className="thread-col">
          <div
            className="thread"
            ref={threadRef}
            role="region"
            aria-label={t('conversation.thread')}
            tabIndex={0}
            data-testid="thread"
          >
            {d.messages.map((m) => (
              <MessageBubble
                key={m.id}
                m={m}
                customerName={name}
                now={p.now}
                lang={p.lang}
                outbox={d.outbox.get(m.id)}
                onDelivery={p.onDelivery}
                email={p.email}
              />
            ))}
          </div>
          {p.channelState && <ChannelStateLine state={p.channelState} lang={p.lang} />}
          <Composer
            key={c.id}
            conversationId={c.id}
            channel={c.channel}
            customerName={name}
            draft={d.draft}
            focusRequest={p.focusRequest}
            onSaveDraft={p.onSaveDraft}
            onSubmit={p.onSubmit}
            onFocusDone={p.onFocusDone}
            {...(p.assist ? { assist: assistFor(p.assist, c, d.messages, author, p.now, p.brandNames) } : {})}
          />
        </div>
        <AuthorCard
          author={author}
          history={d.history}
          current={c.id}
          now={p.now}
          lang={p.lang}
          onSelect={p.onSelect}
        />
      </div>
    </section>
  );
}

function MessageBubble({
  m,
  customerName,
  now,
  lang,
  outbox,
  onDelivery,
  email,
}: {
  m: Message;
  customerName: string;
  now: number;
  lang: UiLanguage;
  outbox: OutboxRow | undefined;
  onDelivery: ConversationViewProps['onDelivery'];
  email: EmailActions | undefined;
}) {
  const { t } = useTranslation();
  const who =
    m.direction === 'incoming'
      ? customerName
      : m.direction === 'note'
        ? t('conversation.note')
        : t('conversation.outgoing');
  return (
    <article
      className={`msg msg-${m.direction}`}
      data-testid={`message-${m.direction}`}
      data-conversation={m.conversationId}
    >
      <div className="msg-head">
        <span className="msg-who">{who}</span>
        <time
          dateTime={new Date(m.createdAt).toISOString()}
          title={new Date(m.createdAt).toLocaleString(lang)}
        >
          {messageTime(m.createdAt, now, lang)}
        </time>
      </div>
      {m.channel === 'email' && m.direction === 'incoming' && email ? (
        <EmailBody
          messageId={m.id}
          text={m.text}
          html={m.html ?? null}
          attachments={m.attachments ?? []}
          lang={lang}
          onLoadImages={email.loadImages}
          onOpenLink={email.openLink}
          onSaveAttachment={(a) => email.saveAttachment(m, a)}
        />
      ) : (
        <div className="msg-text">{m.text}</div>
      )}
      {m.direction === 'outgoing' && (
        <DeliveryLine row={outbox} fallback={m.delivery} lang={lang} now={now} onAction={onDelivery} />
      )}
      {m.metrics && m.metrics.likes + m.metrics.reposts + m.metrics.replies > 0 && (
        <div className="msg-metrics">
          {(
            [
              ['likes', m.metrics.likes],
              ['reposts', m.metrics.reposts + m.metrics.quotes],
              ['replies', m.metrics.replies],
            ] as const
          )
            .map(([key, count]) => t(`conversation.${key}`, { count, formatted: compactNumber(count, lang) }))
            .join(' · ')}
        </div>
      )}
    </article>
  );
}

function AuthorCard({
  author,
  history,
  current,
  now,
  lang,
  onSelect,
}: {
  author: Author | null | undefined;
  history: Conversation[] | undefined;
  current: string;
  now: number;
  lang: UiLanguage;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (!author)
    return <aside className="author-card muted">{author === undefined ? '' : t('author.unknown')}</aside>;
  const followers = author.followers ?? 0;
  const initials = (author.name ?? author.handle ?? '?')
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const others = (history ?? []).filter((h) => h.id !== current);
  return (
    <aside
      className="author-card"
      data-testid="author-card"
      data-author={author.id}
      aria-label={t('author.title')}
    >
      <div className="avatar">{initials}</div>
      <h3 className="author-name" title={author.name ?? author.handle ?? undefined}>
        {author.name ?? (author.handle ? displayHandle(author.channel, author.handle) : null)}
      </h3>
      {author.handle && author.name && (
        <div className="muted author-handle" title={displayHandle(author.channel, author.handle)}>
          {displayHandle(author.channel, author.handle)}
        </div>
      )}
      <div className="author-badges">
        {author.verified && <span className="badge verified-badge">✔ {t('author.verified')}</span>}
        {followers >= 10_000 && <span className="badge reach">{t('author.highReach')}</span>}
      </div>
      <dl className="author-facts">
        {author.followers !== null && (
          <div>
            <dt>{t('author.followers', { count: followers, formatted: compactNumber(followers, lang) })}</dt>
          </div>
        )}
        <div>
          <dt>{t('author.messages', { count: author.messageCount })}</dt>
        </div>
        <div>
          <dt>{t('author.firstSeen', { time: relative(author.firstSeenAt, lang) })}</dt>
        </div>
      </dl>
      <h4>{t('author.history')}</h4>
      {others.length === 0 ? (
        <p className="muted small">{t('author.noHistory')}</p>
      ) : (
        <ul className="history">
          {others.map((h) => (
            <li key={h.id} data-author={h.authorId}>
              <button className="link" onClick={() => onSelect(h.id)}>
                <span className={`dot status-${h.status}`} /> {h.snippet.slice(0, 60)}
                <span className="muted small"> · {shortAge(h.lastMessageAt, now, lang)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

/** One calm line above the composer: what happens to a reply written now, and why. */
function ChannelStateLine({ state, lang }: { state: ChannelState; lang: UiLanguage }) {
  const { t } = useTranslation();
  const time = (ms: number | null) =>
    ms === null ? '' : new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(ms);
  const text =
    state.kind === 'offline'
      ? t(state.connected ? 'conversation.channel.offline' : 'conversation.channel.offlineLocal')
      : t(`conversation.channel.${state.kind}`, { account: state.account, since: time(state.since) }) +
        (state.retryAt ? ' ' + t('conversation.channel.retry', { time: time(state.retryAt) }) : '');
  return (
    <p className="channel-state" role="status" data-testid="channel-state" data-kind={state.kind}>
      {text}
    </p>
  );
}
