/**
 * A hybrid logical clock (Kulkarni et al., 2014): wall time in ms plus a counter, so that events
 * of one device are ordered even when the wall clock stands still or steps back, and events from
 * several devices can be merged into one causal order. Encoded as a string that sorts like the
 * clock: `WWWWWWWWW.CCCC.device` (base-36, fixed width).
 */
export interface Hlc {
  wall: number;
  counter: number;
  device: string;
}

const WALL_WIDTH = 9; // 36^9 ms is beyond the year 5000
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;

/** The clock for a new local event, given the last one this device issued and the wall clock. */
export function tickHlc(last: Hlc | null, now: number, device: string): Hlc {
  const wall = Math.max(Math.floor(now), last?.wall ?? 0);
  const counter = last && wall === last.wall ? last.counter + 1 : 0;
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, device };
  return { wall, counter, device };
}

/** The local clock after seeing a remote event (merging another device's log). */
export function receiveHlc(local: Hlc | null, remote: Hlc, now: number, device: string): Hlc {
  const wall = Math.max(Math.floor(now), local?.wall ?? 0, remote.wall);
  let counter = 0;
  if (local && wall === local.wall && wall === remote.wall)
    counter = Math.max(local.counter, remote.counter) + 1;
  else if (local && wall === local.wall) counter = local.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, device };
  return { wall, counter, device };
}

export function encodeHlc(h: Hlc): string {
  return `${h.wall.toString(36).padStart(WALL_WIDTH, '0')}.${h.counter.toString(36).padStart(COUNTER_WIDTH, '0')}.${h.device}`;
}

export function decodeHlc(text: string): Hlc {
  const [wall, counter, ...device] = text.split('.');
  const h = {
    wall: parseInt(wall ?? '', 36),
    counter: parseInt(counter ?? '', 36),
    device: device.join('.'),
  };
  if (!Number.isFinite(h.wall) || !Number.isFinite(h.counter) || !h.device)
    throw new Error(`not a hybrid logical clock: ${text}`);
  return h;
}
