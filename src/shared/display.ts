// What every view of a lookup (hover card, popup) shares: the words for each state and the one rule for which
// URIs become links. DNS data is untrusted: only these schemes are ever links (issue 3), everything else is text.
import type { NumberState } from './protocol.ts';

export const LINK_SCHEMES: ReadonlySet<string> = new Set(['pres', 'sip', 'sips', 'xmpp', 'im', 'tel', 'mailto', 'http', 'https']);

export const STATE_LABELS: Readonly<Record<NumberState, string>> = {
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
