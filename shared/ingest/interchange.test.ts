import { describe, expect, it } from 'vitest';
import { generateDemoInbox } from '../demo/generate.ts';
import { parseJsonl, serializeJsonl, toInterchange } from '../interchange/jsonl.ts';
import type { InterchangeMessage } from '../interchange/message.ts';
import { interchangeToIngest } from './interchange.ts';

const NOW = Date.UTC(2026, 10, 20, 13, 30);

describe('interchange lines as ingest messages', () => {
  const inbox = generateDemoInbox({ seed: 3, conversations: 400, now: NOW, agentId: 'me' });
  const authors = new Map(inbox.authors.map((a) => [a.id, a]));

  it('round-trips the demo inbox: export, parse and convert keep every fact of every message', () => {
    const sent = inbox.messages.filter((m) => m.direction !== 'note');
    const exported = sent
      .map((m) => toInterchange(m, authors.get(m.authorId)!))
      .filter((m): m is InterchangeMessage => m !== null);
    expect(exported).toHaveLength(sent.length);
    const parsed = parseJsonl(serializeJsonl(exported));
    expect(parsed.errors).toEqual([]);
    const back = parsed.messages.map(interchangeToIngest);
    back.forEach(({ channel, message }, i) => {
      const m = sent[i]!;
      const a = authors.get(m.authorId)!;
      expect(channel).toBe(m.channel);
      expect(message).toMatchObject({
        remoteId: m.id,
        threadKey: m.conversationId,
        inReplyTo: m.inReplyTo,
        direction: m.direction,
        public: m.public,
        text: m.text,
        createdAt: m.createdAt,
        lang: m.lang,
        brand: m.brand,
      });
      expect([
        message.author.handle,
        message.author.name,
        message.author.followers,
        message.author.verified,
      ]).toEqual([a.handle, a.name, a.followers, a.verified]);
    });
  });

  it('normalises the channel the way the app stores it (twitter → x, unknown → other)', () => {
    const base: InterchangeMessage = {
      id: 'm1',
      channel: 'twitter',
      direction: 'incoming',
      public: true,
      author: { id: '42' },
      text: 'hoi',
      createdAt: '2026-11-20T10:00:00.000Z',
    };
    expect(interchangeToIngest(base).channel).toBe('x');
    expect(interchangeToIngest({ ...base, channel: 'tripadvisor' }).channel).toBe('other');
  });
});
