import type { SeedMessage } from './dovecot.ts';

/**
 * Threaded customer mail for sync tests and benchmarks: `threads` conversations of `perThread`
 * messages, alternating customer and agent, each reply with In-Reply-To and References to the
 * messages before it, spread evenly over the last `spanDays` days. Deterministic.
 */
export interface ThreadedMailbox {
  messages: SeedMessage[];
  /** Message-ID (without <>) → thread number. */
  threadOf: Map<string, number>;
}

const FIRST = ['Sanne', 'Daan', 'Noor', 'Bram', 'Lotte', 'Jesse', 'Eva', 'Thijs', 'Fleur', 'Ruben'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder'];
const TOPICS = [
  'Storing internet',
  'Factuur klopt niet',
  'Pakket niet ontvangen',
  'Opzeggen abonnement',
  'Monteur niet gekomen',
];

export function threadedMailbox(options: {
  threads: number;
  perThread: number;
  agent: string;
  now: number;
  spanDays?: number;
  /** Also give each customer message an HTML part. */
  html?: boolean;
  /** Put the agent's messages in this folder (e.g. Sent) instead of INBOX. */
  agentFolder?: string;
}): ThreadedMailbox {
  const { threads, perThread, agent, now } = options;
  const span = (options.spanDays ?? 20) * 86_400_000;
  const total = threads * perThread;
  const step = Math.floor(span / Math.max(1, total));
  const messages: SeedMessage[] = [];
  const threadOf = new Map<string, number>();
  const ids: string[][] = Array.from({ length: threads }, () => []);
  // Interleave threads in time, as real mail arrives.
  for (let n = 0; n < total; n += 1) {
    const t = n % threads;
    const i = Math.floor(n / threads);
    const date = new Date(now - span + n * step);
    const customer = `${FIRST[t % FIRST.length]} ${LAST[t % LAST.length]}`;
    const customerAddress = `klant${t}@example.net`;
    const fromAgent = i % 2 === 1;
    const id = `t${t}-m${i}@${fromAgent ? 'example.test' : 'example.net'}`;
    const previous = ids[t]!;
    const subject = `${i === 0 ? '' : 'Re: '}${TOPICS[t % TOPICS.length]} #${t}`;
    const body = fromAgent
      ? `Beste ${customer},\n\nDank voor je bericht. We kijken ernaar (stap ${i}).\n\nGroet,\nTeam Webcare`
      : `Hallo,\n\nBericht ${i} in gesprek ${t}: het probleem is er nog steeds.\n\n> eerder bericht\n> nog een regel\n\n-- \n${customer}`;
    const headers = [
      `From: ${fromAgent ? `Team Webcare <${agent}>` : `${customer} <${customerAddress}>`}`,
      `To: ${fromAgent ? customerAddress : agent}`,
      `Subject: ${subject}`,
      `Date: ${date.toUTCString()}`,
      `Message-ID: <${id}>`,
      ...(previous.length > 0
        ? [
            `In-Reply-To: <${previous[previous.length - 1]}>`,
            `References: ${previous.map((p) => `<${p}>`).join(' ')}`,
          ]
        : []),
      'MIME-Version: 1.0',
    ];
    let raw: string;
    if (options.html && !fromAgent) {
      const boundary = `b-${t}-${i}`;
      raw = [
        ...headers,
        `Content-Type: multipart/alternative; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        body,
        `--${boundary}`,
        'Content-Type: text/html; charset=utf-8',
        '',
        `<p>${body.replace(/\n/g, '<br>')}</p><img src="https://tracker.example.com/p.gif">`,
        `--${boundary}--`,
        '',
      ].join('\n');
    } else {
      raw = [...headers, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\n');
    }
    messages.push({
      raw,
      date,
      seen: fromAgent,
      ...(fromAgent && options.agentFolder ? { folder: options.agentFolder } : {}),
    });
    previous.push(id);
    threadOf.set(id, t);
  }
  return { messages, threadOf };
}
