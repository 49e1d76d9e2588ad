// Builds the HTTP request for one DoH query: RFC 8484 GET (`?dns=` base64url) or POST (raw body), or the
// Google/Cloudflare JSON API (`?name=&type=`, not an RFC). Existing query parameters of the endpoint are kept.
import { encodeQuery, RRType } from '../dns/index.ts';
import { err, ok, type Result } from '../result.ts';
import { toBase64url } from './base64url.ts';
import type { DohError, DohQuery, FetchLike } from './types.ts';

export const DNS_MESSAGE = 'application/dns-message'; // RFC 8484 §6
export const DNS_JSON = 'application/dns-json';

export interface DohRequest {
  url: string;
  init: Omit<Parameters<FetchLike>[1], 'signal'>;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Mnemonics the JSON APIs accept for `type`; anything else goes as its number. */
const typeNames = new Map<number, string>(Object.entries(RRType).map(([k, v]) => [v, k]));

function endpoint(text: string): Result<URL, DohError> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err('bad-url', `"${text}" is not a URL`);
  }
  // RFC 8484 §3: the URI scheme MUST be https. Plain http only for loopback test servers.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    return err('bad-url', `DoH endpoint ${url.origin} must use https (RFC 8484 §3)`);
  }
  if (url.username || url.password) return err('bad-url', 'DoH endpoint URL must not contain credentials');
  url.hash = '';
  return ok(url);
}

export function buildRequest(q: DohQuery): Result<DohRequest, DohError> {
  const url = endpoint(q.url);
  if (!url.ok) return url;
  const common = {
    // RFC 8484 §8: no cookies. HTTP caching is allowed (RFC 8484 §5.1) but we keep the browser's cache out:
    // our own cache does TTL and Age accounting, a cached HTTP response would be counted twice, and the
    // queried names (phone numbers) should not be written to the browser's disk cache.
    credentials: 'omit',
    cache: 'no-store',
    // A redirect would send the query to an origin the user did not choose (and lacks host permission).
    redirect: 'error',
    referrerPolicy: 'no-referrer',
  } as const;

  // RFC 8484 §4.1: ID 0. Padding as RFC 8484 §8 and RFC 8467 §4.1 suggest. Also validates name and type.
  const message = encodeQuery({ name: q.name, type: q.type, id: 0 });
  if (!message.ok) return err('bad-query', message.error.message);

  if (q.method === 'json') {
    // No padding here: the JSON APIs have no standard way to pad (Google's random_padding is its own).
    url.value.searchParams.set('name', q.name === '' ? '.' : q.name);
    url.value.searchParams.set('type', typeNames.get(q.type) ?? String(q.type));
    url.value.searchParams.set('do', '1'); // ask for DNSSEC data so AD is meaningful
    return ok({ url: url.value.href, init: { ...common, method: 'GET', headers: { accept: DNS_JSON } } });
  }

  if (q.method === 'post') {
    return ok({
      url: url.value.href,
      init: {
        ...common,
        method: 'POST',
        headers: { accept: DNS_MESSAGE, 'content-type': DNS_MESSAGE },
        body: message.value,
      },
    });
  }
  url.value.searchParams.set('dns', toBase64url(message.value));
  return ok({ url: url.value.href, init: { ...common, method: 'GET', headers: { accept: DNS_MESSAGE } } });
}
