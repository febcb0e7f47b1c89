import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_REPLY_LIMIT, type ChannelKind } from '../../shared/domain/channels.ts';
import { measureReply } from '../../shared/checks/length.ts';
import { customerNames, type CandidateQuery, type ReplyCandidates } from '../../shared/checks/duplicate.ts';
import { decideSend, overrideFor, runChecks, type StoredReplyChecks } from '../../shared/checks/run.ts';
import type { CheckSettings } from '../../shared/checks/types.ts';
import {
  draftFromText,
  editDraft,
  fillDraftVariable,
  insertTemplate,
  provenanceOf,
  shortCodeAt,
  signDraft,
  unfilledVariables,
  type ReplyDraft,
} from '../../shared/templates/draft.ts';
import { pickVariant, type Template, type TemplateLang } from '../../shared/templates/model.ts';
import { indexTemplates, searchTemplates } from '../../shared/templates/search.ts';
import { createSuggester } from '../../shared/templates/suggest.ts';
import { buildValues, candidatesFor, signatureFor } from '../../shared/templates/values.ts';
import { CheckList, LengthCounter, ReplyPreview, TemplatePicker, VariableForm } from './ReplyAssist.tsx';

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

/** What the composer needs to offer templates and check a reply; without it, it is a plain editor. */
export interface ReplyAssistContext {
  templates: readonly Template[];
  /** The language to reply in (the conversation's, else the UI's). */
  lang: TemplateLang;
  uiLang: TemplateLang;
  isPublic: boolean;
  brand: string | null;
  brandName: string | null;
  customer: { name: string | null; handle: string | null };
  /** The customer's messages, oldest first. */
  customerMessages: ReadonlyArray<{ text: string; lang: string | null }>;
  conversationLang: string | null;
  agent: { name: string; initials: string };
  settings: CheckSettings;
  /** Reads the earlier public replies a text could repeat (the near-duplicate check); null skips it. */
  recentPublic: ((query: CandidateQuery) => Promise<ReplyCandidates | null>) | null;
  whatsappWindowOpen?: boolean;
  dateTime: (ms: number) => string;
  /** The clock the checks use (the 24-hour window of the near-duplicate check). */
  now: number;
}

export interface ComposerProps {
  conversationId: string;
  channel: ChannelKind;
  customerName: string;
  /** The saved draft of this very conversation (read for its id), used once, when the composer mounts. */
  draft: ComposerDraft | null;
  focusRequest: FocusRequest | null;
  onSaveDraft: (conversationId: string, kind: ComposerMode, text: string) => void;
  /** `meta`: for replies, how it was written (template, variables, spans) and its check results. */
  onSubmit: (
    conversationId: string,
    kind: ComposerMode,
    text: string,
    meta?: StoredReplyChecks,
  ) => Promise<boolean>;
  assist?: ReplyAssistContext;
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
  /** The text with where each part came from (template, variable, the agent). */
  reply: ReplyDraft;
}

const initialState = (conversationId: string, draft: ComposerDraft | null): ComposerState => ({
  conversationId,
  kind: draft?.kind ?? 'reply',
  text: draft?.text ?? '',
  dirty: false,
  reply: draftFromText(draft?.text ?? ''),
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
  assist,
}: ComposerProps) {
  const { t } = useTranslation();
  const { t: tt } = useTranslation('templates');
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
  const edit = (patch: Partial<ComposerDraft>) =>
    setState((s) => ({
      ...s,
      ...patch,
      dirty: true,
      reply: patch.text === undefined ? s.reply : editDraft(s.reply, patch.text),
    }));
  const setReply = (reply: ReplyDraft) => setState((s) => ({ ...s, text: reply.text, reply, dirty: true }));

  // Templates: a `/code` right before the cursor opens the picker; suggestions for this conversation.
  const [cursor, setCursor] = useState(0);
  const [active, setActive] = useState(0);
  const [pickerClosed, setPickerClosed] = useState<string | null>(null);
  const [override, setOverride] = useState('');
  const overrideRef = useRef<HTMLInputElement>(null);
  const index = useMemo(() => indexTemplates(assist?.templates ?? []), [assist?.templates]);
  const suggester = useMemo(() => createSuggester(assist?.templates ?? []), [assist?.templates]);
  const code = assist && mode === 'reply' ? shortCodeAt(text, cursor) : null;
  const pickerOpen = code !== null && pickerClosed !== `${code.start}:${code.query}`;
  const query = code?.query ?? null;
  const replyLang = assist?.lang ?? 'nl';
  const hits = useMemo(
    () => (query ? searchTemplates(index, query, { lang: replyLang, limit: 6 }).map((h) => h.template) : []),
    [query, index, replyLang],
  );
  const suggestions = useMemo(
    () =>
      assist && mode === 'reply'
        ? suggester.suggest({
            messages: assist.customerMessages,
            lang: assist.lang,
            channel,
            ...(assist.whatsappWindowOpen !== undefined
              ? { whatsappWindowOpen: assist.whatsappWindowOpen }
              : {}),
          })
        : [],
    [assist, suggester, mode, channel],
  );
  const values = useMemo(
    () =>
      assist
        ? buildValues({
            customer: assist.customer,
            agent: assist.agent,
            conversationId,
            brandName: assist.brandName,
            channel,
          })
        : {},
    [assist, conversationId, channel],
  );
  const insert = (template: Template, range?: { start: number; end: number }) => {
    if (!assist) return;
    const variant = pickVariant(template, {
      lang: assist.lang,
      channel,
      ...(assist.whatsappWindowOpen !== undefined ? { whatsappWindowOpen: assist.whatsappWindowOpen } : {}),
    });
    if (!variant) return;
    const inserted = insertTemplate(state.reply, template, variant, values, range);
    const signed = signDraft(
      inserted,
      signatureFor(channel, assist.lang, assist.agent, assist.brandName),
      channel,
    );
    setReply(signed);
    setOverride('');
    requestAnimationFrame(() => {
      const el = ref.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(signed.text.length, signed.text.length);
      setCursor(signed.text.length);
    });
  };

  // The near-duplicate candidates are read from the index (a few band-key reads) once the text
  // settles for a moment; the checks use the latest answer.
  // The clock is read when the look-up runs: a reply queued a second ago counts (the view's clock ticks per 30 s).
  const [recent, setRecent] = useState<{ source: ReplyCandidates | null; at: number } | null>(null);
  const lookup = assist?.recentPublic ?? null;
  const dupBrand = assist?.brand ?? null;
  // Joined into a string so the effect below re-runs only when the names change, not per render.
  const dupNames = customerNames(assist?.customer).join('\n');
  const dupMinWords = assist?.settings.duplicate.minWords ?? 0;
  const dupHours = assist?.settings.duplicate.windowHours ?? 0;
  const wantsRecent = !!lookup && !!assist?.isPublic && mode === 'reply' && text.trim() !== '';
  const replyText = state.reply.text;
  useEffect(() => {
    if (!wantsRecent || !lookup) return;
    let live = true;
    const timer = setTimeout(() => {
      const at = Date.now();
      lookup({
        text: replyText,
        brand: dupBrand,
        names: dupNames ? dupNames.split('\n') : [],
        minWords: dupMinWords,
        now: at,
        windowHours: dupHours,
      }).then(
        (source) => live && setRecent({ source, at }),
        () => live && setRecent(null),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [wantsRecent, lookup, replyText, dupBrand, dupNames, dupMinWords, dupHours]);

  // The checks run as the agent types (about a millisecond); the same runner runs again at send time.
  const run = useMemo(() => {
    if (!assist || mode !== 'reply' || !text.trim()) return null;
    return runChecks(
      {
        text: state.reply.text,
        channel,
        public: assist.isPublic,
        brand: assist.brand,
        now: wantsRecent && recent ? Math.max(assist.now, recent.at) : assist.now,
        customer: assist.customer,
        customerMessages: assist.customerMessages,
        conversationLang: assist.conversationLang,
        template: state.reply.template
          ? { id: state.reply.template.id, tone: state.reply.template.tone }
          : null,
        spans: state.reply.spans,
        removed: state.reply.removed,
        recentPublic: wantsRecent ? (recent?.source ?? null) : null,
      },
      assist.settings,
    );
  }, [assist, mode, text, state.reply, channel, recent, wantsRecent]);
  const missing = assist && mode === 'reply' ? unfilledVariables(state.reply) : [];

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
      // The inserted statement is the agent's choice: it joins the reply as agent text.
      ...(insert
        ? (() => {
            const next = s.text.trim() ? `${s.text.trimEnd()}\n\n${insert}` : insert;
            return { text: next, dirty: true, reply: editDraft(s.reply, next) };
          })()
        : {}),
    }));
  }
  useEffect(() => {
    if (!request) return;
    ref.current?.focus();
    onFocusDone();
  }, [request, onFocusDone]);

  // With assist the length check is one of the checks (in the channel's own unit); without it,
  // the plain grapheme counter stays.
  const measures =
    assist && mode === 'reply'
      ? measureReply(text, channel, assist.isPublic, assist.settings.limits[channel])
      : [];
  const limit = !assist && mode === 'reply' ? CHANNEL_REPLY_LIMIT[channel] : null;
  const used = visibleLength(text);
  const over = limit !== null && used > limit;
  const blocked = run?.blocked ?? false;

  const submit = async () => {
    if (!text.trim() || over || sending) return;
    let meta: StoredReplyChecks | undefined;
    if (run && mode === 'reply') {
      const decision = decideSend(run, Date.now(), override.trim() ? overrideFor(run, override) : null);
      if (!decision.ok) {
        overrideRef.current?.focus();
        return;
      }
      // The message body is stored trimmed; its provenance must describe exactly that text.
      meta = {
        provenance: provenanceOf(editDraft(state.reply, state.reply.text.trim())),
        checks: decision.record,
      };
    }
    const sent = { conversationId: state.conversationId, kind: mode, text };
    // The send writes the message and removes the draft in one transaction; an autosave still
    // waiting must not bring the draft back afterwards. The field is read-only meanwhile.
    if (saveTimer.current) clearTimeout(saveTimer.current);
    pending.current = null;
    setSending(true);
    const ok = await (meta
      ? onSubmit(sent.conversationId, sent.kind, sent.text, meta)
      : onSubmit(sent.conversationId, sent.kind, sent.text));
    setSending(false);
    // On failure the text stays and is saved again as the draft: nothing is lost.
    setState((s) =>
      s.conversationId !== sent.conversationId
        ? s
        : ok
          ? { ...s, text: '', dirty: false, reply: draftFromText('') }
          : { ...s, dirty: true },
    );
    if (ok) setOverride('');
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
        onChange={(e) => {
          setCursor(e.target.selectionStart);
          setActive(0);
          edit({ text: e.target.value });
        }}
        onSelect={(e) => setCursor(e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if (pickerOpen && code && hits.length > 0) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
              return;
            }
            if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
              e.preventDefault();
              insert(hits[Math.min(active, hits.length - 1)]!, code);
              return;
            }
          }
          if (pickerOpen && code && e.key === 'Escape') {
            e.preventDefault();
            setPickerClosed(`${code.start}:${code.query}`);
            return;
          }
          if (e.altKey && /^[1-3]$/.test(e.key) && suggestions[Number(e.key) - 1]) {
            e.preventDefault();
            insert(suggestions[Number(e.key) - 1]!.template);
            return;
          }
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          } else if (e.key === 'Escape') {
            e.currentTarget.blur();
          }
        }}
      />
      {pickerOpen && assist && (
        <TemplatePicker
          hits={hits}
          active={active}
          lang={assist.uiLang}
          onPick={(h) => code && insert(h, code)}
        />
      )}
      {assist && mode === 'reply' && suggestions.length > 0 && !text.trim() && (
        <div className="template-suggestions" data-testid="template-suggestions">
          <span className="muted">{tt('composer.suggested')}</span>
          {suggestions.map((sug, i) => (
            <button
              key={sug.template.id}
              type="button"
              onClick={() => insert(sug.template)}
              title={sug.reasons.map((r) => tt(`suggest.reason.${r}`)).join(', ')}
            >
              <kbd>Alt+{i + 1}</kbd> /{sug.template.shortCode}
            </button>
          ))}
        </div>
      )}
      {assist && mode === 'reply' && (
        <VariableForm
          missing={missing}
          candidates={(name) =>
            candidatesFor(name, {
              customer: assist.customer,
              customerMessages: assist.customerMessages.map((m) => m.text),
            })
          }
          onFill={(name, value) => {
            setReply(fillDraftVariable(state.reply, name, value));
            ref.current?.focus();
          }}
        />
      )}
      {assist && mode === 'reply' && state.reply.template && text.trim() && (
        <ReplyPreview text={state.reply.text} spans={state.reply.spans} />
      )}
      {run && assist && <CheckList results={run.results} dateTime={assist.dateTime} />}
      {blocked && (
        <label className="override" data-testid="override">
          <span>{tt('composer.overrideLabel')}</span>
          <input
            ref={overrideRef}
            value={override}
            placeholder={tt('composer.overridePlaceholder')}
            onChange={(e) => setOverride(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void submit();
              } else if (e.key === 'Escape') ref.current?.focus();
            }}
          />
        </label>
      )}
      <div className="composer-bar">
        <span className="composer-hint">
          {assist && mode === 'reply' ? tt('composer.hint') : t('composer.hint')}
        </span>
        {measures[0] && <LengthCounter measure={measures.find((m) => m.over > 0) ?? measures[0]} />}
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
        <button
          type="submit"
          className="primary"
          disabled={!text.trim() || over || sending || (blocked && override.trim().length < 3)}
        >
          {blocked
            ? tt('composer.sendAnyway')
            : t(mode === 'reply' ? 'composer.sendReply' : 'composer.addNote')}
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
