// EnumClient: the one entry point for lookups, used by the extension's background (cache mirrored to
// storage.session) and the CLI (no store). Results are cached per (partition, provider, method, suffixes, number) for their
// TTL — the smallest TTL of what was used minus the HTTP Age, or the negative TTL (RFC 2308) — concurrent lookups
// of one number share one run, and identical DNS queries in flight are sent once.
import { DEFAULT_TIMEOUT_MS } from '../doh/provider.ts';
import type { DohMethod, DohResponse, FetchLike } from '../doh/types.ts';
import type { CoreError, Result } from '../result.ts';
import { InFlight } from '../async.ts';
import { resolvePresOfResult } from '../presence/uri.ts';
import type { KeyValueStore } from '../store.ts';
import { TtlCache } from './cache.ts';
import { ANSWERED_GRACE_MS } from './answer-grace.ts';
import { lookupE164 } from './lookup.ts';
import type { LookupResult } from './types.ts';

export interface EnumClientOptions {
  fetch: FetchLike;
  now: () => number;
  /** Persistent mirror of the cache (storage.session in the service worker). */
  store?: KeyValueStore;
  maxEntries?: number;
  timeoutMs?: number;
}

export interface LookupSettings {
  dohUrl: string;
  method: DohMethod;
  suffixes: string[];
  resolvePres?: boolean;
  /**
   * Cache partition: answers cached under one partition are never served (or shared in flight) under another.
   * The extension keys it by top-level site, so a page cannot time what was looked up on another site.
   */
  partition?: string;
}

/** At most this many answers are kept for their views beyond their TTL. */
const MAX_ANSWERED = 200;

export interface CachedLookup {
  result: LookupResult;
  fromCache: boolean;
}

export class EnumClient {
  readonly cache: TtlCache<LookupResult>;
  readonly #inflight = new InFlight<CachedLookup>();
  readonly #queries = new InFlight<Result<DohResponse, CoreError>>();
  readonly #opts: EnumClientOptions;
  /**
   * Answers handed out whose TTL is shorter than ANSWERED_GRACE_MS, kept that long for the views that show them
   * (answered); mirrored like the cache, so a worker stopped meanwhile still has them.
   */
  readonly #answered: TtlCache<LookupResult>;

  constructor(opts: EnumClientOptions) {
    this.#opts = opts;
    this.cache = new TtlCache<LookupResult>({
      maxEntries: opts.maxEntries ?? 500,
      now: opts.now,
      ...(opts.store ? { store: opts.store } : {}),
    });
    this.#answered = new TtlCache<LookupResult>({
      maxEntries: MAX_ANSWERED,
      now: opts.now,
      prefix: 'answered:',
      ...(opts.store ? { store: opts.store } : {}),
    });
  }

  static cacheKey(e164: string, s: LookupSettings): string {
    const key = [s.dohUrl, s.method, s.suffixes, Boolean(s.resolvePres), e164];
    return JSON.stringify(s.partition ? [s.partition, ...key] : key);
  }

  /** A cached result if fresh, else one lookup (shared with concurrent callers for the same key). */
  lookup(e164: string, settings: LookupSettings): Promise<CachedLookup> {
    const key = EnumClient.cacheKey(e164, settings);
    return this.#inflight.run(key, async () => {
      const hit = await this.cache.get(key);
      if (hit) {
        const result = { ...hit.value, ttl: Math.max(0, Math.floor((hit.expiresAt - this.#opts.now()) / 1000)) };
        this.#handedOut(key, result);
        return { result, fromCache: true };
      }
      const config = {
        dohUrl: settings.dohUrl,
        method: settings.method,
        suffixes: settings.suffixes,
        timeoutMs: this.#opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        fetch: this.#opts.fetch,
        now: this.#opts.now,
        inflight: this.#queries,
        ...(settings.partition ? { partition: settings.partition } : {}),
      };
      const result = await lookupE164(e164, config);
      if (settings.resolvePres) await resolvePresOfResult(result, config);
      // Errors are not cached: the next hover retries (an outage must not stick for a TTL).
      // The entry is in memory once set() has begun; its mirror to the store is not waited for (a lookup never
      // fails or waits for the mirror: TtlCache.set catches a full store itself).
      if (result.status !== 'error') {
        void this.cache.set(key, result, result.ttl).catch(() => undefined);
        this.#handedOut(key, result);
      }
      return { result, fromCache: false };
    });
  }

  /** Peek at the cache without querying: whether a lookup would go to the network (rate limit, host permission). */
  async cached(e164: string, settings: LookupSettings): Promise<LookupResult | undefined> {
    return (await this.cache.get(EnumClient.cacheKey(e164, settings)))?.value;
  }

  /**
   * The answer a view was given for this number, without querying: the cached one while fresh, else the latest
   * handed out within ANSWERED_GRACE_MS, whatever its TTL. Not a cache: lookups never get it (a TTL is honoured);
   * it is what a view that shows the answer may act on (viewPresence) or show again (the popup's list of a tab's
   * numbers).
   */
  async answered(e164: string, settings: LookupSettings): Promise<LookupResult | undefined> {
    const key = EnumClient.cacheKey(e164, settings);
    return (await this.cache.get(key))?.value ?? (await this.#answered.get(key))?.value;
  }

  /** Forget every answer: the cache and what views were given. */
  async clear(): Promise<void> {
    await Promise.all([this.#answered.clear(), this.cache.clear()]);
  }

  /** An answer with ANSWERED_GRACE_MS or more of TTL left is answered from the cache that long: kept only if less. */
  #handedOut(key: string, result: LookupResult): void {
    if (result.ttl * 1000 >= ANSWERED_GRACE_MS) return;
    void this.#answered.set(key, result, ANSWERED_GRACE_MS / 1000).catch(() => undefined);
  }
}
