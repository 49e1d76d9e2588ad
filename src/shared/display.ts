// What every view of a lookup (hover card, popup) shares: the words for each state and the one rule for which
// URIs become links. DNS data is untrusted: only these schemes are ever links, everything else is text.
import { USABLE_SCHEMES } from '../core/naptr/schemes.ts';
import type { LookupResult } from '../core/enum/types.ts';
import { isPresenceService } from '../core/naptr/services.ts';
import { stateOfResult, type EnumState, type ProtocolErrorCode } from './protocol.ts';
import type { SubscriptionErrorCode } from '../core/presence/subscription.ts';
import type { PidfErrorCode } from '../core/presence/pidf.ts';

/** Usable schemes a browser cannot open from a link (no handler for h323:, ftp: support removed): shown as text. */
const NOT_LINKED: ReadonlySet<string> = new Set(['h323', 'ftp']);

/** Of the schemes an ENUM record may use (core/naptr/schemes.ts USABLE_SCHEMES), the ones that become links. */
export const LINK_SCHEMES: ReadonlySet<string> = new Set([...USABLE_SCHEMES].filter((s) => !NOT_LINKED.has(s)));

export const STATE_LABELS: Readonly<Record<EnumState, string>> = {
  pres: 'Presence published',
  'no-pres': 'ENUM records, no presence',
  none: 'No ENUM records',
  error: 'Lookup failed',
  pending: 'Looking up…',
  idle: 'Not looked up yet',
};

/** The scheme of `uri` if it may become a link, else undefined. */
export function linkScheme(uri: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (!scheme || !LINK_SCHEMES.has(scheme)) return undefined;
  // Printable ASCII without quotes, angle brackets or backslashes (RFC 3986 §2), as core/naptr already demands.
  if (!/^[\x21-\x7e]+$/.test(uri) || /["<>\\]/.test(uri)) return undefined;
  // RFC 6068 §2: hfields (`?attach=…&body=…`) can prefill or attach; the address alone is a safe link.
  if (scheme === 'mailto' && uri.includes('?')) return undefined;
  if (scheme === 'http' || scheme === 'https') {
    let host: string;
    try {
      host = new URL(uri).hostname;
    } catch {
      return undefined;
    }
    // A zone must not make a click reach the user's own machine or network (a router's admin page).
    if (isNonPublicHost(host)) return undefined;
  }
  return scheme;
}

/** Loopback, private, link-local, unique-local and unspecified addresses (RFC 1918, RFC 6890, RFC 4193,
 *  RFC 4291), `localhost` and the special-use names for local networks (RFC 6761, RFC 6762, RFC 8375), and
 *  names without a dot. `host` is as the URL parser normalised it (IPv4 in dotted decimal, IPv6 in brackets). */
export function isNonPublicHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h.includes('.') && !h.startsWith('[')) return true;
  if (/(^|\.)(localhost|local|internal|lan|home\.arpa)$/.test(h)) return true;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  if (h.startsWith('[')) {
    const v6 = h.slice(1, -1);
    return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('::ffff:');
  }
  return false;
}

/** What each error code means, in words, next to the exact message (every code of PROTOCOL_ERROR_CODES). */
export const ERROR_MEANINGS: Readonly<Record<ProtocolErrorCode, string>> = {
  'bad-url': 'The DNS-over-HTTPS server URL is not usable.',
  'bad-query': 'The name cannot be put in a DNS query.',
  network: 'The DNS-over-HTTPS server could not be reached.',
  timeout: 'The DNS-over-HTTPS server did not answer in time.',
  'http-status': 'The DNS-over-HTTPS server answered with an HTTP error.',
  'bad-content-type': 'The server did not answer with DNS data.',
  malformed: 'The server sent a DNS answer that cannot be read.',
  mismatch: 'The answer was not for the question asked.',
  truncated: 'The answer was cut short.',
  'too-large': 'The server sent more than a DNS answer can hold.',
  servfail: 'The resolver failed (for example, DNSSEC validation of a bogus answer).',
  refused: 'The resolver refused to answer.',
  'dns-error': 'The resolver answered with an error.',
  'bad-number': 'This is not a phone number.',
  'bad-region': 'This is not a two-letter region.',
  'bad-suffix': 'This is not a domain an ENUM suffix can be.',
  'bad-message': 'A message between parts of the extension was malformed.',
  forbidden: 'That part of the extension may not ask for this.',
  unreachable: 'The extension’s background did not answer.',
  internal: 'The extension failed unexpectedly.',
  'rate-limited': 'Too many lookups in a short time.',
  'no-host-permission': 'The browser does not let the extension contact the DNS-over-HTTPS server.',
  'invalid-setting': 'The setting was not accepted.',
  storage: 'The browser could not store the setting.',
};

/**
 * What the codes of live presence mean: SIP and WebSocket failures (the options page's Test, testSip), refused
 * or ended subscriptions (RFC 6665), and presence documents that cannot be read (RFC 3863). They travel as data
 * inside a testSip outcome or a presence entry, not as a reply's error.
 */
export const PRESENCE_ERROR_MEANINGS: Readonly<Record<SubscriptionErrorCode | PidfErrorCode | OtherPresenceErrorCode, string>> = {
  'sip-connect-failed': 'No connection to the SIP WebSocket server (refused, unreachable, or its TLS certificate is not trusted).',
  'sip-disconnected': 'The connection to the SIP server closed; the extension reconnects.',
  'sip-auth-failed': 'The SIP server refused the username or password (401/407).',
  'sip-forbidden': 'The SIP server forbids watching this person (403).',
  'sip-declined': 'The person declined to be watched (603).',
  'sip-bad-event': 'The SIP server does not offer presence (489).',
  'sip-status': 'The SIP server refused with another status.',
  'sip-no-notify': 'The SIP server accepted the subscription but sent no presence.',
  'subscription-rejected': 'The person does not allow you to see their presence.',
  'subscription-terminated': 'The SIP server ended the subscription.',
  'no-document': 'Subscribed; nothing is published for this person yet.',
  'bad-sip-uri': 'The presence address is not a SIP address.',
  'bad-pres-uri': 'The presence URI is malformed.',
  'unsupported-scheme': 'The URI is not one presence can be watched through.',
  'xmpp-unsupported': 'This person publishes XMPP presence, which is not supported yet.',
  'bad-subscription-state': 'The SIP server sent a malformed notification.',
  'bad-sip-server': 'The SIP WebSocket server URL is not usable.',
  'bad-sip-address': 'The SIP address is not of the form sip:user@domain.',
  'bad-sip-username': 'The SIP username is not usable.',
  'xml-too-large': 'The presence document was larger than 64 KB.',
  'xml-doctype': 'The presence document declared a DTD, which is refused.',
  'xml-too-deep': 'The presence document was nested too deeply.',
  'xml-too-many-elements': 'The presence document had too many elements.',
  'xml-malformed': 'The presence document is not well-formed XML.',
  'pidf-not-presence': 'The document is not a presence document (PIDF).',
  'pidf-must-understand': 'The presence document needs an extension this one does not understand.',
};
type OtherPresenceErrorCode = 'sip-connect-failed' | 'sip-disconnected' | 'sip-no-notify' | 'bad-sip-uri' | 'bad-pres-uri' | 'unsupported-scheme' | 'xmpp-unsupported' | 'bad-subscription-state' | 'bad-sip-server' | 'bad-sip-address' | 'bad-sip-username';

/** The meaning of a code, or undefined for one that is not in the lists (say, from an older background). */
export const errorMeaning = (code: string): string | undefined =>
  Object.hasOwn(ERROR_MEANINGS, code) ? ERROR_MEANINGS[code as ProtocolErrorCode]
    : Object.hasOwn(PRESENCE_ERROR_MEANINGS, code) ? PRESENCE_ERROR_MEANINGS[code as keyof typeof PRESENCE_ERROR_MEANINGS] : undefined;

/** Section headings and wording every view of a result uses. */
export const RESULT_WORDS = {
  presence: 'Presence',
  others: 'Other ways to reach',
  dnssecValidated: 'DNSSEC validated',
  dnssecNotValidated: 'DNSSEC not validated',
  unknownError: 'Unknown error.',
} as const;

export interface UriView {
  uri: string;
  /** Enumservices of its record ("pres", "email:mailto"); empty for a pres URI known only from `result.pres`. */
  services: string[];
  /** True when the URI may become a link (linkScheme). */
  link: boolean;
}

/** One lookup result as every view shows it: the hover card and the popup render this, nothing else. */
export interface ResultView {
  e164: string;
  domain: string;
  state: EnumState;
  stateLabel: string;
  /** The error of a failed lookup (its meaning in words: errorMeaning(code), kept out of the card's bundle). */
  error?: { code: string; message: string };
  /** URIs whose enumservice announces presence (isPresenceService), then the others. */
  presence: UriView[];
  others: UriView[];
  rejected: LookupResult['rejected'];
  /** Rejections past those listed (core lists at most 50). */
  rejectedOmitted: number;
  dnssec: { validated: boolean; label: string };
  /** How old the answer is ("3 min"), and its age and remaining cache life in words. */
  age: string;
  fetched: string;
  freshness: string;
}

/** A length of time in the largest whole unit: "42 s", "3 min", "2 h", "3 d". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAge(fetchedAt: number, now: number): string {
  const s = Math.max(0, Math.round((now - fetchedAt) / 1000));
  return s < 5 ? 'just now' : `${duration(s)} ago`;
}

export function describeResult(result: LookupResult, now: number): ResultView {
  const state = stateOfResult(result);
  const view = (u: { uri: string; enumservices: string[] }): UriView => ({ uri: u.uri, services: u.enumservices, link: linkScheme(u.uri) !== undefined });
  const isPresence = (u: LookupResult['uris'][number]) => result.pres.includes(u.uri) || u.enumservices.some(isPresenceService);
  const presence = result.uris.filter(isPresence).map(view);
  for (const uri of result.pres) if (!presence.some((p) => p.uri === uri)) presence.push({ uri, services: [], link: linkScheme(uri) !== undefined });
  const ageSeconds = Math.max(0, Math.round((now - result.fetchedAt) / 1000));
  const left = Math.round(result.ttl - ageSeconds);
  const error = result.status === 'error' ? (result.error ?? { code: 'internal', message: RESULT_WORDS.unknownError }) : undefined;
  return {
    e164: result.e164,
    domain: result.domain,
    state,
    stateLabel: STATE_LABELS[state],
    ...(error ? { error } : {}),
    presence,
    others: result.uris.filter((u) => !isPresence(u)).map(view),
    rejected: result.rejected,
    rejectedOmitted: result.rejectedOmitted ?? 0,
    dnssec: { validated: result.dnssec, label: result.dnssec ? RESULT_WORDS.dnssecValidated : RESULT_WORDS.dnssecNotValidated },
    age: duration(ageSeconds),
    fetched: `fetched ${formatAge(result.fetchedAt, now)}`,
    freshness: `answer ${duration(ageSeconds)} old, ${left > 0 ? `valid ${duration(left)} more` : 'expired'}`,
  };
}
