// The storage contract core code is given (it never touches browser storage itself): the shape of
// browser.storage.session / storage.local, so those can be passed in directly, and an in-memory one.

/** Matches the shape of browser.storage.session / storage.local. */
export interface KeyValueStore {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** A KeyValueStore in memory, copying values as browser storage does (for a browser without storage.session,
 *  and for tests). */
export function createMemoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys) {
      return Object.fromEntries(
        [...data].filter(([k]) => keys === null || keys.includes(k)).map(([k, v]) => [k, structuredClone(v)]),
      );
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of keys) data.delete(k);
    },
  };
}
