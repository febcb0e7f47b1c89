import { describe, expect, it } from 'vitest';
import { statementsForReply } from './statements.ts';
import type { HoldingStatement } from './types.ts';

const st = (id: string, lang: 'nl' | 'en', approved = true): HoldingStatement => ({
  id,
  lang,
  title: id,
  body: id,
  approved,
});
const ALL = [st('outage-nl', 'nl'), st('outage-en', 'en'), st('draft-en', 'en', false)];

describe('statementsForReply', () => {
  it('offers the conversation’s language, whatever the UI speaks', () => {
    expect(statementsForReply(ALL, 'en', 'nl')).toEqual({ lang: 'en', statements: [ALL[1]] });
    expect(statementsForReply(ALL, 'nl', 'en')).toEqual({ lang: 'nl', statements: [ALL[0]] });
    expect(statementsForReply(ALL, 'en-GB', 'nl').lang).toBe('en');
  });
  it('falls back to the UI language for other or unknown languages', () => {
    expect(statementsForReply(ALL, 'de', 'nl')).toEqual({ lang: 'nl', statements: [ALL[0]] });
    expect(statementsForReply(ALL, null, 'en')).toEqual({ lang: 'en', statements: [ALL[1]] });
  });
  it('never offers an unapproved statement', () => {
    expect(statementsForReply([st('draft-en', 'en', false)], 'en', 'en').statements).toEqual([]);
  });
});
