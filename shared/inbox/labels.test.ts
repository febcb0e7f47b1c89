import { describe, expect, it } from 'vitest';
import { labelIdFromName, newLabel, NEW_LABEL_COLOR } from './labels.ts';

describe('label ids from a typed name', () => {
  it.each([
    ['Billing', 'billing'],
    ['Te laat / Vertraging', 'te-laat-vertraging'],
    ['  spaced   out  ', 'spaced-out'],
    ['Storing 5G!', 'storing-5g'],
    ['Ärger über Rechnung', 'ärger-über-rechnung'],
    ['返金', '返金'],
    ['--a--b--', 'a-b'],
  ])('%j → %j', (name, id) => {
    expect(labelIdFromName(name, 1)).toBe(id);
  });

  it('a name without letters or digits gets an id from the time', () => {
    expect(labelIdFromName('!!! ???', 1_700_000_000_000)).toBe('label-1700000000000');
  });

  it('a new label keeps the name as typed and starts grey', () => {
    expect(newLabel('Te laat', 5)).toEqual({ id: 'te-laat', name: 'Te laat', color: NEW_LABEL_COLOR });
  });
});
