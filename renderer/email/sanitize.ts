import DOMPurify from 'dompurify';

/**
 * Email HTML is untrusted: it arrives raw from main and is cleaned here, every time it is shown,
 * with DOMPurify. Scripts, event handlers, forms, frames, embeds and `<base>`/`<meta>`/`<link>`
 * go; links keep only http(s)/mailto targets. Remote content (images, CSS `url()`, `@import`)
 * is blocked by default, because loading it tells the sender that, when and where the mail was
 * read; "load images" swaps in images main fetched for that one message (as data: URLs, so the
 * app's CSP stays `img-src 'self' data:`). Embedded `cid:` images stay blocked (placeholder).
 */
export interface SanitizedEmail {
  html: string;
  /** Remote image URLs that were blocked (what "load images" would fetch), in order, once each. */
  blocked: string[];
  /** Embedded (cid:) images left out. */
  embedded: number;
}

const FORBID_TAGS = [
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'option',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'link',
  'meta',
  'audio',
  'video',
  'source',
  'track',
  'picture',
  'svg',
  'math',
  'portal',
];
const FORBID_ATTR = [
  'srcset',
  'ping',
  'background',
  'poster',
  'formaction',
  'action',
  'lowsrc',
  'dynsrc',
  'xlink:href',
];
const REMOTE = /^\s*(https?:)?\/\//i;
const SAFE_LINK = /^(https?:|mailto:)/i;
const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;
const CSS_IMPORT = /@import[^;]*;?/gi;

/** Removes every `url()` and `@import` that points outside the message. */
export function stripRemoteCss(css: string): string {
  return css
    .replace(CSS_IMPORT, '')
    .replace(CSS_URL, (whole, _q: string, url: string) => (url.trim().startsWith('data:') ? whole : 'none'));
}

export const BLOCKED_IMAGE_CLASS = 'wc-blocked-image';

export function sanitizeEmailHtml(
  raw: string,
  loaded: ReadonlyMap<string, string> | null = null,
): SanitizedEmail {
  const blocked: string[] = [];
  let embedded = 0;
  const purify = DOMPurify();
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.textContent) node.textContent = stripRemoteCss(node.textContent);
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (!element.getAttribute) return;
    const style = element.getAttribute('style');
    if (style) element.setAttribute('style', stripRemoteCss(style));
    if (element.tagName === 'A') {
      const href = element.getAttribute('href') ?? '';
      if (!SAFE_LINK.test(href)) element.removeAttribute('href');
      element.setAttribute('rel', 'noopener noreferrer');
      element.removeAttribute('target');
    }
    if (element.tagName === 'IMG') {
      const src = element.getAttribute('src') ?? '';
      if (REMOTE.test(src)) {
        const url = src.startsWith('//') ? `https:${src}` : src;
        const data = loaded?.get(url);
        if (data) element.setAttribute('src', data);
        else {
          if (!blocked.includes(url)) blocked.push(url);
          element.removeAttribute('src');
          element.setAttribute('data-blocked-src', url);
          element.setAttribute('class', BLOCKED_IMAGE_CLASS);
        }
      } else if (src.toLowerCase().startsWith('cid:')) {
        embedded += 1;
        element.removeAttribute('src');
        element.setAttribute('class', BLOCKED_IMAGE_CLASS);
      } else if (src && !src.startsWith('data:image/')) element.removeAttribute('src');
    }
  });
  const html = purify.sanitize(raw, {
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ['data-blocked-src'],
    FORCE_BODY: true,
  });
  return { html, blocked, embedded };
}
