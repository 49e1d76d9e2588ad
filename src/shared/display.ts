// What every view of a lookup (hover card, popup) shares: the words for each state and the one rule for which
// URIs become links. DNS data is untrusted: only these schemes are ever links, everything else is text.
import { USABLE_SCHEMES } from '../core/naptr/uri.ts';
import type { EnumState } from './protocol.ts';

/** Usable schemes a browser cannot open from a link (no handler for h323:, ftp: support removed): shown as text. */
const NOT_LINKED: ReadonlySet<string> = new Set(['h323', 'ftp']);

/** Of the schemes an ENUM record may use (core/naptr/uri.ts USABLE_SCHEMES), the ones that become links. */
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
  if (scheme === 'http' || scheme === 'https') {
    try {
      new URL(uri);
    } catch {
      return undefined;
    }
  }
  return scheme;
}
