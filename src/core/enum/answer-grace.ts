// How long a view may act on a lookup's answer (watch the presence URIs it shows): a view asks to watch a number's
// presence after its lookup answered, and a TTL of 0 (a resolver's record in its last second, a zone that asks not
// to be cached) or one that runs out meanwhile would otherwise leave it showing pres URIs that nothing watches.
// The background keeps each answer it hands out that long for its views (client.ts EnumClient.answered, counted
// from when it hands it out); a view counts an answer usable as long from when it was fetched, never longer
// (content/lookups/number-states.ts).
import type { LookupResult } from './types.ts';

/** At least this long after it was handed out, whatever its TTL. */
export const ANSWERED_GRACE_MS = 60_000;

/** Until when (epoch ms) a view may act on an answer fetched at `fetchedAt` with `ttl` seconds left then. */
export const usableUntil = (result: Pick<LookupResult, 'fetchedAt' | 'ttl'>): number =>
  result.fetchedAt + Math.max(result.ttl * 1000, ANSWERED_GRACE_MS);
