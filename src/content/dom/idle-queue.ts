// Work in idle slices of a few milliseconds (issue 3, "Everywhere else"; aesthetics.md: uBlock Origin never
// works inside the observer callback). Jobs are generators that yield after each small unit of work.

export type Job = Generator<void, void, void>;

const SLICE_MS = 8;

export class IdleQueue {
  private readonly jobs: Job[] = [];
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly win: Window,
    /** Runs at the start of every slice (e.g. turns pending mutation records into jobs). */
    private readonly beforeSlice: () => void,
    /** Runs when the queue has drained. */
    private readonly onDrained: () => void,
  ) {}

  push(job: Job): void {
    this.jobs.push(job);
    this.schedule();
  }

  schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    const run = (deadline?: IdleDeadline) => this.slice(deadline);
    if (typeof this.win.requestIdleCallback === 'function') this.win.requestIdleCallback(run, { timeout: 250 });
    else this.win.setTimeout(run, 1);
  }

  get idle(): boolean {
    return this.jobs.length === 0 && !this.scheduled;
  }

  stop(): void {
    this.stopped = true;
    this.jobs.length = 0;
  }

  private slice(deadline?: IdleDeadline): void {
    this.scheduled = false;
    if (this.stopped) return;
    const budget = Math.max(2, Math.min(SLICE_MS, deadline && !deadline.didTimeout ? deadline.timeRemaining() : SLICE_MS));
    const end = performance.now() + budget;
    this.beforeSlice();
    while (this.jobs.length > 0 && performance.now() < end) {
      if (this.jobs[0]!.next().done) this.jobs.shift();
    }
    if (this.jobs.length > 0) this.schedule();
    else this.onDrained();
  }
}
