import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { fastInterchange, parseJsonl, scoreLine } from './cli.ts';
import { scoreMessage } from '../shared/analysis/score.ts';
import { InterchangeMessageSchema } from '../shared/interchange/message.ts';
import { auditCueFilter, compileCueFilter } from '../shared/analysis/prefilter.ts';
import { cueRegexes } from '../shared/analysis/signals.ts';
import { normalize } from '../shared/analysis/text.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = join(root, 'data', 'fixtures', 'cli-small.jsonl');
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [join(root, 'bin', 'webcare.mjs'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
  });

describe('webcare CLI', () => {
  it('score writes one line per valid message in input order and reports invalid lines', () => {
    const r = run(['score', '--in', fixture]);
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['m3', 'm1', 'm2']);
    expect(Object.keys(lines[0]!)).toEqual([
      'id',
      'lang',
      'polarity',
      'sentiment',
      'complaint',
      'isComplaint',
      'severity',
      'risk',
      'reasons',
    ]);
    expect(lines[0]!.isComplaint).toBe(true);
    expect(r.stderr).toMatch(/line 3: invalid JSON/);
    expect(r.stderr).toMatch(/line 5: direction/);
  });
  it('reads stdin with --in -', () => {
    const r = run(
      ['score', '--in', '-'],
      '{"id":"x","channel":"x","direction":"incoming","public":true,"author":{"id":"a"},"text":"still waiting for my refund","createdAt":"2026-03-02T10:00:00Z"}\n',
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe('x');
  });
  it('radar replays in event time and prints alerts with the agreed fields', () => {
    const lines: string[] = [];
    const base = Date.UTC(2026, 2, 2, 12);
    for (let i = 29; i >= 0; i--) {
      lines.push(
        JSON.stringify({
          id: `c${i}`,
          channel: 'x',
          direction: 'incoming',
          public: true,
          brand: 'kpn',
          author: { id: `a${i}`, followers: 200 },
          text: `@KPN storing, hele wijk zonder internet ${i % 3 ? 'schandalig' : ''}`,
          createdAt: new Date(base + i * 30000).toISOString(),
        }),
      );
    }
    const r = run(['radar', '--in', '-'], lines.join('\n'));
    expect(r.status).toBe(0);
    const alerts = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const crisis = alerts.find((a) => a.kind === 'crisis')!;
    expect(Object.keys(crisis)).toEqual([
      'id',
      'kind',
      'at',
      'brand',
      'topic',
      'score',
      'messageIds',
      'reasons',
    ]);
    // Fed in reverse order, the alert still fires early in event time, on the first messages.
    expect(Date.parse(crisis.at as string) - base).toBeLessThan(5 * 60000);
    expect(crisis.messageIds).toContain('c0');
  });
  it('exits 2 for unreadable input and prints help', () => {
    const r = run(['score', '--in', join(root, 'data', 'no-such-file.jsonl')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read/);
    const h = run(['--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/webcare score --in FILE/);
  });
  it('exits 2 when the output cannot be opened or the disk is full', () => {
    const r = run(['score', '--in', fixture, '--out', join(root, 'data', 'no-such-dir', 'out.jsonl')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*no-such-dir/);
    if (existsSync('/dev/full')) {
      const full = run(['score', '--in', fixture, '--out', '/dev/full']);
      expect(full.status).toBe(2);
      expect(full.stderr).toMatch(/cannot write \/dev\/full: .*ENOSPC/);
    }
  });
  it('stops quietly when the reader closes the pipe early', () => {
    const big = join(root, 'bench', 'out', 'cli-epipe.jsonl');
    mkdirSync(dirname(big), { recursive: true });
    const line = readFileSync(fixture, 'utf8').split('\n')[0] as string;
    writeFileSync(big, `${line}\n`.repeat(4000));
    const r = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; "${process.execPath}" bin/webcare.mjs score --in "${big}" | head -c 10 >/dev/null`,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.status).toBe(0);
  });
  it('streams large outputs in chunks with every line intact and in order', () => {
    const lines: string[] = [];
    for (let i = 0; i < 1500; i++)
      lines.push(
        JSON.stringify({
          id: `m${i}`,
          channel: 'x',
          direction: 'incoming',
          public: true,
          author: { id: `a${i}` },
          text: `@kpn nog steeds geen internet, dag ${i}`,
          createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
        }),
      );
    const r = run(['score'], lines.join('\n'));
    expect(r.status).toBe(0);
    const out = r.stdout.split('\n');
    expect(out.pop()).toBe('');
    expect(r.stdout.length).toBeGreaterThan(3 * 65536);
    expect(out.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(lines.map((_, i) => `m${i}`));
  });
});

describe('simulated crises through the CLI', () => {
  it('a simulated stream exported as interchange JSONL validates and raises crisis alerts in radar', () => {
    const file = join(root, 'bench', 'out', 'cli-sim.jsonl');
    mkdirSync(dirname(file), { recursive: true });
    const g = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/simulate/export-jsonl.ts',
        '--seed',
        '11',
        '--days',
        '1',
        '--brands',
        '4',
        '--out',
        file,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(g.status).toBe(0);
    const r = run(['radar', '--in', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const alerts = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; messageIds: string[] });
    expect(alerts.filter((a) => a.kind === 'crisis').length).toBeGreaterThan(0);
  });
});

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
    const rejected: number[] = [];
    const parsed = parseJsonl(lines.join('\n'), (line) => rejected.push(line));
    const expected: number[] = [];
    lines.forEach((l, i) => {
      if (!l) return;
      let v: unknown;
      try {
        v = JSON.parse(l);
      } catch {
        expected.push(i + 1);
        return;
      }
      if (!InterchangeMessageSchema.safeParse(v).success) expected.push(i + 1);
    });
    expect(rejected).toEqual(expected);
    expect(parsed.length + rejected.length).toBe(lines.length - 1);
  });
});

describe('cue pre-filter on the training corpus', () => {
  it('never skips a cue regex that matches (score output is unchanged by the filter)', () => {
    const texts: string[] = [];
    for (const line of readFileSync(join(root, 'data', 'generated', 'complaints.jsonl'), 'utf8').split(
      '\n',
    )) {
      if (line) texts.push((JSON.parse(line) as { text: string }).text);
    }
    for (const lang of ['en', 'nl'])
      texts.push(...readFileSync(join(root, 'data', 'handwritten', `${lang}.tsv`), 'utf8').split(/[\t\n]/));
    const regexes = cueRegexes();
    const prefix = '(?:^|[^\\p{L}\\p{N}])(?:'.length;
    const suffix = ')(?![\\p{L}\\p{N}])'.length;
    const filter = compileCueFilter(regexes.map((re) => re.source.slice(prefix, -suffix)));
    const audit = auditCueFilter(filter, regexes, texts, normalize);
    expect(audit.misses).toEqual([]);
    expect(audit.matched).toBeGreaterThan(1000);
    expect(audit.skipped).toBeGreaterThan(audit.matched);
    // Five characters of look-ahead skip more than three.
    expect(audit.skippedByTokens).toBeGreaterThan(audit.skipped);
  });
});

describe('score output line', () => {
  it('is byte for byte JSON.stringify of the documented object', () => {
    const texts = [
      '@KPN al 3 weken geen internet. Ik ga naar de pers!! 😡😡',
      'He said "refund me" \\ or else \u0001 \t tab',
      'lone surrogate \ud83d and $& patterns',
      'thanks @united, great crew 👏',
      '',
    ];
    const ids = ['a', 'quote"id', 'back\\slash', 'ünï', 'x\ny'];
    texts.forEach((text, i) => {
      for (const locale of ['en', 'nl'] as const) {
        const s = scoreMessage({ id: ids[i] as string, text }, { locale });
        for (const risk of [0, 42, 100]) {
          const expected = JSON.stringify({
            id: s.id,
            lang: s.lang,
            polarity: s.polarity,
            sentiment: s.sentiment,
            complaint: s.complaint,
            isComplaint: s.isComplaint,
            severity: s.severity,
            risk,
            reasons: s.reasons,
          });
          expect(scoreLine(s, risk)).toBe(expected);
        }
      }
    });
    const odd = scoreMessage({ id: 'n', text: 'x' });
    odd.reasons = [{ code: 'c"q', text: 'quote " and \\', value: Number.NaN, weight: -0 }];
    expect(scoreLine({ ...odd, sentiment: Number.POSITIVE_INFINITY }, 1)).toBe(
      JSON.stringify({ ...odd, sentiment: Number.POSITIVE_INFINITY, risk: 1, reasons: odd.reasons }).replace(
        /"reasons":(\[.*\]),"risk":1/,
        '"risk":1,"reasons":$1',
      ),
    );
  });
});
