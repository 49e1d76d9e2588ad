// Error vocabulary of the DNS codec. Decoding untrusted bytes fails with one of these stable codes and a
// message that names the offset; nothing else is ever thrown to callers.
import type { CoreError } from '../result.ts';

export type DnsDecodeErrorCode =
  /** The message ends before a field it announces (header, name, record, RDATA). */
  | 'truncated'
  /** Larger than 65535 octets, the most a DNS message can be (RFC 1035 §4.2.2, RFC 8484 §6). */
  | 'too-large'
  /** A section count cannot fit in the bytes that follow the header. */
  | 'too-many-records'
  /** A compression pointer that is not strictly backwards (forward, self or loop), or where none is allowed. */
  | 'bad-pointer'
  /** A label type other than a normal label or a pointer (RFC 6891 §5 obsoletes extended label types). */
  | 'bad-label'
  /** A name longer than 255 octets in wire form (RFC 1035 §2.3.4). */
  | 'name-too-long'
  /** RDATA that does not fill its RDLENGTH exactly, or whose fields overrun it. */
  | 'bad-rdata'
  /** An OPT pseudo-record outside the additional section, with a non-root owner, or more than one. */
  | 'bad-opt'
  /** Bytes after the last record: a DoH body is exactly one message (RFC 8484 §6). */
  | 'trailing-bytes';

export type DnsDecodeError = CoreError<DnsDecodeErrorCode>;

const decodeCodes: Record<DnsDecodeErrorCode, true> = {
  truncated: true,
  'too-large': true,
  'too-many-records': true,
  'bad-pointer': true,
  'bad-label': true,
  'name-too-long': true,
  'bad-rdata': true,
  'bad-opt': true,
  'trailing-bytes': true,
};
/** Every decode error code, for callers that validate codes received as data. */
export const DnsDecodeErrorCodes = Object.keys(decodeCodes) as readonly DnsDecodeErrorCode[];

/** Failures of turning a presentation-form name or query into wire form. */
export type DnsEncodeErrorCode =
  'empty-label' | 'label-too-long' | 'name-too-long' | 'bad-escape' | 'bad-type' | 'bad-id';

export type DnsEncodeError = CoreError<DnsEncodeErrorCode>;

/** Failures of parsing RDATA presentation text (RFC 1035 §5.1, RFC 3597 §5) as served by JSON DoH APIs. */
export type DnsTextErrorCode = 'bad-text';

export type DnsTextError = CoreError<DnsTextErrorCode>;

/**
 * Internal control flow of the decoder: the reader throws this, `decodeMessage` turns it into a Result at
 * its boundary. It never escapes the module's public functions.
 */
export class DecodeFailure extends Error {
  constructor(
    readonly code: DnsDecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const fail = (code: DnsDecodeErrorCode, message: string): never => {
  throw new DecodeFailure(code, message);
};
