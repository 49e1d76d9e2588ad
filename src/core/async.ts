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
