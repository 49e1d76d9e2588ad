// The background's lookup service: one EnumClient (cache mirrored to storage.session) over the browser's
// fetch with bounded concurrency, configured from the current settings on every call.
import { RRType } from '../core/dns/types.ts';
import { DEFAULT_TIMEOUT_MS, dohQuery } from '../core/doh/index.ts';
import type { FetchLike } from '../core/doh/types.ts';
import { EnumClient, type LookupSettings } from '../core/enum/client.ts';
import { statusError } from '../core/enum/query.ts';
import { err, ok } from '../core/result.ts';
import { sessionStore } from '../platform/storage.ts';
import type { Settings } from '../shared/settings.ts';
import { limitConcurrency } from './limits.ts';

/** At most this many DoH requests in flight at once, whatever the pages do. */
const MAX_CONCURRENT_QUERIES = 6;

export const browserFetch: FetchLike = limitConcurrency(MAX_CONCURRENT_QUERIES, (url, init) =>
  fetch(url, init as RequestInit),
);

export const client = new EnumClient({
  fetch: browserFetch,
  now: Date.now,
  store: sessionStore(),
  maxEntries: 1000,
  timeoutMs: DEFAULT_TIMEOUT_MS,
});

/** `partition`: whose cache the lookup reads and fills (cache-partition.ts); '' = the extension pages'. */
export function lookupSettings(s: Settings, partition = ''): LookupSettings {
  return { dohUrl: s.dohUrl, method: s.dohMethod, suffixes: s.suffixes, ...(partition ? { partition } : {}) };
}

/** Options "Test": resolve a name every ENUM provider can answer (the SOA of the first suffix). */
export async function testProvider(dohUrl: string, method: Settings['dohMethod'], suffix: string) {
  const started = performance.now();
  const r = await dohQuery(
    { url: dohUrl, method, name: suffix, type: RRType.SOA, timeoutMs: DEFAULT_TIMEOUT_MS },
    browserFetch,
  );
  const latencyMs = Math.round(performance.now() - started);
  if (!r.ok) return r;
  if (r.value.status === 'NXDOMAIN') return err('dns-error', `The server answered NXDOMAIN for ${suffix} SOA.`);
  if (r.value.status !== 'NOERROR' && r.value.status !== 'NODATA')
    return { ok: false as const, error: statusError(`${suffix} SOA`, r.value) };
  return ok({ latencyMs, dnssec: r.value.authenticData });
}
