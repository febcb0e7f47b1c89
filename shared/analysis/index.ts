/**
 * Escalation analysis: message scoring, conversation risk, crisis radar. Pure TypeScript; see
 * docs/analysis.md for the signals, the model, the radar and the measured figures.
 */
export { normalize, detectLang } from './text.ts';
export type { AnalysisLang, NormalizedText } from './text.ts';
export { extractSignals, SIGNAL_CODES } from './signals.ts';
export type { MessageSignals, Signal, SignalCode } from './signals.ts';
export { loadModel, defaultModel } from './model.ts';
export type { ComplaintModel, ModelFile } from './model.ts';
export { scoreMessage, scoreSignals } from './score.ts';
export type { MessageLike, MessageScore, Polarity, ScoreOptions } from './score.ts';
export { reasonText, formatNumber } from './reasons.ts';
export type { Reason, ReasonLocale } from './reasons.ts';
export {
  scoreConversation,
  applyFeedback,
  initialTuning,
  DEFAULT_RISK_THRESHOLD,
  EXPOSURE_TARGET_MINUTES,
  REVIEW_SITES,
} from './risk.ts';
export type {
  ConversationInput,
  ConversationRisk,
  Exposure,
  FeedbackEntry,
  RiskAuthor,
  RiskMessage,
  RiskOptions,
  StatusChange,
  TuningState,
  Verdict,
} from './risk.ts';
export { createRadar } from './radar.ts';
export type { Radar, RadarAlert, RadarMessage, RadarOptions, TopicView } from './radar.ts';
export { fromInterchange } from './interchange.ts';
