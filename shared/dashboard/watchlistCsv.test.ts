import { describe, expect, it } from 'vitest';
import { parseWatchlistCsv } from './watchlistCsv.ts';

describe('watchlist CSV', () => {
  it('reads handles and lists in Dutch or English, with an owner; lists the bad lines by number', () => {
    const csv = [
      '\uFEFFHandle;List;Owner',
      '@Kassa_BNNVARA;consumentenprogramma;marloes',
      'janjansen_nos;Pers;',
      ';press;',
      'tweedekamerlid;lobby;',
      '"kees, de ""echte"" vlogger";influencer;',
    ].join('\r\n');
    const { rows, errors } = parseWatchlistCsv(csv);
    expect(rows).toEqual([
      { line: 2, handle: 'kassa_bnnvara', list: 'consumer', owner: 'marloes' },
      { line: 3, handle: 'janjansen_nos', list: 'press', owner: '' },
      { line: 6, handle: 'kees, de "echte" vlogger', list: 'influencer', owner: '' },
    ]);
    expect(errors).toEqual([
      { line: 4, code: 'no-handle', value: '' },
      { line: 5, code: 'unknown-list', value: 'lobby' },
    ]);
  });

  it('refuses a file without the handle and list columns, saying which columns it found', () => {
    expect(parseWatchlistCsv('name,followers\nkees,100\n')).toEqual({
      rows: [],
      errors: [{ line: 1, code: 'missing-columns', value: 'name, followers' }],
    });
    expect(parseWatchlistCsv('').errors[0]!.code).toBe('missing-columns');
  });
});
