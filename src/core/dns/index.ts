// Public API of the DNS codec: decode responses, encode queries, name and RDATA text helpers.
export { decodeMessage, MAX_MESSAGE_OCTETS } from './message.ts';
export { encodeQuery, QUERY_PADDING_BLOCK, type QueryOptions } from './query.ts';
export {
  canonicalName,
  formatLabel,
  formatName,
  MAX_LABEL_OCTETS,
  MAX_NAME_OCTETS,
  nameWireLength,
  namesEqual,
  normalizeName,
  parseName,
} from './name.ts';
export { parseRdataText } from './text.ts';
export { formatRdata, quoteString } from './format.ts';
export { DnsDecodeErrorCodes } from './errors.ts';
export type {
  DnsDecodeError,
  DnsDecodeErrorCode,
  DnsEncodeError,
  DnsEncodeErrorCode,
  DnsTextError,
  DnsTextErrorCode,
} from './errors.ts';
export * from './types.ts';
