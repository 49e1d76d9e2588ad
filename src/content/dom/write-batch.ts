// DOM writes are batched apart from detection (bench/page: annotating in every idle slice made the browser
// lay out the page after each one, and a 1 MB page took 12× the matcher's time). Detection runs in idle slices
// that touch nothing, so idle periods stay long; writes are applied in batches — when the scan has drained,
// or every WRITE_EVERY_MS while a long scan goes on, so annotations still appear progressively.
import type { Detection } from '../detect/find-numbers.ts';

export interface PendingWrite {
  text: Text;
  /** The text the detections were computed on; a changed node is skipped (the watcher rescans it). */
  data: string;
  detections: Detection[];
}

const WRITE_EVERY_MS = 1000;
/** Writes get a larger slice than detection: each batch costs the browser one relayout of the page (bench/page:
 * 45–58 ms for 1 MB, whatever the batch size), so fewer, larger batches finish sooner with no longer tasks. */
export const WRITE_SLICE_MS = 20;
const MAX_PENDING = 2000;

export class WriteBatch {
  private pending: PendingWrite[] = [];
  private next = 0;
  private firstAt = 0;
  /** While held, detection goes on but nothing is written (settings not loaded yet: the site may be off). */
  held = false;

  constructor(private readonly apply: (write: PendingWrite) => void) {}

  add(write: PendingWrite): void {
    if (this.next === this.pending.length) {
      this.pending = [];
      this.next = 0;
      this.firstAt = performance.now();
    }
    this.pending.push(write);
  }

  get size(): number {
    return this.pending.length - this.next;
  }

  /** Writes are due: the scan is idle, or enough is waiting, or it has waited long enough. */
  due(scanIdle: boolean): boolean {
    const n = this.size;
    return n > 0 && !this.held && (scanIdle || n >= MAX_PENDING || performance.now() - this.firstAt >= WRITE_EVERY_MS);
  }

  /** Apply waiting writes until `deadline` (performance.now()); true when all are done. */
  flush(deadline: number): boolean {
    while (this.next < this.pending.length) {
      this.apply(this.pending[this.next++]!);
      if ((this.next & 31) === 0 && performance.now() >= deadline) break;
    }
    return this.next === this.pending.length;
  }

  clear(): void {
    this.pending = [];
    this.next = 0;
  }
}
