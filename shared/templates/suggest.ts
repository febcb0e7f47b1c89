/**
 * Template suggestions for the open conversation, computed on device: word similarity between
 * the customer's messages and each template (TF-IDF cosine over normalized, crudely stemmed
 * words), plus what the analysis says about the messages (the complaint topic from its signals,
 * the language) and whether the template has a variant for the channel.
 */
import type { ChannelKind } from '../domain/channels.ts';
import { REVIEW_CHANNELS } from '../domain/channels.ts';
import { extractSignals } from '../analysis/signals.ts';
import type { SignalCode } from '../analysis/signals.ts';
import { searchTokens } from '../search/tokenize.ts';
import { pickVariant, preferredStyles } from './model.ts';
import type { Template, TemplateCategory, TemplateLang, TemplateVariant } from './model.ts';

const VARIABLE = /{{[^}]*}}/g;
/** Dutch and English compounds and inflections share their first letters ("terugbetaling", "terugbetalen"). */
const STEM = 6;

function stems(text: string): string[] {
  return searchTokens(text.replace(VARIABLE, ' '), 400).map((t) => (t.length > STEM ? t.slice(0, STEM) : t));
}

/** Which template categories fit a message, read from the analysis signals. */
const TOPIC_OF_SIGNAL: Partial<Record<SignalCode, TemplateCategory[]>> = {
  'complaint.money': ['refund', 'billing'],
  'complaint.waiting': ['delay', 'apology'],
  'complaint.duration': ['delay', 'outage'],
  'complaint.persistence': ['dm', 'apology'],
  'complaint.failure': ['outage', 'delivery', 'apology'],
  'complaint.blame': ['apology'],
  'threat.legal': ['crisis', 'dm'],
  'threat.media': ['crisis'],
  'threat.boycott': ['crisis'],
  'threat.churn': ['apology', 'dm'],
  'safety.health': ['crisis'],
  'safety.hazard': ['crisis'],
  discrimination: ['crisis'],
  'cue.praise': ['thanks'],
  'cue.question': ['info'],
};

export interface SuggestMessage {
  text: string;
  lang?: string | null;
}

export interface SuggestInput {
  /** The customer's recent messages, oldest first (the newest weighs most). */
  messages: readonly SuggestMessage[];
  /** The reply language; when null, taken from the analysis of the messages. */
  lang: TemplateLang | null;
  channel: ChannelKind;
  whatsappWindowOpen?: boolean;
}

export type SuggestionReason = 'words' | 'topic' | 'channel' | 'language';

export interface Suggestion {
  template: Template;
  variant: TemplateVariant;
  score: number;
  /** Why it was suggested, strongest first (i18n: `templates.suggest.reason.<reason>`). */
  reasons: SuggestionReason[];
  /** The topics the analysis found that this template's category matches. */
  topics: TemplateCategory[];
}

interface Vector {
  weights: Map<string, number>;
  norm: number;
}

function vectorOf(tokens: readonly string[], idf: ReadonlyMap<string, number>, defaultIdf: number): Vector {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  const weights = new Map<string, number>();
  let sum = 0;
  for (const [t, n] of tf) {
    const w = (1 + Math.log(n)) * (idf.get(t) ?? defaultIdf);
    weights.set(t, w);
    sum += w * w;
  }
  return { weights, norm: Math.sqrt(sum) };
}

function cosine(a: Vector, b: Vector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  const [small, large] = a.weights.size < b.weights.size ? [a, b] : [b, a];
  for (const [t, w] of small.weights) {
    const v = large.weights.get(t);
    if (v !== undefined) dot += w * v;
  }
  return dot / (a.norm * b.norm);
}

export interface Suggester {
  suggest(input: SuggestInput, limit?: number): Suggestion[];
}

/**
 * Prepares the library for suggestions (IDF and one vector per template and language). Build it
 * again when the library changes; a suggestion then costs one pass over the templates.
 */
export function createSuggester(templates: readonly Template[]): Suggester {
  const docs = templates.map((template) => {
    const perLang = new Map<TemplateLang, string[]>();
    for (const lang of ['nl', 'en'] as const) {
      const bodies = template.variants.filter((v) => v.lang === lang).map((v) => v.body);
      if (!bodies.length) continue;
      // Keywords and title say what a template is for: they count three times.
      const strong = [template.title[lang] ?? '', ...template.keywords].join(' ');
      perLang.set(lang, [...stems(bodies.join(' ')), ...stems(strong), ...stems(strong), ...stems(strong)]);
    }
    return { template, perLang };
  });
  const df = new Map<string, number>();
  let count = 0;
  for (const d of docs) {
    for (const tokens of d.perLang.values()) {
      count++;
      for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  const idf = new Map<string, number>();
  for (const [t, n] of df) idf.set(t, Math.log((1 + count) / (1 + n)) + 1);
  const defaultIdf = Math.log(1 + count) + 1;
  const vectors = docs.map((d) => ({
    template: d.template,
    byLang: new Map(
      [...d.perLang].map(([lang, tokens]) => [lang, vectorOf(tokens, idf, defaultIdf)] as const),
    ),
  }));

  return {
    suggest(input: SuggestInput, limit = 3): Suggestion[] {
      const recent = input.messages.slice(-3);
      if (recent.length === 0) return [];
      // The newest message counts twice: it is what the reply answers.
      const tokens: string[] = [];
      recent.forEach((m, i) => {
        const s = stems(m.text);
        tokens.push(...s);
        if (i === recent.length - 1) tokens.push(...s);
      });
      const query = vectorOf(tokens, idf, defaultIdf);
      const topicWeight = new Map<TemplateCategory, number>();
      let nl = 0;
      let en = 0;
      for (const m of recent) {
        const signals = extractSignals(m.text, m.lang);
        if (signals.lang === 'nl') nl++;
        if (signals.lang === 'en') en++;
        let complaint = false;
        for (const f of signals.fired) {
          if (f.code.startsWith('complaint.') || f.code.startsWith('threat.') || f.code.startsWith('safety.'))
            complaint = true;
          // The first category is what the signal is about; the others fit it half as well.
          (TOPIC_OF_SIGNAL[f.code] ?? []).forEach((c, k) =>
            topicWeight.set(c, (topicWeight.get(c) ?? 0) + (k === 0 ? 1 : 0.5)),
          );
        }
        // Praise without any complaint is a thank-you, even without a praise cue ("super service").
        if (!complaint && signals.lexPos > 1 && signals.lexPos > -2 * signals.lexNeg)
          topicWeight.set('thanks', (topicWeight.get('thanks') ?? 0) + 1);
        if (REVIEW_CHANNELS.has(input.channel))
          topicWeight.set('review', (topicWeight.get('review') ?? 0) + 1);
      }
      const lang: TemplateLang = input.lang ?? (en > nl ? 'en' : 'nl');
      const maxTopic = Math.max(1, ...topicWeight.values());
      const styles = preferredStyles({
        lang,
        channel: input.channel,
        whatsappWindowOpen: input.whatsappWindowOpen,
      });
      const out: Suggestion[] = [];
      for (const { template, byLang } of vectors) {
        const variant = pickVariant(template, {
          lang,
          channel: input.channel,
          whatsappWindowOpen: input.whatsappWindowOpen,
        });
        if (!variant) continue;
        const vector = byLang.get(variant.lang);
        const words = vector ? cosine(query, vector) : 0;
        const topic = (topicWeight.get(template.category) ?? 0) / maxTopic;
        const channelFit = variant.style === styles[0] ? 1 : 0;
        const langFit = variant.lang === lang ? 1 : 0;
        const score =
          (0.65 * words +
            0.25 * topic +
            0.05 * channelFit +
            0.05 * Math.min(1, Math.log1p(template.usageCount) / 5)) *
          (langFit ? 1 : 0.5);
        if (words < 0.05 && topic === 0) continue;
        const reasons: Array<[SuggestionReason, number]> = [
          ['words', words],
          ['topic', topic * 0.5],
          ['channel', channelFit && styles[0] !== 'default' ? 0.01 : 0],
          ['language', langFit ? 0.005 : 0],
        ];
        out.push({
          template,
          variant,
          score,
          reasons: reasons
            .filter(([, w]) => w > 0.001)
            .sort((a, b) => b[1] - a[1])
            .map(([r]) => r),
          topics: topic > 0 ? [template.category] : [],
        });
      }
      return out
        .sort((a, b) => b.score - a.score || a.template.shortCode.localeCompare(b.template.shortCode))
        .slice(0, limit);
    },
  };
}
