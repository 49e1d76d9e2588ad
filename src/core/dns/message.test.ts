import { describe, expect, it } from 'vitest';
import {
  bytes,
  cs,
  header,
  name,
  naptr,
  opt,
  ptr,
  question,
  rr,
  soa,
  u16,
  u32,
  RESPONSE,
} from '../../../test/fixtures/dns/build.ts';
import { decodeMessage } from './message.ts';
import type { DnsMessage } from './types.ts';

const QNAME = '4.4.2.2.3.3.5.6.8.1.4.4.e164.arpa';
const NAPTR = 35;

const decodeOk = (b: Uint8Array): DnsMessage => {
  const r = decodeMessage(b);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const decodeErr = (b: Uint8Array) => {
  const r = decodeMessage(b);
  if (r.ok) throw new Error('decoded');
  return r.error;
};

describe('decodeMessage', () => {
  it('decodes a NAPTR answer with compressed owner names, an SOA authority and an OPT', () => {
    const msg = decodeOk(
      bytes(
        header({ id: 0x1234, flags: RESPONSE | 0x0020, an: 2, ns: 1, ar: 1 }),
        question(name(QNAME), NAPTR),
        rr(ptr(12), NAPTR, 300, naptr(100, 10, 'u', 'E2U+sip', '!^.*$!sip:info@example.com!', name(''))),
        rr(ptr(12), NAPTR, 200, naptr(100, 20, 'u', 'E2U+pres', '!^.*$!pres:info@example.com!', name(''))),
        rr(name('e164.arpa'), 6, 900, soa(name('ns.example'), name('hostmaster.example'), 7, 3600, 600, 86400, 120)),
        opt(1232, 0, true),
      ),
    );
    expect(msg.id).toBe(0x1234);
    expect(msg.flags).toEqual({
      qr: true,
      opcode: 0,
      aa: false,
      tc: false,
      rd: true,
      ra: true,
      ad: true,
      cd: false,
      rcode: 0,
    });
    expect(msg.questions).toEqual([{ name: QNAME, type: NAPTR, class: 1 }]);
    expect(msg.answers[0]).toEqual({
      name: QNAME,
      type: NAPTR,
      class: 1,
      ttl: 300,
      data: {
        kind: 'NAPTR',
        order: 100,
        preference: 10,
        flags: 'u',
        services: 'E2U+sip',
        regexp: '!^.*$!sip:info@example.com!',
        replacement: '',
      },
    });
    expect(msg.answers[1]?.data).toMatchObject({ services: 'E2U+pres', preference: 20 });
    expect(msg.authorities[0]?.data).toEqual({
      kind: 'SOA',
      mname: 'ns.example',
      rname: 'hostmaster.example',
      serial: 7,
      refresh: 3600,
      retry: 600,
      expire: 86400,
      minimum: 120,
    });
    expect(msg.additionals).toEqual([]);
    expect(msg.edns).toEqual({ udpPayloadSize: 1232, version: 0, dnssecOk: true, options: [] });
  });

  it('decodes SRV and CNAME and keeps other types raw', () => {
    const msg = decodeOk(
      bytes(
        header({ an: 3 }),
        question(name('_pres._sip.example.com'), 33),
        rr(ptr(12), 5, 60, [5, ...name('alias').slice(1, -1), ...ptr(23)]), // "alias" + pointer to "example.com" at 23
        rr(name('alias.example.com'), 33, 30, [...u16(10), ...u16(5), ...u16(5061), ...name('sip.example.com')]),
        rr(name('x'), 1, 30, [192, 0, 2, 1]),
      ),
    );
    expect(msg.answers[0]?.data).toEqual({ kind: 'CNAME', target: 'alias.example.com' });
    expect(msg.answers[1]?.data).toEqual({
      kind: 'SRV',
      priority: 10,
      weight: 5,
      port: 5061,
      target: 'sip.example.com',
    });
    expect(msg.answers[2]?.data).toEqual({ kind: 'raw', bytes: Uint8Array.from([192, 0, 2, 1]) });
  });

  it('accepts a compressed NAPTR replacement and SRV target (RFC 3597 §4)', () => {
    const msg = decodeOk(
      bytes(
        header({ an: 1 }),
        question(name('example.com'), NAPTR),
        rr(
          ptr(12),
          NAPTR,
          1,
          naptr(1, 1, 's', 'SIP+D2T', '', [4, ...Array.from('_sip', (c) => c.charCodeAt(0)), ...ptr(12)]),
        ),
      ),
    );
    expect(msg.answers[0]?.data).toMatchObject({ replacement: '_sip.example.com' });
  });

  it('combines the extended RCODE from OPT (RFC 6891 §6.1.3) and keeps EDNS options', () => {
    const ede = [...u16(15), ...u16(2), ...u16(6)]; // Extended DNS Error 6: DNSSEC Bogus
    const msg = decodeOk(
      bytes(header({ flags: RESPONSE | 2, ar: 1 }), question(name('a'), 1), opt(4096, 1, false, ede)),
    );
    expect(msg.flags.rcode).toBe(0x12);
    expect(msg.edns).toEqual({
      udpPayloadSize: 4096,
      version: 0,
      dnssecOk: false,
      options: [{ code: 15, data: Uint8Array.from([0, 6]) }],
    });
  });

  it('treats TTLs with the top bit set as 0 (RFC 2181 §8) and escapes odd label octets', () => {
    const msg = decodeOk(
      bytes(header({ an: 1, qd: 0 }), rr([3, 0x61, 0x2e, 0x20, 1, 0x5c, 0], 1, 0x80000000, [1, 2, 3, 4])),
    );
    expect(msg.answers[0]?.ttl).toBe(0);
    expect(msg.answers[0]?.name).toBe('a\\.\\032.\\\\');
  });

  it('decodes character-strings as UTF-8, bad sequences as U+FFFD', () => {
    const regexp = [7, 0x21, 0xc3, 0xa9, 0x21, 0xff, 0x21, 0x21];
    const msg = decodeOk(
      bytes(
        header({ an: 1 }),
        question(name('a'), NAPTR),
        rr(ptr(12), NAPTR, 1, [...u16(1), ...u16(1), ...cs('u'), ...cs('E2U+sip'), ...regexp, 0]),
      ),
    );
    expect(msg.answers[0]?.data).toMatchObject({ regexp: '!é!\uFFFD!!' });
  });
});

describe('decodeMessage errors', () => {
  const q = question(name('example.com'), 1);
  const cases: [string, Uint8Array, string][] = [
    ['short header', Uint8Array.from([0, 0, 0x81]), 'truncated'],
    ['question cut off', bytes(header(), name('example.com'), u16(1)), 'truncated'],
    ['record cut off in RDATA', bytes(header({ an: 1 }), q, rr(ptr(12), 1, 1, [1, 2, 3, 4])).slice(0, -1), 'truncated'],
    ['counts that cannot fit', bytes(header({ qd: 1, an: 0xffff }), q), 'too-many-records'],
    ['message over 65535 octets', new Uint8Array(65536), 'too-large'],
    ['forward pointer', bytes(header(), ptr(14), u16(1), u16(1)), 'bad-pointer'],
    ['pointer to itself', bytes(header(), ptr(12), u16(1), u16(1)), 'bad-pointer'],
    ['pointer loop through an earlier label', bytes(header(), [1, 0x61], ptr(12), u16(1), u16(1)), 'bad-pointer'],
    [
      'two-pointer loop',
      bytes(header({ qd: 2 }), name('a'), u16(1), u16(1), [1, 0x62], ptr(19), u16(1), u16(1)),
      'bad-pointer',
    ],
    ['extended label type 0x40', bytes(header(), [0x41, 0], u16(1), u16(1)), 'bad-label'],
    ['label type 0x80', bytes(header(), [0x81, 0x61, 0], u16(1), u16(1)), 'bad-label'],
    [
      'name over 255 octets',
      bytes(
        header(),
        Array.from({ length: 5 }, () => [63, ...new Array<number>(63).fill(0x61)]).flat(),
        [0],
        u16(1),
        u16(1),
      ),
      'name-too-long',
    ],
    [
      'NAPTR REGEXP overrunning RDLENGTH',
      bytes(header({ an: 1 }), q, rr(ptr(12), NAPTR, 1, [...u16(1), ...u16(1), 1, 0x75, 0, 9, 0x21])),
      'bad-rdata',
    ],
    [
      'NAPTR with octets after REPLACEMENT',
      bytes(header({ an: 1 }), q, rr(ptr(12), NAPTR, 1, [...naptr(1, 1, 'u', 'E2U+sip', '!x!y!', [0]), 0])),
      'bad-rdata',
    ],
    ['CNAME target past RDLENGTH', bytes(header({ an: 1 }), q, rr(ptr(12), 5, 1, [1, 0x61]), [0]), 'bad-rdata'],
    [
      'SOA missing MINIMUM',
      bytes(header({ ns: 1 }), q, rr(ptr(12), 6, 1, [0, 0, ...u32(1), ...u32(2), ...u32(3), ...u32(4)])),
      'bad-rdata',
    ],
    [
      'EDNS option overrunning',
      bytes(header({ ar: 1 }), q, opt(1232, 0, true, [...u16(12), ...u16(4), 0])),
      'bad-rdata',
    ],
    ['OPT in the answer section', bytes(header({ an: 1 }), q, opt()), 'bad-opt'],
    ['two OPT records', bytes(header({ ar: 2 }), q, opt(), opt()), 'bad-opt'],
    ['OPT not owned by the root', bytes(header({ ar: 1 }), q, rr(ptr(12), 41, 0, [], 1232)), 'bad-opt'],
    ['trailing garbage', bytes(header(), q, [0xde, 0xad]), 'trailing-bytes'],
  ];
  it.each(cases)('%s → %s', (_label, input, code) => {
    const e = decodeErr(input);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/\S/);
  });

  it('names the offset in messages', () => {
    expect(decodeErr(bytes(header(), ptr(14), u16(1), u16(1))).message).toMatch(/offset 12 to 14/);
  });
});
