import type { HoldingStatement } from './types.ts';

/**
 * The holding statements to offer for a reply: the approved ones in the conversation's language
 * when there are any, else in the UI language (a conversation in German, or of unknown
 * language, gets the agent's own). Returns the language chosen with them.
 */
export function statementsForReply(
  statements: readonly HoldingStatement[],
  conversationLang: string | null | undefined,
  uiLang: HoldingStatement['lang'],
): { lang: HoldingStatement['lang']; statements: HoldingStatement[] } {
  const approved = statements.filter((s) => s.approved);
  const wanted = conversationLang?.toLowerCase().slice(0, 2);
  for (const lang of [wanted, uiLang]) {
    const inLang = approved.filter((s) => s.lang === lang);
    if (inLang.length) return { lang: lang as HoldingStatement['lang'], statements: inLang };
  }
  return { lang: uiLang, statements: [] };
}
