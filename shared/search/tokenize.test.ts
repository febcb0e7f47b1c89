import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TOKENS, queryTerms, searchTokens, searchTokensOf } from './tokenize.ts';

describe('searchTokens', () => {
  it('folds Dutch and other diacritics and lowercases', () => {
    expect(searchTokens('Café Ëindhoven geïnstalleerd CRÈME')).toEqual([
      'cafe',
      'eindhoven',
      'geinstalleerd',
      'creme',
    ]);
  });

  it('keeps handles and hashtags as one word without the sigil, plus their parts', () => {
    const tokens = searchTokens('@belnet_nl storing #BelnetStoring in Zwolle');
    expect(tokens).toContain('belnet_nl');
    expect(tokens).toContain('belnetstoring');
    expect(tokens).toContain('belnet');
    expect(tokens).not.toContain('@belnet_nl');
    expect(tokens).toContain('zwolle');
  });

  it('drops one-character tokens and nl/en stopwords but keeps negations', () => {
    const tokens = searchTokens('Ik heb de factuur niet ontvangen, and I did not get a refund');
    expect(tokens).toEqual(['factuur', 'niet', 'ontvangen', 'did', 'not', 'get', 'refund']);
  });

  it('de-duplicates and splits on punctuation and emoji', () => {
    expect(searchTokens('storing!!storing…STORING😡 KL-1234567')).toEqual(['storing', 'kl', '1234567']);
  });

  it('indexes e-mail addresses and dotted handles whole and in parts', () => {
    const tokens = searchTokens('sanne.devries@example.com via @lotte.bakker.bsky.social');
    expect(tokens).toEqual(
      expect.arrayContaining([
        'sanne.devries',
        'sanne',
        'devries',
        'example.com',
        'example',
        'com',
        'lotte.bakker.bsky.social',
        'lotte',
        'bakker',
      ]),
    );
  });

  it('gives the same tokens when its own output is tokenized again', () => {
    const text = 'Hoi @belnet_nl! Storing in Zwolle (mail: j.smit@example.org) #geenInternet — café.';
    const once = searchTokens(text);
    expect(searchTokens(once.join(' '))).toEqual(once);
  });

  it('caps the number of tokens', () => {
    const text = Array.from({ length: 500 }, (_, i) => `woord${i}`).join(' ');
    expect(searchTokens(text)).toHaveLength(MAX_SEARCH_TOKENS);
    expect(searchTokensOf([text, 'extra'])).toHaveLength(MAX_SEARCH_TOKENS);
  });
});

describe('queryTerms', () => {
  it('normalizes like the index so accented queries find folded tokens', () => {
    expect(queryTerms('Café @Belnet_NL')).toEqual(['cafe', 'belnet_nl']);
  });

  it('keeps the word being typed even when it is a stopword, drops earlier stopwords', () => {
    expect(queryTerms('de he')).toEqual(['he']);
    expect(queryTerms('de storing ')).toEqual(['storing']);
  });

  it('drops one-character terms and duplicates', () => {
    expect(queryTerms('a storing storing b')).toEqual(['storing']);
  });
});
