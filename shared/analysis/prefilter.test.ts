import { describe, expect, it } from 'vitest';
import { auditCueFilter, compileCueFilter } from './prefilter.ts';
import { cueRegexes } from './signals.ts';
import { normalize } from './text.ts';

/** Texts with cues in odd places; the corpus-wide check (training data) is in bin/cli.test.ts. */
const TEXTS = [
  'internetstoring in 3 straten, al 12 dagen!!',
  'opgelicht?!nos',
  'a&e',
  'for the 21st time',
  '2 weeks later',
  'zit al 20 minuten in de wacht',
  'ad.nl schrijft erover',
  'top service 👏',
  '👏👏 geweldig, weer geen bereik',
  'rt if you agree',
  'ÉÉN klant',
  'naïeve café-storing',
  'dont buy',
  "don't buy",
  'oververhitte accu',
  '',
  'Ik ga niet opzeggen hoor',
  'still waiting, NOT cancelling',
  '"storing hier ook" zei ze',
  'RT @x: outage again',
  'Bedankt hoor, weer vertraging 🙄',
  'thanks a lot for nothing',
  'my lawyer will sue',
  'mijn advocaat',
  'voor de 3e keer',
  'sinds gisteren kapot',
  'racistische reclame',
  'food poisoning after the burger',
];

const W_PREFIX = '(?:^|[^\\p{L}\\p{N}])(?:';
const W_SUFFIX = ')(?![\\p{L}\\p{N}])';

describe('cue pre-filter', () => {
  const regexes = cueRegexes();
  const filter = compileCueFilter(regexes.map((re) => re.source.slice(W_PREFIX.length, -W_SUFFIX.length)));

  it('analyses every cue (none has to run unconditionally)', () => {
    expect(filter.always).toBe(0);
  });

  it('never skips a cue that matches: same hits as running every regex', () => {
    const audit = auditCueFilter(filter, regexes, TEXTS, normalize);
    expect(audit.misses).toEqual([]);
    expect(audit.matched).toBeGreaterThan(25);
    // It is also worth having: most non-matching cue runs are skipped.
    expect(audit.skipped).toBeGreaterThan(audit.matched);
  });

  it('handles optional prefixes, digits, letters-before and lookaheads', () => {
    const f = compileCueFilter([
      '(?:is |was )?not working',
      '\\d+ days',
      '\\p{L}*storing',
      'thanks(?! for nothing)',
    ]);
    expect(f.mask('it is not working')).toBe(0b0001);
    expect(f.mask('was not working')).toBe(0b0001);
    expect(f.mask('17 days')).toBe(0b0010);
    expect(f.mask('internetstoring')).toBe(0b0100);
    expect(f.mask('thanks a lot')).toBe(0b1000);
    expect(f.mask('no good')).toBe(0);
    expect(f.mask('all quiet here')).toBe(0);
    const tokens = (s: string): string[] => normalize(s).tokens;
    expect(f.maskTokens(tokens('it is not working'))).toBe(0b0001);
    expect(f.maskTokens(tokens('17 days'))).toBe(0b0010);
    expect(f.maskTokens(tokens('internetstoring'))).toBe(0b0100);
    expect(f.maskTokens(tokens('thanks a lot'))).toBe(0b1000);
    expect(f.maskTokens(tokens('no good'))).toBe(0);
  });

  it('in token mode, looks five characters ahead and across underscores and punctuation', () => {
    const f = compileCueFilter(['useless', 'ad\\.nl', 'top service emo_clap', 'clap']);
    const tokens = (s: string): string[] => normalize(s).tokens;
    // "user" (every mention becomes "user") shares three letters with "useless", not five.
    expect(f.mask('user')).toBe(0b0001);
    expect(f.maskTokens(tokens('@kpn hi'))).toBe(0);
    expect(f.maskTokens(tokens('so useless'))).toBe(0b0001);
    // A key that runs past the token's end: the token must end exactly there.
    expect(f.maskTokens(tokens('zie ad.nl'))).toBe(0b0010);
    expect(f.maskTokens(tokens('zie adnl'))).toBe(0);
    // A match may start after an underscore inside a token.
    expect(f.maskTokens(['emo_clap'])).toBe(0b1000);
    expect(f.maskTokens(tokens('top'))).toBe(0b0100);
  });
});
