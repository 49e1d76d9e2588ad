// Child process of `npm run bench` (bench/core.ts): one lookup in a fresh Node process, so its peak RSS is the
// lookup's own. Prints {ms, maxRssMB, uris, rejected, concurrentMs} as JSON; with a second number, that one is
// looked up concurrently (started 10 ms later) to show whether the first one delays it.
// Usage: tsx bench/hostile-lookup.ts <dohUrl> <caFile> <e164> [<concurrent e164>]
import { readFileSync } from 'node:fs';
import { createNodeFetch } from '../src/cli/transport.ts';
import { lookupE164 } from '../src/core/enum/lookup.ts';

const [dohUrl, caFile, e164, other] = process.argv.slice(2) as [string, string, string, string | undefined];
const transport = createNodeFetch({ ca: readFileSync(caFile, 'utf8') });
const config = {
  dohUrl,
  method: 'post' as const,
  suffixes: ['e164.arpa'],
  timeoutMs: 600_000,
  fetch: transport.fetch,
  now: Date.now,
};
// Warm the connection and the code paths, so both numbers measure processing rather than start-up.
await lookupE164('+12025550199', config);
const start = performance.now();
const concurrent =
  other === undefined
    ? undefined
    : new Promise<number>((resolve) => {
        setTimeout(() => {
          const t = performance.now();
          void lookupE164(other, config).then(() => resolve(performance.now() - t));
        }, 10);
      });
const r = await lookupE164(e164, config);
const ms = performance.now() - start;
const concurrentMs = await concurrent;
await transport.close();
console.log(
  JSON.stringify({
    ms,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    uris: r.uris.length,
    rejected: r.rejected.length + (r.rejectedOmitted ?? 0),
    concurrentMs,
  }),
);
