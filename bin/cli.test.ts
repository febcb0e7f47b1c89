import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { scoreLine } from './cli.ts';
import { scoreMessage } from '../shared/analysis/score.ts';
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
    const file = exportSim(11, 4, 'cli-sim.jsonl');
    const r = run(['radar', '--in', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const alerts = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; messageIds: string[] });
    expect(alerts.filter((a) => a.kind === 'crisis').length).toBeGreaterThan(0);
  }, 30000);
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

describe('webcare CLI on hostile input', () => {
  const msg = (id: string, extra: Record<string, unknown> = {}): string =>
    JSON.stringify({
      id,
      channel: 'x',
      direction: 'incoming',
      public: true,
      author: { id: `a-${id}` },
      text: '@kpn al 3 dagen geen internet en niemand reageert',
      createdAt: '2026-03-02T10:00:00Z',
      ...extra,
    });
  const file = (name: string, data: string | Uint8Array): string => {
    const path = join(root, 'bench', 'out', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    return path;
  };

  it('survives a line of 4 million repeated letters and scores the lines around it', () => {
    const huge = msg('huge', { text: 'a'.repeat(4_000_000) });
    const long = msg('long', { text: `${'e'.repeat(600_000)}h` });
    const r = run(['score', '--in', file('cli-huge.jsonl', [msg('m1'), huge, long, msg('m2')].join('\n'))]);
    expect(r.status).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual(['m1', 'long', 'm2']);
    expect(r.stderr).toMatch(/line 2: line is longer than 1048576 bytes \(line_too_long\)/);
  }, 30000);

  it('scores a repeated id once and says so on stderr', () => {
    const r = run(['score'], [msg('m1'), msg('m2'), msg('m1', { text: 'other text' })].join('\n'));
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/line 3: id "m1" appears earlier in this file; scored once \(duplicate_id\)/);
  });

  it('rejects ids with control characters and dates outside 1970-2100 with their codes', () => {
    const r = run(
      ['score'],
      [msg('ok'), msg('bad\u0007id'), msg('old', { createdAt: '1960-01-01T00:00:00Z' })].join('\n'),
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/line 2: id: control characters are not allowed in ids;.*\(invalid_field\)/);
    expect(r.stderr).toMatch(/line 3: createdAt: year outside 1970-2100 \(date_out_of_range\)/);
  });

  it('reads UTF-16 (with a BOM), CRLF and CR-only files exactly like the UTF-8 LF file', () => {
    const text = [msg('m1'), msg('m2', { text: 'Top service 👏 weer storing, één week!' }), msg('m3')].join(
      '\n',
    );
    const expected = run(['score', '--in', file('cli-enc-utf8.jsonl', text)]);
    expect(expected.status).toBe(0);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] as number, be[i] as number];
    const variants: Array<[string, string | Uint8Array]> = [
      ['cli-enc-utf16le.jsonl', le],
      ['cli-enc-utf16be.jsonl', be],
      ['cli-enc-bom.jsonl', `\ufeff${text}`],
      ['cli-enc-crlf.jsonl', text.replace(/\n/g, '\r\n')],
      ['cli-enc-cr.jsonl', text.replace(/\n/g, '\r')],
    ];
    for (const [name, data] of variants) {
      const r = run(['score', '--in', file(name, data)]);
      expect(r.stderr, name).toBe('');
      expect(r.stdout, name).toBe(expected.stdout);
    }
  }, 30000);

  it('scores a tripadvisor review as the app stores it (channel other), not as a raw name', () => {
    const review = { public: true, text: 'Slechtste restaurant ooit, koud eten en niemand reageert' };
    const r = run(
      ['score'],
      [msg('t', { ...review, channel: 'tripadvisor' }), msg('o', { ...review, channel: 'other' })].join('\n'),
    );
    const [t, o] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { risk: number });
    expect(t!.risk).toBe(o!.risk);
  });

  it('radar gives the same alerts on a shuffled file as on the file in event time', () => {
    const sorted = file('cli-radar-sorted.jsonl', readFileSync(fixtureSim(), 'utf8'));
    const lines = readFileSync(sorted, 'utf8').trim().split('\n');
    // A fixed shuffle: every seventh line moved to the end, then the whole reversed.
    const shuffled = [...lines.filter((_, i) => i % 7), ...lines.filter((_, i) => !(i % 7))].reverse();
    const a = run(['radar', '--in', sorted]);
    const b = run(['radar', '--in', file('cli-radar-shuffled.jsonl', shuffled.join('\n'))]);
    expect(a.status).toBe(0);
    expect(b.stderr).toBe('');
    expect(a.stdout.length).toBeGreaterThan(100);
    expect(b.stdout).toBe(a.stdout);
  }, 30000);

  it('writes score lines from a pipe before the pipe closes, and radar alerts when the pipe pauses', async () => {
    for (const command of ['score', 'radar'] as const) {
      const child = spawn(process.execPath, [join(root, 'bin', 'webcare.mjs'), command], { cwd: root });
      let out = '';
      const got = new Promise<void>((resolve) =>
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve();
        }),
      );
      const base = Date.UTC(2026, 2, 2, 12);
      const feed = Array.from({ length: command === 'score' ? 1 : 30 }, (_, i) =>
        msg(`p${i}`, {
          brand: 'kpn',
          author: { id: `pa${i}`, followers: 200 },
          text: `@KPN storing, hele wijk zonder internet ${i % 3 ? 'schandalig' : ''}`,
          createdAt: new Date(base + i * 30000).toISOString(),
        }),
      );
      child.stdin.write(`${feed.join('\n')}\n`);
      await got;
      expect(out.length, command).toBeGreaterThan(10);
      child.stdin.end();
      await new Promise((resolve) => child.on('close', resolve));
    }
  }, 20000);
});

/** A simulated stream (bench/simulate) of one day as interchange JSONL under bench/out/. */
function exportSim(seed: number, brands: number, name: string): string {
  const path = join(root, 'bench', 'out', name);
  mkdirSync(dirname(path), { recursive: true });
  const g = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/simulate/export-jsonl.ts',
      '--seed',
      String(seed),
      '--days',
      '1',
      '--brands',
      String(brands),
      '--out',
      path,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  expect(g.status).toBe(0);
  return path;
}

function fixtureSim(): string {
  return exportSim(12, 3, 'cli-sim-small.jsonl');
}
