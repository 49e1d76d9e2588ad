// Property tests: the decoder gets hostile bytes and must answer every input with ok or a DnsDecodeError,
// never an exception, and quickly.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytes, header, name, naptr, opt, ptr, question, rr, soa, u16 } from '../../../test/fixtures/dns/build.ts';
import { DnsDecodeErrorCodes } from './errors.ts';
import { decodeMessage } from './message.ts';
import { parseRdataText } from './text.ts';

const CODES = new Set<string>(DnsDecodeErrorCodes);
const VALID = bytes(
  header({ flags: 0x81a0, an: 3, ns: 1, ar: 1 }),
  question(name('8.4.1.0.6.4.9.7.0.2.4.4.e164.arpa'), 35),
  rr(ptr(12), 35, 300, naptr(10, 100, 'u', 'E2U+pres', '!^.*$!pres:alice@example.com!', name(''))),
  rr(ptr(12), 35, 300, naptr(10, 101, 's', 'SIP+D2T', '', [4, 0x5f, 0x73, 0x69, 0x70, ...ptr(36)])),
  rr(name('x.example'), 33, 60, [...u16(1), ...u16(2), ...u16(5061), ...ptr(12)]),
  rr(ptr(36), 6, 900, soa(ptr(12), name('h.example'), 1, 2, 3, 4, 5)),
  opt(1232, 0, true, [...u16(12), ...u16(3), 0, 0, 0]),
);

const isDecoderAnswer = (input: Uint8Array): boolean => {
  const r = decodeMessage(input);
  return r.ok || (CODES.has(r.error.code) && r.error.message.length > 0);
};

describe('decodeMessage on hostile input', () => {
  it('the fixture is valid', () => {
    expect(decodeMessage(VALID).ok).toBe(true);
  });

  it('every truncation of a valid message is an error value', () => {
    for (let n = 0; n < VALID.length; n++) {
      const r = decodeMessage(VALID.subarray(0, n));
      expect(r.ok).toBe(false);
      expect(CODES.has(r.ok ? '' : r.error.code)).toBe(true);
    }
  });

  it('random bytes never throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), isDecoderAnswer), { numRuns: 5000 });
  });

  it('random headers in front of random bodies never throw', () => {
    const hdr = fc.tuple(fc.nat(0xffff), fc.nat(8), fc.nat(8), fc.nat(8), fc.nat(8));
    fc.assert(
      fc.property(hdr, fc.uint8Array({ maxLength: 300 }), ([flags, qd, an, ns, ar], body) =>
        isDecoderAnswer(Uint8Array.from([...header({ flags, qd, an, ns, ar }), ...body])),
      ),
      { numRuns: 5000 },
    );
  });

  it('single-octet mutations and truncations of a valid message never throw', () => {
    fc.assert(
      fc.property(fc.nat(VALID.length - 1), fc.nat(255), fc.nat(VALID.length), (at, value, cut) => {
        const mutated = VALID.slice(0, cut);
        if (at < mutated.length) mutated[at] = value;
        return isDecoderAnswer(mutated);
      }),
      { numRuns: 10000 },
    );
  });

  it('is fast on the worst inputs: 65535 octets of pointers and maximal counts', () => {
    const pointers = new Uint8Array(65535);
    pointers.set(header({ qd: 0xffff, an: 0xffff }));
    for (let i = 12; i + 1 < pointers.length; i += 2) pointers.set(ptr(i - 2), i);
    const started = performance.now();
    for (let i = 0; i < 20; i++) {
      isDecoderAnswer(pointers);
      isDecoderAnswer(
        Uint8Array.from([
          ...header({ qd: 0x2000 }),
          ...new Array<number>(0x2000 * 5).fill(0).map((_, j) => (j % 5 === 0 ? 0 : 1)),
        ]),
      );
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('parseRdataText on hostile input', () => {
  it('never throws', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.stringMatching(/^(\\# \d{1,3} [0-9a-f ]{0,60}|[0-9 "\\.!a-z+]{0,80})$/),
    );
    fc.assert(
      fc.property(fc.constantFrom(1, 5, 6, 33, 35, 46), text, (type, t) => {
        const r = parseRdataText(type, t);
        return r.ok || r.error.code === 'bad-text';
      }),
      { numRuns: 5000 },
    );
  });
});
