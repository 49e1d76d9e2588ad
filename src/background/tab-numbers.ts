// The numbers each tab's content script reported, kept in storage.session (the worker may be stopped at any
// time; nothing that matters lives only in memory). Feeds the popup and the action badge.
// One key per tab ("tab:<id>" → {frameId: numbers}), so reading a tab never reads the rest of the session store
// (which also mirrors the lookup cache).
import type { KeyValueStore } from '../core/store.ts';
import type { TabNumber } from '../shared/protocol.ts';

type Frames = Record<string, TabNumber[]>;

const key = (tabId: number) => `tab:${tabId}`;
const partitionKey = (tabId: number) => `tab-partition:${tabId}`;

/** Numbers kept per tab across all its frames (README "Hostile zones"): a page of frames full of `tel:` links
 *  must not fill storage.session (10 MB, shared with the lookup cache). Frames that report first keep theirs. */
export const MAX_TAB_NUMBERS = 1000;

export class TabNumbers {
  /** Read-modify-write of one tab's key, one at a time (frames report concurrently). */
  readonly #queues = new Map<number, Promise<unknown>>();

  constructor(private readonly store: KeyValueStore) {}

  #serial<T>(tabId: number, task: () => Promise<T>): Promise<T> {
    const run = (this.#queues.get(tabId) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => undefined);
    this.#queues.set(tabId, tail);
    void tail.then(() => this.#queues.get(tabId) === tail && this.#queues.delete(tabId));
    return run;
  }

  /** Replace one frame's list (each frame of a tab reports its own numbers). */
  report(tabId: number, frameId: number, numbers: TabNumber[]): Promise<void> {
    return this.#serial(tabId, async () => {
      const frames = await this.#frames(tabId);
      delete frames[String(frameId)];
      const others = Object.values(frames).reduce((n, list) => n + list.length, 0);
      frames[String(frameId)] = numbers.slice(0, Math.max(0, MAX_TAB_NUMBERS - others));
      await this.store.set({ [key(tabId)]: frames });
    });
  }

  /** Update the state of one number wherever it appears in the tab; resolves to whether anything changed. */
  setState(tabId: number, e164: string, state: TabNumber['state']): Promise<boolean> {
    return this.#serial(tabId, async () => {
      const frames = await this.#frames(tabId);
      let changed = false;
      for (const [frame, list] of Object.entries(frames)) {
        if (!list.some((n) => n.e164 === e164 && n.state !== state)) continue;
        frames[frame] = list.map((n) => (n.e164 === e164 ? { ...n, state } : n));
        changed = true;
      }
      if (changed) await this.store.set({ [key(tabId)]: frames });
      return changed;
    });
  }

  /** All numbers of a tab, de-duplicated across frames, in report order. */
  async list(tabId: number): Promise<TabNumber[]> {
    const seen = new Map<string, TabNumber>();
    for (const list of Object.values(await this.#frames(tabId)))
      for (const n of list) if (!seen.has(n.e164)) seen.set(n.e164, n);
    return [...seen.values()];
  }

  forget(tabId: number): Promise<void> {
    return this.#serial(tabId, () => this.store.remove([key(tabId), partitionKey(tabId)]));
  }

  /** Remember the cache partition of the tab's page (the popup reads the tab's numbers from it). */
  async setPartition(tabId: number, partition: string): Promise<void> {
    if ((await this.partition(tabId)) !== partition) await this.store.set({ [partitionKey(tabId)]: partition });
  }

  /** The cache partition of the tab's page, or undefined before its content script asked for anything. */
  async partition(tabId: number): Promise<string | undefined> {
    const stored = (await this.store.get([partitionKey(tabId)]))[partitionKey(tabId)];
    return typeof stored === 'string' ? stored : undefined;
  }

  async #frames(tabId: number): Promise<Frames> {
    const stored = (await this.store.get([key(tabId)]))[key(tabId)];
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
    return Object.fromEntries(Object.entries(stored).filter((e): e is [string, TabNumber[]] => Array.isArray(e[1])));
  }
}
