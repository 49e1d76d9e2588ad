// RDATA decoders for the types ENUM needs: NAPTR (RFC 3403 §4.1), SRV (RFC 2782), CNAME and SOA
// (RFC 1035 §3.3). Everything else stays raw octets. Each decoder must consume RDLENGTH exactly.
import type { RecordData } from './types.ts';
import { RRType } from './types.ts';
import { fail } from './errors.ts';
import type { Reader } from './reader.ts';
import { readName } from './wire-name.ts';

const text = new TextDecoder('utf-8', { fatal: false });

/** <character-string> (RFC 1035 §3.3): a length octet and that many octets, shown as UTF-8 (U+FFFD for bad
 *  sequences; callers that care, like the NAPTR rules, validate the text). */
function readCharacterString(r: Reader, what: string): string {
  const len = r.u8(`${what} length`);
  return text.decode(r.take(len, what));
}

/**
 * Decodes the RDATA in `r` (a reader limited to this record's RDATA). Name compression: RFC 1035 types
 * (CNAME, SOA) may be compressed; RFC 3403 §4.1 and RFC 2782 say NAPTR REPLACEMENT and SRV TARGET must not
 * be, yet RFC 3597 §4 says receivers SHOULD still decompress NAPTR and SRV (old servers did compress SRV per
 * RFC 2052). We follow RFC 3597 §4: accept pointers there too, under the same backwards-only rule.
 */
export function decodeRdata(r: Reader, type: number, allowPointers: boolean): RecordData {
  let data: RecordData;
  switch (type) {
    case RRType.NAPTR:
      data = {
        kind: 'NAPTR',
        order: r.u16('NAPTR ORDER'),
        preference: r.u16('NAPTR PREFERENCE'),
        flags: readCharacterString(r, 'NAPTR FLAGS'),
        services: readCharacterString(r, 'NAPTR SERVICES'),
        regexp: readCharacterString(r, 'NAPTR REGEXP'),
        replacement: readName(r, allowPointers),
      };
      break;
    case RRType.SRV:
      data = {
        kind: 'SRV',
        priority: r.u16('SRV priority'),
        weight: r.u16('SRV weight'),
        port: r.u16('SRV port'),
        target: readName(r, allowPointers),
      };
      break;
    case RRType.CNAME:
      data = { kind: 'CNAME', target: readName(r, allowPointers) };
      break;
    case RRType.SOA:
      data = {
        kind: 'SOA',
        mname: readName(r, allowPointers),
        rname: readName(r, allowPointers),
        serial: r.u32('SOA SERIAL'),
        refresh: r.u32('SOA REFRESH'),
        retry: r.u32('SOA RETRY'),
        expire: r.u32('SOA EXPIRE'),
        minimum: r.u32('SOA MINIMUM'),
      };
      break;
    default:
      return { kind: 'raw', bytes: r.take(r.remaining, 'RDATA') };
  }
  if (r.remaining !== 0) {
    fail('bad-rdata', `${data.kind} RDATA ends at offset ${r.offset} but RDLENGTH leaves ${r.remaining} more octets`);
  }
  return data;
}
