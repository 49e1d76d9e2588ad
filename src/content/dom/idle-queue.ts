// Work in idle slices of a few milliseconds (issue 3, "Everywhere else"; aesthetics.md: uBlock Origin never
// works inside the observer callback). Jobs are generators that yield after each small unit of work.
// A burst of work starts in an idle callback (when the page is idle) and continues in slices posted through a
// private MessageChannel, yielding to the browser (input, rendering, the page's tasks) after every slice.
// Idle callbacks alone left most of each 50 ms idle period unused (bench/page: 12× the matcher's time).

import { WRITE_SLICE_MS, type WriteBatch } from './write-batch.ts';

export type Job = Generator<void, void, void>;

const SLICE_MS = 8;

export class IdleQueue {
  private readonly jobs: Job[] = [];
  private scheduled = false;
  private stopped = false;
  /** Between slices of one burst of work: continue through a private MessageChannel (no 4 ms timer clamp). */
  private continuing = false;
  private readonly channel = new MessageChannel();

  constructor(
    private readonly win: Window,
    /** Runs at the start of every slice (e.g. turns pending mutation records into jobs). */
    private readonly beforeSlice: () => void,
    /** Runs when the queue has drained. */
    private readonly onDrained: () => void,
    /** DOM writes the jobs produced, applied in batches (write-batch.ts). */
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
    this.schedule();
  }

  get idle(): boolean {
    return this.jobs.length === 0 && this.writes.size === 0 && !this.scheduled;
  }

  stop(): void {
    this.stopped = true;
    this.jobs.length = 0;
    this.writes.clear();
  }

  private slice(deadline?: IdleDeadline): void {
    this.scheduled = false;
    if (this.stopped) return;
    const budget = Math.max(2, Math.min(SLICE_MS, deadline && !deadline.didTimeout ? deadline.timeRemaining() : SLICE_MS));
    const end = performance.now() + budget;
    this.beforeSlice();
    if (this.writes.due(this.jobs.length === 0)) {
      this.writes.flush(performance.now() + WRITE_SLICE_MS);
      if (this.writes.size > 0) {
        this.continuing = true;
        return this.schedule();
      }
    }
    while (this.jobs.length > 0 && performance.now() < end) {
      if (this.jobs[0]!.next().done) this.jobs.shift();
    }
    this.continuing = this.jobs.length > 0 || (this.writes.size > 0 && !this.writes.held);
    if (this.continuing) this.schedule();
    else this.onDrained();
  }
}
