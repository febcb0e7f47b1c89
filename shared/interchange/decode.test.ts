import { describe, expect, it } from 'vitest';
import { INTERCHANGE_LIMITS, InterchangeMessageSchema } from './message.ts';
import { decodeInterchange, fastInterchange } from './decode.ts';
import { parseJsonl } from './jsonl.ts';
import { normalizeChannel } from '../domain/channels.ts';

describe('fast interchange validation', () => {
  const base = {
    id: 'm1',
    channel: 'x',
    conversationId: 'c1',
    direction: 'incoming',
    public: true,
    author: { id: 'a1', handle: 'jan', name: 'Jan', followers: 120, verified: false },
    text: 'nog steeds geen internet',
    createdAt: '2026-03-02T10:00:00.000Z',
    lang: 'nl',
    inReplyTo: 'm0',
    metrics: { likes: 1, reposts: 0, replies: 2, quotes: 0 },
    brand: 'kpn',
  };
  const bad: unknown[] = [
    null,
    '',
    0,
    -1,
    1.5,
    'x',
    true,
    [],
    {},
    2 ** 60,
    '2026-02-30T10:00:00Z',
    'abcdefghij',
    'a\u0001b',
    'del\u007f',
    'x'.repeat(INTERCHANGE_LIMITS.idChars + 1),
    'y'.repeat(INTERCHANGE_LIMITS.channelChars + 1),
    'z'.repeat(INTERCHANGE_LIMITS.brandChars + 1),
    'n'.repeat(INTERCHANGE_LIMITS.nameChars + 1),
  ];
  const dates = [
    '2026-03-02T10:00:00Z',
    '2026-03-02T10:00:00+01:00',
    '2026-03-02T10:00:00.123456789-05:30',
    '2026-03-02 10:00:00Z',
    '2026-03-02T10:00:00',
    '2026-03-02t10:00:00z',
    '2024-02-29T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-03-02T24:00:00Z',
    '2026-03-02T10:00Z',
    '2026-03-02T10:00:00+0100',
    '2026-03-02',
    '1969-12-31T23:59:59Z',
    '1970-01-01T00:00:00Z',
    '2100-12-31T23:59:59Z',
    '2100-12-31T23:59:59-01:00',
    '2101-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
  ];
  function variants(): unknown[] {
    const out: unknown[] = [base, [], null, 'line', 42];
    for (const key of Object.keys(base)) {
      const { [key]: _drop, ...rest } = base as Record<string, unknown>;
      out.push(rest);
      for (const v of bad) out.push({ ...base, [key]: v });
    }
    for (const key of Object.keys(base.author)) {
      const { [key]: _drop, ...rest } = base.author as Record<string, unknown>;
      out.push({ ...base, author: rest });
      for (const v of bad) out.push({ ...base, author: { ...base.author, [key]: v } });
    }
    for (const key of Object.keys(base.metrics)) {
      const { [key]: _drop, ...rest } = base.metrics as Record<string, unknown>;
      out.push({ ...base, metrics: rest });
      for (const v of bad) out.push({ ...base, metrics: { ...base.metrics, [key]: v } });
    }
    for (const d of dates) out.push({ ...base, createdAt: d });
    for (const l of ['n', 'nl', 'nl-NL', 'abcdefgh', 'abcdefghi']) out.push({ ...base, lang: l });
    out.push(
      { ...base, extra: 1, author: { ...base.author, extra: 2 } },
      { ...base, direction: 'note' },
      { ...base, text: '' },
    );
    return out;
  }

  it('accepts only what the zod schema accepts, with the same parsed message', () => {
    let accepted = 0;
    for (const v of variants()) {
      const fast = fastInterchange(v);
      const zod = InterchangeMessageSchema.safeParse(v);
      if (fast) {
        accepted++;
        expect(zod.success, JSON.stringify(v)).toBe(true);
        expect(fast).toEqual(zod.data);
      }
    }
    // The fast path does take the common valid shapes.
    expect(accepted).toBeGreaterThan(30);
  });

  it('parseJsonl rejects exactly the lines zod rejects', () => {
    const lines = variants().map((v) => JSON.stringify(v));
    lines.push('{not json', '');
    const parsed = parseJsonl(lines.join('\n'));
    const rejected = parsed.errors.map((e) => e.line);
    const expected: number[] = [];
    const seen = new Set<string>();
    lines.forEach((l, i) => {
      if (!l) return;
      let v: unknown;
      try {
        v = JSON.parse(l);
      } catch {
        expected.push(i + 1);
        return;
      }
      const z = InterchangeMessageSchema.safeParse(v);
      // The same id twice on one channel is the parser's own rejection (variants repeat the base id).
      const key = z.success ? `${normalizeChannel(z.data.channel)}:${z.data.id}` : '';
      if (!z.success || seen.has(key)) expected.push(i + 1);
      else seen.add(key);
    });
    expect(rejected).toEqual(expected);
    expect(parsed.messages.length + rejected.length).toBe(lines.length - 1);
  });
});

describe('decodeInterchange', () => {
  const base = {
    id: 'm1',
    channel: 'x',
    direction: 'incoming',
    public: true,
    author: { id: 'a1' },
    text: 'nog steeds geen internet',
    createdAt: '2026-03-02T10:00:00Z',
  };
  const code = (v: unknown): string => {
    const r = decodeInterchange(v);
    return r.ok ? 'ok' : r.code;
  };
  it('names each kind of bad line with its own code', () => {
    expect(code(base)).toBe('ok');
    expect(code([base])).toBe('not_an_object');
    expect(code({ ...base, direction: undefined })).toBe('missing_field');
    expect(code({ ...base, direction: 'note' })).toBe('invalid_field');
    expect(code({ ...base, id: 'line\nbreak' })).toBe('invalid_field');
    expect(code({ ...base, author: { id: 'tab\tid' } })).toBe('invalid_field');
    expect(code({ ...base, id: 'x'.repeat(INTERCHANGE_LIMITS.idChars + 1) })).toBe('field_too_long');
    expect(code({ ...base, channel: 'c'.repeat(65) })).toBe('field_too_long');
    expect(code({ ...base, createdAt: '1969-12-31T23:59:59Z' })).toBe('date_out_of_range');
    expect(code({ ...base, createdAt: '2101-01-01T00:00:00Z' })).toBe('date_out_of_range');
    expect(code({ ...base, createdAt: '31-12-2026' })).toBe('invalid_field');
  });
  it('explains a control character and a date out of range in the detail', () => {
    const ctl = decodeInterchange({ ...base, id: 'a\u0000b' });
    expect(!ctl.ok && ctl.detail).toMatch(/id: control characters/);
    const old = decodeInterchange({ ...base, createdAt: '1900-01-01T00:00:00Z' });
    expect(!old.ok && old.detail).toMatch(/createdAt: year outside 1970-2100/);
  });
});

describe('decode errors name their field', () => {
  it('names the missing, too long or out-of-range field, and no field for a non-object', () => {
    const base = {
      id: 'x-1',
      channel: 'x',
      direction: 'incoming',
      public: true,
      author: { id: '1' },
      text: 'hoi',
      createdAt: '2026-11-24T09:15:00Z',
    };
    const missing = decodeInterchange({ ...base, author: {} });
    expect(!missing.ok && [missing.code, missing.field]).toEqual(['missing_field', 'author.id']);
    const date = decodeInterchange({ ...base, createdAt: '1900-01-01T00:00:00Z' });
    expect(!date.ok && [date.code, date.field]).toEqual(['date_out_of_range', 'createdAt']);
    const wrong = decodeInterchange({ ...base, direction: 'sideways' });
    expect(!wrong.ok && [wrong.code, wrong.field]).toEqual(['invalid_field', 'direction']);
    const array = decodeInterchange([]);
    expect(!array.ok && [array.code, array.field]).toEqual(['not_an_object', null]);
  });
});
