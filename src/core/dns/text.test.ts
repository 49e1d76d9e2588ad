import { describe, expect, it } from 'vitest';
import { name, naptr, ptr, u16 } from '../../../test/fixtures/dns/build.ts';
import { formatRdata } from './format.ts';
import { parseRdataText } from './text.ts';
import type { RecordData } from './types.ts';

const parsed = (type: number, text: string): RecordData => {
  const r = parseRdataText(type, text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const hex = (b: number[]) => b.map((x) => x.toString(16).padStart(2, '0')).join('');
const SIP = {
  kind: 'NAPTR',
  order: 100,
  preference: 10,
  flags: 'u',
  services: 'E2U+sip',
  regexp: '!^.*$!sip:a@b!',
  replacement: '',
};

describe('parseRdataText: NAPTR', () => {
  it('parses presentation form', () => {
    expect(parsed(35, '100 10 "u" "E2U+sip" "!^.*$!sip:a@b!" .')).toEqual(SIP);
    expect(parsed(35, '  100   10 u E2U+sip "!^.*$!sip:a@b!" .  ')).toEqual(SIP);
  });

  it('unescapes \\DDD, \\" and \\\\ in strings (docs/enum-test-vectors.md W3: doubled backslashes)', () => {
    expect(parsed(35, '1 2 "U" "E2U+sip" "!^\\\\+1(.*)$!sip:\\\\1@x\\"y!" _sip._udp.Example.COM.')).toMatchObject({
      regexp: '!^\\+1(.*)$!sip:\\1@x"y!',
      replacement: '_sip._udp.Example.COM',
    });
    expect(parsed(35, '1 2 "\\117" "E2U\\043sip" "\\195\\169" .')).toMatchObject({
      flags: 'u',
      services: 'E2U+sip',
      regexp: 'é',
    });
  });

  it('parses RFC 3597 generic form, hex split or not', () => {
    const rdata = naptr(100, 10, 'u', 'E2U+sip', '!^.*$!sip:a@b!', name(''));
    expect(parsed(35, `\\# ${rdata.length} ${hex(rdata)}`)).toEqual(SIP);
    const h = hex(rdata);
    expect(parsed(35, `\\# ${rdata.length} ${h.slice(0, 8)} ${h.slice(8).toUpperCase()}`)).toEqual(SIP);
  });

  it.each([
    ['wrong field count', '100 10 "u" "E2U+sip" .'],
    ['order out of range', '65536 10 "u" "E2U+sip" "" .'],
    ['unterminated quote', '100 10 "u" "E2U+sip" "!x! .'],
    ['quote inside a field', '100 10 "u "E2U+sip" "" .'],
    ['bad replacement', '100 10 "u" "E2U+sip" "" a..b'],
    ['string over 255 octets', `100 10 "u" "E2U+sip" "${'x'.repeat(256)}" .`],
    ['generic length mismatch', '\\# 3 0001'],
    ['generic odd hex', '\\# 1 0'],
    ['generic RDATA with a compression pointer', `\\# 10 ${hex([...u16(1), ...u16(1), 0, 0, 0, ...ptr(0), 0])}`],
    ['generic RDATA cut short', `\\# 5 ${hex([...u16(1), ...u16(1), 9])}`],
  ])('rejects %s', (_label, text) => {
    const r = parseRdataText(35, text);
    expect(r.ok ? 'ok' : r.error.code).toBe('bad-text');
  });
});

describe('parseRdataText: other types', () => {
  it('parses SRV, CNAME and SOA', () => {
    expect(parsed(33, '10 60 5061 sip.example.com.')).toEqual({
      kind: 'SRV',
      priority: 10,
      weight: 60,
      port: 5061,
      target: 'sip.example.com',
    });
    expect(parsed(5, 'target.example.')).toEqual({ kind: 'CNAME', target: 'target.example' });
    expect(parsed(6, 'ns1.example. hostmaster.example. 2024010101 7200 3600 1209600 300')).toEqual({
      kind: 'SOA',
      mname: 'ns1.example',
      rname: 'hostmaster.example',
      serial: 2024010101,
      refresh: 7200,
      retry: 3600,
      expire: 1209600,
      minimum: 300,
    });
  });

  it('keeps unknown types raw: bytes from generic form, text otherwise', () => {
    expect(parsed(1, '\\# 4 c0000201')).toEqual({ kind: 'raw', bytes: Uint8Array.from([192, 0, 2, 1]) });
    expect(parsed(46, 'NAPTR 8 5 300 ...')).toEqual({
      kind: 'raw',
      bytes: new Uint8Array(0),
      text: 'NAPTR 8 5 300 ...',
    });
  });
});

describe('formatRdata', () => {
  it('prints presentation form that parses back to the same data', () => {
    const samples: RecordData[] = [
      { ...SIP, kind: 'NAPTR' },
      {
        kind: 'NAPTR',
        order: 1,
        preference: 2,
        flags: '',
        services: 'E2U+pres',
        regexp: '!^(.*)"\\\\$!\\1!\n',
        replacement: '',
      },
      {
        kind: 'NAPTR',
        order: 1,
        preference: 2,
        flags: 's',
        services: 'SIP+D2T',
        regexp: '',
        replacement: '_sip._tcp.example.com',
      },
      { kind: 'SRV', priority: 0, weight: 0, port: 5060, target: 'sip.example' },
      { kind: 'CNAME', target: 'a.b' },
      { kind: 'SOA', mname: 'a', rname: 'b', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 },
    ];
    for (const data of samples)
      expect(
        parsed(({ NAPTR: 35, SRV: 33, CNAME: 5, SOA: 6 } as Record<string, number>)[data.kind] ?? 0, formatRdata(data)),
      ).toEqual(data);
    expect(formatRdata(SIP as RecordData)).toBe('100 10 "u" "E2U+sip" "!^.*$!sip:a@b!" .');
    expect(formatRdata({ kind: 'raw', bytes: Uint8Array.from([1, 255]) })).toBe('\\# 2 01ff');
  });
});
