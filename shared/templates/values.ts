/**
 * Where variable values come from: the customer (author card), the agent (settings), the
 * conversation and the brand. Also the candidates the composer offers for a variable it could not
 * fill, and the signature per channel convention ("^JV").
 */
import type { ChannelKind } from '../domain/channels.ts';
import type { TemplateLang } from './model.ts';
import { CUSTOM_PREFIX } from './variables.ts';

export interface CustomerFacts {
  name?: string | null;
  handle?: string | null;
}

export interface AgentFacts {
  name?: string | null;
  initials?: string | null;
}

export interface ValueSources {
  customer?: CustomerFacts;
  agent?: AgentFacts;
  conversationId?: string | null;
  brandName?: string | null;
  channel?: ChannelKind;
  custom?: Readonly<Record<string, string | null | undefined>>;
}

// Display names that are no person's name: shop accounts, "Klantenservice", e-mail local parts.
const NOT_A_NAME = /^(info|klantenservice|customer ?service|support|admin|noreply|no-reply|team|webcare)$/i;
const LETTERS = /^[\p{L}][\p{L}'’-]*$/u;

/** First and last name from a display name ("Sanne de Vries" → Sanne / de Vries), when it is one. */
export function splitName(name: string | null | undefined): { first: string | null; last: string | null } {
  const clean = (name ?? '').replace(/\s+/g, ' ').trim();
  if (!clean || NOT_A_NAME.test(clean) || clean.includes('@')) return { first: null, last: null };
  const parts = clean.split(' ');
  const first = parts[0]!;
  if (!LETTERS.test(first)) return { first: null, last: null };
  const last = parts.length > 1 ? parts.slice(1).join(' ') : null;
  return { first, last };
}

/** `@handle` on channels where people are addressed by handle; the bare handle elsewhere. */
export function displayHandle(handle: string | null | undefined, channel?: ChannelKind): string | null {
  const bare = (handle ?? '').trim().replace(/^@+/, '');
  if (!bare) return null;
  return channel === 'email' || channel === 'whatsapp' ? bare : `@${bare}`;
}

/** Builds the values a template renders with; missing facts stay missing (no guessing). */
export function buildValues(sources: ValueSources): Record<string, string | null> {
  const customer = splitName(sources.customer?.name);
  const agent = splitName(sources.agent?.name);
  const values: Record<string, string | null> = {
    'customer.firstName': customer.first,
    'customer.lastName': customer.last,
    'customer.name': customer.first ? (sources.customer?.name ?? '').replace(/\s+/g, ' ').trim() : null,
    'customer.handle': displayHandle(sources.customer?.handle, sources.channel),
    'agent.firstName': agent.first,
    'agent.name': sources.agent?.name?.trim() || null,
    'agent.initials': sources.agent?.initials?.trim() || initialsOf(sources.agent?.name),
    'conversation.id': sources.conversationId ?? null,
    'brand.name': sources.brandName?.trim() || null,
  };
  for (const [key, value] of Object.entries(sources.custom ?? {}))
    values[CUSTOM_PREFIX + key] = value ?? null;
  return values;
}

/** "Jan de Vos" → "JV": first letters of the first and last word, as webcare teams sign. */
export function initialsOf(name: string | null | undefined): string | null {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const first = words[0]![0]!;
  const last = words.length > 1 ? words[words.length - 1]![0]! : '';
  return (first + last).toUpperCase();
}

export interface Candidate {
  value: string;
  /** i18n key (templates namespace) saying where the candidate came from. */
  sourceKey:
    | 'candidates.authorName'
    | 'candidates.authorHandle'
    | 'candidates.signature'
    | 'candidates.emailName'
    | 'candidates.lastUsed';
}

// "Groet, Sanne", "Gr. Sanne", "Mvg Sanne de Vries", "Thanks, Sam", "Cheers, Sam": how customers
// sign at the end of a message.
const SIGN_OFF =
  /(?:^|\n)\s*(?:groet(?:jes)?|gr\.?|mvg|met vriendelijke groet|vriendelijke groet|groeten|thanks|cheers|regards|best|kind regards|best regards|-{1,2})\s*,?\s*\n?\s*([\p{Lu}][\p{L}'’-]+)(?:\s+[\p{L}'’-]+){0,2}\s*$/iu;

/** The first name a customer signed an earlier message with, or null. */
export function signatureName(text: string): string | null {
  const m = SIGN_OFF.exec(text.trimEnd());
  return m ? m[1]! : null;
}

/**
 * Candidates for a variable the composer could not fill: the author's name or handle, and a
 * name the customer signed an earlier message with. Deduplicated, best first.
 */
export function candidatesFor(
  variable: string,
  facts: { customer?: CustomerFacts; customerMessages?: readonly string[]; emailName?: string | null },
): Candidate[] {
  const out: Candidate[] = [];
  const add = (value: string | null | undefined, sourceKey: Candidate['sourceKey']) => {
    const v = value?.trim();
    if (v && !out.some((c) => c.value.toLowerCase() === v.toLowerCase())) out.push({ value: v, sourceKey });
  };
  const signed = (facts.customerMessages ?? []).map(signatureName).filter((n): n is string => n !== null);
  if (variable === 'customer.firstName' || variable === 'customer.name') {
    const split = splitName(facts.customer?.name);
    add(variable === 'customer.firstName' ? split.first : facts.customer?.name, 'candidates.authorName');
    for (const name of signed.reverse()) add(name, 'candidates.signature');
    add(
      variable === 'customer.firstName' ? splitName(facts.emailName).first : facts.emailName,
      'candidates.emailName',
    );
    // A handle is a last resort for a name: "fleur_bos" → "Fleur".
    const fromHandle = /^([a-z]{2,})[._-]?/i.exec((facts.customer?.handle ?? '').replace(/^@/, ''));
    if (fromHandle && variable === 'customer.firstName')
      add(
        fromHandle[1]![0]!.toUpperCase() + fromHandle[1]!.slice(1).toLowerCase(),
        'candidates.authorHandle',
      );
  } else if (variable === 'customer.lastName') {
    add(splitName(facts.customer?.name).last, 'candidates.authorName');
  } else if (variable === 'customer.handle') {
    add(displayHandle(facts.customer?.handle), 'candidates.authorHandle');
  }
  return out;
}

/**
 * The signature a reply ends with, per channel convention: initials after a caret on public
 * social channels ("^JV"), a first name in chats, a full sign-off in e-mail and on review sites.
 * Null when the agent has no name or initials in settings.
 */
export function signatureFor(
  channel: ChannelKind,
  lang: TemplateLang,
  agent: AgentFacts,
  brandName?: string | null,
): string | null {
  const initials = agent.initials?.trim() || initialsOf(agent.name);
  const first = splitName(agent.name).first;
  switch (channel) {
    case 'x':
    case 'bluesky':
    case 'mastodon':
    case 'facebook':
    case 'instagram':
    case 'forum':
    case 'other':
      return initials ? `^${initials}` : null;
    case 'whatsapp':
      return first ? `^${first}` : initials ? `^${initials}` : null;
    case 'email': {
      if (!agent.name?.trim()) return null;
      const closing = lang === 'nl' ? 'Met vriendelijke groet,' : 'Kind regards,';
      return [
        closing,
        agent.name.trim(),
        brandName ? (lang === 'nl' ? `Webcare ${brandName}` : `${brandName} customer care`) : null,
      ]
        .filter(Boolean)
        .join('\n');
    }
    case 'trustpilot':
    case 'google':
    case 'appstore':
      if (!first) return null;
      return brandName
        ? lang === 'nl'
          ? `${first}, team ${brandName}`
          : `${first}, ${brandName} team`
        : first;
  }
}

/** Appends the signature unless the reply already ends with it. */
export function withSignature(text: string, signature: string | null, channel: ChannelKind): string {
  if (!signature) return text;
  const trimmed = text.trimEnd();
  if (trimmed.endsWith(signature)) return text;
  const separator =
    channel === 'email' || channel === 'trustpilot' || channel === 'google' || channel === 'appstore'
      ? '\n\n'
      : ' ';
  return `${trimmed}${separator}${signature}`;
}
