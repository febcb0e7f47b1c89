import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { splitEmailText } from '../../shared/email/quoted.ts';
import { BLOCKED_IMAGE_CLASS, sanitizeEmailHtml } from '../email/sanitize.ts';
import { plainNumber, type UiLanguage } from '../i18n/format.ts';

export interface EmailAttachment {
  name: string;
  size: number;
  contentType: string;
  partId: string;
}

export interface EmailBodyProps {
  messageId: string;
  text: string;
  html: string | null;
  attachments: EmailAttachment[];
  lang: UiLanguage;
  /** Fetches remote images (main, as data: URLs); resolves with what it got. */
  onLoadImages: (urls: string[]) => Promise<Map<string, string>>;
  onOpenLink: (url: string) => void;
  onSaveAttachment: (attachment: EmailAttachment) => Promise<void>;
}

/**
 * Quoted history inside HTML mail: Gmail, Outlook, Apple Mail and Thunderbird mark it in these
 * ways. The first such element and everything after it at the same level is folded away.
 */
const QUOTE_SELECTORS = [
  '.gmail_quote',
  'blockquote[type="cite"]',
  '#divRplyFwdMsg',
  '#appendonsend',
  '.moz-cite-prefix',
  'blockquote',
];

const SHADOW_STYLE = `
:host { display: block; }
.wc-mail { font: inherit; color: inherit; overflow-wrap: anywhere; max-width: 100%; overflow-x: auto; }
.wc-mail img { max-width: 100%; height: auto; }
.wc-mail img.${BLOCKED_IMAGE_CLASS} { display: inline-block; min-width: 24px; min-height: 16px; border: 1px dashed currentColor; opacity: 0.35; }
.wc-mail a { color: inherit; text-decoration: underline; cursor: pointer; }
details.wc-quoted > summary { cursor: pointer; opacity: 0.7; font-size: 0.9em; }
details.wc-quoted { margin-top: 0.5em; }
`;

function foldQuotes(root: HTMLElement, label: string): number {
  const container = root.querySelector('.wc-mail');
  if (!container) return 0;
  for (const selector of QUOTE_SELECTORS) {
    const found = container.querySelector(selector);
    if (!found || !found.parentNode) continue;
    const details = document.createElement('details');
    details.className = 'wc-quoted';
    const summary = document.createElement('summary');
    summary.textContent = label;
    details.append(summary);
    const parent = found.parentNode;
    parent.insertBefore(details, found);
    let node: ChildNode | null = found;
    while (node) {
      const next: ChildNode | null = node.nextSibling;
      details.append(node);
      node = next;
    }
    return 1;
  }
  return 0;
}

function HtmlMail({
  html,
  quotedLabel,
  onOpenLink,
}: {
  html: string;
  quotedLabel: string;
  onOpenLink: (url: string) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    // A shadow root keeps the mail's CSS out of the app and the app's CSS out of the mail.
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${SHADOW_STYLE}</style><div class="wc-mail">${html}</div>`;
    foldQuotes(root as unknown as HTMLElement, quotedLabel);
    const onClick = (event: Event) => {
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (!link) return;
      event.preventDefault();
      onOpenLink(link.getAttribute('href')!);
    };
    root.addEventListener('click', onClick);
    return () => root.removeEventListener('click', onClick);
  }, [html, quotedLabel, onOpenLink]);
  return <div ref={host} className="email-html" data-testid="email-html" />;
}

function TextMail({ text }: { text: string }) {
  const { t } = useTranslation('channels');
  const parts = useMemo(() => splitEmailText(text), [text]);
  return (
    <div className="email-text" data-testid="email-text">
      <div className="message-text">{parts.body}</div>
      {parts.signature && (
        <details className="email-signature" data-testid="email-signature">
          <summary>{t('email.signature')}</summary>
          <div className="message-text">{parts.signature}</div>
        </details>
      )}
      {parts.quoted && (
        <details className="email-quoted" data-testid="email-quoted">
          <summary>{t('email.showQuoted')}</summary>
          <div className="message-text quoted">{parts.quoted}</div>
        </details>
      )}
    </div>
  );
}

function sizeText(bytes: number, lang: UiLanguage): string {
  if (bytes < 1024) return `${plainNumber(bytes, lang)} B`;
  if (bytes < 1024 * 1024) return `${plainNumber(Math.round(bytes / 1024), lang)} kB`;
  return `${new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}

/** One email's content: sanitized HTML (remote content blocked until asked) or split plain text, then attachments. */
export function EmailBody(p: EmailBodyProps) {
  const { t } = useTranslation('channels');
  const [loaded, setLoaded] = useState<Map<string, string> | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const sanitized = useMemo(() => (p.html ? sanitizeEmailHtml(p.html, loaded) : null), [p.html, loaded]);
  const load = async () => {
    if (!sanitized) return;
    setLoading(true);
    setProblem(null);
    try {
      const images = await p.onLoadImages(sanitized.blocked);
      setLoaded(new Map([...(loaded ?? []), ...images]));
      if (images.size < sanitized.blocked.length) setProblem(t('email.imagesFailed'));
    } finally {
      setLoading(false);
    }
  };
  return (
    <div className="email-body" data-testid="email-body" data-message={p.messageId}>
      {sanitized && (sanitized.blocked.length > 0 || sanitized.embedded > 0) && (
        <div
          className="email-privacy"
          data-testid="email-images-blocked"
          data-blocked={sanitized.blocked.length}
        >
          <span>
            {sanitized.blocked.length > 0 && t('email.imagesBlocked', { count: sanitized.blocked.length })}
            {sanitized.embedded > 0 && ` ${t('email.embeddedBlocked')}`}
          </span>
          {sanitized.blocked.length > 0 && (
            <button
              className="link-button"
              onClick={() => void load()}
              disabled={loading}
              data-testid="email-load-images"
            >
              {loading ? t('email.loadingImages') : t('email.loadImages')}
            </button>
          )}
        </div>
      )}
      {sanitized ? (
        <HtmlMail html={sanitized.html} quotedLabel={t('email.showQuoted')} onOpenLink={p.onOpenLink} />
      ) : (
        <TextMail text={p.text} />
      )}
      {p.attachments.length > 0 && (
        <div className="email-attachments" data-testid="email-attachments">
          <span className="muted small">{t('email.attachments', { count: p.attachments.length })}</span>
          <ul>
            {p.attachments.map((a) => (
              <li key={a.partId}>
                <span className="attachment-name">📎 {a.name}</span>{' '}
                <span className="muted small">
                  {a.contentType} · {sizeText(a.size, p.lang)}
                </span>{' '}
                <button
                  className="link-button"
                  disabled={saving === a.partId}
                  onClick={() => {
                    setSaving(a.partId);
                    setProblem(null);
                    p.onSaveAttachment(a)
                      .catch((error: unknown) =>
                        setProblem(
                          t('email.saveFailed', {
                            name: a.name,
                            reason: error instanceof Error ? error.message : String(error),
                          }),
                        ),
                      )
                      .finally(() => setSaving(null));
                  }}
                  data-testid={`attachment-save-${a.partId}`}
                >
                  {saving === a.partId ? t('email.saving') : t('email.save')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {problem && (
        <p className="form-error small" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** Offers bytes as a file download; `application/octet-stream` so the browser never opens or runs it. */
export function offerDownload(name: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  // Path separators and characters Windows refuses in file names become "_"; control characters go.
  a.download = [...name].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('') || 'attachment';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
