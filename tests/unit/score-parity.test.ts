// `webcare score` and the app give the same risk for the same message: both decode with
// shared/interchange, normalise the channel the same way, and score with shared/analysis.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../bin/cli.ts';
import { riskOf } from '../../renderer/analysis/analyze.ts';
import { importJsonlText } from '../../renderer/db/importExport.ts';
import { WebcareDb } from '../../renderer/db/schema.ts';
import { messageLocalId } from '../../shared/domain/ids.ts';
import { importedAccountId } from '../../shared/domain/accounts.ts';
import { normalizeChannel } from '../../shared/domain/channels.ts';

const LINES = [
  {
    id: 'rev-1',
    channel: 'tripadvisor',
    direction: 'incoming',
    public: true,
    author: { id: 'ta-9', name: 'Marieke' },
    text: 'Schandalig slechte service, twee uur gewacht en niemand reageert. Ik ga naar de Consumentenbond.',
    createdAt: '2026-11-24T09:00:00Z',
    lang: 'nl',
    brand: 'smikkel',
  },
  {
    id: 'tw-1',
    channel: 'twitter',
    direction: 'incoming',
    public: true,
    author: { id: '77', handle: 'sam_k', followers: 48_000, verified: true },
    text: '@belnet_nl third outage this week and still no answer from you. Unbelievable. #belnetdown',
    createdAt: '2026-11-24T10:00:00Z',
    lang: 'en',
    brand: 'belnet',
    metrics: { likes: 120, reposts: 40, replies: 12, quotes: 3 },
  },
  {
    id: 'mail-1',
    channel: 'email',
    direction: 'incoming',
    public: false,
    author: { id: 'james@example.com', name: 'James' },
    text: 'My order KL-4419023 has not arrived and nobody answers my emails.',
    createdAt: '2026-11-24T11:00:00Z',
    lang: 'en',
    brand: 'kooplijn',
  },
];

async function cliRisks(text: string): Promise<Map<string, number>> {
  let out = '';
  const io: Io = {
    openInput: () =>
      (async function* () {
        yield text;
      })(),
    openOutput: () => ({ write: (d) => void (out += d), close: () => undefined }),
    stderr: () => undefined,
  };
  expect(await main(['score', '--in', 'x.jsonl', '--out', 'y.jsonl'], io)).toBe(0);
  return new Map(
    out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; risk: number })
      .map((r) => [r.id, r.risk]),
  );
}

describe('webcare score and the app', () => {
  it('give the same risk for the same message', async () => {
    const text = `${LINES.map((l) => JSON.stringify(l)).join('\n')}\n`;
    const cli = await cliRisks(text);
    const db = new WebcareDb(`parity-${Math.random()}`);
    await db.open();
    try {
      const report = await importJsonlText(db, text, Date.parse('2026-11-24T12:00:00Z'));
      expect(report.imported).toBe(LINES.length);
      for (const line of LINES) {
        const channel = normalizeChannel(line.channel);
        const m = (await db.messages.get(messageLocalId(importedAccountId(channel), line.id)))!;
        const app = await riskOf(db, m.conversationId, Date.parse(line.createdAt), 60);
        expect({ id: line.id, risk: app?.risk }).toEqual({ id: line.id, risk: cli.get(line.id) });
      }
    } finally {
      await db.delete();
    }
  });
});
