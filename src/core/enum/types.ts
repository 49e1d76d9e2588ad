// The result of an ENUM lookup: the shape the CLI prints with --json and the extension shows.
// A public contract (README "CLI JSON"): add fields, never rename or remove them.
import type { CoreError } from '../result.ts';

export interface UriResult {
  uri: string;
  /** Enumservices of the record, lower-case, "type" or "type:subtype" (RFC 6116 §3.4.3), e.g. "pres", "email:mailto". */
  enumservices: string[];
  order: number;
  preference: number;
}

/** Why a record was ignored, as a stable name (the extension's words for each: shared/protocol.ts REJECTION_CODES). */
export type RecordRejectionCode =
  | 'too-many-records'
  | 'too-many-uris'
  | 'too-many-uri-chars'
  | 'unknown-flags'
  | 'regexp-and-replacement'
  | 'no-regexp'
  | 'no-match'
  | 'no-replacement'
  | 'bad-replacement'
  | 'loop'
  | 'chain-too-long'
  | 'too-many-lookups'
  | 'lookup-failed'
  | 'no-records'
  | 'no-usable-uri'
  | 'bad-services'
  | 'bad-regexp'
  | 'bad-uri'
  | 'unsafe-scheme'
  | 'not-presence-scheme'
  | 'unknown-scheme';

export interface RejectedRecord {
  /** The NAPTR record in presentation form, e.g. `100 10 "u" "E2U+sip" "!^.*$!sip:a@b!" .` */
  record: string;
  /** Why, in English: the CLI's words. */
  reason: string;
  /**
   * The same as data, for the extension to say in the user's language: the code, the values its words need
   * (escaped and cut as `reason` is), and the name a non-terminal led to where the record was found. Not in
   * the CLI's JSON, whose `rejected` entries stay `{record, reason}`.
   */
  why?: { code: RecordRejectionCode; params: string[]; in?: string };
}

/**
 * found     — the name held NAPTR records (usable or not);
 * not-found — no suffix had NAPTR records for the number (NXDOMAIN or NODATA everywhere);
 * error     — the resolver could not be reached or answered unusably (see `error`).
 */
export type LookupStatus = 'found' | 'not-found' | 'error';

export interface PresTarget {
  protocol: 'sip' | 'xmpp';
  /** SRV owner name queried, e.g. _pres._sip.example.com */
  srv: string;
  targets: { target: string; port: number; priority: number; weight: number }[];
}

export interface PresResolution {
  uri: string;
  /** user@domain of the pres URI (RFC 3859 §3.2) */
  user: string;
  domain: string;
  protocols: PresTarget[];
  error?: CoreError;
}

export interface LookupResult {
  e164: string;
  /** The ENUM domain that answered (or the first one asked when none did), without trailing dot. */
  domain: string;
  status: LookupStatus;
  /** True only when every DNS response used had the AD bit set by a validating resolver. */
  dnssec: boolean;
  uris: UriResult[];
  /** URIs (strings) of records whose enumservices include "pres", in processing order. */
  pres: string[];
  /** At most 50 (README "Hostile zones"); see rejectedOmitted. */
  rejected: RejectedRecord[];
  /** Present when more records were rejected than `rejected` lists: how many more. */
  rejectedOmitted?: number;
  /** Seconds this result may be cached for (smallest TTL used minus HTTP Age, or the negative TTL). */
  ttl: number;
  /** Epoch milliseconds at which the answer was fetched from the resolver. */
  fetchedAt: number;
  /** Present when status is "error". */
  error?: CoreError;
  /** Present when pres resolution was requested (RFC 3861). */
  presResolution?: PresResolution[];
}
