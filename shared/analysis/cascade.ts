/**
 * Thread-cascade detector of the crisis radar: reactions by *other people* to complaints (a reply,
 * a quote or a repost of a complaint, or of a non-positive message in a thread a complaint
 * started), counted per brand by a Poisson CUSUM against the brand's own rate of such reactions,
 * scaled by how busy the brand is right now (diurnal). It needs no shared words: a cascade of
 * differently worded complaints with "same here", "any update?" and reposts from many authors is
 * seen by its shape. A customer talking with the brand's agent in their own thread is not a
 * reaction by someone else, and reactions to praise (a campaign, a viral compliment) never count.
 */
import type { Reason } from './reasons.ts';

const MIN = 60_000;
/** Window of the rate estimate (as the topic detector's burst window). */
const W = 15 * MIN;
/** How long a message can still be reacted to here. */
const KEEP = 6 * 60 * MIN;
/** No second alert at one brand within this gap (a cascade on alert keeps its reactions coming). */
const GAP = 2 * 60 * MIN;

interface Node {
  author: string;
  rootAuthor: string;
  /** The message is a complaint, or it sits (not positive) in a thread a complaint started. */
  negative: boolean;
  root: string;
  t: number;
}

interface Reaction {
  t: number;
  id: string;
  root: string;
  author: string;
  followers: number;
  severity: number;
}

interface BrandCascade {
  rate: number;
  binStart: number;
  binCount: number;
  cusum: number;
  at: number;
  run: Reaction[];
  lastAlert: number;
  since: number;
  /** The latest message of each handle at this brand (a repost "RT @handle:" points at it). */
  byHandle: Map<string, string>;
}

export interface CascadeInput {
  id: string;
  t: number;
  brand: string;
  author: string;
  handle: string | null;
  followers: number;
  inReplyTo: string | null;
  text: string;
  /** The model calls it a complaint (negative polarity alone is too loose: praise spikes have some). */
  complaint: boolean;
  positive: boolean;
  severity: number;
}

export interface CascadeEvidence {
  brand: string;
  messageIds: string[];
  /** The thread roots the reactions went to, most reacted first. */
  roots: string[];
  reactions: number;
  authors: number;
  spanMin: number;
  ratio: number;
  reach: number;
  meanSeverity: number;
}

export interface CascadeOptions {
  rho?: number;
  h?: number;
  /** Minimum reactions and distinct reacting authors in the run. */
  minReactions?: number;
  minAuthors?: number;
}

const RT = /^rt @(\w{1,30})\b/i;

/** Creates the detector; `observe` each message in event-time order. */
export function createCascadeDetector(opts: CascadeOptions = {}): {
  observe(m: CascadeInput, busy: number): CascadeEvidence | null;
} {
  const rho = opts.rho ?? 4;
  const lnRho = Math.log(rho);
  const h = opts.h ?? 6;
  const minReactions = opts.minReactions ?? 6;
  const minAuthors = opts.minAuthors ?? 5;
  const nodes = new Map<string, Node>();
  const order: Array<[string, number]> = [];
  let head = 0;
  const brands = new Map<string, BrandCascade>();

  const prune = (t: number): void => {
    while (head < order.length && (order[head] as [string, number])[1] < t - KEEP) {
      nodes.delete((order[head] as [string, number])[0]);
      head++;
    }
    if (head > 4096 && head * 2 > order.length) {
      order.splice(0, head);
      head = 0;
    }
  };

  /** Incoming messages only: a brand's own replies are not reactions and start no thread here. */
  function observe(m: CascadeInput, busy: number): CascadeEvidence | null {
    prune(m.t);
    let b = brands.get(m.brand);
    if (!b) {
      b = {
        rate: 0,
        binStart: m.t,
        binCount: 0,
        cusum: 0,
        at: m.t,
        run: [],
        lastAlert: -Infinity,
        since: m.t,
        byHandle: new Map(),
      };
      brands.set(m.brand, b);
    }
    // Roll the brand's rate of reactions (EWMA per window, capped so that a rise cannot teach itself fast).
    while (m.t - b.binStart >= W) {
      const x = Math.min(b.binCount, b.rate + 2 * Math.sqrt(Math.max(b.rate, 0.25)));
      b.rate = 0.9 * b.rate + 0.1 * x;
      b.binCount = 0;
      b.binStart += W;
      if (m.t - b.binStart > 8 * W) b.binStart = m.t;
    }
    let parentId = m.inReplyTo;
    if (!parentId) {
      const rt = RT.exec(m.text);
      if (rt) parentId = b.byHandle.get((rt[1] as string).toLowerCase()) ?? null;
    }
    const parent = parentId ? nodes.get(parentId) : undefined;
    const node: Node = {
      author: m.author,
      rootAuthor: parent ? parent.rootAuthor : m.author,
      negative: m.complaint || (parent !== undefined && parent.negative && !m.positive),
      root: parent ? parent.root : m.id,
      t: m.t,
    };
    nodes.set(m.id, node);
    order.push([m.id, m.t]);
    if (m.handle) b.byHandle.set(m.handle.toLowerCase(), m.id);
    if (b.byHandle.size > 50_000) b.byHandle.clear();

    // Someone else's reaction: not the parent's author, not the thread starter talking on.
    const reaction =
      parent !== undefined &&
      parent.negative &&
      parent.author !== m.author &&
      node.rootAuthor !== m.author &&
      !m.positive;
    if (!reaction) return null;
    b.binCount++;
    const mu = Math.max(b.rate, 0.05) * Math.max(1, busy);
    b.cusum = Math.max(0, b.cusum - ((rho - 1) * mu * (m.t - b.at)) / W);
    if (b.cusum === 0) b.run = [];
    b.cusum += lnRho;
    b.at = m.t;
    b.run.push({
      t: m.t,
      id: m.id,
      root: node.root,
      author: m.author,
      followers: m.followers,
      severity: m.severity,
    });
    if (b.run.length > 200) b.run.shift();
    // The brand's first hours teach its rate; a gap after an alert.
    if (b.cusum < h || m.t - b.since < 3 * 60 * MIN || m.t - b.lastAlert < GAP) return null;
    const run = b.run;
    const authors = new Set(run.map((r) => r.author));
    if (run.length < minReactions || authors.size < minAuthors) return null;
    const span = Math.max(W, m.t - (run[0] as Reaction).t);
    const ratio = run.length / Math.max(1e-9, (mu * span) / W);
    if (ratio < 3) return null;
    b.lastAlert = m.t;
    b.cusum = 0;
    b.run = [];
    const perRoot = new Map<string, number>();
    for (const r of run) perRoot.set(r.root, (perRoot.get(r.root) ?? 0) + 1);
    const roots = [...perRoot.entries()].sort((x, y) => y[1] - x[1]).map(([id]) => id);
    return {
      brand: m.brand,
      messageIds: [...roots.slice(0, 20), ...run.map((r) => r.id)],
      roots,
      reactions: run.length,
      authors: authors.size,
      spanMin: Math.round(span / MIN),
      ratio,
      reach: run.reduce((s, r) => s + r.followers, 0),
      meanSeverity: run.reduce((s, r) => s + r.severity, 0) / run.length,
    };
  }
  return { observe };
}

/** The alert reasons of cascade evidence, with the radar's reason codes. */
export function cascadeReasons(
  e: CascadeEvidence,
  reason: (code: string, value: string | number, weight: number) => Reason,
): Reason[] {
  return [
    reason('radar.engagement', e.reactions, 8 * Math.log2(Math.max(1, e.ratio))),
    reason('radar.volumeSince', `${e.reactions} in ${e.spanMin}`, 4),
    reason('radar.ratio', Math.round(e.ratio * 10) / 10, 8 * Math.log2(Math.max(1, e.ratio))),
    // A raw count, as the radar's other reasons: the text formats it per language.
    reason('radar.reach', e.reach, 3 * Math.log10(1 + e.reach)),
    reason('radar.severity', Math.round(e.meanSeverity * 100) / 100, 25 * e.meanSeverity),
  ];
}
