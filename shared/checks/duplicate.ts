/**
 * Near-duplicate public replies: the same sentence posted under forty angry comments is what
 * makes a brand look like a bot. Replies are compared as sets of word triples (shingles) after
 * the parts that always differ are taken out (the greeting and its name, @handles, the
 * signature, links, the customer's name elsewhere). MinHash estimates the Jaccard similarity of
 * two sets from 64 numbers; LSH bands (16 bands of 4) turn "which earlier replies could be
 * similar" into exact key look-ups, so the check costs the same against 100 or 100,000 replies.
 *
 * The signature and band keys are stored with each public reply (renderer/db table
 * `publicReplies`, multi-entry index on `bands`); `ReplyIndex` is the same look-up in memory.
 */
import { normalizeForSearch } from '../search/tokenize.ts';
import type { ChannelKind } from '../domain/channels.ts';
import { parseGreeting } from './greeting.ts';
import type { DuplicateSettings, EarlierPost, Finding } from './types.ts';

export const MINHASH_SIZE = 64;
export const LSH_BANDS = 16;
const ROWS = MINHASH_SIZE / LSH_BANDS;
const SHINGLE = 3;
const HOUR = 3_600_000;

/** A public reply as kept in the near-duplicate index. */
export interface RecentReply {
  id: string;
  brand: string | null;
  channel: ChannelKind;
  conversationId: string;
  sentAt: number;
  text: string;
  /** MinHash signature (MINHASH_SIZE unsigned 32-bit values); empty for replies too short to compare. */
  signature: number[];
  /** LSH band keys (`band:hash`), the index's look-up keys. */
  bands: string[];
  words: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The customer's name and handle: they differ per reply and are taken out before comparing. One
 * definition for the index rows, the composer's look-up and the checks (composer and send time).
 */
export function customerNames(
  customer: { name?: string | null; handle?: string | null } | null | undefined,
): string[] {
  return [customer?.name, customer?.handle].filter((n): n is string => !!n);
}

/** The words that carry the reply's content: greeting, names, handles, links and signature removed. */
export function contentWords(text: string, names: readonly string[] = []): string[] {
  let body = text;
  const greeting = parseGreeting(body);
  if (greeting) body = body.slice(greeting.end);
  body = body
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@[\w.]+/g, ' ')
    .replace(/\^[\p{L}]{1,4}\b/gu, ' ')
    .replace(/\n\s*(?:groet|gr\.|mvg|met vriendelijke groet|kind regards|regards|thanks),?[\s\S]*$/i, ' ');
  const drop = new Set(names.flatMap((n) => normalizeForSearch(n).match(WORD) ?? []));
  return (normalizeForSearch(body).match(WORD) ?? []).filter((w) => !drop.has(w));
}

// FNV-1a over the UTF-16 units: fast, stable across runs and machines (signatures are stored).
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// murmur3's finalizer: mixes a shingle hash with a per-function seed into an independent hash.
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x7feb352d)));

/** MinHash signature of a word list's triples; empty when there are fewer than `minWords` words. */
export function minhash(words: readonly string[], minWords: number): number[] {
  if (words.length < Math.max(minWords, 1)) return [];
  const sig = new Array<number>(MINHASH_SIZE).fill(0xffffffff);
  const n = Math.max(1, words.length - SHINGLE + 1);
  for (let i = 0; i < n; i++) {
    const h = fnv(words.slice(i, i + SHINGLE).join(' '));
    for (let k = 0; k < MINHASH_SIZE; k++) {
      const v = mix(h ^ SEEDS[k]!);
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

/** LSH band keys of a signature: two signatures that share a key are candidates. */
export function bandKeys(signature: readonly number[]): string[] {
  if (signature.length !== MINHASH_SIZE) return [];
  const keys: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ signature[b * ROWS + r]!, 0x01000193);
    keys.push(`${b}:${(h >>> 0).toString(36)}`);
  }
  return keys;
}

/** Estimated Jaccard similarity: the share of equal MinHash values. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== MINHASH_SIZE || b.length !== MINHASH_SIZE) return 0;
  let same = 0;
  for (let k = 0; k < MINHASH_SIZE; k++) if (a[k] === b[k]) same++;
  return same / MINHASH_SIZE;
}

/** Builds the index record for a reply that went out publicly. */
export function recentReply(
  reply: Omit<RecentReply, 'signature' | 'bands' | 'words'>,
  options: { names?: readonly string[]; minWords: number },
): RecentReply {
  const words = contentWords(reply.text, options.names);
  const signature = minhash(words, options.minWords);
  return { ...reply, signature, bands: bandKeys(signature), words: words.length };
}

/** Where candidates come from: the in-memory index, or rows read from storage by band key. */
export interface ReplyCandidates {
  candidates(bands: readonly string[]): Iterable<RecentReply>;
}

/** In-memory near-duplicate index (the bench, tests and the leader's warm cache). */
export class ReplyIndex implements ReplyCandidates {
  private readonly byBand = new Map<string, RecentReply[]>();
  private readonly all: RecentReply[] = [];

  add(reply: RecentReply): void {
    this.all.push(reply);
    for (const key of reply.bands) {
      const list = this.byBand.get(key);
      if (list) list.push(reply);
      else this.byBand.set(key, [reply]);
    }
  }

  get size(): number {
    return this.all.length;
  }

  *candidates(bands: readonly string[]): Iterable<RecentReply> {
    const seen = new Set<string>();
    for (const key of bands) {
      for (const r of this.byBand.get(key) ?? []) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        yield r;
      }
    }
  }
}

/** What a look-up in the stored index needs: the text being written and the check's settings. */
export interface CandidateQuery {
  text: string;
  brand: string | null;
  names: readonly string[];
  /** The agent's word minimum (settings.duplicate.minWords). */
  minWords: number;
  now: number;
  windowHours: number;
}

/** Wraps rows already read from storage (by band key) as a candidate source. */
export function candidatesFrom(rows: Iterable<RecentReply>): ReplyCandidates {
  return { candidates: () => rows };
}

export interface DuplicateInput {
  text: string;
  brand: string | null;
  now: number;
  /** The customer's name and handle: they differ per reply and are left out of the comparison. */
  names?: readonly string[];
  /** The reply itself when it is already in the index (a re-check at send time). */
  selfId?: string;
}

/** Earlier public replies of this brand in the window that the text nearly repeats, newest first. */
export function findNearDuplicates(
  input: DuplicateInput,
  source: ReplyCandidates,
  settings: DuplicateSettings,
): EarlierPost[] {
  const signature = minhash(contentWords(input.text, input.names), settings.minWords);
  if (signature.length === 0) return [];
  const since = input.now - settings.windowHours * HOUR;
  const out: EarlierPost[] = [];
  for (const r of source.candidates(bandKeys(signature))) {
    if (
      r.id === input.selfId ||
      r.sentAt < since ||
      r.sentAt > input.now ||
      (r.brand ?? null) !== (input.brand ?? null)
    )
      continue;
    const s = similarity(signature, r.signature);
    if (s >= settings.threshold)
      out.push({
        id: r.id,
        conversationId: r.conversationId,
        channel: r.channel,
        sentAt: r.sentAt,
        text: r.text,
        similarity: s,
      });
  }
  return out.sort((a, b) => b.sentAt - a.sentAt);
}

export function checkNearDuplicate(
  input: DuplicateInput,
  source: ReplyCandidates | null,
  settings: DuplicateSettings,
): Finding | null {
  if (!source) return null;
  const earlier = findNearDuplicates(input, source, settings);
  if (earlier.length < settings.count) return null;
  return {
    messageKey: 'checks.nearDuplicate',
    params: { count: earlier.length, hours: settings.windowHours },
    ranges: [],
    earlier: earlier.slice(0, 10),
  };
}
