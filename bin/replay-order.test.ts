import { describe, expect, it } from 'vitest';
import { EventHeap, SpillSorter } from './replay-order.ts';
import type { Sequenced } from './replay-order.ts';
import type { RadarMessage } from '../shared/analysis/radar.ts';

function messages(n: number): Sequenced[] {
  let x = 7;
  const out: Sequenced[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 48271) % 2147483647;
    const msg: RadarMessage = {
      id: `m${i}`,
      text: `text ${i} é 😡`,
      // Few distinct times, so that ties (kept in input order) are common.
      createdAt: Date.UTC(2026, 0, 1) + (x % 40) * 60000,
      channel: 'x',
      direction: 'incoming',
      public: true,
      author: { id: `a${i}`, handle: null, followers: null, verified: null },
      brand: 'kpn',
      metrics: null,
    };
    out.push({ msg, seq: i, line: i + 1 });
  }
  return out;
}
const stable = (xs: Sequenced[]): string[] =>
  [...xs].sort((a, b) => a.msg.createdAt - b.msg.createdAt || a.seq - b.seq).map((s) => s.msg.id);

describe('event-time order for the radar', () => {
  it('the spilled merge sort gives the stable sort, with runs of any size', () => {
    const xs = messages(250);
    for (const run of [1, 7, 64, 1000]) {
      const sorter = new SpillSorter(run);
      for (const s of xs) sorter.add(s);
      const got: Sequenced[] = [];
      sorter.drain((s) => got.push(s));
      expect(
        got.map((s) => s.msg.id),
        `run ${run}`,
      ).toEqual(stable(xs));
      expect(got[3]?.msg).toEqual(xs.find((s) => s.msg.id === got[3]?.msg.id)?.msg);
    }
  });
  it('the heap pops in the stable order', () => {
    const xs = messages(200);
    const heap = new EventHeap();
    for (const s of xs) heap.push(s);
    const got: string[] = [];
    while (heap.length) got.push(heap.pop().msg.id);
    expect(got).toEqual(stable(xs));
    expect(heap.chars).toBe(0);
  });
});
