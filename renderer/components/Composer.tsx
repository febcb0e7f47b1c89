import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_REPLY_LIMIT, type ChannelKind } from '../../shared/domain/channels.ts';

export type ComposerMode = 'reply' | 'note';

export interface ComposerProps {
  conversationId: string;
  channel: ChannelKind;
  customerName: string;
  draft: { kind: ComposerMode; text: string } | null;
  focusRequest: { mode: ComposerMode; nonce: number; insert?: string } | null;
  onSaveDraft: (kind: ComposerMode, text: string) => void;
  onSubmit: (kind: ComposerMode, text: string) => Promise<boolean>;
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

/** Reply and internal-note editor with draft autosave and the channel's length limit. */
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
  const [mode, setMode] = useState<ComposerMode>(draft?.kind ?? 'reply');
  const [text, setText] = useState(draft?.text ?? '');
  const ref = useRef<HTMLTextAreaElement>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // A focus request (R or N) switches the tab during render, then focuses the field.
  const [seenNonce, setSeenNonce] = useState(focusRequest?.nonce ?? null);
  if (focusRequest && focusRequest.nonce !== seenNonce) {
    setSeenNonce(focusRequest.nonce);
    setMode(focusRequest.mode);
    if (focusRequest.insert)
      setText((current) =>
        current.trim() ? `${current.trimEnd()}\n\n${focusRequest.insert}` : (focusRequest.insert ?? ''),
      );
  }
  useEffect(() => {
    if (!focusRequest) return;
    ref.current?.focus();
    onFocusDone();
  }, [focusRequest, onFocusDone]);

  useEffect(
    () => () => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
    },
    [],
  );

  const limit = mode === 'reply' ? CHANNEL_REPLY_LIMIT[channel] : null;
  const used = visibleLength(text);
  const over = limit !== null && used > limit;

  const change = (value: string) => {
    setText(value);
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => onSaveDraft(mode, value), 400);
  };

  const submit = async () => {
    if (!text.trim() || over) return;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    if (await onSubmit(mode, text)) setText('');
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
            onClick={() => setMode(m)}
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
        onChange={(e) => change(e.target.value)}
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
        <button type="submit" className="primary" disabled={!text.trim() || over}>
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
