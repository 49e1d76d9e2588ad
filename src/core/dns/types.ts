// Decoded DNS message shapes (RFC 1035 §4.1) shared by the codec, the DoH client and ENUM processing.
// Names are in presentation form without the trailing dot ("" is the root), case preserved.

export const RRType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  AAAA: 28,
  SRV: 33,
  NAPTR: 35,
  OPT: 41,
  RRSIG: 46,
} as const;

export const RCode = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export interface DnsFlags {
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
  /** Full RCODE (with the EDNS extended bits when an OPT record is present). */
  rcode: number;
}

export interface DnsQuestion {
  name: string;
  type: number;
  class: number;
}

/** RFC 3403 §4.1. Character-strings decoded as UTF-8; `replacement` is "" for the root ("."). */
export interface NaptrData {
  kind: 'NAPTR';
  order: number;
  preference: number;
  flags: string;
  services: string;
  regexp: string;
  replacement: string;
}

export interface SrvData {
  kind: 'SRV';
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface SoaData {
  kind: 'SOA';
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

export type RecordData =
  | NaptrData
  | SrvData
  | SoaData
  | { kind: 'CNAME'; target: string }
  /** Types we do not decode: the RDATA as received. From the JSON API, a non-generic (RFC 3597 §5) rendering
   *  cannot be turned back into bytes: then `bytes` is empty and `text` holds the resolver's text. */
  | { kind: 'raw'; bytes: Uint8Array; text?: string };

export interface DnsRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  data: RecordData;
}

/** One EDNS(0) option (RFC 6891 §6.1.2), e.g. Extended DNS Error (code 15, RFC 8914) or Padding (12). */
export interface EdnsOption {
  code: number;
  data: Uint8Array;
}

export interface DnsMessage {
  id: number;
  flags: DnsFlags;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  authorities: DnsRecord[];
  /** Additional records without the OPT pseudo-record (that one is in `edns`). */
  additionals: DnsRecord[];
  edns?: { udpPayloadSize: number; version: number; dnssecOk: boolean; options?: EdnsOption[] };
}
