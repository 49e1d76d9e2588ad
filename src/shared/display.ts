// What every view of a lookup (hover card, popup) shares: the words for each state (shared/i18n.ts) and the one rule for which
// URIs become links. DNS data is untrusted: only these schemes are ever links, everything else is text.
import { USABLE_SCHEMES } from '../core/naptr/schemes.ts';
import type { LookupResult, RejectedRecord } from '../core/enum/types.ts';
import type { CoreError } from '../core/result.ts';
import { isPresenceService } from '../core/naptr/services.ts';
import {
  PRESENCE_ERROR_CODES,
  PROTOCOL_ERROR_CODES,
  NUMBER_ERROR_CODES,
  REJECTION_CODES,
  SETTING_ERROR_CODES,
  stateOfResult,
  type EnumState,
  type NumberErrorCode,
  type PresenceErrorCode,
  type ProtocolErrorCode,
  type RejectionCode,
  type SettingErrorCode,
} from './protocol.ts';
import { formatAgo, formatDuration, t, type MessageKey } from './i18n.ts';

/** "no-host-permission" → "no_host_permission": message names allow letters, digits and "_" only. */
type MessageName<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${MessageName<B>}` : S;

/** Usable schemes a browser cannot open from a link (no handler for h323:, ftp: support removed): shown as text. */
const NOT_LINKED: ReadonlySet<string> = new Set(['h323', 'ftp']);

/** Of the schemes an ENUM record may use (core/naptr/schemes.ts USABLE_SCHEMES), the ones that become links. */
export const LINK_SCHEMES: ReadonlySet<string> = new Set([...USABLE_SCHEMES].filter((s) => !NOT_LINKED.has(s)));

/** The words for a state (the status words that say what the colours also show): its message `state_<state>`. */
export const stateLabel = (state: EnumState): string =>
  t(`state_${state.replace('-', '_')}` as MessageName<`state_${EnumState}`> & MessageKey);

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
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  if (h.startsWith('[')) {
    const v6 = h.slice(1, -1);
    return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('::ffff:');
  }
  return false;
}

/** The message saying what an error code means: `error_<code>`, one for every code of PROTOCOL_ERROR_CODES. */
export type ErrorMessageKey = `error_${MessageName<ProtocolErrorCode>}` & MessageKey;
// Fail to compile when a code of PROTOCOL_ERROR_CODES or a state has no English message.
export const EVERY_CODE_HAS_A_MESSAGE: `error_${MessageName<ProtocolErrorCode>}` extends MessageKey ? true : never =
  true;
export const EVERY_STATE_HAS_A_MESSAGE: MessageName<`state_${EnumState}`> extends MessageKey ? true : never = true;

// And every code of live presence (PRESENCE_ERROR_CODES).
export const EVERY_PRESENCE_CODE_HAS_A_MESSAGE: `error_${MessageName<PresenceErrorCode>}` extends MessageKey
  ? true
  : never = true;

/** The meaning of a code in words, or undefined for one that is not in the lists (say, from an older background). */
export const errorMeaning = (code: string): string | undefined =>
  (PROTOCOL_ERROR_CODES as readonly string[]).includes(code) ||
  (PRESENCE_ERROR_CODES as readonly string[]).includes(code)
    ? t(`error_${code.replace(/-/g, '_')}` as ErrorMessageKey)
    : undefined;

// And every reason a setting is refused for (SETTING_ERROR_CODES), an input is no number for (NUMBER_ERROR_CODES),
// and a record is ignored for.
export const EVERY_SETTING_CODE_HAS_A_MESSAGE: `setting_${MessageName<SettingErrorCode>}` extends MessageKey
  ? true
  : never = true;
export const EVERY_NUMBER_CODE_HAS_A_MESSAGE: MessageName<NumberErrorCode> extends MessageKey ? true : never = true;
export const EVERY_REJECTION_CODE_HAS_A_MESSAGE: `rejection_${MessageName<RejectionCode>}` extends MessageKey
  ? true
  : never = true;

const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);
const wordsOf = (params: unknown): string[] =>
  Array.isArray(params) ? params.filter((p): p is string => typeof p === 'string') : [];

/**
 * An error's own words in the user's language: the message of its `reason` with its `params` — why a setting was
 * refused (SETTING_ERROR_CODES) or why an input is no number (NUMBER_ERROR_CODES); any other error (a lock, the
 * browser's storage, a resolver) has its words in its message already.
 */
export function errorWords(error: CoreError & { reason?: unknown; params?: unknown }): string {
  const params = wordsOf(error.params);
  if (isOneOf(SETTING_ERROR_CODES, error.reason))
    return t(`setting_${error.reason.replace(/-/g, '_')}` as `setting_${MessageName<SettingErrorCode>}`, ...params);
  if (isOneOf(NUMBER_ERROR_CODES, error.reason))
    return t(error.reason.replace(/-/g, '_') as MessageName<NumberErrorCode>, ...params);
  return error.message;
}

/**
 * Why a record was ignored, in words: the message of its `why.code` (REJECTION_CODES) with its parameters and,
 * for a record reached through non-terminals, where it was found; core's English `reason` when it has no code
 * (a result cached by an older version).
 */
export function rejectionWords(r: RejectedRecord): string {
  if (!r.why || !isOneOf(REJECTION_CODES, r.why.code)) return r.reason;
  const key = `rejection_${r.why.code.replace(/-/g, '_')}` as `rejection_${MessageName<RejectionCode>}` & MessageKey;
  const words = t(key, ...wordsOf(r.why.params));
  return r.why.in === undefined ? words : t('rejectionIn', words, r.why.in);
}

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
  /** The error of a failed lookup (its meaning in words: errorMeaning(code); ui/result.ts errorText shows both). */
  error?: { code: string; message: string };
  /** URIs whose enumservice announces presence (isPresenceService), then the others. */
  presence: UriView[];
  others: UriView[];
  rejected: LookupResult['rejected'];
  /** Rejections past those listed (core lists at most 50). */
  rejectedOmitted: number;
  /** What the answer says of itself; absent for a failed lookup, where nothing was fetched to validate or age. */
  answer?: {
    dnssec: { validated: boolean; label: string };
    /** How old the answer is ("fetched 3 minutes ago"), and its age and remaining cache life in words (shared/i18n.ts). */
    fetched: string;
    freshness: string;
  };
}

export function describeResult(result: LookupResult, now: number): ResultView {
  const state = stateOfResult(result);
  const view = (u: { uri: string; enumservices: string[] }): UriView => ({
    uri: u.uri,
    services: u.enumservices,
    link: linkScheme(u.uri) !== undefined,
  });
  const isPresence = (u: LookupResult['uris'][number]) =>
    result.pres.includes(u.uri) || u.enumservices.some(isPresenceService);
  const presence = result.uris.filter(isPresence).map(view);
  for (const uri of result.pres)
    if (!presence.some((p) => p.uri === uri)) presence.push({ uri, services: [], link: linkScheme(uri) !== undefined });
  const ageSeconds = Math.max(0, Math.round((now - result.fetchedAt) / 1000));
  const left = Math.round(result.ttl - ageSeconds);
  const ago = formatAgo(ageSeconds);
  const error =
    result.status === 'error' ? (result.error ?? { code: 'internal', message: t('unknownError') }) : undefined;
  return {
    e164: result.e164,
    domain: result.domain,
    state,
    stateLabel: stateLabel(state),
    ...(error ? { error } : {}),
    presence,
    others: result.uris.filter((u) => !isPresence(u)).map(view),
    rejected: result.rejected,
    rejectedOmitted: result.rejectedOmitted ?? 0,
    ...(error
      ? {}
      : {
          answer: {
            dnssec: { validated: result.dnssec, label: t(result.dnssec ? 'dnssecValidated' : 'dnssecNotValidated') },
            fetched: t('fetched', ago),
            freshness: left > 0 ? t('freshnessValid', ago, formatDuration(left)) : t('freshnessExpired', ago),
          },
        }),
  };
}
