// Query encoder: one question, RD and AD set, EDNS(0) with DO and block-length padding.
import { err, ok, type Result } from '../result.ts';
import type { DnsEncodeError } from './errors.ts';
import { nameWireLength, parseName } from './name.ts';
import { RRType } from './types.ts';
import { writeName } from './wire-name.ts';

export interface QueryOptions {
  /** Presentation form, trailing dot optional. */
  name: string;
  type: number;
  /** RFC 8484 §4.1: DoH clients SHOULD use ID 0 so identical queries are cache-friendly. */
  id?: number;
  /** CD bit (RFC 4035 §3.2.2): ask the resolver not to validate. Only for a client that validates itself. */
  checkingDisabled?: boolean;
}

/** RFC 8467 §4.1 Block-Length Padding: queries are padded to a multiple of 128 octets. */
export const QUERY_PADDING_BLOCK = 128;
/** Advertised UDP payload size. HTTP has no UDP limit; 4096 is the customary EDNS value and what the
 *  resolver may use towards authoritative servers is its own business (RFC 6891 §6.2.5). */
const UDP_PAYLOAD_SIZE = 4096;
const CLASS_IN = 1;
const OPTION_PADDING = 12; // RFC 7830 §3
const FLAG_RD = 0x0100;
const FLAG_AD = 0x0020; // RFC 6840 §5.7: set AD in queries to ask a validating resolver to report validation
const FLAG_CD = 0x0010;
const EDNS_DO = 0x8000; // RFC 3225 §3: DO bit in the OPT TTL field
const HEADER = 12;
const QUESTION_TAIL = 4; // QTYPE + QCLASS
const OPT_FIXED = 11; // root name, TYPE, CLASS, TTL, RDLENGTH
const OPTION_HEADER = 4;

export function encodeQuery(q: QueryOptions): Result<Uint8Array, DnsEncodeError> {
  const { type, id = 0 } = q;
  if (!Number.isInteger(type) || type < 0 || type > 0xffff)
    return err('bad-type', `query type ${type} is not 0..65535`);
  if (!Number.isInteger(id) || id < 0 || id > 0xffff) return err('bad-id', `query ID ${id} is not 0..65535`);
  const labels = parseName(q.name);
  if (!labels.ok) return labels;

  const unpadded = HEADER + nameWireLength(labels.value) + QUESTION_TAIL + OPT_FIXED + OPTION_HEADER;
  const pad = (QUERY_PADDING_BLOCK - (unpadded % QUERY_PADDING_BLOCK)) % QUERY_PADDING_BLOCK;
  const out = new Uint8Array(unpadded + pad); // zero-filled: RFC 7830 §3 padding octets SHOULD be 0x00
  const view = new DataView(out.buffer);

  view.setUint16(0, id);
  view.setUint16(2, FLAG_RD | FLAG_AD | (q.checkingDisabled ? FLAG_CD : 0));
  view.setUint16(4, 1); // QDCOUNT
  view.setUint16(10, 1); // ARCOUNT: the OPT record
  let pos = writeName(out, HEADER, labels.value);
  view.setUint16(pos, type);
  view.setUint16(pos + 2, CLASS_IN);
  pos += QUESTION_TAIL;

  pos += 1; // OPT owner: the root (RFC 6891 §6.1.2)
  view.setUint16(pos, RRType.OPT);
  view.setUint16(pos + 2, UDP_PAYLOAD_SIZE);
  view.setUint32(pos + 4, EDNS_DO); // extended RCODE 0, version 0
  view.setUint16(pos + 8, OPTION_HEADER + pad);
  view.setUint16(pos + 10, OPTION_PADDING);
  view.setUint16(pos + 12, pad);
  return ok(out);
}
