// The SIP account a watcher signs in with: which WebSocket server, which address of record, which username.
// One set of rules for the extension's settings (README "Settings") and the CLI's --sip-* flags (README "CLI").
import { ok, refuse, type ReasonedError, type Result } from '../result.ts';

/**
 * Why a field was refused, finer than its code: a stable name and the values its words need (the value given, the
 * URL to use instead), so that a view can say it in the user's language (shared/protocol.ts SETTING_ERROR_CODES);
 * `message` stays the English the CLI prints.
 */
export type SipAccountReason =
  | 'sip-server-not-url'
  | 'sip-server-not-websocket'
  | 'sip-server-unencrypted'
  | 'sip-server-credentials'
  | 'sip-server-fragment'
  | 'sip-address-invalid'
  | 'sip-username-invalid';

export type SipAccountError = ReasonedError<
  'bad-sip-server' | 'bad-sip-address' | 'bad-sip-username',
  SipAccountReason
>;

/** The one host names a plain ws:// SIP server may have: this machine (a local test server or proxy). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A SIP WebSocket server URL (RFC 7118 §7: ws/wss). wss:// anywhere; ws:// only on loopback, because the
 * digest exchange and every presence document would otherwise cross the network in clear text.
 */
export function validateSipServer(value: string): Result<string, SipAccountError> {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return refuse(
      'bad-sip-server',
      'sip-server-not-url',
      `"${value}" is not a URL; give the SIP WebSocket server as wss://host[:port][/path].`,
      value,
    );
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    return refuse(
      'bad-sip-server',
      'sip-server-not-websocket',
      `The SIP WebSocket server must be a wss:// URL, not ${url.protocol}//.`,
      url.protocol,
    );
  }
  if (url.protocol === 'ws:' && !LOOPBACK_HOSTS.has(url.hostname.toLowerCase())) {
    const secure = `wss://${url.host}${url.pathname === '/' ? '' : url.pathname}`;
    return refuse(
      'bad-sip-server',
      'sip-server-unencrypted',
      `ws:// (unencrypted) is allowed only for 127.0.0.1, localhost and ::1; use ${secure}.`,
      secure,
    );
  }
  if (url.username || url.password)
    return refuse(
      'bad-sip-server',
      'sip-server-credentials',
      'The SIP WebSocket server URL must not contain credentials.',
    );
  if (url.hash)
    return refuse('bad-sip-server', 'sip-server-fragment', 'The SIP WebSocket server URL must not have a #fragment.');
  return ok(url.href);
}

// RFC 3261 §19.1.1 sip:user@host, kept strict: a user part of unreserved/escaped characters and a host name
// or an IPv4/bracketed IPv6 literal, with an optional port; no parameters or headers in an address of record.
const SIP_ADDRESS =
  /^sips?:([A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

/** The user's own SIP address (address of record), sip:user@domain. */
export function validateSipAddress(value: string): Result<string, SipAccountError> {
  const v = value.trim();
  if (!SIP_ADDRESS.test(v))
    return refuse(
      'bad-sip-address',
      'sip-address-invalid',
      `"${value}" is not a SIP address of the form sip:user@domain.`,
      value,
    );
  return ok(v);
}

/** The username digest authentication uses when none is given: the user part of the address. */
export function defaultSipUsername(address: string): string {
  const user = /^sips?:([^@]+)@/i.exec(address)?.[1] ?? '';
  try {
    return decodeURIComponent(user);
  } catch {
    return user;
  }
}

/** A username: printable, no whitespace at the ends, at most 256 characters. */
export function validateSipUsername(value: string): Result<string, SipAccountError> {
  // eslint-disable-next-line no-control-regex -- refusing control characters
  if (value.length > 256 || /[\u0000-\u001f\u007f]/.test(value) || value.trim() !== value) {
    return refuse(
      'bad-sip-username',
      'sip-username-invalid',
      'The SIP username must be printable text without spaces at either end.',
    );
  }
  return ok(value);
}
