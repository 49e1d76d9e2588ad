// Public API of the DoH client.
export { dohQuery } from './client.ts';
export { buildRequest, DNS_JSON, DNS_MESSAGE, type DohRequest } from './request.ts';
export { parseJsonMessage } from './json.ts';
export { interpret, MAX_CNAME_CHAIN, MAX_NEGATIVE_TTL, MAX_TTL, NEGATIVE_TTL_FALLBACK } from './interpret.ts';
export { fromBase64url, toBase64url } from './base64url.ts';
export type * from './types.ts';
export { DEFAULT_DOH_URL, DEFAULT_TIMEOUT_MS, DOH_METHODS, isDohMethod, validateDohUrl } from './provider.ts';
