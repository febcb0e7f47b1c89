import { describe, expect, it } from 'vitest';
import { createRadar } from './radar.ts';
import type { RadarAlert, RadarMessage } from './radar.ts';

const T = Date.UTC(2026, 2, 2, 12);
let seq = 0;
const msg = (t: number, text: string, author: string, extra: Partial<RadarMessage> = {}): RadarMessage => ({
  id: `m${++seq}`,
  text,
  createdAt: t,
  channel: 'x',
  direction: 'incoming',
  public: true,
  author: { id: author, handle: author, followers: 300 },
  brand: 'kpn',
  ...extra,
});

function background(hours: number): RadarMessage[] {
  const out: RadarMessage[] = [];
  const texts = [
    '@KPN hoe kan ik mijn adres wijzigen?',
    '@KPN mijn factuur klopt niet',
    '@KPN bedankt voor de hulp!',
    '@KPN monteur kwam niet opdagen',
  ];
  for (let i = 0; i < hours * 6; i++)
    out.push(msg(T - hours * 3600_000 + i * 600_000, texts[i % 4] as string, `bg${i % 15}`));
  return out;
}

function run(stream: RadarMessage[], watchlist: string[] = [], slowBurn = true): RadarAlert[] {
  const radar = createRadar({ watchlist, slowBurn });
  return stream.sort((a, b) => a.createdAt - b.createdAt).flatMap((m) => radar.push(m));
}

describe('crisis radar', () => {
  it('fires on a complaint cascade with reasons', () => {
    const echoes = [
      '@KPN storing, hele wijk zonder internet',
      '@KPN ook hier storing, geen internet',
      '@KPN internet storing al uren, schandalig',
      '@KPN boycot, weer storing zonder internet',
    ];
    const cascade = Array.from({ length: 30 }, (_, i) =>
      msg(T + i * 30_000, echoes[i % 4] as string, `new${i}`),
    );
    cascade.push(
      msg(T + 4 * 60000, '@KPN storing en geen internet, wij schrijven erover', 'journalist_anna', {
        author: { id: 'j', handle: 'journalist_anna', followers: 80000 },
      }),
    );
    const alerts = run([...background(6), ...cascade], ['journalist_anna']);
    const crisis = alerts.filter((a) => a.kind === 'crisis');
    expect(crisis).toHaveLength(1);
    const c = crisis[0]!;
    expect(Date.parse(c.at) - T).toBeLessThan(10 * 60000);
    expect(c.topic).toMatch(/storing|internet/);
    const codes = c.reasons.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['radar.volume', 'radar.ratio', 'radar.firstTime']));
    expect(c.messageIds.length).toBeGreaterThanOrEqual(5);
  });
  it('stays silent on a positive viral spike', () => {
    const praise = [
      '@KPN wat een geweldige reclame!',
      '@KPN prachtige reclame, top gedaan ❤️',
      '@KPN mooiste reclame van het jaar',
      '@KPN love the new ad!',
    ];
    const spike = Array.from({ length: 80 }, (_, i) =>
      msg(T + i * 10_000, praise[i % 4] as string, `fan${i}`, {
        author: { id: `fan${i}`, followers: 50000 },
      }),
    );
    const alerts = run([...background(6), ...spike]);
    expect(alerts.filter((a) => a.kind === 'crisis')).toHaveLength(0);
  });
  it('raises an escalation alert once for a risky conversation', () => {
    const vip = { id: 'vip', handle: 'bigname', followers: 250000, verified: true };
    const alerts = run([
      msg(T, '@KPN al 3 weken geen internet. Ik ga naar de pers en mijn advocaat!!', 'vip', {
        author: vip,
        conversationId: 'c1',
      }),
      msg(T + 60000, '@KPN nog steeds niks!!', 'vip', { author: vip, conversationId: 'c1' }),
    ]);
    const esc = alerts.filter((a) => a.kind === 'escalation');
    expect(esc).toHaveLength(1);
    expect(esc[0]!.reasons.length).toBeGreaterThanOrEqual(2);
    expect(esc[0]!.at).toBe(new Date(T).toISOString());
  });

  it('fires on a slow-burn cascade within 60 minutes that never fills one 15-minute window', () => {
    // Three complaints every 15 minutes from new authors, half of them replies: never 5 in one
    // burst window, but 12 in the hour against a quiet topic.
    const echoes = [
      '@KPN datalek, mijn gegevens staan online',
      '@KPN mijn gegevens ook gelekt, datalek',
      '@KPN hoe kan zo een datalek gebeuren',
      '@KPN datalek! mijn gegevens op straat',
    ];
    const slow: RadarMessage[] = [];
    for (let i = 0; i < 16; i++) {
      const parent = i > 0 && i % 2 === 1 ? (slow[i - 1] as RadarMessage).id : undefined;
      slow.push(
        msg(T + i * 5 * 60000, echoes[i % 4] as string, `slow${i}`, parent ? { inReplyTo: parent } : {}),
      );
    }
    const alerts = run([...background(6), ...slow]).filter((a) => a.kind === 'crisis');
    expect(alerts).toHaveLength(1);
    const c = alerts[0]!;
    expect(Date.parse(c.at) - T).toBeLessThanOrEqual(60 * 60000);
    expect(c.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['radar.volumeHour', 'radar.engagement']),
    );
    expect(c.reasons.find((r) => r.code === 'radar.volumeHour')!.text).toMatch(/in 60 min/);
    // The 15-minute burst test alone misses it: the slow-burn test is what fires.
    expect(
      run(
        [
          ...background(6),
          ...slow.map((m) => ({ ...m, id: `${m.id}b`, inReplyTo: m.inReplyTo ? `${m.inReplyTo}b` : null })),
        ],
        [],
        false,
      ).filter((a) => a.kind === 'crisis'),
    ).toHaveLength(0);
  });
  it('stays silent on a slow positive spike with replies', () => {
    const praise = [
      '@KPN wat een geweldige reclame!',
      '@KPN prachtige reclame, top gedaan',
      '@KPN mooiste reclame van het jaar',
      '@KPN love the new ad!',
    ];
    const spike: RadarMessage[] = [];
    for (let i = 0; i < 40; i++) {
      const parent = i > 0 && i % 2 === 1 ? (spike[i - 1] as RadarMessage).id : undefined;
      spike.push(
        msg(T + i * 90_000, praise[i % 4] as string, `fan${i}`, parent ? { inReplyTo: parent } : {}),
      );
    }
    expect(run([...background(6), ...spike]).filter((a) => a.kind === 'crisis')).toHaveLength(0);
  });

  it('joins messages sharing keywords into one topic, and forgets a topic after a quiet day', () => {
    const radar = createRadar();
    const texts = [
      '@KPN storing internet schandalig',
      '@KPN internet storing, schandalig slecht',
      '@KPN factuur verkeerd, schandalig',
    ];
    for (let i = 0; i < 3; i++) radar.push(msg(T + i * 60_000, texts[i] as string, `a${i}`));
    // The first two share two keywords (one topic); the third shares only 'schandal' with it.
    const before = radar.topics().filter((v) => v.brand === 'kpn');
    expect(before.map((v) => v.inWindow).sort()).toEqual([1, 2]);
    // A day and a half later the old topics are pruned: the same words start afresh.
    const later = T + 36 * 3600_000;
    radar.push(msg(later, '@KPN geen bereik, kpn mobiel storing', 'b1'));
    radar.push(msg(later + 60_000, '@KPN storing internet schandalig', 'b2'));
    const after = radar.topics().filter((v) => v.brand === 'kpn');
    expect(after.length).toBeLessThanOrEqual(2);
    expect(after.reduce((n, v) => n + v.inWindow, 0)).toBe(2);
  });
});
