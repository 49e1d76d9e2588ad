// The one typed protocol map for every message between extension contexts.
// Every message is validated at runtime on receipt (`parseMessage`) and its sender checked by the receiver;
// replies are Results, so errors cross contexts as data ({code, message}), never thrown, and every code is one
// of PROTOCOL_ERROR_CODES.
import { isDohMethod, type DohMethod } from '../core/doh/provider.ts';
import type { DohErrorCode } from '../core/doh/types.ts';
import { isE164 } from '../core/enum/domain.ts';
import type { E164Error, NumberReason } from '../core/enum/e164.ts';
import type { StatusErrorCode } from '../core/enum/query.ts';
import type { LookupResult, RecordRejectionCode } from '../core/enum/types.ts';
import { isRecord } from '../core/guards.ts';
import type { PresenceEntry } from '../core/presence/entry.ts';
import type { SipAccountReason } from '../core/presence/account.ts';
import type { SipTestOutcome } from '../core/presence/session.ts';
import type { SubscriptionErrorCode } from '../core/presence/subscription.ts';
import type { PidfErrorCode } from '../core/presence/pidf.ts';
import { err, type CoreError, type Result } from '../core/result.ts';

/**
 * Every error code a reply or a lookup result may carry to another context, and so to the user (each has a
 * readable meaning in shared/display.ts errorMeaning, words in public/_locales). Core's codes first, then the extension's own.
 */
export const PROTOCOL_ERROR_CODES = [
  // core/doh: the DoH exchange
  'bad-url',
  'bad-query',
  'network',
  'timeout',
  'http-status',
  'bad-content-type',
  'malformed',
  'mismatch',
  'truncated',
  'too-large',
  // core/enum/query.ts statusError: the resolver answered, unusably
  'servfail',
  'refused',
  'dns-error',
  // core/enum/e164.ts: the number typed
  'bad-number',
  'bad-region',
  'bad-suffix',
  // the extension: messages, senders, limits, permissions, settings, storage
  'bad-message',
  'forbidden',
  'unreachable',
  'internal',
  'rate-limited',
  'no-host-permission',
  'invalid-setting',
  'storage',
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];
/**
 * A reply's error, as data. A `rate-limited` refusal (the background's per-tab bucket) also says in how many
 * milliseconds the tab's next lookup will be taken: the content script waits that long (lookups/retry-queue.ts).
 */
export type ProtocolError =
  CoreError<Exclude<ProtocolErrorCode, 'rate-limited'>> | (CoreError<'rate-limited'> & { retryAfterMs: number });

/** The background's refusal of a lookup over its per-tab limit, with when to ask again. */
export const rateLimited = (retryAfterMs: number): Result<never, ProtocolError> => ({
  ok: false,
  error: { code: 'rate-limited', message: 'Too many lookups from this page; try again in a moment.', retryAfterMs },
});

/** Core's code unions stay inside the list: a new core code fails type checking here until it is added. */
type Within<T extends ProtocolErrorCode> = T;
export type CoreErrorCode = Within<DohErrorCode | StatusErrorCode | E164Error['code']>;

/**
 * The codes of live presence, carried as data inside a testSip outcome or a presence entry (not as a reply's
 * error): SIP and WebSocket failures, refused or ended subscriptions (RFC 6665), presence documents that cannot
 * be read (RFC 3863), presence URIs that cannot be watched, and the SIP account rules. Each has a meaning in
 * words (shared/display.ts errorMeaning).
 */
export const PRESENCE_ERROR_CODES = [
  // core/presence/session.ts and the background's PresenceManager: the connection
  'sip-connect-failed',
  'sip-disconnected',
  'sip-no-notify',
  // core/presence/subscription.ts SUBSCRIPTION_ERROR_CODES
  'sip-auth-failed',
  'sip-forbidden',
  'sip-declined',
  'sip-bad-event',
  'sip-status',
  'subscription-rejected',
  'subscription-terminated',
  'no-document',
  // core/presence/view.ts, target.ts, uri.ts: what to subscribe to, and what a NOTIFY said
  'bad-subscription-state',
  'bad-sip-uri',
  'bad-pres-uri',
  'unsupported-scheme',
  'xmpp-unsupported',
  // core/presence/account.ts: the account fields
  'bad-sip-server',
  'bad-sip-address',
  'bad-sip-username',
  // core/presence/pidf.ts PIDF_ERROR_CODES (with xml.ts XML_ERROR_CODES)
  'xml-too-large',
  'xml-doctype',
  'xml-too-deep',
  'xml-too-many-elements',
  'xml-malformed',
  'pidf-not-presence',
  'pidf-must-understand',
] as const;
export type PresenceErrorCode = (typeof PRESENCE_ERROR_CODES)[number];
type WithinPresence<T extends PresenceErrorCode> = T;
export type CorePresenceErrorCode = WithinPresence<SubscriptionErrorCode | PidfErrorCode>;

/**
 * Why a setting's value was refused: a SettingError's `reason` (shared/settings-parse.ts), each with its words
 * `setting_<reason>` in public/_locales, filled with the error's `params` in order (the value given, a limit).
 * Its `message` stays English, for the logs (parseLayers' warnings) and the CLI, which uses the same core rules.
 */
export const SETTING_ERROR_CODES = [
  // shared/settings-parse.ts and page-settings.ts: any setting
  'not-a-choice', // $1: the allowed values
  'not-text',
  'not-a-list',
  'item-not-text',
  'too-many-domains', // $1: the limit
  'no-domain',
  'bad-domain', // $1: the value
  'too-many-hostnames', // $1: the limit
  'no-hostname',
  'bad-hostname', // $1: the value
  'bad-region',
  'unknown-region', // $1: the region given (UK, ZZ): two letters, but no region with phone numbers
  // core/doh/provider.ts DohUrlReason: validateDohUrl's refusals
  'doh-url-missing',
  'doh-url-template',
  'doh-url-not-url', // $1: the value
  'doh-url-not-https',
  'doh-url-credentials',
  'doh-url-fragment',
  // core/presence/account.ts SipAccountReason: the SIP account fields
  'sip-server-not-url', // $1: the value
  'sip-server-not-websocket', // $1: the scheme given, "https:"
  'sip-server-unencrypted', // $1: the wss:// URL to use instead
  'sip-server-credentials',
  'sip-server-fragment',
  'sip-address-invalid', // $1: the value
  'sip-username-invalid',
  // background/handlers.ts testSip: what a test needs
  'sip-account-missing',
  'sip-password-missing',
] as const;
export type SettingErrorCode = (typeof SETTING_ERROR_CODES)[number];

/**
 * Why an input is no phone number (core/enum/e164.ts NumberReason), each with its words under its own name
 * (`number-too-short` → `number_too_short`) in public/_locales, filled with the error's `params` in order.
 */
export const NUMBER_ERROR_CODES = [
  'number-missing',
  'number-input-too-long', // $1: the most characters
  'number-region-unknown', // $1: the region given
  'number-needs-region', // $1: the input
  'number-no-country-code', // $1: the input, $2: its first digits after + ("+999…")
  'number-not-found', // $1: the input
  'number-too-short', // $1: the input
  'number-too-long', // $1: the input
  'number-wrong-length', // $1: the input
  'number-unreadable', // $1: the input
  'number-not-e164', // $1: the input
  'number-invalid', // $1: the input, $2: the region (GB) or +code
] as const satisfies readonly NumberReason[];
export type NumberErrorCode = (typeof NUMBER_ERROR_CODES)[number];
/** Every reason the core gives is listed (the list above may not miss one). */
export const EVERY_NUMBER_REASON_IS_LISTED: NumberReason extends NumberErrorCode ? true : never = true;
type WithinSetting<T extends SettingErrorCode> = T;
export type CoreSettingErrorCode = WithinSetting<SipAccountReason>;

/**
 * Why a NAPTR record was ignored: a RejectedRecord's `why.code` (core/naptr/process.ts, with uri.ts'
 * UriRejection), each with its words `rejection_<code>` in public/_locales filled with `why.params` in order.
 * The record's `reason` stays English: the CLI's text and JSON (README "The CLI (a contract)").
 */
export const REJECTION_CODES = [
  // core/naptr/process.ts: the processing of a set
  'too-many-records', // $1: the limit, $2: the records in the set
  'too-many-uris', // $1: the limit
  'too-many-uri-chars', // $1: the limit
  'unknown-flags', // $1: the flags
  'regexp-and-replacement',
  'no-regexp',
  'no-match',
  'no-replacement',
  'bad-replacement', // $1: the name
  'loop', // $1: the chain of names
  'chain-too-long', // $1: the limit
  'too-many-lookups', // $1: the limit
  'lookup-failed', // $1: the name, $2: the resolver's own message
  'no-records', // $1: the name
  'no-usable-uri', // $1: the name
  // a field of the record that cannot be used ($1: core's technical detail, which quotes the field)
  'bad-services',
  'bad-regexp',
  'bad-uri',
  // core/naptr/uri.ts UriRejection: the scheme of the rewritten URI
  'unsafe-scheme', // $1: the scheme
  'not-presence-scheme', // $1: the scheme, $2: the presence schemes
  'unknown-scheme', // $1: the scheme
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];
type WithinRejection<T extends RejectionCode> = T;
export type CoreRejectionCode = WithinRejection<RecordRejectionCode>;

/**
 * Where the ENUM lookup of a number stands: not looked up, pending, or what its records say ("pres": an E2U+pres
 * URI is published — not whether the person is online). The values are the page-annotation contract (README).
 */
export type EnumState = 'idle' | 'pending' | 'pres' | 'no-pres' | 'none' | 'error';

/** The annotation state a lookup result gives its number. */
export function stateOfResult(result: Pick<LookupResult, 'status' | 'pres'>): EnumState {
  if (result.status === 'error') return 'error';
  if (result.status === 'not-found') return 'none';
  return result.pres.length > 0 ? 'pres' : 'no-pres';
}

export interface TabNumber {
  e164: string;
  state: EnumState;
}

export interface ProtocolMap {
  /** content → background: resolve one number the user chose (hover, context menu, or resolveOn=visible). */
  resolveNumber: { request: { e164: string }; response: LookupResult };
  /** content → background: the numbers currently annotated on the sender's page (for popup and badge). */
  reportNumbers: { request: { numbers: TabNumber[] }; response: null };
  /** popup → background: the numbers of a tab with their cached results. */
  getTabNumbers: { request: { tabId: number }; response: { numbers: (TabNumber & { result?: LookupResult })[] } };
  /** popup → background: look up any typed number. */
  inspectNumber: { request: { input: string; region: string }; response: LookupResult };
  /** popup/options → background */
  clearCache: { request: Record<string, never>; response: null };
  /** options → background: resolve a known name with the given provider and report latency or the exact error. */
  testProvider: { request: { dohUrl: string; dohMethod: DohMethod }; response: { latencyMs: number; dnssec: boolean } };
  /**
   * card/popup → background: the user is looking at this number (an open card, the popup's list, an inspected
   * number): keep its presence URIs subscribed for a while. Only URIs of the number's lookup answer are watched
   * (cached, or handed out in the last minute whatever its TTL: EnumClient.answered), never URIs a view names.
   * `tabId` (popup only): the tab whose numbers it lists, whose cache partition holds their results. Replies with
   * what is known now; changes come as presenceChanged events.
   */
  viewPresence: {
    request: { e164: string; tabId?: number };
    response: { enabled: boolean; presence: PresenceEntry[] };
  };
  /**
   * options → background: connect to a SIP server with these (unsaved) account fields and check the credentials;
   * `password` "" means the stored one, so the page never reads it back. The SIP outcome is data, not an error.
   */
  testSip: {
    request: { sipServer: string; sipAddress: string; sipUsername: string; password: string };
    response: SipTestOutcome;
  };
}

export type MessageType = keyof ProtocolMap;

/** background → content script (sent with tabs.sendMessage to our own content script only). */
export type ContentMessage = { type: 'showCardForSelection'; payload: { text: string } };

export function parseContentMessage(raw: unknown): ContentMessage | undefined {
  if (!isRecord(raw) || raw.type !== 'showCardForSelection' || !isRecord(raw.payload)) return undefined;
  const text = raw.payload.text;
  return isShortString(text, 200) ? { type: 'showCardForSelection', payload: { text } } : undefined;
}
export type Message<K extends MessageType = MessageType> = K extends MessageType
  ? { type: K; payload: ProtocolMap[K]['request'] }
  : never;
export type Reply<K extends MessageType> = Result<ProtocolMap[K]['response'], ProtocolError>;

/** Message types a content script may send; everything else must come from the extension's own pages. */
export const CONTENT_SCRIPT_MESSAGES: readonly MessageType[] = ['resolveNumber', 'reportNumbers', 'viewPresence'];

/** What the receiver knows about a sender (from runtime.MessageSender). */
export interface SenderFacts {
  /** sender.id: the extension the message comes from. */
  id: string | undefined;
  /** sender.tab is set for content scripts (and our own pages opened as tabs report their extension URL). */
  hasTab: boolean;
  url: string | undefined;
}

/**
 * The one sender check, for every receiver (background messages and ports, the content script): only this
 * extension; our own origin (an extension page or the background) is a "page", a tab of a web page is a
 * "content" script. Returns the kind of sender, or an error.
 */
export function senderKind(
  sender: SenderFacts,
  ownId: string,
  ownOrigin: string,
): Result<'page' | 'content', ProtocolError> {
  if (sender.id !== ownId) return err('forbidden', 'Messages from other extensions are ignored.');
  let origin = '';
  try {
    origin = sender.url ? new URL(sender.url).origin : '';
  } catch {
    origin = '';
  }
  // Node and browsers differ on opaque origins of extension URLs: compare scheme and host explicitly.
  const fromOwnPage = sender.url !== undefined && (origin === ownOrigin || sender.url.startsWith(`${ownOrigin}/`));
  if (fromOwnPage) return { ok: true, value: 'page' };
  if (!sender.hasTab) return err('forbidden', 'Unknown sender.');
  return { ok: true, value: 'content' };
}

/** senderKind for a request to the background: a content script may send only CONTENT_SCRIPT_MESSAGES. */
export function checkSender(
  type: MessageType,
  sender: SenderFacts,
  ownId: string,
  ownOrigin: string,
): Result<'page' | 'content', ProtocolError> {
  const kind = senderKind(sender, ownId, ownOrigin);
  if (kind.ok && kind.value === 'content' && !CONTENT_SCRIPT_MESSAGES.includes(type)) {
    return err('forbidden', `${type} is only accepted from the extension's own pages.`);
  }
  return kind;
}

/** The longest input inspectNumber carries (the popup's field holds no more: popup/view.ts). */
export const INSPECT_INPUT_MAX = 100;

const STATES: readonly EnumState[] = ['idle', 'pending', 'pres', 'no-pres', 'none', 'error'];
const isShortString = (v: unknown, max = 2048): v is string => typeof v === 'string' && v.length <= max;

/** Payload validators: the only gate between an untrusted message and a handler. */
const VALIDATORS: { [K in MessageType]: (p: Record<string, unknown>) => boolean } = {
  resolveNumber: (p) => isE164(p.e164),
  reportNumbers: (p) =>
    Array.isArray(p.numbers) &&
    p.numbers.length <= 10_000 &&
    p.numbers.every((n) => isRecord(n) && isE164(n.e164) && STATES.includes(n.state as EnumState)),
  getTabNumbers: (p) => Number.isSafeInteger(p.tabId) && (p.tabId as number) >= 0,
  inspectNumber: (p) => isShortString(p.input, INSPECT_INPUT_MAX) && isShortString(p.region, 2),
  clearCache: () => true,
  testProvider: (p) => isShortString(p.dohUrl) && isDohMethod(p.dohMethod),
  testSip: (p) =>
    isShortString(p.sipServer) &&
    isShortString(p.sipAddress) &&
    isShortString(p.sipUsername, 256) &&
    isShortString(p.password, 1024),
  viewPresence: (p) =>
    isE164(p.e164) && (p.tabId === undefined || (Number.isSafeInteger(p.tabId) && (p.tabId as number) >= 0)),
};

/** Validate an untrusted value as a protocol message: a Message, or an error saying what is wrong. */
export function parseMessage(raw: unknown): Result<Message, ProtocolError> {
  return parseTyped<Message>(VALIDATORS, raw, 'message');
}

/** `{type, payload}` checked against a table of payload validators (messages here, events in events.ts). */
export function parseTyped<T>(
  validators: Record<string, (p: Record<string, unknown>) => boolean>,
  raw: unknown,
  what: string,
): Result<T, ProtocolError> {
  if (!isRecord(raw) || typeof raw.type !== 'string' || !Object.hasOwn(validators, raw.type))
    return err('bad-message', `Unknown ${what} type.`);
  const { type, payload } = raw;
  if (!isRecord(payload) || !validators[type]!(payload)) return err('bad-message', `Invalid payload for ${type}.`);
  return { ok: true, value: { type, payload } as T };
}
