/**
 * Pre-send checks (pure). `runChecks` is what the composer and the delivery worker call;
 * `decideSend` turns its result and an optional override into "send" or "hold".
 */
export * from './types.ts';
export * from './run.ts';
export { measure, measureReply, replyLimits, overflowOffset } from './length.ts';
export type { LengthLimit, LengthMeasure, LengthUnit } from './length.ts';
export { parseGreeting, greetingMatches } from './greeting.ts';
export type { Greeting } from './greeting.ts';
export { findPersonalData, isValidPattern } from './privacy.ts';
export type { PersonalDataHit, PersonalDataKind } from './privacy.ts';
export { moodOf, isHeated } from './tone.ts';
export type { Mood } from './tone.ts';
export { customerLanguage } from './language.ts';
export {
  ReplyIndex,
  candidatesFrom,
  recentReply,
  findNearDuplicates,
  minhash,
  bandKeys,
  similarity,
  contentWords,
  MINHASH_SIZE,
  LSH_BANDS,
} from './duplicate.ts';
export type { RecentReply, ReplyCandidates } from './duplicate.ts';
