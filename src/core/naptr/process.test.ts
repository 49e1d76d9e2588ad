// RFC 6116 §4 and §5.2, RFC 3403 §6.2, RFC 5483 §4–§5, docs/enum-test-vectors.md §3.4 (S#) and §3.3 (M#).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NaptrData } from '../dns/types.ts';
import { err, ok } from '../result.ts';
import { formatNaptr } from './format.ts';
import {
  COMPILE_UNITS_PER_SLICE,
  MAX_NON_TERMINAL_HOPS,
  MAX_NON_TERMINAL_LOOKUPS,
  MAX_RECORDS_PER_SET,
  MAX_REJECTED,
  MAX_REJECTED_TEXT,
  processNaptrSet,
  type FetchNaptr,
} from './process.ts';
import { COMPILE_BUDGET } from './regexp.ts';

const AUS = '+441632960083';

const rr = (
  order: number,
  preference: number,
  flags: string,
  services: string,
  regexp: string,
  replacement = '',
): NaptrData => ({
  kind: 'NAPTR',
  order,
  preference,
  flags,
  services,
  regexp,
  replacement,
});
const nonTerminal = (order: number, preference: number, replacement: string): NaptrData =>
  rr(order, preference, '', '', '', replacement);

/** A FetchNaptr over a fixed zone that records the names asked for. */
function zone(data: Record<string, NaptrData[] | Error | string>): FetchNaptr & { asked: string[] } {
  const asked: string[] = [];
  const fetch = async (name: string) => {
    asked.push(name);
    const v = data[name];
    if (v === undefined) return err('nxdomain', `${name} does not exist`);
    if (v instanceof Error) throw v;
    if (typeof v === 'string') return err('servfail', v);
    return ok(v);
  };
  return Object.assign(fetch, { asked });
}
const noFetch = zone({});

/** RFC 6116 §4 example RRset for +441632960083. */
const RFC6116_EXAMPLE = [
  rr(100, 50, 'u', 'E2U+sip', '!^(\\+441632960083)$!sip:\\1@example.com!'),
  rr(100, 51, 'u', 'E2U+h323', '!^\\+441632960083$!h323:operator@example.com!'),
  rr(100, 52, 'u', 'E2U+email:mailto', '!^.*$!mailto:info@example.com!'),
];

describe('processNaptrSet: terminal records', () => {
  it('S1 RFC 6116 §4: all three URIs in ORDER/PREFERENCE sequence', async () => {
    const r = await processNaptrSet(RFC6116_EXAMPLE, AUS, noFetch);
    expect(r.uris).toEqual([
      { uri: 'sip:+441632960083@example.com', enumservices: ['sip'], order: 100, preference: 50 },
      { uri: 'h323:operator@example.com', enumservices: ['h323'], order: 100, preference: 51 },
      { uri: 'mailto:info@example.com', enumservices: ['email:mailto'], order: 100, preference: 52 },
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('S2 RFC 6116 §4 text: another number only gets the mailto URI', async () => {
    const r = await processNaptrSet(RFC6116_EXAMPLE, '+441632960084', noFetch);
    expect(r.uris.map((u) => u.uri)).toEqual(['mailto:info@example.com']);
    expect(r.rejected).toEqual([
      {
        record: formatNaptr(RFC6116_EXAMPLE[0] as NaptrData),
        reason: 'regexp does not match',
        why: { code: 'no-match', params: [] },
      },
      {
        record: formatNaptr(RFC6116_EXAMPLE[1] as NaptrData),
        reason: 'regexp does not match',
        why: { code: 'no-match', params: [] },
      },
    ]);
  });

  it('S3 RFC 3403 §6.2: obsolete "sip+E2U" syntax with the i flag', async () => {
    const r = await processNaptrSet(
      [
        rr(102, 10, 'u', 'smtp+E2U', '!^.*$!mailto:information@foo.se!i'),
        rr(100, 10, 'u', 'sip+E2U', '!^.*$!sip:information@foo.se!i'),
      ],
      '+4689761234',
      noFetch,
    );
    expect(r.uris).toEqual([
      { uri: 'sip:information@foo.se', enumservices: ['sip'], order: 100, preference: 10 },
      { uri: 'mailto:information@foo.se', enumservices: ['smtp'], order: 102, preference: 10 },
    ]);
  });

  it('RFC 3953 §5: an E2U+pres record', async () => {
    const r = await processNaptrSet(
      [rr(100, 10, 'u', 'E2U+pres', '!^.*$!pres:jon.peterson@example.net!')],
      AUS,
      noFetch,
    );
    expect(r.uris).toEqual([
      { uri: 'pres:jon.peterson@example.net', enumservices: ['pres'], order: 100, preference: 10 },
    ]);
  });

  it('S4/S5 RFC 5483 §4.1.1: the number decides which record matches', async () => {
    const set = [
      rr(1, 1, 'u', 'e2u+sip', '!^(\\+441632960.*)$!sips:\\1@atlanta.example.com!'),
      rr(2, 1, 'u', 'e2u+sip', '!^(.*)$!sip:\\1@biloxi.example.com!'),
    ];
    const a = await processNaptrSet(set, '+441632960123', noFetch);
    expect(a.uris.map((u) => u.uri)).toEqual([
      'sips:+441632960123@atlanta.example.com',
      'sip:+441632960123@biloxi.example.com',
    ]);
    const b = await processNaptrSet(set, '+442079460148', noFetch);
    expect(b.uris.map((u) => u.uri)).toEqual(['sip:+442079460148@biloxi.example.com']);
  });

  it('S7/S8 ORDER first, then PREFERENCE (RFC 3403 §4.1, RFC 6116 §5.2)', async () => {
    const set = [
      rr(200, 1, 'u', 'E2U+sip', '!^.*$!sip:order-200@example.com!'),
      rr(100, 20, 'u', 'E2U+sip', '!^.*$!sip:pref-20@example.com!'),
      rr(101, 1, 'u', 'E2U+sip', '!^.*$!sip:order-101@example.com!'),
      rr(100, 10, 'u', 'E2U+sip', '!^.*$!sip:pref-10@example.com!'),
    ];
    const r = await processNaptrSet(set, AUS, noFetch);
    expect(r.uris.map((u) => u.uri)).toEqual([
      'sip:pref-10@example.com',
      'sip:pref-20@example.com',
      'sip:order-101@example.com',
      'sip:order-200@example.com',
    ]);
  });

  it('S9 ties keep answer order (RFC 6116 §5.2: no randomising)', async () => {
    const set = ['first', 'second', 'third'].map((n) => rr(100, 10, 'u', 'E2U+sip', `!^.*$!sip:${n}@example.com!`));
    const r = await processNaptrSet(set, AUS, noFetch);
    expect(r.uris.map((u) => u.uri)).toEqual([
      'sip:first@example.com',
      'sip:second@example.com',
      'sip:third@example.com',
    ]);
  });

  it('S11 compound record: one URI with the enumservices left to right', async () => {
    const r = await processNaptrSet(
      [rr(100, 10, 'u', 'E2U+voice:tel+sms:tel', '!^.*$!tel:+441632960083!')],
      AUS,
      noFetch,
    );
    expect(r.uris).toEqual([
      { uri: 'tel:+441632960083', enumservices: ['voice:tel', 'sms:tel'], order: 100, preference: 10 },
    ]);
  });

  it('S13 DENIC FAQ: upper-case "U" flag (flags are case-insensitive, RFC 3403 §4.1)', async () => {
    const r = await processNaptrSet(
      [
        rr(10, 10, 'U', 'E2U+sip', '!^.*$!sip:zentrale@denic.de!'),
        rr(20, 10, 'U', 'E2U+voice:tel', '!^.*$!tel:+4969272350!'),
      ],
      '+4969272350',
      noFetch,
    );
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:zentrale@denic.de', 'tel:+4969272350']);
  });

  it('S14 Nominet live set', async () => {
    const r = await processNaptrSet(
      [
        rr(100, 20, 'u', 'E2U+pstn:tel', '!^(.*)$!tel:\\1!'),
        rr(100, 10, 'u', 'E2U+sip', '!^\\+441865332(.*)$!sip:\\1@nominet.org.uk!'),
      ],
      '+441865332244',
      noFetch,
    );
    expect(r.uris.map((u) => [u.uri, u.enumservices])).toEqual([
      ['sip:244@nominet.org.uk', ['sip']],
      ['tel:+441865332244', ['pstn:tel']],
    ]);
  });
});

describe('processNaptrSet: every rejection reason, and processing goes on', () => {
  const good = rr(999, 1, 'u', 'E2U+sip', '!^.*$!sip:fallback@example.com!');
  it.each([
    ['M12 unknown flag "s"', rr(1, 1, 's', 'E2U+sip', '!^.*$!sip:a@example.com!'), /unknown flag\(s\) "s"/],
    ['unknown flag "a"', rr(1, 1, 'a', 'E2U+sip', '!^.*$!sip:a@example.com!'), /unknown flag/],
    ['unknown flag "p"', rr(1, 1, 'P', 'E2U+sip', '!^.*$!sip:a@example.com!'), /unknown flag/],
    ['M12 unknown flags "foo"', rr(1, 1, 'foo', 'E2U+sip', '!^.*$!sip:a@example.com!'), /unknown flag/],
    ['"u" together with an unknown flag', rr(1, 1, 'us', 'E2U+sip', '!^.*$!sip:a@example.com!'), /unknown flag/],
    [
      'M11 both regexp and replacement (RFC 3403 §4.1)',
      rr(1, 1, 'u', 'E2U+sip', '!.*!sip:a@b!', 'goose.down'),
      /both a regexp and a replacement/,
    ],
    ['terminal record with an empty regexp', rr(1, 1, 'u', 'E2U+sip', ''), /without a regexp/],
    ['regexp does not match', rr(1, 1, 'u', 'E2U+sip', '!^\\+1(.*)$!sip:\\1@example.com!'), /^regexp does not match$/],
    ['malformed regexp', rr(1, 1, 'u', 'E2U+sip', '!^+44(.*)$!sip:\\1@example.com!'), /nothing to repeat/],
    ['M15 other DDDS application', rr(1, 1, 'u', 'SIP+D2U', '!^.*$!sip:a@example.com!'), /not an ENUM/],
    ['M14 private enumservice only', rr(1, 1, 'u', 'E2U+P-foo', '!^.*$!sip:a@example.com!'), /private/],
    ['empty services', rr(1, 1, 'u', '', '!^.*$!sip:a@example.com!'), /services field is empty/],
    ['javascript: URI', rr(1, 1, 'u', 'E2U+web:http', '!^.*$!javascript:alert(1)!'), /never usable/],
    ['data: URI', rr(1, 1, 'u', 'E2U+web:http', '!^.*$!data:text/html;base64,PGI+!'), /never usable/],
    ['V25 empty result', rr(1, 1, 'u', 'E2U+sip', '!^.*$!!'), /empty string/],
    [
      'V19 result that is not a URI',
      rr(1, 1, 'u', 'E2U+sip', '!(.)(.)(.)(.)!\\1.m.\\2.n\\3.o\\4!'),
      /not an absolute URI/,
    ],
    [
      'M19 octets above 0x7F: discarded, never a failure (RFC 6116 §5.2)',
      rr(1, 1, 'u', 'E2U+sip', '!^.*$!sip:jörg@example.com!'),
      /non-ASCII/,
    ],
    [
      'presence record with an https URI',
      rr(1, 1, 'u', 'E2U+pres', '!^.*$!https://example.com/!'),
      /presence URI scheme/,
    ],
  ])('%s', async (_name, bad, reason) => {
    const r = await processNaptrSet([good, bad], AUS, noFetch);
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:fallback@example.com']);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]?.record).toBe(formatNaptr(bad));
    expect(r.rejected[0]?.reason).toMatch(reason);
  });
});

describe('processNaptrSet: non-terminal records (RFC 6116 §5.2.1)', () => {
  const sip = (user: string) => rr(100, 10, 'u', 'E2U+sip', `!^.*$!sip:${user}@example.com!`);

  it('S15 follows the replacement and processes that set in place', async () => {
    const fetch = zone({ 'enum.example.com': [sip('x')] });
    const r = await processNaptrSet(
      [
        rr(100, 5, 'u', 'E2U+sip', '!^.*$!sip:before@example.com!'),
        nonTerminal(100, 10, 'enum.example.com'),
        rr(100, 20, 'u', 'E2U+sip', '!^.*$!sip:after@example.com!'),
      ],
      AUS,
      fetch,
    );
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:before@example.com', 'sip:x@example.com', 'sip:after@example.com']);
    expect(fetch.asked).toEqual(['enum.example.com']);
    expect(r.rejected).toEqual([]);
  });

  it('ignores the regexp and services of a non-terminal', async () => {
    const fetch = zone({ 'enum.example.com': [sip('x')] });
    const r = await processNaptrSet(
      [rr(100, 10, '', 'E2U+sip', '!^.*$!sip:ignored@example.com!', 'enum.example.com')],
      AUS,
      fetch,
    );
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:x@example.com']);
  });

  it('S18 ORDER is compared only within each RRset (RFC 5483 §4.5)', async () => {
    const fetch = zone({ 'b.example': [rr(65535, 65535, 'u', 'E2U+sip', '!^.*$!sip:deep@example.com!')] });
    const r = await processNaptrSet(
      [nonTerminal(1, 1, 'b.example'), rr(2, 1, 'u', 'E2U+sip', '!^.*$!sip:top@example.com!')],
      AUS,
      fetch,
    );
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:deep@example.com', 'sip:top@example.com']);
  });

  it('records rejected inside the target say where they were found', async () => {
    const bad = rr(100, 10, 'x', 'E2U+sip', '!^.*$!sip:a@example.com!');
    const fetch = zone({ 'b.example': [bad, sip('ok')] });
    const r = await processNaptrSet([nonTerminal(1, 1, 'b.example')], AUS, fetch);
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:ok@example.com']);
    expect(r.rejected).toEqual([
      {
        record: formatNaptr(bad),
        reason: expect.stringMatching(/unknown flag.*\(in b\.example\)$/),
        // The same for the extension's words: the code, its values, and where.
        why: { code: 'unknown-flags', params: ['x'], in: 'b.example' },
      },
    ]);
  });

  it.each([
    ['S16 empty replacement', nonTerminal(1, 1, ''), {}, /without a replacement/],
    ['S16 replacement not a valid domain name', nonTerminal(1, 1, 'a..example'), {}, /not a valid domain name/],
    ['S16 label longer than 63', nonTerminal(1, 1, `${'a'.repeat(64)}.example`), {}, /not a valid domain name/],
    [
      'S19 NXDOMAIN at the target',
      nonTerminal(1, 1, 'missing.example'),
      {},
      /lookup of missing\.example failed: missing\.example does not exist/,
    ],
    ['S19 SERVFAIL at the target', nonTerminal(1, 1, 'b.example'), { 'b.example': 'SERVFAIL' }, /failed: SERVFAIL/],
    ['a FetchNaptr that throws', nonTerminal(1, 1, 'b.example'), { 'b.example': new Error('boom') }, /failed: boom/],
    ['empty RRset at the target', nonTerminal(1, 1, 'b.example'), { 'b.example': [] }, /has no NAPTR records/],
    [
      'nothing usable at the target',
      nonTerminal(1, 1, 'b.example'),
      { 'b.example': [rr(1, 1, 'u', 'E2U+sip', '!^x$!sip:a@b!')] },
      /no usable URI at b\.example/,
    ],
  ])('%s: rejected, next record used', async (_name, record, data, reason) => {
    const r = await processNaptrSet([record, sip('next')], AUS, zone(data));
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:next@example.com']);
    expect(r.rejected.map((x) => x.record)).toContain(formatNaptr(record));
    expect(r.rejected.find((x) => x.record === formatNaptr(record))?.reason).toMatch(reason);
  });

  it('S17 loop back to the queried domain is caught without a query when the domain is known', async () => {
    const fetch = zone({ 'b.example': [nonTerminal(1, 1, 'A.example'), sip('b')] });
    const r = await processNaptrSet([nonTerminal(1, 1, 'b.example'), sip('a')], AUS, fetch, { domain: 'a.example' });
    expect(fetch.asked).toEqual(['b.example']);
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:b@example.com', 'sip:a@example.com']);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]?.reason).toMatch(/non-terminal loop: a\.example → b\.example → A\.example \(in b\.example\)/);
  });

  it('S17 a loop is caught on the second visit when the domain is not given', async () => {
    const fetch = zone({
      'a.example': [nonTerminal(1, 1, 'b.example')],
      'b.example': [nonTerminal(1, 1, 'a.example')],
    });
    const r = await processNaptrSet([nonTerminal(1, 1, 'b.example'), sip('top')], AUS, fetch);
    expect(fetch.asked).toEqual(['b.example', 'a.example']);
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:top@example.com']);
    expect(r.rejected.map((x) => x.reason)).toEqual([
      expect.stringMatching(/^non-terminal loop: b\.example → a\.example → b\.example/),
      expect.stringMatching(/no usable URI at a\.example/),
      expect.stringMatching(/no usable URI at b\.example/),
    ]);
  });

  it(`a chain of more than ${MAX_NON_TERMINAL_HOPS} non-terminals is treated as a loop (RFC 6116 §5.2.1)`, async () => {
    const data: Record<string, NaptrData[]> = {};
    for (let i = 1; i <= 8; i++) data[`n${i}.example`] = [nonTerminal(1, 1, `n${i + 1}.example`)];
    data['n5.example'] = [nonTerminal(1, 1, 'n6.example'), sip('at-5')];
    const fetch = zone(data);
    const r = await processNaptrSet([nonTerminal(1, 1, 'n1.example')], AUS, fetch);
    expect(fetch.asked).toEqual(['n1.example', 'n2.example', 'n3.example', 'n4.example', 'n5.example']);
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:at-5@example.com']);
    expect(r.rejected[0]?.reason).toMatch(/^more than 5 non-terminal NAPTRs in a chain .*\(in n5\.example\)$/);
  });

  it(`at most ${MAX_NON_TERMINAL_LOOKUPS} look-ups in all, so fan-out cannot multiply queries (RFC 5483 §5.2.2)`, async () => {
    const fan = (prefix: string) => [0, 1, 2, 3].map((i) => nonTerminal(1, i, `${prefix}${i}.example`));
    const fetch: FetchNaptr & { asked: string[] } = Object.assign(
      async (name: string) => {
        fetch.asked.push(name);
        return ok(fan(name.replace('.example', '-')));
      },
      { asked: [] as string[] },
    );
    const r = await processNaptrSet(fan('f'), AUS, fetch);
    expect(fetch.asked).toHaveLength(MAX_NON_TERMINAL_LOOKUPS);
    expect(r.uris).toEqual([]);
    expect(r.rejected.some((x) => /more than 10 non-terminal look-ups/.test(x.reason))).toBe(true);
  });
});

describe('processNaptrSet: robustness', () => {
  const naptrArb = fc.record({
    kind: fc.constant('NAPTR' as const),
    order: fc.integer({ min: 0, max: 65535 }),
    preference: fc.integer({ min: 0, max: 65535 }),
    flags: fc.constantFrom('u', 'U', '', 's', 'x'),
    services: fc.oneof(fc.constantFrom('E2U+sip', 'E2U+pres', 'sip+E2U', 'E2U+P-x', ''), fc.string({ maxLength: 20 })),
    regexp: fc.oneof(
      fc.constantFrom('!^.*$!sip:a@example.com!', '!^(.*)$!tel:\\1!', '!^(((.*)*)*)*x$!sip:x@y!'),
      fc.string({ maxLength: 40 }),
    ),
    replacement: fc.constantFrom('', 'a.example', 'b.example', 'bad..name'),
  });

  it('property: never throws, and every record is either a URI or a rejection', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(naptrArb, { maxLength: 8 }),
        fc.array(naptrArb, { maxLength: 4 }),
        async (records, linked) => {
          const fetch = zone({ 'a.example': linked, 'b.example': [nonTerminal(1, 1, 'a.example')] });
          const r = await processNaptrSet(records, AUS, fetch, { domain: 'top.example' });
          const topLevel = r.rejected.filter((x) => !/\(in [ab]\.example\)$/.test(x.reason)).length;
          expect(topLevel + r.uris.length).toBeGreaterThanOrEqual(records.length === 0 ? 0 : 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('processNaptrSet: hostile sets are bounded (README "Hostile zones")', () => {
  it(`processes the first ${MAX_RECORDS_PER_SET} records of a set and reports the rest (RFC 6116 §5.2)`, async () => {
    const records = Array.from({ length: MAX_RECORDS_PER_SET + 30 }, (_, i) =>
      rr(100, i, 'u', 'E2U+sip', `!^.*$!sip:n${i}@example.com!`),
    );
    const r = await processNaptrSet(records, AUS, noFetch);
    expect(r.uris.map((u) => u.uri)).toEqual(
      records.slice(0, MAX_RECORDS_PER_SET).map((_, i) => `sip:n${i}@example.com`),
    );
    expect(r.rejected).toHaveLength(30);
    expect(r.rejected[0]).toEqual({
      record: formatNaptr(records[MAX_RECORDS_PER_SET] as NaptrData),
      reason: `not processed: only the first ${MAX_RECORDS_PER_SET} records of a set are (the set has ${records.length})`,
      why: { code: 'too-many-records', params: [String(MAX_RECORDS_PER_SET), String(records.length)] },
    });
  });

  it('shares one compile budget across the sets of one lookup, so non-terminals cannot multiply it', async () => {
    // Each set: distinct regexps of nearly the largest allowed size ((.{0,16}){15}: 17 × 15 = 255 positions).
    const set = (k: number) =>
      Array.from({ length: 60 }, (_, i) => rr(100, i, 'u', 'E2U+sip', `!^(.{0,16}){15}$!sip:k${k}n${i}@x!`));
    const names = Array.from({ length: MAX_NON_TERMINAL_LOOKUPS }, (_, k) => `b${k}.bomb.example`);
    const fetch = zone(Object.fromEntries(names.map((n, k) => [n, set(k)])));
    const r = await processNaptrSet([...names.map((n, k) => nonTerminal(10, k, n)), ...set(99)], AUS, fetch);
    expect(r.uris.length).toBeGreaterThan(0);
    expect(r.uris.length).toBeLessThanOrEqual(COMPILE_BUDGET / 255);
    expect(r.rejected.filter((x) => x.reason.includes(`of ${COMPILE_BUDGET} compile units`)).length).toBeGreaterThan(0);
    // Every terminal record is a URI or a rejection; non-terminals with no usable URI are rejected too.
    expect(r.uris.length + r.rejected.length + r.rejectedOmitted).toBeGreaterThanOrEqual(
      60 * (MAX_NON_TERMINAL_LOOKUPS + 1),
    );
  });
});

describe('processNaptrSet: rejections are bounded and printable', () => {
  it(`lists the first ${MAX_REJECTED} rejections and counts the rest`, async () => {
    const records = Array.from({ length: 80 }, (_, i) => rr(100, i, 'x', 'E2U+sip', '!^.*$!sip:a@b!'));
    const r = await processNaptrSet(records, AUS, noFetch);
    expect(r.rejected).toHaveLength(MAX_REJECTED);
    expect(r.rejectedOmitted).toBe(80 - MAX_REJECTED);
  });

  it(`escapes controls and bidi marks in reasons and cuts each field to ${MAX_REJECTED_TEXT} characters`, async () => {
    const junk = String.fromCharCode(...Array.from({ length: 255 }, (_, j) => 0x80 + (j % 0x7f)));
    const r = await processNaptrSet(
      [rr(100, 1, '\u202Eu\x1b[2J', 'E2U+sip', '!^.*$!sip:a@b!'), rr(100, 2, junk, junk, junk)],
      AUS,
      noFetch,
    );
    expect(r.rejected[0]?.reason).toBe(
      'unknown flag(s) "\\226\\128\\174u\\027[2J": ENUM defines only "u" (terminal) and "" (non-terminal)',
    );
    for (const x of r.rejected) {
      expect(x.record.length).toBeLessThanOrEqual(MAX_REJECTED_TEXT);
      expect(x.reason.length).toBeLessThanOrEqual(MAX_REJECTED_TEXT);
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(x.reason).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/u);
    }
    expect(r.rejected[1]?.record.endsWith('…')).toBe(true);
  });
});

describe('processNaptrSet: a costly set yields to the event loop', () => {
  it(`lets a timer run every ${COMPILE_UNITS_PER_SLICE} compile units, so other lookups in the worker are not held up`, async () => {
    const records = Array.from({ length: 60 }, (_, i) =>
      rr(100, i, 'u', 'E2U+sip', `!^(.{0,16}){15}$!sip:slice${i}@x!`),
    );
    let timers = 0;
    let done = false;
    const tick = (): void => {
      if (done) return;
      timers++;
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const r = await processNaptrSet(records, AUS, noFetch);
    done = true;
    expect(r.uris.length + r.rejected.length + r.rejectedOmitted).toBe(60);
    // ~60 compiles of 263 units: 15,780 units, so at least 15 slices.
    expect(timers).toBeGreaterThanOrEqual(Math.floor((60 * 263) / COMPILE_UNITS_PER_SLICE) - 1);
  });
});
