// Small async building blocks shared by the core.

/** Run `task` once per key at a time: concurrent callers share the promise in flight. */
export class InFlight<V> {
  readonly #pending = new Map<string, Promise<V>>();

  run(key: string, task: () => Promise<V>): Promise<V> {
    const existing = this.#pending.get(key);
    if (existing) return existing;
    const p = task().finally(() => this.#pending.delete(key));
    this.#pending.set(key, p);
    return p;
  }
}

/** Lets queued tasks (timers, messages from other pages) run before the caller goes on: a macrotask, not a
 *  microtask, so a long synchronous job split by it cannot starve the event loop. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
