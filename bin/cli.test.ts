import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = join(root, 'data', 'fixtures', 'cli-small.jsonl');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [join(root, 'bin', 'webcare.mjs'), ...args], { cwd: root, input, encoding: 'utf8' });

describe('webcare CLI', () => {
  it('score writes one line per valid message in input order and reports invalid lines', () => {
    const r = run(['score', '--in', fixture]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['m3', 'm1', 'm2']);
    expect(Object.keys(lines[0]!)).toEqual(['id', 'lang', 'polarity', 'sentiment', 'complaint', 'isComplaint', 'severity', 'risk', 'reasons']);
    expect(lines[0]!.isComplaint).toBe(true);
    expect(r.stderr).toMatch(/line 3: invalid JSON/);
    expect(r.stderr).toMatch(/line 5: direction/);
  });
  it('reads stdin with --in -', () => {
    const r = run(['score', '--in', '-'], '{"id":"x","channel":"x","direction":"incoming","public":true,"author":{"id":"a"},"text":"still waiting for my refund","createdAt":"2026-03-02T10:00:00Z"}\n');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe('x');
  });
  it('radar replays in event time and prints alerts with the agreed fields', () => {
    const lines: string[] = [];
    const base = Date.UTC(2026, 2, 2, 12);
    for (let i = 29; i >= 0; i--) {
      lines.push(JSON.stringify({ id: `c${i}`, channel: 'x', direction: 'incoming', public: true, brand: 'kpn', author: { id: `a${i}`, followers: 200 }, text: `@KPN storing, hele wijk zonder internet ${i % 3 ? 'schandalig' : ''}`, createdAt: new Date(base + i * 30000).toISOString() }));
    }
    const r = run(['radar', '--in', '-'], lines.join('\n'));
    expect(r.status).toBe(0);
    const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const crisis = alerts.find((a) => a.kind === 'crisis')!;
    expect(Object.keys(crisis)).toEqual(['id', 'kind', 'at', 'brand', 'topic', 'score', 'messageIds', 'reasons']);
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
});
