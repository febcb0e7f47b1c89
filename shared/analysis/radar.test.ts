import { describe, expect, it } from 'vitest';
import { createRadar, RISK_REASON_CODES } from './radar.ts';
import type { RadarAlert, RadarMessage, RadarOptions } from './radar.ts';
import { scoreConversation } from './risk.ts';
import type { MessageScore } from './score.ts';
import { SIGNAL_CODES } from './signals.ts';

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

function run(stream: RadarMessage[], watchlist: string[] = [], options: RadarOptions = {}): RadarAlert[] {
  const radar = createRadar({ watchlist, ...options });
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
    // Readable label: surface words ("storing", not the stem "stor"), joined by a dot.
    expect(c.topic).toMatch(/^(storing|internet) · (storing|internet)/);
    const codes = c.reasons.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['radar.volumeSince', 'radar.ratio', 'radar.firstTime']));
    expect(c.reasons.find((r) => r.code === 'radar.volumeSince')!.text).toMatch(
      /^negative mentions .*: \d+ in \d+ min$/,
    );
    expect(c.reasons.find((r) => r.code === 'radar.keyword')!.text).toMatch(/'storing' ×\d+/);
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
    const alerts = run([...background(6), ...slow], [], { detector: 'window' }).filter(
      (a) => a.kind === 'crisis',
    );
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
        { detector: 'window', slowBurn: false },
      ).filter((a) => a.kind === 'crisis'),
    ).toHaveLength(0);
    // The CUSUM (the default detector) accumulates the same evidence without an hour window and
    // fires within 30 minutes: the seventh mention comes at 30 min.
    const cusum = run([
      ...background(6),
      ...slow.map((m) => ({ ...m, id: `${m.id}c`, inReplyTo: m.inReplyTo ? `${m.inReplyTo}c` : null })),
    ]).filter((a) => a.kind === 'crisis');
    expect(cusum).toHaveLength(1);
    expect(Date.parse(cusum[0]!.at) - T).toBeLessThanOrEqual(30 * 60000);
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

  it('gives two concurrent crises of different themes two alerts, even when they share a word', () => {
    const outage = [
      '@KPN storing, geen internet, schandalig',
      '@KPN ook hier storing',
      '@KPN storing al uren',
    ];
    const leak = [
      '@KPN datalek, mijn gegevens online, schandalig',
      '@KPN datalek ook bij mij',
      '@KPN mijn gegevens gelekt, datalek',
    ];
    const stream: RadarMessage[] = [];
    for (let i = 0; i < 24; i++) stream.push(msg(T + i * 60_000, outage[i % 3] as string, `o${i}`));
    // The second theme starts while the first is on alert.
    for (let i = 0; i < 24; i++)
      stream.push(msg(T + 20 * 60_000 + i * 60_000, leak[i % 3] as string, `l${i}`));
    const alerts = run([...background(6), ...stream]).filter((a) => a.kind === 'crisis');
    expect(alerts).toHaveLength(2);
    expect(alerts[0]!.topic).toMatch(/storing/);
    expect(alerts[1]!.topic).toMatch(/datalek|gegevens/);
    expect(
      alerts[1]!.messageIds.every((id) => stream.find((m) => m.id === id)!.author.id.startsWith('l')),
    ).toBe(true);
  });
  it('merges the fragments of one cascade whose echoes share a single word', () => {
    // English echoes sharing only "outage"; replies stay with their parent, which used to split
    // the cascade into topics that each stayed below the threshold.
    const echoes = [
      '@acme outage here too, nothing works',
      '@acme massive outage, whole country without internet',
      '@acme outage and no updates',
    ];
    const stream: RadarMessage[] = [];
    for (let i = 0; i < 12; i++) {
      const parent = i % 3 === 2 ? (stream[i - 2] as RadarMessage).id : undefined;
      stream.push(
        msg(T + i * 150_000, echoes[i % 3] as string, `e${i}`, {
          brand: 'acme',
          ...(parent ? { inReplyTo: parent } : {}),
        }),
      );
    }
    const alerts = run([...background(6), ...stream]).filter(
      (a) => a.kind === 'crisis' && a.brand === 'acme',
    );
    expect(alerts).toHaveLength(1);
    const texts = new Set(alerts[0]!.messageIds.map((id) => stream.find((m) => m.id === id)!.text));
    expect(texts.size).toBeGreaterThanOrEqual(2);
    expect(alerts[0]!.topic).toMatch(/outage/);
  });
  it('labels a topic with its hashtag and surface words', () => {
    const radar = createRadar();
    for (let i = 0; i < 3; i++)
      radar.push(msg(T + i * 60_000, '@KPN #KPNstoring weer storingen, internet kapot', `h${i}`));
    const view = radar.topics().find((v) => v.brand === 'kpn')!;
    expect(view.topic).toBe('#kpnstoring · storingen · internet');
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

  it('keeps exactly the message reasons that the conversation risk reads', () => {
    // The radar drops the other reasons from the scores it keeps for 48 hours; if the risk starts
    // reading another code, this fails and RISK_REASON_CODES must follow.
    for (const code of [...SIGNAL_CODES, 'model.wording']) {
      const score: MessageScore = {
        id: 'm',
        lang: 'en',
        polarity: 'negative',
        sentiment: -0.5,
        complaint: 0.9,
        isComplaint: true,
        severity: 0.8,
        reasons: [{ code, text: '', value: 1, weight: 1 }],
      };
      const risk = scoreConversation(
        {
          id: 'c',
          author: { id: 'a' },
          messages: [
            { id: 'm', text: '', createdAt: T, direction: 'incoming', public: true, channel: 'x', score },
          ],
        },
        { now: T },
      );
      expect([code, risk.reasons.some((r) => r.code === code)]).toEqual([code, RISK_REASON_CODES.test(code)]);
    }
  });

  it('counts non-positive replies in a complaint thread as mentions of its topic', () => {
    // Four complaints and, in their threads, questions and "me too"s that the model does not
    // call complaints: the cascade is the thread.
    const stream: RadarMessage[] = [];
    const replies = [
      '@KPN wat is hier aan de hand?',
      '@KPN bij mij ook',
      '@KPN weet iemand meer?',
      '@KPN iemand een idee?',
    ];
    for (let i = 0; i < 4; i++) {
      const post = msg(T + i * 4 * 60_000, '@KPN datalek bij jullie, mijn gegevens staan online', `p${i}`);
      stream.push(post);
      for (let j = 0; j < 2; j++)
        stream.push(
          msg(post.createdAt + (j + 1) * 60_000, replies[(i + j) % 4] as string, `r${i}-${j}`, {
            inReplyTo: post.id,
          }),
        );
    }
    const crisis = (o: RadarOptions): RadarAlert[] =>
      run([...background(6), ...stream.map((m) => ({ ...m }))], [], o).filter((a) => a.kind === 'crisis');
    expect(crisis({ replyEvidence: false, threadCascade: false })).toHaveLength(0);
    const alerts = crisis({});
    expect(alerts).toHaveLength(1);
    expect(Date.parse(alerts[0]!.at) - T).toBeLessThanOrEqual(20 * 60_000);
    expect(alerts[0]!.messageIds.some((id) => stream.find((m) => m.id === id)!.inReplyTo)).toBe(true);
  });
  it('adds up the young topics of a brand: a cascade in two parts without a shared word', () => {
    const parts = [
      ['@KPN dubbel afgeschreven!', '@KPN weer dubbel afgeschreven', '@KPN alles dubbel afgeschreven'],
      ['@KPN rekening leeg, rood staan', '@KPN sta rood, rekening leeg', '@KPN rekening ineens leeg'],
    ];
    const stream: RadarMessage[] = [];
    for (let i = 0; i < 6; i++)
      stream.push(msg(T + i * 2 * 60_000, parts[i % 2]![Math.floor(i / 2)] as string, `f${i}`));
    const crisis = (o: RadarOptions): RadarAlert[] =>
      run([...background(6), ...stream.map((m) => ({ ...m }))], [], o).filter((a) => a.kind === 'crisis');
    expect(crisis({ brandCusum: false })).toHaveLength(0);
    const alerts = crisis({});
    expect(alerts).toHaveLength(1);
    // The evidence is the run so far, from both parts.
    const ids = alerts[0]!.messageIds;
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const part of parts)
      expect(ids.some((id) => part.includes(stream.find((m) => m.id === id)!.text))).toBe(true);
    // Not in a brand's first hours, when every topic is young.
    expect(run(stream.map((m) => ({ ...m }))).filter((a) => a.kind === 'crisis')).toHaveLength(0);
  });
  it("gives a young topic the message with its main word over an everyday topic's shared words", () => {
    const everyday: RadarMessage[] = [];
    for (let i = 0; i < 12; i++)
      everyday.push(msg(T - 6 * 3600_000 + i * 30 * 60_000, '@KPN geld nog steeds niet terug', `g${i}`));
    const crisis = [
      msg(T, '@KPN alle betalingen dubbel afgeschreven, rekening leeg', 'd1'),
      msg(T + 60_000, '@KPN dubbel afgeschreven en nu rood staan', 'd2'),
      msg(T + 2 * 60_000, '@KPN dubbele afschrijving, wanneer krijgen we geld terug', 'd3'),
    ];
    const young = (o: RadarOptions): number => {
      const radar = createRadar(o);
      for (const m of [...everyday, ...crisis]) radar.push({ ...m });
      return radar.topics().find((v) => v.topic.includes('afgeschreven'))!.inWindow;
    };
    expect(young({ freshWord: false })).toBe(2);
    expect(young({})).toBe(3);
  });
});

describe('thread-cascade detector', () => {
  // Two differently worded complaints, then reactions from many other people: replies, a repost
  // and a quote. They share no keyword, so only the thread shape shows the cascade.
  const cascade = (positive: boolean): RadarMessage[] => {
    const roots = positive
      ? [msg(T, '@KPN wat een fantastische monteur vandaag, super geholpen!', 'r1')]
      : [
          msg(T, '@KPN mijn bestelling van vorige week is nog steeds niet geleverd', 'r1'),
          msg(T + 60_000, '@KPN factuur dubbel afgeschreven en niemand neemt op', 'r2'),
        ];
    const reactions = positive
      ? [
          '@KPN top!',
          '@KPN geweldig',
          '@KPN wat leuk',
          '@KPN super',
          '@KPN fijn zeg',
          '@KPN mooi',
          '@KPN echt goed',
          '@KPN leuk',
        ]
      : [
          '@KPN zelfde hier',
          '@KPN al nieuws?',
          '@KPN bij mij ook',
          '@KPN +1',
          '@KPN idem',
          '@KPN iemand een idee?',
          '@KPN ook zo',
          '@KPN hier ook',
        ];
    const out = [...roots];
    reactions.forEach((text, i) => {
      const parent = roots[i % roots.length] as RadarMessage;
      out.push(msg(T + (2 + i) * 60_000, text, `fan${i}`, { inReplyTo: parent.id }));
    });
    out.push(msg(T + 11 * 60_000, `RT @r1: ${(roots[0] as RadarMessage).text}`, 'rt1'));
    return out;
  };
  it('alerts on reactions by other people to differently worded complaints', () => {
    // Reply evidence (non-positive replies join the thread's topic) would see this one too: off.
    const alerts = run([...background(6), ...cascade(false)], [], { replyEvidence: false }).filter(
      (a) => a.kind === 'crisis',
    );
    expect(
      run([...background(6), ...cascade(false)], [], { threadCascade: false, replyEvidence: false }).filter(
        (a) => a.kind === 'crisis',
      ),
    ).toHaveLength(0);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.reasons[0]!.code).toBe('radar.engagement');
    expect(Date.parse(alerts[0]!.at) - T).toBeLessThanOrEqual(15 * 60_000);
  });
  it('stays silent on a thread of praise and on a customer talking with the brand in their own thread', () => {
    expect(run([...background(6), ...cascade(true)]).filter((a) => a.kind === 'crisis')).toHaveLength(0);
    const own: RadarMessage[] = [msg(T, '@KPN mijn internet doet het al 3 dagen niet', 'klant')];
    for (let i = 1; i <= 10; i++)
      own.push(
        i % 2
          ? msg(T + i * 60_000, 'Vervelend! Stuur je je postcode via DM?', 'kpn-agent', {
              direction: 'outgoing',
              inReplyTo: own[i - 1]!.id,
            })
          : msg(T + i * 60_000, '@KPN nog steeds niks, dit is belachelijk', 'klant', {
              inReplyTo: own[i - 1]!.id,
            }),
      );
    expect(run([...background(6), ...own]).filter((a) => a.kind === 'crisis')).toHaveLength(0);
  });
});
