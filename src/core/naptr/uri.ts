// Is the output of a terminal ENUM NAPTR usable? It must be an absolute URI (RFC 6116 §3.3; RFC 3402
// §3.2: clients "SHOULD verify that the result is a legal database key"), and since it may end up as a
// link or be handed to another application, its scheme must be one the registered enumservices use (below).
// The output of a rewrite is arbitrary text chosen by the zone owner.
import { err, ok, refuse, type CoreError, type ReasonedError, type Result } from '../result.ts';
import { PRESENCE_SCHEMES, USABLE_SCHEMES } from './schemes.ts';
import { isPresenceService } from './services.ts';

/** Longest URI we pass on; RFC 5483 §3 warns about expansion (Kamailio MAX_URI_SIZE is 1024). */
export const MAX_URI_LENGTH = 2048;

/** Schemes that run code or reach local data; never usable whatever the record says. */
const DANGEROUS_SCHEMES: ReadonlySet<string> = new Set([
  'javascript',
  'data',
  'file',
  'vbscript',
  'blob',
  'filesystem',
  'about',
  'view-source',
  'chrome',
  'resource',
]);

/** RFC 3986 §3.1 scheme; §2 allows unreserved, reserved and "%" HEXDIG HEXDIG after it. */
const ABSOLUTE_URI = /^([A-Za-z][A-Za-z0-9+.-]*):([A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$/;

/** A scheme refused, as a stable name with the scheme (and the schemes expected): words a view can translate. */
export type UriRejection = 'unsafe-scheme' | 'not-presence-scheme' | 'unknown-scheme';
/** A scheme refused says so as a reason (`params`: the scheme, then the presence schemes); any other URI
 *  problem is its message alone. */
export type UriError = ReasonedError<'bad-uri', UriRejection> | CoreError<'bad-uri'>;

const refuseScheme = (reason: UriRejection, message: string, ...params: string[]) =>
  refuse('bad-uri', reason, message, ...params);

/** Checks a rewrite result against the rules above; the error message says why it is unusable. */
export function classifyUri(uri: string, enumservices: readonly string[]): Result<void, UriError> {
  if (uri === '') return err('bad-uri', 'the rewrite produced an empty string');
  if (uri.length > MAX_URI_LENGTH) return err('bad-uri', `the URI is longer than ${MAX_URI_LENGTH} characters`);
  // Printable US-ASCII only: no space, CR or LF, so nothing can be smuggled after the URI.
  for (let i = 0; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) {
      return err(
        'bad-uri',
        `the URI contains a non-printable or non-ASCII character (U+${c.toString(16).padStart(4, '0')})`,
      );
    }
  }
  const m = ABSOLUTE_URI.exec(uri);
  if (!m) return err('bad-uri', `"${uri}" is not an absolute URI (RFC 3986 §4.3)`);
  const scheme = (m[1] as string).toLowerCase();
  if (DANGEROUS_SCHEMES.has(scheme))
    return refuseScheme('unsafe-scheme', `the "${scheme}:" scheme is never usable`, scheme);
  if (enumservices.some(isPresenceService)) {
    if (!PRESENCE_SCHEMES.has(scheme)) {
      const expected = [...PRESENCE_SCHEMES].join(', ');
      return refuseScheme(
        'not-presence-scheme',
        `"${scheme}:" is not a presence URI scheme (expected one of ${expected})`,
        scheme,
        expected,
      );
    }
  } else if (!USABLE_SCHEMES.has(scheme)) {
    return refuseScheme('unknown-scheme', `the "${scheme}:" scheme is not one the ENUM enumservices use`, scheme);
  }
  return ok(undefined);
}
