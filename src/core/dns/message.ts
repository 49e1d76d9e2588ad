// Decoder for whole DNS messages (RFC 1035 §4.1), hardened for untrusted input: every read is bounds-checked,
// counts are checked against the bytes left before anything is allocated, and failures come back as a
// DnsDecodeError value. We keep our own small codec: no Buffer-free library decodes NAPTR (dns-packet needs
// Buffer, and its Uint8Array forks leave NAPTR as raw bytes).
import { err, ok, type Result } from '../result.ts';
import { DecodeFailure, fail, type DnsDecodeError } from './errors.ts';
import { decodeRdata } from './rdata.ts';
import { Reader } from './reader.ts';
import { RRType, type DnsFlags, type DnsMessage, type DnsQuestion, type DnsRecord, type EdnsOption } from './types.ts';
import { readName } from './wire-name.ts';

/** RFC 1035 §4.2.2 / RFC 8484 §6: a DNS message is at most 65535 octets. */
export const MAX_MESSAGE_OCTETS = 65535;
const HEADER_OCTETS = 12;
/** Smallest encodings: a question is root name + type + class, a record adds TTL and RDLENGTH. */
const MIN_QUESTION_OCTETS = 5;
const MIN_RECORD_OCTETS = 11;

export function decodeMessage(bytes: Uint8Array): Result<DnsMessage, DnsDecodeError> {
  if (bytes.length > MAX_MESSAGE_OCTETS) {
    return err('too-large', `message of ${bytes.length} octets exceeds ${MAX_MESSAGE_OCTETS}`);
  }
  try {
    return ok(readMessage(new Reader(bytes, 0, bytes.length)));
  } catch (e) {
    if (e instanceof DecodeFailure) return err(e.code, e.message);
    throw e; // a bug in this module, not bad input: let tests see it
  }
}

function readFlags(word: number): DnsFlags {
  // RFC 1035 §4.1.1; AD and CD from RFC 4035 §3.2 (bits 10 and 11 of the old Z field).
  return {
    qr: (word & 0x8000) !== 0,
    opcode: (word >>> 11) & 0xf,
    aa: (word & 0x0400) !== 0,
    tc: (word & 0x0200) !== 0,
    rd: (word & 0x0100) !== 0,
    ra: (word & 0x0080) !== 0,
    ad: (word & 0x0020) !== 0,
    cd: (word & 0x0010) !== 0,
    rcode: word & 0xf,
  };
}

function readMessage(r: Reader): DnsMessage {
  r.need(HEADER_OCTETS, 'header');
  const id = r.u16('ID');
  const flags = readFlags(r.u16('flags'));
  const counts = [r.u16('QDCOUNT'), r.u16('ANCOUNT'), r.u16('NSCOUNT'), r.u16('ARCOUNT')] as const;
  const [qd, an, ns, ar] = counts;
  const least = qd * MIN_QUESTION_OCTETS + (an + ns + ar) * MIN_RECORD_OCTETS;
  if (least > r.remaining) {
    fail(
      'too-many-records',
      `header counts ${counts.join('/')} need at least ${least} octets, ${r.remaining} follow the header`,
    );
  }
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < qd; i++) {
    questions.push({ name: readName(r), type: r.u16('QTYPE'), class: r.u16('QCLASS') });
  }
  const message: DnsMessage = { id, flags, questions, answers: [], authorities: [], additionals: [] };
  const sections = [
    [message.answers, an, 'answer'],
    [message.authorities, ns, 'authority'],
    [message.additionals, ar, 'additional'],
  ] as const;
  for (const [list, count, section] of sections) {
    for (let i = 0; i < count; i++) {
      const at = r.offset;
      const name = readName(r);
      const type = r.u16('TYPE');
      const cls = r.u16('CLASS');
      const ttl = r.u32('TTL');
      const rdlength = r.u16('RDLENGTH');
      const rdata = r.sub(rdlength, `RDATA of ${rdlength} octets`);
      r.offset += rdlength;
      if (type === RRType.OPT) {
        readOpt(message, { name, cls, ttl, rdata, section, at });
        continue;
      }
      // RFC 2181 §8: a TTL with the most significant bit set is treated as zero.
      const record: DnsRecord = {
        name,
        type,
        class: cls,
        ttl: ttl > 0x7fffffff ? 0 : ttl,
        data: decodeRdata(rdata, type, true),
      };
      list.push(record);
    }
  }
  if (r.remaining !== 0) fail('trailing-bytes', `${r.remaining} octets after the last record at offset ${r.offset}`);
  return message;
}

interface OptFields {
  name: string;
  cls: number;
  ttl: number;
  rdata: Reader;
  section: string;
  at: number;
}

/** RFC 6891 §6.1: at most one OPT, in the additional section, owned by the root. */
function readOpt(message: DnsMessage, o: OptFields): void {
  if (o.section !== 'additional') fail('bad-opt', `OPT record at offset ${o.at} in the ${o.section} section`);
  if (message.edns) fail('bad-opt', `second OPT record at offset ${o.at} (RFC 6891 §6.1.1)`);
  if (o.name !== '') fail('bad-opt', `OPT record at offset ${o.at} owned by "${o.name}", not the root`);
  const options: EdnsOption[] = [];
  while (o.rdata.remaining > 0) {
    const code = o.rdata.u16('EDNS option code');
    const length = o.rdata.u16('EDNS option length');
    options.push({ code, data: o.rdata.take(length, `EDNS option ${code}`) });
  }
  // RFC 6891 §6.1.3: TTL = EXTENDED-RCODE (upper 8 bits of the 12-bit RCODE) | VERSION | DO | Z.
  message.flags.rcode |= (o.ttl >>> 24) << 4;
  message.edns = {
    udpPayloadSize: o.cls,
    version: (o.ttl >>> 16) & 0xff,
    dnssecOk: (o.ttl & 0x8000) !== 0,
    options,
  };
}
