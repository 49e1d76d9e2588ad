// Work in idle slices of a few milliseconds (uBlock Origin never works inside the observer callback). Jobs are
// generators that yield after each small unit of work. A burst of work starts in an idle callback (when the
// page is idle) and continues in slices posted through a private MessageChannel, yielding to the browser
// (input, rendering, the page's tasks) after every slice. Idle callbacks alone left most of each 50 ms idle
// period unused (bench/page). Marks are highlights: they need no write phase of their own.

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
  ) {
    this.channel.port1.onmessage = () => this.slice();
  }

  /** `soon`: start without waiting for an idle period (the first scan of a page the user just opened). */
  push(job: Job, soon = false): void {
    this.jobs.push(job);
    this.schedule(soon);
  }

  /** `soon`: continue in a task of its own right away (a page edit may have left stale marks to drop). */
  schedule(soon = false): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    if (this.continuing || soon) {
      this.channel.port2.postMessage(null);
      return;
    }
    const run = (deadline?: IdleDeadline) => this.slice(deadline);
    if (typeof this.win.requestIdleCallback === 'function') this.win.requestIdleCallback(run, { timeout: 250 });
    else this.win.setTimeout(run, 1);
  }

  stop(): void {
    this.stopped = true;
    this.jobs.length = 0;
  }

  private slice(deadline?: IdleDeadline): void {
    this.scheduled = false;
    if (this.stopped) return;
    const budget = Math.max(
      2,
      Math.min(SLICE_MS, deadline && !deadline.didTimeout ? deadline.timeRemaining() : SLICE_MS),
    );
    const end = performance.now() + budget;
    this.beforeSlice();
    while (this.jobs.length > 0 && performance.now() < end) {
      if (this.jobs[0]!.next().done) this.jobs.shift();
    }
    this.continuing = this.jobs.length > 0;
    if (this.continuing) this.schedule();
    else this.onDrained();
  }
}
