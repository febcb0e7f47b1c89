import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_REPLY_LIMIT, type ChannelKind } from '../../shared/domain/channels.ts';

export type ComposerMode = 'reply' | 'note';

/** What the composer holds for one conversation; every save and send carries its conversation id. */
export interface ComposerDraft {
  kind: ComposerMode;
  text: string;
}

/**
 * Ask the composer to take focus in a mode (R, N, Enter), optionally adding text (a holding
 * statement). Text is addressed to one conversation: another conversation's composer ignores it.
 */
export interface FocusRequest {
  mode: ComposerMode;
  nonce: number;
  insert?: { conversationId: string; text: string };
}

export interface ComposerProps {
  conversationId: string;
  channel: ChannelKind;
  customerName: string;
  /** The saved draft of this very conversation (read for its id), used once, when the composer mounts. */
  draft: ComposerDraft | null;
  focusRequest: FocusRequest | null;
  onSaveDraft: (conversationId: string, kind: ComposerMode, text: string) => void;
  onSubmit: (conversationId: string, kind: ComposerMode, text: string) => Promise<boolean>;
  /** Called once a focus request has been honoured, so it does not fire again on the next conversation. */
  onFocusDone: () => void;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Length as people (and most platforms) count it: by grapheme, so one emoji is one character. */
export function visibleLength(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

const SAVE_DELAY_MS = 400;

interface ComposerState extends ComposerDraft {
  conversationId: string;
  /** Changed since the last save: the autosave effect picks it up. */
  dirty: boolean;
}

const initialState = (conversationId: string, draft: ComposerDraft | null): ComposerState => ({
  conversationId,
  kind: draft?.kind ?? 'reply',
  text: draft?.text ?? '',
  dirty: false,
});

/**
 * Reply and internal-note editor with draft autosave and the channel's length limit.
 *
 * Its text belongs to one conversation: the state carries the conversation id it was typed for,
 * starts from that conversation's own draft, is replaced (never reused) when the id changes, and
 * every draft save and send names that id. The parent also keys the composer by id.
 */
export function Composer({
  conversationId,
  channel,
  customerName,
  draft,
  focusRequest,
  onSaveDraft,
  onSubmit,
  onFocusDone,
}: ComposerProps) {
  const { t } = useTranslation();
  const [state, setState] = useState(() => initialState(conversationId, draft));
  const [sending, setSending] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);

  // Defence in depth: should a parent ever reuse this instance for another conversation, the new
  // one starts from its own draft (the old text was already handed to the autosave with its id).
  if (state.conversationId !== conversationId) setState(initialState(conversationId, draft));

  // Autosave. A pending save holds its own conversation id and is flushed, not dropped, when the
  // composer goes away (the agent pressed j right after typing).
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<ComposerState | null>(null);
  const saveRef = useRef(onSaveDraft);
  useLayoutEffect(() => {
    saveRef.current = onSaveDraft;
  }, [onSaveDraft]);
  const flush = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    const p = pending.current;
    pending.current = null;
    if (p) saveRef.current(p.conversationId, p.kind, p.text);
  }, []);
  useEffect(() => {
    if (!state.dirty) return;
    pending.current = state;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(flush, SAVE_DELAY_MS);
  }, [state, flush]);
  useEffect(() => flush, [flush]);

  const { kind: mode, text } = state;
  const edit = (patch: Partial<ComposerDraft>) => setState((s) => ({ ...s, ...patch, dirty: true }));

  // A focus request (R or N, or one pending from before this composer mounted) switches the tab
  // during render and adds the text it carries for this conversation, then focuses the field.
  const request =
    focusRequest && (!focusRequest.insert || focusRequest.insert.conversationId === conversationId)
      ? focusRequest
      : null;
  const [seenNonce, setSeenNonce] = useState<number | null>(null);
  if (request && request.nonce !== seenNonce) {
    setSeenNonce(request.nonce);
    const insert = request.insert?.text;
    setState((s) => ({
      ...s,
      kind: request.mode,
      ...(insert ? { text: s.text.trim() ? `${s.text.trimEnd()}\n\n${insert}` : insert, dirty: true } : {}),
    }));
  }
  useEffect(() => {
    if (!request) return;
    ref.current?.focus();
    onFocusDone();
  }, [request, onFocusDone]);

  const limit = mode === 'reply' ? CHANNEL_REPLY_LIMIT[channel] : null;
  const used = visibleLength(text);
  const over = limit !== null && used > limit;

  const submit = async () => {
    if (!text.trim() || over || sending) return;
    const sent = { conversationId: state.conversationId, kind: mode, text };
    // The send writes the message and removes the draft in one transaction; an autosave still
    // waiting must not bring the draft back afterwards. The field is read-only meanwhile.
    if (saveTimer.current) clearTimeout(saveTimer.current);
    pending.current = null;
    setSending(true);
    const ok = await onSubmit(sent.conversationId, sent.kind, sent.text);
    setSending(false);
    // On failure the text stays and is saved again as the draft: nothing is lost.
    setState((s) =>
      s.conversationId !== sent.conversationId
        ? s
        : ok
          ? { ...s, text: '', dirty: false }
          : { ...s, dirty: true },
    );
  };

  return (
    <form
      className={`composer composer-${mode}`}
      data-testid="composer"
      data-conversation={conversationId}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="composer-tabs" role="tablist">
        {(['reply', 'note'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            className={`tab ${mode === m ? 'active' : ''}`}
            onClick={() => m !== mode && edit({ kind: m })}
          >
            {t(m === 'reply' ? 'composer.reply' : 'composer.note')}
            <kbd>{m === 'reply' ? 'R' : 'N'}</kbd>
          </button>
        ))}
      </div>
      <textarea
        ref={ref}
        value={text}
        rows={3}
        aria-label={t(mode === 'reply' ? 'composer.reply' : 'composer.note')}
        placeholder={
          mode === 'reply'
            ? t('composer.replyPlaceholder', { name: customerName })
            : t('composer.notePlaceholder')
        }
        readOnly={sending}
        onChange={(e) => edit({ text: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          } else if (e.key === 'Escape') {
            e.currentTarget.blur();
          }
        }}
      />
      <div className="composer-bar">
        <span className="composer-hint">{t('composer.hint')}</span>
        {limit !== null && (
          <span
            className={`composer-limit ${over ? 'over' : ''}`}
            title={
              over
                ? t('composer.overLimit', { channel: t(`channels.${channel}`), over: used - limit })
                : undefined
            }
          >
            {t('composer.limit', { used, limit })}
          </span>
        )}
        <button type="submit" className="primary" disabled={!text.trim() || over || sending}>
          {t(mode === 'reply' ? 'composer.sendReply' : 'composer.addNote')}
        </button>
      </div>
      {over && limit !== null && (
        <p className="composer-error" role="alert">
          {t('composer.overLimit', { channel: t(`channels.${channel}`), over: used - limit })}
        </p>
      )}
    </form>
  );
}
