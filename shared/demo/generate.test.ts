import { snippetOf } from '../domain/projection.ts';
import { describe, expect, it } from 'vitest';
import { CHANNEL_REPLY_LIMIT } from '../domain/channels.ts';
import type { Conversation, Message } from './generate.ts';
import { searchTokens } from '../search/tokenize.ts';
import {
  DEMO_BURST_CONVERSATION_PREFIX,
  DEMO_BURST_SIZE,
  DEMO_ESCALATION_CONVERSATION_ID,
  DEMO_ESCALATION_MESSAGE_ID,
  DEMO_HISTORY_DAYS,
  DEMO_LABELS,
  generateDemoBatches,
  generateDemoInbox,
} from './generate.ts';

const NOW = Date.UTC(2026, 10, 20, 13, 30);
const OPTS = { seed: 7, conversations: 3000, now: NOW, agentId: 'agent-me' } as const;
const inbox = generateDemoInbox(OPTS);
const byConversation = new Map<string, Message[]>();
for (const m of inbox.messages) {
  const list = byConversation.get(m.conversationId) ?? [];
  list.push(m);
  byConversation.set(m.conversationId, list);
}

describe('generateDemoInbox', () => {
  it('is deterministic: same seed and now give identical output, another seed does not', () => {
    const small = { ...OPTS, conversations: 800 };
    const once = generateDemoInbox(small);
    expect(JSON.stringify(generateDemoInbox(small))).toBe(JSON.stringify(once));
    expect(JSON.stringify(generateDemoInbox({ ...small, seed: 8 }).messages)).not.toBe(
      JSON.stringify(once.messages),
    );
    expect(JSON.stringify(generateDemoInbox({ ...small, now: NOW + 1 }).messages)).not.toBe(
      JSON.stringify(once.messages),
    );
  }, 30_000);

  it('makes the requested number of conversations, all rows flagged as demo', () => {
    expect(inbox.conversations).toHaveLength(3000);
    expect(new Set(inbox.conversations.map((c) => c.id)).size).toBe(3000);
    expect(new Set(inbox.messages.map((m) => m.id)).size).toBe(inbox.messages.length);
    for (const row of [...inbox.conversations, ...inbox.messages, ...inbox.authors]) expect(row.demo).toBe(1);
  });

  it('keeps every message in an existing conversation, in the past, with a known author (notes: an agent)', () => {
    const conversations = new Set(inbox.conversations.map((c) => c.id));
    const authors = new Set(inbox.authors.map((a) => a.id));
    for (const m of inbox.messages) {
      expect(conversations.has(m.conversationId)).toBe(true);
      expect(m.createdAt).toBeLessThanOrEqual(NOW);
      expect(m.createdAt).toBeGreaterThan(NOW - DEMO_HISTORY_DAYS * 24 * 3600_000);
      if (m.direction === 'note') {
        expect(m.public).toBe(false);
        expect(authors.has(m.authorId)).toBe(false);
      } else {
        expect(authors.has(m.authorId)).toBe(true);
      }
    }
  });

  it('spans 30 days of history with customer messages and replies in every week and on every day', () => {
    const DAY = 24 * 3600_000;
    expect(DEMO_HISTORY_DAYS).toBe(30);
    const oldest = Math.min(...inbox.messages.map((m) => m.createdAt));
    expect(NOW - oldest).toBeGreaterThan(28 * DAY);
    expect(NOW - oldest).toBeLessThan(30 * DAY);
    const incomingPerDay = new Array<number>(DEMO_HISTORY_DAYS).fill(0);
    const outgoingPerWeek = new Array<number>(5).fill(0);
    for (const m of inbox.messages) {
      const daysAgo = Math.floor((NOW - m.createdAt) / DAY);
      if (m.direction === 'incoming') incomingPerDay[daysAgo]! += 1;
      if (m.direction === 'outgoing') outgoingPerWeek[Math.floor(daysAgo / 7)]! += 1;
    }
    // Each of the four full weeks (and the two days before them) has real traffic.
    for (let week = 0; week < 4; week++) {
      const sum = incomingPerDay.slice(week * 7, week * 7 + 7).reduce((a, b) => a + b, 0);
      expect(sum, `week ${week}`).toBeGreaterThan(150);
      expect(outgoingPerWeek[week], `replies in week ${week}`).toBeGreaterThan(100);
    }
    // Every day up to day 28 has customer messages, so a 30-day chart has no empty stretch.
    for (let day = 0; day < 28; day++) expect(incomingPerDay[day], `day ${day}`).toBeGreaterThan(10);
    // The last three days keep their density: the radar's baseline and the burst see what they did.
    const recent = incomingPerDay.slice(0, 3).reduce((a, b) => a + b, 0);
    const older = incomingPerDay.slice(3, 28).reduce((a, b) => a + b, 0) / 25;
    expect(recent / 3).toBeGreaterThan(older * 1.5);
  });

  it('derives list fields from the messages', () => {
    for (const c of inbox.conversations) {
      const ms = byConversation.get(c.id)!;
      const last = ms[ms.length - 1]!;
      expect(c.messageCount).toBe(ms.length);
      expect(c.lastMessageAt).toBe(Math.max(...ms.map((m) => m.createdAt)));
      expect(c.lastMessageAt).toBe(last.createdAt);
      expect(c.lastDirection).toBe(last.direction);
      expect(c.snippet).toBe(snippetOf(last.text));
      expect(ms[0]!.direction).toBe('incoming');
      expect(ms[0]!.authorId).toBe(c.authorId);
      for (let i = 1; i < ms.length; i++)
        expect(ms[i]!.createdAt).toBeGreaterThanOrEqual(ms[i - 1]!.createdAt);
    }
  });

  it('sets snoozedUntil only on snoozed conversations, in the future, a few due within minutes', () => {
    let dueSoon = 0;
    for (const c of inbox.conversations) {
      if (c.status === 'snoozed') {
        expect(c.snoozedUntil).not.toBeNull();
        expect(c.snoozedUntil!).toBeGreaterThan(NOW);
        if (c.snoozedUntil! <= NOW + 15 * 60_000) dueSoon++;
      } else {
        expect(c.snoozedUntil).toBeNull();
      }
    }
    expect(dueSoon).toBeGreaterThan(3);
  });

  it('marks who is waiting: open conversations end with an unanswered incoming message', () => {
    for (const c of inbox.conversations) {
      if (c.status === 'open') {
        expect(c.lastDirection).toBe('incoming');
        const ms = byConversation.get(c.id)!;
        const lastOut = ms.findLastIndex((m) => m.direction === 'outgoing');
        const firstWaiting = ms.slice(lastOut + 1).find((m) => m.direction === 'incoming')!;
        expect(c.waitingSince).toBe(firstWaiting.createdAt);
        expect(c.unread).toBeLessThanOrEqual(ms.length);
      } else {
        expect(c.waitingSince).toBeNull();
        expect(c.unread).toBe(0);
      }
    }
  });

  it('has a sane status, channel and language mix', () => {
    const count = (pred: (c: Conversation) => boolean): number =>
      inbox.conversations.filter(pred).length / inbox.conversations.length;
    expect(count((c) => c.status === 'open')).toBeGreaterThan(0.12);
    expect(count((c) => c.status === 'open')).toBeLessThan(0.35);
    expect(count((c) => c.status === 'resolved')).toBeGreaterThan(0.45);
    expect(count((c) => c.status === 'pending')).toBeGreaterThan(0.04);
    expect(count((c) => c.status === 'snoozed')).toBeGreaterThan(0.02);
    expect(count((c) => c.lang === 'nl')).toBeGreaterThan(0.52);
    expect(count((c) => c.lang === 'nl')).toBeLessThan(0.68);
    for (const ch of [
      'email',
      'facebook',
      'instagram',
      'whatsapp',
      'x',
      'mastodon',
      'bluesky',
      'trustpilot',
      'google',
      'appstore',
      'forum',
    ]) {
      expect(count((c) => c.channel === ch)).toBeGreaterThan(0.01);
    }
    expect(count((c) => c.lastMessageAt > NOW - 3600_000)).toBeGreaterThan(0.02);
  });

  it('includes replies signed with initials, internal notes, high-reach authors and known labels', () => {
    expect(inbox.messages.some((m) => m.direction === 'outgoing' && / \^[A-Z]{2}$/.test(m.text))).toBe(true);
    expect(inbox.messages.filter((m) => m.direction === 'note').length).toBeGreaterThan(50);
    const big = inbox.authors.filter((a) => (a.followers ?? 0) >= 50_000 && !a.id.includes(':brand-'));
    expect(big.length).toBeGreaterThan(5);
    expect(big.some((a) => a.verified)).toBe(true);
    const labelIds = new Set(DEMO_LABELS.map((l) => l.id));
    for (const c of inbox.conversations) for (const l of c.labels) expect(labelIds.has(l)).toBe(true);
    expect(inbox.conversations.filter((c) => c.assignee === 'agent-me').length).toBeGreaterThan(100);
  });

  it('names the demo labels in the user’s language; ids, colours and rows stay the same', () => {
    const small = { ...OPTS, conversations: 60 };
    const nl = generateDemoInbox({ ...small, lang: 'nl' });
    const en = generateDemoInbox({ ...small, lang: 'en' });
    expect(nl.labels.map((l) => [l.id, l.color])).toEqual(en.labels.map((l) => [l.id, l.color]));
    const name = (labels: typeof nl.labels, id: string) => labels.find((l) => l.id === id)?.name;
    expect(name(nl.labels, 'billing')).toBe('Facturen');
    expect(name(nl.labels, 'praise')).toBe('Compliment');
    expect(name(en.labels, 'billing')).toBe('Billing');
    expect(name(en.labels, 'outage')).toBe('Outage');
    expect(JSON.stringify(nl.conversations)).toBe(JSON.stringify(en.conversations));
    expect(generateDemoInbox(small).labels).toEqual(en.labels);
  });

  it('keeps posts and replies within the length limit of their channel', () => {
    for (const m of inbox.messages) {
      const limit = CHANNEL_REPLY_LIMIT[m.channel];
      if (m.direction !== 'note' && limit !== null) expect([...m.text].length).toBeLessThanOrEqual(limit);
    }
  });

  it('keeps author counters consistent with the messages', () => {
    const counts = new Map<
      string,
      { messages: number; conversations: Set<string>; first: number; last: number }
    >();
    for (const m of inbox.messages) {
      if (m.direction === 'note') continue;
      const c = counts.get(m.authorId) ?? {
        messages: 0,
        conversations: new Set<string>(),
        first: Infinity,
        last: -Infinity,
      };
      c.messages++;
      c.conversations.add(m.conversationId);
      c.first = Math.min(c.first, m.createdAt);
      c.last = Math.max(c.last, m.createdAt);
      counts.set(m.authorId, c);
    }
    for (const a of inbox.authors) {
      const c = counts.get(a.id)!;
      expect(a.messageCount).toBe(c.messages);
      expect(a.conversationCount).toBe(c.conversations.size);
      expect(a.firstSeenAt).toBe(c.first);
      expect(a.lastSeenAt).toBe(c.last);
    }
    expect(inbox.authors.some((a) => a.conversationCount > 1 && !a.id.includes(':brand-'))).toBe(true);
  });

  it('indexes subject, author and message words for search', () => {
    const email = inbox.conversations.find((c) => c.channel === 'email' && c.subject)!;
    for (const t of searchTokens(email.subject!)) expect(email.searchTokens).toContain(t);
    const ms = byConversation.get(email.id)!;
    for (const t of searchTokens(ms[0]!.text).slice(0, 5)) expect(email.searchTokens).toContain(t);
  });

  it('seeds the escalation: verified ~48k author, third contact in 24 h, unanswered for ~2 h, press threat', () => {
    const c = inbox.conversations.find((x) => x.id === DEMO_ESCALATION_CONVERSATION_ID)!;
    expect(c.channel).toBe('x');
    expect(c.public).toBe(true);
    expect(c.status).toBe('open');
    const author = inbox.authors.find((a) => a.id === c.authorId)!;
    expect(author.verified).toBe(true);
    expect(author.followers).toBeGreaterThan(45_000);
    expect(author.followers).toBeLessThan(50_000);
    const incoming = byConversation.get(c.id)!.filter((m) => m.direction === 'incoming');
    expect(incoming).toHaveLength(3);
    expect(incoming.every((m) => m.createdAt > NOW - 24 * 3600_000)).toBe(true);
    const threat = incoming[2]!;
    expect(threat.id).toBe(DEMO_ESCALATION_MESSAGE_ID);
    expect(threat.text).toMatch(/Consumentenbond/);
    expect(threat.text).toMatch(/pers/);
    expect(threat.metrics!.replies + threat.metrics!.reposts).toBeGreaterThan(100);
    expect(c.waitingSince).toBe(threat.createdAt);
    expect(NOW - c.waitingSince!).toBeGreaterThan(1.5 * 3600_000);
    expect(NOW - c.waitingSince!).toBeLessThan(2.5 * 3600_000);
  });

  it('seeds a burst of negative public outage posts from first-time authors in the last 30 minutes', () => {
    const burst = inbox.conversations.filter((c) => c.id.startsWith(DEMO_BURST_CONVERSATION_PREFIX));
    expect(burst).toHaveLength(DEMO_BURST_SIZE);
    const authors = new Map(inbox.authors.map((a) => [a.id, a]));
    for (const c of burst) {
      expect(c.brand).toBe('belnet');
      expect(c.public).toBe(true);
      expect(c.lastMessageAt).toBeGreaterThan(NOW - 31 * 60_000);
      expect(authors.get(c.authorId)!.messageCount).toBe(1);
      expect(authors.get(c.authorId)!.firstSeenAt).toBe(c.lastMessageAt);
      expect(byConversation.get(c.id)![0]!.text.toLowerCase()).toMatch(
        /storing|outage|offline|internet|verbinding/,
      );
    }
  });

  it('can leave the escalation out', () => {
    const plain = generateDemoInbox({ ...OPTS, conversations: 50, escalation: false });
    expect(plain.conversations.some((c) => c.id === DEMO_ESCALATION_CONVERSATION_ID)).toBe(false);
    expect(plain.conversations).toHaveLength(50);
  });
});

describe('generateDemoBatches', () => {
  it('streams the same rows as the whole inbox, in batches, stopping at maxMessages', () => {
    const batches = [...generateDemoBatches({ ...OPTS, batchSize: 200 })];
    expect(batches.length).toBeGreaterThan(10);
    expect(batches.flatMap((b) => b.messages)).toEqual(inbox.messages);
    const limited = [
      ...generateDemoBatches({
        ...OPTS,
        conversations: Number.POSITIVE_INFINITY,
        maxMessages: 5000,
        batchSize: 100,
      }),
    ];
    const total = limited.reduce((s, b) => s + b.messages.length, 0);
    expect(total).toBeGreaterThanOrEqual(5000);
    expect(total).toBeLessThan(5200);
  }, 30_000);

  it('emits authors as upserts whose last version holds the final counters', () => {
    const last = new Map<string, number>();
    for (const b of generateDemoBatches({ ...OPTS, batchSize: 100 }))
      for (const a of b.authors) last.set(a.id, a.messageCount);
    for (const a of inbox.authors) expect(last.get(a.id)).toBe(a.messageCount);
  }, 30_000);
});
