import { describe, expect, it } from 'vitest';
import { generateDemoInbox } from '../demo/generate.ts';
import type { JsonlParseResult } from './jsonl.ts';
import {
  IMPORT_ERROR_CODES,
  createJsonlParser,
  importErrorI18nKey,
  parseJsonl,
  serializeJsonl,
  toInterchange,
} from './jsonl.ts';
import { resources } from '../i18n/resources.ts';

const good = (id: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id,
    channel: 'x',
    direction: 'incoming',
    public: true,
    author: { id: 'u1', handle: 'sanne_dv', followers: 120 },
    text: 'Weer storing in Zwolle 😡',
    createdAt: '2026-11-20T10:00:00Z',
    ...extra,
  });

function merge(results: JsonlParseResult[]): JsonlParseResult {
  return {
    messages: results.flatMap((r) => r.messages),
    lines: results.flatMap((r) => r.lines),
    errors: results.flatMap((r) => r.errors),
    total: results.reduce((s, r) => s + r.total, 0),
  };
}

describe('parseJsonl', () => {
  it('keeps good lines and reports each bad one with its 1-based line number and code', () => {
    const text = [
      good('a'),
      '',
      '{"id": "b", broken',
      good('c', { direction: 'note' }),
      good('d', { createdAt: '20-11-2026' }),
      JSON.stringify({
        id: 'e',
        channel: 'x',
        direction: 'incoming',
        public: true,
        text: 'hoi',
        createdAt: '2026-11-20T10:00:00Z',
      }),
      '[1,2]',
      good('a'),
      '   ',
      good('f', { lang: 'nl' }),
    ].join('\n');
    const r = parseJsonl(text);
    expect(r.messages.map((m) => m.id)).toEqual(['a', 'f']);
    expect(r.lines).toEqual([1, 10]);
    expect(r.total).toBe(8);
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'invalid_json'],
      [4, 'invalid_field'],
      [5, 'invalid_field'],
      [6, 'missing_field'],
      [7, 'not_an_object'],
      [8, 'duplicate_id'],
    ]);
    expect(r.errors[1]!.detail).toMatch(/^direction: /);
    expect(r.errors[2]!.detail).toMatch(/^createdAt: /);
    expect(r.errors[3]!.detail).toBe('author: missing');
  });

  it('tolerates a BOM and CRLF line ends', () => {
    const r = parseJsonl(`\uFEFF${good('a')}\r\n${good('b')}\r\n\r\n`);
    expect(r.errors).toEqual([]);
    expect(r.messages.map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('rejects lines longer than the cap and goes on with the next', () => {
    const long = good('big', { text: 'x'.repeat(5000) });
    const r = parseJsonl(`${good('a')}\n${long}\n${good('b')}`, { maxLineBytes: 2000 });
    expect(r.messages.map((m) => m.id)).toEqual(['a', 'b']);
    expect(r.errors).toEqual([{ line: 2, code: 'line_too_long', detail: 'line is longer than 2000 bytes' }]);
  });

  it('counts the cap in UTF-8 bytes, not characters', () => {
    const emoji = good('e', { text: '😡'.repeat(400) }); // ~1,600 bytes, 800 UTF-16 units
    expect(parseJsonl(emoji, { maxLineBytes: 1500 }).errors[0]?.code).toBe('line_too_long');
    expect(parseJsonl(emoji, { maxLineBytes: 2000 }).messages).toHaveLength(1);
  });

  it('has an nl and an en UI string for every error code', () => {
    expect(IMPORT_ERROR_CODES.map(importErrorI18nKey)).toContain('import.codes.duplicate_id');
    for (const lang of ['nl', 'en'] as const)
      for (const code of IMPORT_ERROR_CODES) {
        const [ns, group, key] = importErrorI18nKey(code).split('.') as [string, string, string];
        const table = (
          resources[lang].app as unknown as Record<string, Record<string, Record<string, string>>>
        )[ns];
        expect(table?.[group]?.[key], `${lang} ${code}`).toMatch(/\S/);
      }
  });
  it('splits lines at LF, CRLF and a lone CR, also when a CRLF is split between chunks', () => {
    const text = [good('a'), good('b'), good('c'), good('d')];
    const joined = `${text[0]}\r\n${text[1]}\r${text[2]}\n${text[3]}`;
    const whole = parseJsonl(joined);
    expect(whole.errors).toEqual([]);
    expect(whole.lines).toEqual([1, 2, 3, 4]);
    for (let cut = 1; cut < joined.length; cut += 7) {
      const p = createJsonlParser();
      expect(merge([p.push(joined.slice(0, cut)), p.push(joined.slice(cut)), p.end()])).toEqual(whole);
    }
    expect(parseJsonl(`${good('a')}\r\r${good('b')}\r`).lines).toEqual([1, 3]);
  });
  it('decodes UTF-16 LE and BE files by their byte order mark, split anywhere', () => {
    const text = `${good('a')}\n${good('b', { text: 'één 😡 storing' })}\n`;
    const le = new Uint8Array(2 + 2 * text.length);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      le[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1] as number, le[i] as number];
    const utf8 = new TextEncoder().encode(`\ufeff${text}`);
    const expected = parseJsonl(text);
    expect(expected.messages).toHaveLength(2);
    for (const bytes of [le, be, utf8]) {
      expect(parseJsonl(bytes)).toEqual(expected);
      for (const cut of [1, 2, 3, 11]) {
        const p = createJsonlParser();
        expect(merge([p.push(bytes.subarray(0, cut)), p.push(bytes.subarray(cut)), p.end()])).toEqual(
          expected,
        );
      }
    }
  });
});

describe('createJsonlParser', () => {
  const text = `\uFEFF${good('a', { text: 'Café in Utrecht ☕ — geïrriteerd 😡' })}\r\n{bad\n${good('b')}\n${good('a')}\n${good('c')}`;

  it('gives the same result whatever the chunk boundaries, even inside UTF-8 characters', () => {
    const bytes = new TextEncoder().encode(text);
    const whole = parseJsonl(text);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const p = createJsonlParser();
      const parts: JsonlParseResult[] = [];
      for (let i = 0; i < bytes.length; i += size) parts.push(p.push(bytes.subarray(i, i + size)));
      parts.push(p.end());
      expect(merge(parts)).toEqual(whole);
    }
    expect(whole.messages[0]!.text).toBe('Café in Utrecht ☕ — geïrriteerd 😡');
    expect(whole.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'invalid_json'],
      [4, 'duplicate_id'],
    ]);
  });

  it('accepts string chunks split mid-line', () => {
    const p = createJsonlParser();
    const parts = [p.push(text.slice(0, 10)), p.push(text.slice(10, 200)), p.push(text.slice(200)), p.end()];
    expect(merge(parts)).toEqual(parseJsonl(text));
  });

  it('reports an over-long line while it streams in, without waiting for its end', () => {
    const p = createJsonlParser({ maxLineBytes: 400 });
    expect(p.push(`${good('a')}\n`).messages).toHaveLength(1);
    const early = p.push('{"id":"' + 'x'.repeat(600));
    expect(early.errors).toEqual([
      { line: 2, code: 'line_too_long', detail: 'line is longer than 400 bytes' },
    ]);
    expect(p.push('y'.repeat(600)).errors).toEqual([]);
    const rest = merge([p.push('"}\n{"also": "bad"}\n'), p.end()]);
    expect(rest.errors.map((e) => [e.line, e.code])).toEqual([[3, 'missing_field']]);
  });
});

describe('toInterchange', () => {
  const NOW = Date.UTC(2026, 10, 20, 13, 30);
  const inbox = generateDemoInbox({ seed: 3, conversations: 400, now: NOW, agentId: 'me' });
  const authors = new Map(inbox.authors.map((a) => [a.id, a]));

  it('does not export internal notes', () => {
    const note = inbox.messages.find((m) => m.direction === 'note')!;
    expect(toInterchange(note, inbox.authors[0]!)).toBeNull();
  });

  it('never exports a message without a valid createdAt or direction', () => {
    const m = inbox.messages.find((x) => x.direction === 'outgoing')!;
    const out = toInterchange(m, authors.get(m.authorId)!)!;
    expect(out.direction).toBe('outgoing');
    expect(out.author.id).not.toContain(':');
    expect(parseJsonl(serializeJsonl([out])).errors).toEqual([]);
  });
});
