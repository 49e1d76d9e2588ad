// The core against a hostile DoH resolver on loopback (test/world/hostile.ts, README "Hostile zones"): real
// HTTP/2 and real DNS messages crafted byte by byte, no mocked fetch.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createNodeFetch } from '../../src/cli/transport.ts';
import type { DohMethod } from '../../src/core/doh/types.ts';
import { MAX_NEGATIVE_TTL, MAX_TTL } from '../../src/core/doh/index.ts';
import { lookupE164 } from '../../src/core/enum/lookup.ts';
import {
  COMPILE_BUDGET,
  MAX_ERE_SIZE,
  MAX_NON_TERMINAL_LOOKUPS,
  MAX_RECORDS_PER_SET,
  MAX_REJECTED,
} from '../../src/core/naptr/index.ts';
import { HOSTILE } from '../world/hostile.ts';

const world = inject('world');
const transport = createNodeFetch({ ca: readFileSync(world.certFile, 'utf8') });
afterAll(() => transport.close());

const lookup = (e164: string, dohUrl = world.hostileDoh, method: DohMethod = 'post') =>
  lookupE164(e164, {
    dohUrl,
    method,
    suffixes: ['e164.arpa'],
    timeoutMs: 10_000,
    fetch: transport.fetch,
    now: Date.now,
  });

describe('regexp compile bombs', () => {
  const refused = new RegExp(
    `expands to \\d+ positions through counted repetition .* at most ${MAX_ERE_SIZE} are allowed`,
  );

  it('refuses every bomb regexp of one ~64 KB answer and reports the records past the per-set cap', async () => {
    const r = await lookup(HOSTILE.bomb);
    expect(r.status).toBe('found');
    expect(r.uris).toEqual([]);
    // Sorted by PREFERENCE: the listed rejections are the first records, all refused before compiling.
    expect(r.rejected).toHaveLength(MAX_REJECTED);
    for (const x of r.rejected) expect(x.reason).toMatch(refused);
    expect(MAX_REJECTED + (r.rejectedOmitted ?? 0)).toBeGreaterThan(MAX_RECORDS_PER_SET);
  });

  it('through ten non-terminals: one bounded walk, every set reported', async () => {
    const r = await lookup(HOSTILE.bombNonTerminals);
    expect(r.uris).toEqual([]);
    for (const x of r.rejected) expect(x.reason).toMatch(refused);
    expect(r.rejected[0]?.reason).toMatch(/\(in b0\.hostile\.example\)$/);
    expect(MAX_REJECTED + (r.rejectedOmitted ?? 0)).toBeGreaterThan(MAX_RECORDS_PER_SET * MAX_NON_TERMINAL_LOOKUPS);
  });

  it('the costliest regexps still allowed stop at the compile budget of the lookup', async () => {
    const r = await lookup(HOSTILE.budget);
    expect(r.uris.length).toBeGreaterThan(0);
    expect(r.uris.length).toBeLessThanOrEqual(COMPILE_BUDGET / 251);
    expect(r.rejected[0]?.reason).toMatch(
      new RegExp(`^not compiled: .* of ${COMPILE_BUDGET} compile units .*\\(in c\\d\\.hostile\\.example\\)$`),
    );
  });

  it('a normal lookup on the same resolver still answers after the bombs', async () => {
    const r = await lookup(HOSTILE.good);
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:good@example.test']);
  });
});

describe('TTLs are capped', () => {
  it(`a positive answer with TTL 2^31−1 is cached at most ${MAX_TTL} s (1 day)`, async () => {
    const r = await lookup(HOSTILE.ttlMax);
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:pinned@example.test']);
    expect(r.ttl).toBe(MAX_TTL);
  });

  it(`a negative answer whose SOA says 2^31−1 is cached at most ${MAX_NEGATIVE_TTL} s (3 hours)`, async () => {
    const r = await lookup(HOSTILE.negativeTtlMax);
    expect(r.status).toBe('not-found');
    expect(r.ttl).toBe(MAX_NEGATIVE_TTL);
  });
});

describe('results are bounded', () => {
  it('ten non-terminals to ~62 KB of 255-octet non-UTF-8 fields give a result of a few KB', async () => {
    const r = await lookup(HOSTILE.flood);
    expect(r.rejected).toHaveLength(MAX_REJECTED);
    expect(r.rejectedOmitted).toBeGreaterThan(500);
    expect(JSON.stringify(r).length).toBeLessThan(64 * 1024);
    for (const x of r.rejected) expect(x.record.length + x.reason.length).toBeLessThanOrEqual(400);
  });
});
