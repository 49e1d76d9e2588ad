// DOM writes are batched apart from detection and applied once per animation frame, a measured share at a time
// (bench/page). Every text node we split makes the browser lay its paragraph out again: about 0.1 ms per
// paragraph on the 1 MB benchmark page whatever the wrapper's style (measured: even `text.data = text.data` costs
// the same), so the relayout, not our code, is most of an annotation's cost. Writing in a
// requestAnimationFrame callback puts that relayout in the same task, right after the writes, once per frame;
// the number of writes per frame follows what the previous frames cost, so no frame grows past FRAME_MS.
import type { Detection } from '../detect/find-numbers.ts';

export interface PendingWrite {
  text: Text;
  /** The text the detections were computed on; a changed node is skipped (the watcher rescans it). */
  data: string;
  detections: Detection[];
}

/** What one frame (our writes plus the page's relayout, style and paint) may cost. The long-task limit is 50 ms. */
const FRAME_MS = 35;
const FIRST_FRAME_WRITES = 50;
const MIN_FRAME_WRITES = 10;
const MAX_FRAME_WRITES = 2000;

/**
 * A frame costs a fixed part (bench/page: 15–20 ms of pre-paint and paint whenever anything was laid out) plus a
 * part per write (about 0.1 ms there). Both are estimated from the frames measured so far (a least-squares line
 * over recent frames, older ones fading), so each frame gets as many writes as fit in FRAME_MS.
 */
class FrameCost {
  private n = 0;
  private sx = 0;
  private sy = 0;
  private sxx = 0;
  private sxy = 0;

  add(writes: number, ms: number): void {
    const keep = 0.7;
    this.n = this.n * keep + 1;
    this.sx = this.sx * keep + writes;
    this.sy = this.sy * keep + ms;
    this.sxx = this.sxx * keep + writes * writes;
    this.sxy = this.sxy * keep + writes * ms;
  }

  /** Writes that fit in `budget` ms, or undefined while the frames measured cannot tell. */
  writesFor(budget: number): number | undefined {
    const d = this.n * this.sxx - this.sx * this.sx;
    if (this.n < 2 || d <= 1e-6 * this.sxx * this.n) return undefined;
    const perWrite = Math.max(0.01, (this.n * this.sxy - this.sx * this.sy) / d);
    const fixed = Math.max(0, (this.sy - perWrite * this.sx) / this.n);
    return (budget - fixed) / perWrite;
  }
}

export class WriteBatch {
  private pending: PendingWrite[] = [];
  private next = 0;
  private readonly cost = new FrameCost();
  private last = 0;
  private frames = 0;
  /** While held, detection goes on but nothing is written (settings not loaded yet: the site may be off). */
  held = false;

  constructor(private readonly apply: (write: PendingWrite) => void) {}

  add(write: PendingWrite): void {
    if (this.next === this.pending.length) {
      this.pending = [];
      this.next = 0;
    }
    this.pending.push(write);
  }

  get size(): number {
    return this.pending.length - this.next;
  }

  /** Writes the next frame may apply: what fits by the measured costs, at most 1.5 times the most so far. */
  get perFrame(): number {
    if (this.last === 0) return FIRST_FRAME_WRITES;
    const fit = this.cost.writesFor(FRAME_MS) ?? 1.5 * this.last;
    return Math.floor(Math.max(MIN_FRAME_WRITES, Math.min(MAX_FRAME_WRITES, 1.5 * this.last, fit)));
  }

  /** Apply this frame's share of the waiting writes; returns how many were applied. */
  flushFrame(): number {
    const end = Math.min(this.pending.length, this.next + this.perFrame);
    const from = this.next;
    while (this.next < end) this.apply(this.pending[this.next++]!);
    return this.next - from;
  }

  /** A frame with `writes` writes took `ms` from our writes to the end of the browser's rendering. */
  measured(writes: number, ms: number): void {
    // The first frame also carries whatever the page itself left to lay out: not a measure of our writes.
    if (writes === 0 || this.frames++ === 0) return;
    this.cost.add(writes, ms);
    this.last = Math.max(this.last, writes);
  }

  clear(): void {
    this.pending = [];
    this.next = 0;
  }
}
