/**
 * Per-message scoring: language, polarity, sentiment, complaint probability, severity and the
 * reasons behind them. Pure; the same function runs in the app's worker and in the CLI.
 */
import { extractSignals } from './signals.ts';
import type { MessageSignals, Signal, SignalCode } from './signals.ts';
import { denseDot, hashedDot, HASH_DIM } from './features.ts';
import { complaintProbability, defaultModel, sigmoid } from './model.ts';
import type { ComplaintModel } from './model.ts';
import { defaultPolarityModel, polarityLogits, thresholdsFor } from './polarity.ts';
import type { PolarityModel } from './polarity.ts';
import { SIGNAL_CODES } from './signals.ts';
import { reasonText } from './reasons.ts';
import type { Reason, ReasonLocale } from './reasons.ts';
import type { AnalysisLang } from './text.ts';

/** The fields scoring needs; an InterchangeMessage or a domain Message both fit. */
export interface MessageLike {
  id: string;
  text: string;
  lang?: string | null;
}

export type Polarity = 'negative' | 'neutral' | 'positive';

export interface MessageScore {
  id: string;
  lang: AnalysisLang;
  polarity: Polarity;
  /** -1 (very negative) .. 1 (very positive). */
  sentiment: number;
  /** Probability that the message is a complaint (0..1). */
  complaint: number;
  isComplaint: boolean;
  /** How bad it is if this goes unanswered (0..1): complaint, negativity, threats, safety. */
  severity: number;
  /** Top contributions, strongest first. */
  reasons: Reason[];
}

export interface ScoreOptions {
  model?: ComplaintModel;
  /** The polarity model (default: the shipped one). */
  polarityModel?: PolarityModel;
  locale?: ReasonLocale;
  /** How many reasons to keep (default 5). */
  maxReasons?: number;
  /**
   * Whether reasons get their display text (default true). The radar keeps scores only to rank
   * and re-explain them later (`scoreConversation` renders its own texts), so it skips them.
   */
  texts?: boolean;
}

/** Extra severity per signal, combined as independent risks: 1 - Π(1 - p). */
const SEVERITY_WEIGHTS: Partial<Record<SignalCode, number>> = {
  'threat.legal': 0.35,
  'threat.media': 0.4,
  'threat.churn': 0.2,
  'threat.boycott': 0.35,
  'safety.health': 0.45,
  'safety.hazard': 0.45,
  discrimination: 0.5,
  'shouting.caps': 0.08,
  'shouting.exclaim': 0.05,
  'emoji.angry': 0.08,
  'complaint.persistence': 0.08,
  'complaint.waiting': 0.08,
};

const SEVERITY_LIST = Object.entries(SEVERITY_WEIGHTS) as Array<[SignalCode, number]>;

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** Index of each code in SIGNAL_CODES (its dense feature's offset after the hashed block). */
const CODE_INDEX = new Map<SignalCode, number>(SIGNAL_CODES.map((c, k) => [c, k]));

function evidenceValue(f: Signal | undefined, code: SignalCode): string | number {
  if (!f) return 0;
  if (code === 'sentiment.negative' || code === 'sentiment.positive')
    return f.evidence.join(', ') || round(f.value, 1);
  if (code === 'shouting.exclaim' || code === 'shouting.caps') return f.evidence[0] ?? round(f.value, 2);
  return f.evidence.length ? f.evidence.map((e) => `'${e}'`).join(', ') : round(f.value, 2);
}

/**
 * The lexicon rule for sentiment (-1..1): lexicon balance, complaint probability, praise,
 * sarcasm, and grave cues. One input of the blended sentiment in `scoreSignals`.
 */
export function lexiconSentiment(sig: MessageSignals, complaint: number): number {
  const v = sig.values;
  const lex = Math.tanh((sig.lexPos + sig.lexNeg) / 5);
  let sentiment =
    0.6 * lex -
    1.1 * Math.max(0, complaint - 0.4) +
    0.15 * Math.min(1, v['cue.praise']) -
    0.2 * Math.min(1, v.sarcasm);
  if (v['cue.noproblem'] > 0) sentiment += 0.15;
  // Legal action, a boycott, a safety or health problem or discrimination, in a message that
  // leans towards complaining, is negative whatever the lexicons say: "datalek! ik ga naar de
  // Consumentenbond" has no negative word. (Cues inside quotes count 0.3 and do not reach 1.)
  const grave = Math.max(
    v['threat.legal'],
    v['threat.boycott'],
    v['safety.health'],
    v['safety.hazard'],
    v.discrimination,
  );
  if (grave >= 1 && complaint >= 0.3) sentiment -= 0.3;
  return Math.max(-1, Math.min(1, sentiment));
}

/** Scores one message from its signals (exposed so callers that already extracted can reuse). */
export function scoreSignals(id: string, sig: MessageSignals, options: ScoreOptions = {}): MessageScore {
  const model = options.model ?? defaultModel();
  // The model's log-odds, as `logit(model, featurize(sig))` (up to rounding) without building the
  // feature arrays; the n-gram part is also reported as the "wording" reason.
  const ngram = hashedDot(sig.norm.tokens, model.weights);
  const z = model.bias + ngram + denseDot(sig, model.weights);
  const complaint = complaintProbability(model, z, sig.lang);
  const isComplaint = complaint >= model.threshold;
  const v = sig.values;

  const lexical = lexiconSentiment(sig, complaint);
  const pm = options.polarityModel ?? defaultPolarityModel();
  const [zn, zp] = polarityLogits(sig, pm);
  // The learned heads and the lexicon rule together: each alone carries over worse to text from
  // another source (docs/analysis.md, "Polarity"); `alpha` and the band were chosen that way.
  const band = thresholdsFor(pm, sig.lang);
  let blended = band.alpha * (sigmoid(zp) - sigmoid(zn)) + (1 - band.alpha) * lexical;
  // A complaint is never sunnier than the lexicon rule says ("bedankt hoor @NS, weer vertraging").
  if (isComplaint) blended = Math.min(blended, lexical);
  const sentiment = Math.max(-1, Math.min(1, blended));
  const polarity: Polarity =
    isComplaint || sentiment <= band.negative
      ? 'negative'
      : sentiment >= band.positive
        ? 'positive'
        : 'neutral';

  let keep = 1 - 0.55 * complaint;
  if (polarity === 'negative') keep *= 1 - 0.25 * Math.min(1, -sentiment);
  if (polarity === 'negative' || complaint >= 0.3) {
    for (const [code, w] of SEVERITY_LIST) {
      const x = Math.min(1, v[code]);
      if (x > 0) keep *= 1 - w * x;
    }
  }
  const severity = 1 - keep;

  // Reasons: each fired signal's contribution to the complaint log-odds (dense weight × value)
  // plus its severity weight; the text n-grams form one "wording" reason.
  // `fired` holds exactly the signals with a non-zero value, in SIGNAL_CODES order.
  const reasons: Reason[] = [];
  let negation: Signal | undefined;
  for (const f of sig.fired) {
    const code = f.code;
    if (code === 'negation') negation = f;
    if (code === 'quoted' || code === 'negation' || code === 'intensifier') continue;
    const value = f.value;
    const x = value >= 0 ? Math.log1p(value) : -Math.log1p(-value);
    const weight =
      (model.weights[HASH_DIM + (CODE_INDEX.get(code) as number)] as number) * x +
      (SEVERITY_WEIGHTS[code] ?? 0) * Math.min(1, Math.abs(value)) * 3;
    reasons.push({ code, text: '', value: evidenceValue(f, code), weight: round(weight) });
  }
  if (v.negation > 0 && v['cue.noproblem'] === 0) {
    reasons.push({
      code: 'negation',
      text: '',
      value: evidenceValue(negation, 'negation'),
      weight: round(-0.3 * v.negation),
    });
  }
  if (v.quoted > 0) reasons.push({ code: 'quoted', text: '', value: v.quoted, weight: -0.2 });
  reasons.push({ code: 'model.wording', text: '', value: round(complaint, 2), weight: round(ngram) });
  reasons.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const top = reasons.slice(0, options.maxReasons ?? 5);
  const locale = options.locale ?? 'en';
  if (options.texts ?? true) for (const r of top) r.text = reasonText(r.code, r.value, locale);

  return {
    id,
    lang: sig.lang,
    polarity,
    sentiment: round(sentiment),
    complaint: round(complaint),
    isComplaint,
    severity: round(severity),
    reasons: top,
  };
}

/** Scores one message. `msg.lang`, when it says nl or en, overrides language detection. */
export function scoreMessage(msg: MessageLike, options: ScoreOptions = {}): MessageScore {
  return scoreSignals(msg.id, extractSignals(msg.text, msg.lang ?? null), options);
}
