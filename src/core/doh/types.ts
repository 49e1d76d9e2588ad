// Contract of the DNS-over-HTTPS client (RFC 8484). The transport is injected: the extension passes the
// browser's fetch, the CLI an HTTP/2-capable one, tests a real one. Core never calls a global fetch.
import type { CoreError } from '../result.ts';
import type { DnsRecord } from '../dns/types.ts';

export type { DohMethod } from './provider.ts';
import type { DohMethod } from './provider.ts';

/** The subset of the WHATWG fetch API the client needs; `globalThis.fetch` satisfies it. */
export type FetchLike = (
  url: string,
  init: {
    method: 'GET' | 'POST';
    headers: Record<string, string>;
    body?: Uint8Array;
    signal: AbortSignal;
    credentials?: 'omit';
    cache?: 'no-store' | 'default';
    redirect?: 'error' | 'follow';
    referrerPolicy?: 'no-referrer';
  },
) => Promise<ResponseLike>;

export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
  /** The body as a stream (WHATWG fetch): when present it is read chunk by chunk and dropped at the size limit,
   *  instead of buffering whatever the server sends. Transports that cap the body themselves may omit it. */
  body?: ReadableStream<Uint8Array> | null;
}

export interface DohQuery {
  /** Endpoint URL template without variables, e.g. https://cloudflare-dns.com/dns-query */
  url: string;
  method: DohMethod;
  name: string;
  type: number;
  timeoutMs: number;
}

/** Outcome of one answered query (the resolver answered with a DNS message we could decode). */
export type DnsStatus = 'NOERROR' | 'NODATA' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'OTHER';

export interface DohResponse {
  status: DnsStatus;
  rcode: number;
  /** AD bit of the response (RFC 4035 §3.2.3): true only when the resolver validated it. */
  authenticData: boolean;
  /** Records of the asked type at the end of any CNAME chain in the answer section. */
  records: DnsRecord[];
  /** Names followed through CNAMEs, in order (empty when there were none). */
  cnames: string[];
  /** Every answer record as received (records, CNAMEs, RRSIGs). */
  answers: DnsRecord[];
  /** TTL to cache this response for, in seconds, before subtracting `ageSeconds`: the smallest TTL of the
   *  records used (CNAMEs included) or, for NXDOMAIN/NODATA, min(SOA TTL, SOA MINIMUM) (RFC 2308 §5). */
  ttl: number;
  /** The HTTP Age header in seconds (0 when absent): the answer was that old when we got it (RFC 8484 §5.1). */
  ageSeconds: number;
}

export type DohErrorCode =
  | 'bad-url'
  /** The name or type cannot be put in a query (empty or >63-octet label, name >255 octets, type out of range). */
  | 'bad-query'
  | 'network'
  | 'timeout'
  | 'http-status'
  | 'bad-content-type'
  | 'malformed'
  | 'mismatch'
  | 'truncated'
  /** The body was larger than a DNS answer can be (65,535 octets; JSON: 1 MiB): reading stopped there. */
  | 'too-large';

export type DohError = CoreError<DohErrorCode>;
