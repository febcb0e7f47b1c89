/**
 * The reply template model. A template is one reusable answer ("refund on its way") with a body
 * per language and, where a channel has its own conventions, per style: short for X, Bluesky and
 * Mastodon, formal for email, and a WhatsApp template message (pre-approved by Meta) for when the
 * 24-hour window has closed. Pure data; storage lives in renderer/db.
 */
import type { ChannelKind } from '../domain/channels.ts';

export const TEMPLATE_LANGS = ['nl', 'en'] as const;
export type TemplateLang = (typeof TEMPLATE_LANGS)[number];

/**
 * `default` fits every channel; `short` is for channels that count every character in public
 * (X, Bluesky, Mastodon); `formal` for email; `whatsapp` is the approved WhatsApp template
 * message, the only thing that may be sent once the customer's 24-hour window has closed.
 */
export const VARIANT_STYLES = ['default', 'short', 'formal', 'whatsapp'] as const;
export type VariantStyle = (typeof VARIANT_STYLES)[number];

export const TEMPLATE_CATEGORIES = [
  'greeting',
  'apology',
  'delay',
  'outage',
  'refund',
  'billing',
  'delivery',
  'dm',
  'thanks',
  'review',
  'crisis',
  'closing',
  'info',
] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/**
 * How a template sounds. The tone check warns when a `cheerful` template goes out on a very
 * negative or escalating conversation.
 */
export const TEMPLATE_TONES = ['neutral', 'empathetic', 'cheerful', 'formal'] as const;
export type TemplateTone = (typeof TEMPLATE_TONES)[number];

export interface TemplateVariant {
  lang: TemplateLang;
  style: VariantStyle;
  body: string;
  /** For `whatsapp` variants: the template's name and language code as approved at Meta. */
  whatsapp?: { name: string; language: string };
}

export interface Template {
  /** Stable id (`starter-refund` for the starter library, random for templates made here). */
  id: string;
  /** Typed after a slash in the composer (`/refund`): lowercase letters, digits and dashes. */
  shortCode: string;
  title: Partial<Record<TemplateLang, string>>;
  category: TemplateCategory;
  tone: TemplateTone;
  /** Words that describe when to use it; they weigh in search and suggestions. */
  keywords: string[];
  variants: TemplateVariant[];
  /** Agent id of the owner, or `starter` for the library that ships with the app. */
  owner: string;
  usageCount: number;
  /** Epoch ms, or null when never used. */
  lastUsedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** Short codes as typed after the slash: `refund`, `dm-vragen`, `sorry2`. */
export const SHORT_CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** Channels where the public reply is short by nature: the `short` variant is picked there. */
export const SHORT_CHANNELS: ReadonlySet<ChannelKind> = new Set(['x', 'bluesky', 'mastodon']);

export interface VariantContext {
  lang: TemplateLang;
  channel: ChannelKind;
  /**
   * WhatsApp only: false once 24 hours have passed since the customer's last message; then only
   * a `whatsapp` template message may be sent.
   */
  whatsappWindowOpen?: boolean;
}

/** The styles to try for a channel, best first; `default` always comes last. */
export function preferredStyles(ctx: VariantContext): VariantStyle[] {
  if (ctx.channel === 'whatsapp' && ctx.whatsappWindowOpen === false) return ['whatsapp'];
  if (SHORT_CHANNELS.has(ctx.channel)) return ['short', 'default'];
  if (ctx.channel === 'email') return ['formal', 'default'];
  return ['default'];
}

/**
 * Picks the variant to insert: the language asked for, in the channel's preferred style. Falls
 * back to the other language only when the template has nothing in the asked one (the language
 * check then warns). Returns null when nothing fits (a closed WhatsApp window without a
 * `whatsapp` variant).
 */
export function pickVariant(template: Template, ctx: VariantContext): TemplateVariant | null {
  const styles = preferredStyles(ctx);
  const langs: TemplateLang[] = [ctx.lang, ...TEMPLATE_LANGS.filter((l) => l !== ctx.lang)];
  for (const lang of langs) {
    for (const style of styles) {
      const hit = template.variants.find((v) => v.lang === lang && v.style === style);
      if (hit) return hit;
    }
  }
  return null;
}

/** The title in the UI language, else any title, else the short code. */
export function templateTitle(template: Template, lang: TemplateLang): string {
  return template.title[lang] ?? template.title[lang === 'nl' ? 'en' : 'nl'] ?? `/${template.shortCode}`;
}

/** Counts one use of a template (pure: returns the updated template). */
export function recordUse(template: Template, now: number): Template {
  return { ...template, usageCount: template.usageCount + 1, lastUsedAt: now };
}
