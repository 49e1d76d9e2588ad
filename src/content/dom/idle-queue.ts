// Work in idle slices of a few milliseconds (issue 3, "Everywhere else"; aesthetics.md: uBlock Origin never
// works inside the observer callback). Jobs are generators that yield after each small unit of work.
// A burst of work starts in an idle callback (when the page is idle) and continues in slices posted through a
// private MessageChannel, yielding to the browser (input, rendering, the page's tasks) after every slice.
// Idle callbacks alone left most of each 50 ms idle period unused (bench/page: 12× the matcher's time).
// DOM writes go apart from detection, in animation frames (write-batch.ts): detection fills the time between
// frames, each frame writes what detection found so far, and the browser relays out once per frame.

import type { WriteBatch } from './write-batch.ts';

export type Job = Generator<void, void, void>;

const SLICE_MS = 8;
/** Hidden tabs get no animation frames: write anyway after this long. */
const FRAME_FALLBACK_MS = 250;

export class IdleQueue {
  private readonly jobs: Job[] = [];
  private scheduled = false;
  private stopped = false;
  /** Between slices of one burst of work: continue through a private MessageChannel (no 4 ms timer clamp). */
  private continuing = false;
  private readonly channel = new MessageChannel();
  private frameRequested = false;
  private frameId = 0;
  private frameTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last frame's writes and start, measured when our next task runs (after the browser rendered). */
  private frameWrites = 0;
  private frameStart = 0;

  constructor(
    private readonly win: Window,
    /** Runs at the start of every slice (e.g. turns pending mutation records into jobs). */
    private readonly beforeSlice: () => void,
    /** Runs when the queue has drained. */
    private readonly onDrained: () => void,
    /** DOM writes the jobs produced, applied in animation frames (write-batch.ts). */
    private readonly writes: WriteBatch,
  ) {
    this.channel.port1.onmessage = () => this.slice();
  }

  push(job: Job): void {
    this.jobs.push(job);
    this.schedule();
  }

  schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    const run = (deadline?: IdleDeadline) => this.slice(deadline);
    if (this.continuing) {
      this.channel.port2.postMessage(null);
      return;
    }
    if (typeof this.win.requestIdleCallback === 'function') this.win.requestIdleCallback(run, { timeout: 250 });
    else this.win.setTimeout(run, 1);
  }

  /** Start applying held writes (write-batch.ts `held`). */
  release(): void {
    this.writes.held = false;
    this.requestFrame();
    this.schedule();
  }

  get idle(): boolean {
    return this.jobs.length === 0 && this.writes.size === 0 && !this.scheduled && !this.frameRequested;
  }

  stop(): void {
    this.stopped = true;
    this.jobs.length = 0;
    this.writes.clear();
    this.cancelFrame();
  }

  /** Ask for a frame once a frame's worth of writes is waiting (each frame has a fixed cost) or detection is done. */
  private requestFrame(): void {
    if (this.frameRequested || this.stopped || this.writes.held || this.writes.size === 0) return;
    if (this.writes.size < this.writes.perFrame && this.jobs.length > 0) return;
    this.frameRequested = true;
    this.frameId = this.win.requestAnimationFrame(this.frame);
    this.frameTimer = setTimeout(this.frame, FRAME_FALLBACK_MS);
  }

  private cancelFrame(): void {
    this.frameRequested = false;
    this.win.cancelAnimationFrame(this.frameId);
    clearTimeout(this.frameTimer);
  }

  private readonly frame = (): void => {
    this.cancelFrame();
    if (this.stopped || this.writes.held) return;
    this.measureFrame();
    this.frameStart = performance.now();
    this.frameWrites = this.writes.flushFrame();
    // Our next task runs after the browser has laid out and painted this frame: it measures what the frame cost.
    this.continuing = true;
    this.schedule();
    this.requestFrame();
  };

  private measureFrame(): void {
    if (this.frameStart === 0) return;
    this.writes.measured(this.frameWrites, performance.now() - this.frameStart);
    this.frameStart = 0;
  }

  private slice(deadline?: IdleDeadline): void {
    this.scheduled = false;
    if (this.stopped) return;
    this.measureFrame();
    const budget = Math.max(2, Math.min(SLICE_MS, deadline && !deadline.didTimeout ? deadline.timeRemaining() : SLICE_MS));
    const end = performance.now() + budget;
    this.beforeSlice();
    while (this.jobs.length > 0 && performance.now() < end) {
      if (this.jobs[0]!.next().done) this.jobs.shift();
    }
    this.requestFrame();
    this.continuing = this.jobs.length > 0;
    if (this.continuing) this.schedule();
    else if (this.writes.size === 0 || this.writes.held) this.onDrained();
  }
}
