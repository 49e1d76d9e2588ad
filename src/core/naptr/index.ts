// ENUM NAPTR processing: RFC 6116 §5 on top of RFC 3402 (DDDS) and RFC 3403 (NAPTR).
export {
  processNaptrSet,
  sortNaptrs,
  MAX_NON_TERMINAL_HOPS,
  MAX_NON_TERMINAL_LOOKUPS,
  MAX_RECORDS_PER_SET,
  MAX_REJECTED,
  MAX_REJECTED_TEXT,
  MAX_URIS,
  MAX_URI_CHARS,
} from './process.ts';
export type { FetchNaptr, NaptrSet, ProcessOptions, ProcessedNaptrs } from './process.ts';
export {
  parseNaptrRegexp,
  applyNaptrRegexp,
  newCompileBudget,
  MAX_REGEXP_LENGTH,
  MAX_AUS_LENGTH,
  MAX_OUTPUT_LENGTH,
  COMPILE_BUDGET,
} from './regexp.ts';
export type { CompileBudget, ParsedNaptrRegexp, ReplacementPart } from './regexp.ts';
export { MAX_ERE_SIZE } from './ere.ts';
export { isPresenceService, parseEnumServices } from './services.ts';
export { classifyUri, MAX_URI_LENGTH } from './uri.ts';
export { USABLE_SCHEMES, PRESENCE_SCHEMES } from './schemes.ts';
export { formatNaptr } from './format.ts';
