// npm run bench — the resolution core measured in one run against the loopback DNS world:
//   1. lookup latency of the core vs `kdig +https` against the same validating resolver (ratio; target ≤ 1.1)
//   2. the cost of a cached lookup (target ≤ 1 ms)
//   3. NAPTR-processing throughput vs the raw linear-time regexp engine on the same records (ratio)
//   4. hostile answers (README "Hostile zones"): the compile-bomb worst case (bench/hostile-lookup.ts in a fresh
//      process: time, peak RSS, and how long a normal lookup started alongside waits) vs a normal lookup there
// Everything is a median of repeated runs in this process; absolute numbers depend on the machine, the ratios
// are what to compare between commits.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { RRType } from '../src/core/dns/types.ts';
import { dohQuery } from '../src/core/doh/index.ts';
import { EnumClient } from '../src/core/enum/client.ts';
import { e164ToEnumDomain } from '../src/core/enum/domain.ts';
import { lookupE164 } from '../src/core/enum/lookup.ts';
import { applyNaptrRegexp, parseNaptrRegexp, processNaptrSet } from '../src/core/naptr/index.ts';
import type { NaptrData } from '../src/core/dns/types.ts';
import { createNodeFetch } from '../src/cli/transport.ts';
import { HOSTILE } from '../test/world/hostile.ts';
import { startWorld } from '../test/world/world.ts';

const run = promisify(execFile);
const E164 = '+4312345678';
const NAME = e164ToEnumDomain(E164);
const ROUNDS = 7;
const N = 20;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);

async function timeKdig(port: string, caFile: string, queries: number, keepOpen = false): Promise<number> {
  const args = [
    '@127.0.0.1',
    '-p',
    port,
    '+https',
    `+tls-ca=${caFile}`,
    '+tls-hostname=localhost',
    ...(keepOpen ? ['+keepopen'] : []),
  ];
  for (let i = 0; i < queries; i++) args.push('NAPTR', NAME);
  const t = performance.now();
  const { stdout } = await run('kdig', args);
  const elapsed = performance.now() - t;
  if ((stdout.match(/status: NOERROR/g) ?? []).length !== queries)
    throw new Error(`kdig did not answer all queries:\n${stdout}`);
  return elapsed;
}

async function main(): Promise<void> {
  const world = await startWorld();
  try {
    const ca = readFileSync(world.certFile, 'utf8');
    const port = new URL(world.unboundDoh).port;
    const config = (fetch: ReturnType<typeof createNodeFetch>['fetch']) => ({
      dohUrl: world.unboundDoh,
      method: 'post' as const,
      suffixes: ['e164.arpa'],
      timeoutMs: 5000,
      fetch,
      now: Date.now,
    });

    // Warm the resolver's cache so both clients measure the same thing: TLS + HTTP/2 + one answer.
    await timeKdig(port, world.certFile, 1);

    // 1. kdig opens a new TLS session per query (its output shows one per query); its per-query cost is the
    //    marginal time of N extra queries in one process, which cancels the process start-up.
    const kdig: number[] = [];
    for (let r = 0; r < ROUNDS; r++)
      kdig.push(((await timeKdig(port, world.certFile, N + 1)) - (await timeKdig(port, world.certFile, 1))) / N);
    // kdig +keepopen reuses its connection for the following queries: the baseline for a kept-alive client.
    const kdigKept: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      kdigKept.push(
        ((await timeKdig(port, world.certFile, N + 1, true)) - (await timeKdig(port, world.certFile, 1, true))) / N,
      );
    }
    // The core, like kdig, with a new connection (TLS handshake) per lookup.
    const fresh: number[] = [];
    for (let r = 0; r < ROUNDS * N; r++) {
      const t = createNodeFetch({ ca });
      const start = performance.now();
      const result = await lookupE164(E164, config(t.fetch));
      fresh.push(performance.now() - start);
      await t.close();
      if (result.pres.length !== 1) throw new Error(`unexpected lookup result: ${JSON.stringify(result)}`);
    }
    // The core on a kept-alive HTTP/2 connection, as the browser runs it.
    const pooled: number[] = [];
    const shared = createNodeFetch({ ca });
    await lookupE164(E164, config(shared.fetch));
    for (let r = 0; r < ROUNDS * N; r++) {
      const start = performance.now();
      await lookupE164(E164, config(shared.fetch));
      pooled.push(performance.now() - start);
    }

    // 2. Cached lookups through the EnumClient the extension uses.
    const client = new EnumClient({ fetch: shared.fetch, now: Date.now });
    const settings = { dohUrl: world.unboundDoh, method: 'post' as const, suffixes: ['e164.arpa'] };
    await client.lookup(E164, settings);
    const HITS = 20_000;
    let start = performance.now();
    for (let i = 0; i < HITS; i++) await client.lookup(E164, settings);
    const cached = (performance.now() - start) / HITS;

    // 3. NAPTR processing of the real record set vs applying its regexps with the raw engine alone.
    const answer = await dohQuery(
      { url: world.unboundDoh, method: 'post', name: NAME, type: RRType.NAPTR, timeoutMs: 5000 },
      shared.fetch,
    );
    if (!answer.ok) throw new Error(answer.error.message);
    const records = answer.value.records.map((r) => r.data as NaptrData);
    await shared.close();
    const noFetch = async () => ({ ok: false as const, error: { code: 'none', message: 'terminal set only' } });
    const SETS = 20_000;
    const processRuns: number[] = [];
    const rawRuns: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      start = performance.now();
      for (let i = 0; i < SETS; i++) await processNaptrSet(records, E164, noFetch);
      processRuns.push((performance.now() - start) / SETS);
      start = performance.now();
      for (let i = 0; i < SETS; i++) {
        for (const rec of records) {
          const parsed = parseNaptrRegexp(rec.regexp);
          if (parsed.ok) applyNaptrRegexp(parsed.value, E164);
        }
      }
      rawRuns.push((performance.now() - start) / SETS);
    }

    // 4. Hostile answers, each lookup in a fresh process so that its peak RSS is its own.
    const hostile = async (e164: string, other?: string) => {
      const { stdout } = await run('npx', [
        'tsx',
        'bench/hostile-lookup.ts',
        world.hostileDoh,
        world.certFile,
        e164,
        ...(other ? [other] : []),
      ]);
      return JSON.parse(stdout) as {
        ms: number;
        maxRssMB: number;
        uris: number;
        rejected: number;
        concurrentMs?: number;
      };
    };
    const normal = await hostile(HOSTILE.good);
    const worst = await Promise.all(
      [HOSTILE.bomb, HOSTILE.bombNonTerminals, HOSTILE.budget].map((n) => hostile(n, HOSTILE.good)),
    );

    const k = median(kdig);
    const kk = median(kdigKept);
    const f = median(fresh);
    const p = median(pooled);
    const proc = median(processRuns);
    const raw = median(rawRuns);
    console.log(
      `ENUM core benchmark against unbound DoH (${world.unboundDoh}), ${N} lookups × ${ROUNDS} rounds, medians`,
    );
    const verdict = (ratio: number) => `${ratio.toFixed(2)}× (target ≤ 1.1×) ${ratio <= 1.1 ? 'OK' : 'OVER'}`;
    console.log(`lookup, new TLS connection each:   core ${fmt(f)}   kdig +https ${fmt(k)}   ratio ${verdict(f / k)}`);
    console.log(
      `lookup, kept-alive connection:     core ${fmt(p)}   kdig +https +keepopen ${fmt(kk)}   ratio ${verdict(p / kk)}`,
    );
    console.log(
      `kept-alive core vs kdig opening a connection per query (how the extension compares to a shell loop): ${(p / k).toFixed(2)}×`,
    );
    console.log(`cached lookup (EnumClient):        ${fmt(cached)} (target ≤ 1 ms)`);
    console.log(
      `NAPTR processing, ${records.length}-record set:   ${fmt(proc)} per set = ${Math.round(1000 / proc).toLocaleString('en')} sets/s; raw regexp engine ${fmt(raw)}; ratio ${(proc / raw).toFixed(2)}×`,
    );
    console.log(`hostile answers, fresh process each (limits: ≤ 3 s, ≤ 400 MB peak):`);
    console.log(
      `  normal lookup (${HOSTILE.good}):             ${fmt(normal.ms)}, peak RSS ${normal.maxRssMB.toFixed(0)} MB`,
    );
    const names = [
      'compile bomb, one ~64 KB answer',
      'compile bomb via 10 non-terminals',
      'costliest allowed regexps via 10 NTs',
    ];
    worst.forEach((w, i) => {
      const verdict = w.ms <= 3000 && w.maxRssMB <= 400 ? 'OK' : 'OVER';
      console.log(
        `  ${names[i]!.padEnd(38)} ${fmt(w.ms)} (${(w.ms / normal.ms).toFixed(1)}× normal), peak RSS ${w.maxRssMB.toFixed(0)} MB (${(w.maxRssMB / normal.maxRssMB).toFixed(2)}×), ${w.rejected} rejected; a normal lookup alongside took ${fmt(w.concurrentMs ?? NaN)} ${verdict}`,
      );
    });
  } finally {
    await world.stop();
  }
}

await main();
