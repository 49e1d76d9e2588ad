// A TTL-honouring, size-bounded cache with an injected clock and an optional persistent mirror.
// The service worker mirrors it to storage.session (MV3 stops idle workers; a restarted worker must answer
// from cache without a new query); without a store it lives in memory only.
import type { KeyValueStore } from '../store.ts';

export interface CacheEntry<V> {
  value: V;
  /** Epoch ms when stored and when it stops being fresh. */
  storedAt: number;
  expiresAt: number;
}

export interface TtlCacheOptions {
  maxEntries: number;
  now: () => number;
  store?: KeyValueStore;
  /** Key prefix in the store, so one storage area can hold other things too. */
  prefix?: string;
}

export class TtlCache<V> {
  readonly #entries = new Map<string, CacheEntry<V>>();
  readonly #opts: Required<Omit<TtlCacheOptions, 'store'>> & { store?: KeyValueStore };
  #hydrated: Promise<void> | undefined;

  constructor(opts: TtlCacheOptions) {
    this.#opts = { prefix: 'cache:', ...opts };
  }

  /** Fresh entry for `key`, or undefined. A hit moves the entry to the most-recently-used end. */
  async get(key: string): Promise<CacheEntry<V> | undefined> {
    await this.#hydrate();
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#opts.now()) {
      this.#entries.delete(key);
      await this.#opts.store?.remove([this.#opts.prefix + key]);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  /** Store `value` for `ttlSeconds` (nothing is stored for a TTL of 0 or less). */
  async set(key: string, value: V, ttlSeconds: number): Promise<void> {
    await this.#hydrate();
    if (!(ttlSeconds > 0)) return;
    const now = this.#opts.now();
    const entry: CacheEntry<V> = { value, storedAt: now, expiresAt: now + ttlSeconds * 1000 };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    const evicted: string[] = [];
    while (this.#entries.size > this.#opts.maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
      evicted.push(this.#opts.prefix + oldest);
    }
    if (this.#opts.store) {
      if (evicted.length) await this.#opts.store.remove(evicted);
      await this.#persist(key, entry);
    }
  }

  /** Mirrors one entry. A full store (storage.session has a quota) evicts the oldest other entries until it
   *  fits; if nothing is left to evict the entry stays in memory only. A lookup never fails for the mirror. */
  async #persist(key: string, entry: CacheEntry<V>): Promise<void> {
    const store = this.#opts.store as KeyValueStore;
    for (;;) {
      try {
        await store.set({ [this.#opts.prefix + key]: entry });
        return;
      } catch {
        const oldest = [...this.#entries.keys()].find((k) => k !== key);
        if (oldest === undefined) return;
        this.#entries.delete(oldest);
        await store.remove([this.#opts.prefix + oldest]).catch(() => undefined);
      }
    }
  }

  async clear(): Promise<void> {
    await this.#hydrate();
    const keys = [...this.#entries.keys()].map((k) => this.#opts.prefix + k);
    this.#entries.clear();
    if (keys.length) await this.#opts.store?.remove(keys);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Load the persistent mirror once, oldest first, dropping expired and malformed entries. */
  #hydrate(): Promise<void> {
    this.#hydrated ??= (async () => {
      const store = this.#opts.store;
      if (!store) return;
      const all = await store.get(null);
      const now = this.#opts.now();
      const loaded = Object.entries(all)
        .filter(([k, e]) => k.startsWith(this.#opts.prefix) && isEntry(e) && e.expiresAt > now)
        .map(([k, e]) => [k.slice(this.#opts.prefix.length), e as CacheEntry<V>] as const)
        .sort((a, b) => a[1].storedAt - b[1].storedAt);
      for (const [k, e] of loaded.slice(-this.#opts.maxEntries)) this.#entries.set(k, e);
    })();
    return this.#hydrated;
  }
}

function isEntry(e: unknown): e is CacheEntry<unknown> {
  return (
    typeof e === 'object' &&
    e !== null &&
    'value' in e &&
    Number.isFinite((e as CacheEntry<unknown>).expiresAt) &&
    Number.isFinite((e as CacheEntry<unknown>).storedAt)
  );
}
