// ENUM NAPTR processing: RFC 6116 §5 on top of RFC 3402 (DDDS) and RFC 3403 (NAPTR).
export { processNaptrSet, sortNaptrs, MAX_NON_TERMINAL_HOPS, MAX_NON_TERMINAL_LOOKUPS } from './process.ts';
export type { FetchNaptr, NaptrSet, ProcessOptions, ProcessedNaptrs } from './process.ts';
export { parseNaptrRegexp, applyNaptrRegexp, MAX_REGEXP_LENGTH, MAX_AUS_LENGTH, MAX_OUTPUT_LENGTH } from './regexp.ts';
export type { ParsedNaptrRegexp, ReplacementPart } from './regexp.ts';
export { isPresenceService, parseEnumServices } from './services.ts';
export { classifyUri, USABLE_SCHEMES, PRESENCE_SCHEMES, MAX_URI_LENGTH } from './uri.ts';
export { formatNaptr } from './format.ts';
