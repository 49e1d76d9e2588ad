// What a user or an administrator chooses about a DoH provider, checked the same way by the settings, the
// options page and the CLI: its URL, the query method, and the defaults when nothing is chosen.
import { ok, refuse as refuseWith, type ReasonedError, type Result } from '../result.ts';

/** RFC 8484 GET and POST with the DNS wire format, or the JSON API of Google and Cloudflare (not an RFC). */
export const DOH_METHODS = ['get', 'post', 'json'] as const;
export type DohMethod = (typeof DOH_METHODS)[number];
export const isDohMethod = (v: unknown): v is DohMethod =>
  typeof v === 'string' && (DOH_METHODS as readonly string[]).includes(v);

/** The provider used until one is chosen (README "Settings"). */
export const DEFAULT_DOH_URL = 'https://cloudflare-dns.com/dns-query';
/** How long one DNS query may take, the whole HTTP exchange included. */
export const DEFAULT_TIMEOUT_MS = 5000;

/**
 * RFC 8484 §3 and §4.1: a provider publishes its endpoint as a URI Template (RFC 6570) whose one variable is
 * `dns`, e.g. `https://dns.example/dns-query{?dns}` (`{&dns}` after a query). The client adds `dns` itself
 * (request.ts), so the template expression is dropped; any other expression is not a DoH endpoint.
 */
const DNS_TEMPLATE = /\{[?&]dns\}$/;

/** Why a provider URL is refused, finer than its code: the views say each in the user's words (README "Languages"). */
export type DohUrlReason =
  | 'doh-url-missing'
  | 'doh-url-template'
  | 'doh-url-not-url'
  | 'doh-url-not-https'
  | 'doh-url-credentials'
  | 'doh-url-fragment';

/** `params`: the value given, for doh-url-not-url; none for the others. */
export type DohUrlError = ReasonedError<'bad-url', DohUrlReason>;

const refuse = (reason: DohUrlReason, message: string, ...params: string[]) =>
  refuseWith('bad-url', reason, message, ...params);

/**
 * A provider URL as a person gives it: trimmed, https only (RFC 8484 §3: plain http would send the numbers'
 * names in clear), no user name or password and no #fragment; a trailing `{?dns}` template is accepted and
 * removed. Returns the URL in normal form.
 */
export function validateDohUrl(text: unknown): Result<string, DohUrlError> {
  if (typeof text !== 'string' || text.trim() === '')
    return refuse('doh-url-missing', 'Enter the URL of a DNS-over-HTTPS server.');
  const untemplated = text.trim().replace(DNS_TEMPLATE, '');
  if (/[{}]/.test(untemplated))
    return refuse(
      'doh-url-template',
      'The DoH server URL may end in the template {?dns} (RFC 8484 §4.1) but hold no other {…}.',
    );
  let url: URL;
  try {
    url = new URL(untemplated);
  } catch {
    return refuse('doh-url-not-url', `"${text}" is not a URL.`, text);
  }
  if (url.protocol !== 'https:')
    return refuse('doh-url-not-https', 'The DoH server URL must start with https:// (RFC 8484 §3).');
  if (url.username || url.password)
    return refuse('doh-url-credentials', 'The DoH server URL must not contain a user name or password.');
  if (url.hash) return refuse('doh-url-fragment', 'The DoH server URL must not contain a #fragment.');
  return ok(url.href);
}
