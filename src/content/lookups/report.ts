// Batched `reportNumbers` (protocol.ts): at most one message per idle period with every number on the page.
import type { EnumState, TabNumber } from '../../shared/protocol.ts';

const MAX_REPORTED = 10_000;

export class NumberReport {
  private timer: number | undefined;
  private last = '';

  constructor(
    private readonly win: Window,
    private readonly collect: () => string[],
    private readonly stateOf: (e164: string) => EnumState,
    private readonly send: (numbers: TabNumber[]) => void,
  ) {}

  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = this.win.setTimeout(() => {
      this.timer = undefined;
      const numbers = this.collect()
        .slice(0, MAX_REPORTED)
        .map((e164) => ({ e164, state: this.stateOf(e164) }));
      const key = JSON.stringify(numbers);
      if (key === this.last) return;
      this.last = key;
      this.send(numbers);
    }, 1000);
  }

  cancel(): void {
    if (this.timer !== undefined) this.win.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
