// The numbers each tab's content script reported, kept in storage.session (the worker may be stopped at any
// time; nothing that matters lives only in memory). Feeds the popup and the action badge.
import type { KeyValueStore } from '../core/enum/cache.ts';
import type { TabNumber } from '../shared/protocol.ts';

const key = (tabId: number, frameId: number) => `tab:${tabId}:${frameId}`;

export class TabNumbers {
  constructor(private readonly store: KeyValueStore) {}

  /** Replace one frame's list (each frame of a tab reports its own numbers). */
  async report(tabId: number, frameId: number, numbers: TabNumber[]): Promise<void> {
    await this.store.set({ [key(tabId, frameId)]: numbers });
  }

  /** Update the state of one number wherever it appears in the tab. */
  async setState(tabId: number, e164: string, state: TabNumber['state']): Promise<void> {
    const frames = await this.#frames(tabId);
    const changed: Record<string, TabNumber[]> = {};
    for (const [k, list] of frames) {
      if (list.some((n) => n.e164 === e164 && n.state !== state)) changed[k] = list.map((n) => (n.e164 === e164 ? { ...n, state } : n));
    }
    if (Object.keys(changed).length) await this.store.set(changed);
  }

  /** All numbers of a tab, de-duplicated across frames, in report order. */
  async list(tabId: number): Promise<TabNumber[]> {
    const seen = new Map<string, TabNumber>();
    for (const [, list] of await this.#frames(tabId)) for (const n of list) if (!seen.has(n.e164)) seen.set(n.e164, n);
    return [...seen.values()];
  }

  async forget(tabId: number): Promise<void> {
    const keys = (await this.#frames(tabId)).map(([k]) => k);
    if (keys.length) await this.store.remove(keys);
  }

  async #frames(tabId: number): Promise<[string, TabNumber[]][]> {
    const all = await this.store.get(null);
    const prefix = `tab:${tabId}:`;
    return Object.entries(all).filter((e): e is [string, TabNumber[]] => e[0].startsWith(prefix) && Array.isArray(e[1]));
  }
}

