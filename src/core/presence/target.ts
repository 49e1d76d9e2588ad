// Which URI to SUBSCRIBE to (RFC 3856 §5, presence URIs) for a presence URI found in ENUM (E2U+pres, RFC 3953):
//   sip:/sips: — as it is: it names the presentity and its SIP domain (RFC 3261 §19.1);
//   pres:user@domain — RFC 3861 resolves it through SRV: when _pres._sip.<domain> exists the presentity is
//     served over SIP, so SUBSCRIBE sip:user@domain; when no _pres SRV exists at all we try SIP too (most SIP
//     domains publish none); when only _pres._xmpp exists it is an XMPP presentity, which we cannot watch yet;
//   xmpp:/im: — XMPP (RFC 5122) or instant-messaging (RFC 3860) URIs: not supported yet.
// The SUBSCRIBE always goes through the user's own SIP server over WebSocket; routing it to the presentity's
// domain (RFC 3263) is that server's job, so the SRV targets themselves do not matter here, only existence.
import { RRType, type SrvData } from '../dns/types.ts';
import { parsePresUri } from './uri.ts';
import { query, statusError, type ResolverConfig } from '../enum/query.ts';
import { err, ok, type CoreError, type Result } from '../result.ts';

/** Whether an SRV owner name has usable records: 'present', 'absent' (NXDOMAIN, NODATA or the "." target). */
export type SrvLookup = (owner: string) => Promise<Result<'present' | 'absent'>>;

export interface SubscribeTarget {
  /** The URI to put in the SUBSCRIBE Request-URI and To header. */
  uri: string;
  /** Why: the ENUM URI was SIP already, pres: with _pres._sip SRV, or pres: with no _pres SRV at all. */
  via: 'sip-uri' | 'pres-sip-srv' | 'pres-no-srv';
}

export const SUBSCRIBE_TARGET_ERRORS = [
  'xmpp-unsupported',
  'unsupported-scheme',
  'bad-sip-uri',
  'bad-pres-uri',
] as const;

// RFC 3261 §25.1: user = 1*( unreserved / escaped / user-unreserved ). A pres: local part (RFC 2822 dot-atom)
// may hold # % ^ ` { | } which a SIP user part must escape.
const SIP_USER_SAFE = /[A-Za-z0-9\-_.!~*'()&=+$,;?/]/;
const sipUser = (user: string) => Array.from(user, (c) => (SIP_USER_SAFE.test(c) ? c : encodeURIComponent(c))).join('');

// sip:user@host… with no whitespace or control characters; a SIP URI without a user names a server, not a presentity.
const SIP_URI = /^sips?:[^@\s]+@[^@\s]+$/i;

export async function subscribeTarget(uri: string, srv: SrvLookup): Promise<Result<SubscribeTarget>> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'sip' || scheme === 'sips') {
    // eslint-disable-next-line no-control-regex -- refusing control characters
    if (!SIP_URI.test(uri) || /[\u0000-\u001f\u007f]/.test(uri)) {
      return err('bad-sip-uri', `"${uri}" is not a SIP URI of the form sip:user@domain.`);
    }
    return ok({ uri, via: 'sip-uri' });
  }
  if (scheme === 'xmpp' || scheme === 'im') {
    return err('xmpp-unsupported', `${scheme}: presence (${uri}) is not supported yet: only SIP presence is.`);
  }
  if (scheme !== 'pres') return err('unsupported-scheme', `"${uri}" is not a presence URI (sip:, sips:, pres:).`);

  const parsed = parsePresUri(uri);
  if (!parsed.ok) return parsed;
  const { user, domain } = parsed.value;
  const sip = `sip:${sipUser(user)}@${domain}`;
  // RFC 3861: _pres._sip and _pres._xmpp SRV (_Service._Proto.Name, RFC 2782) under the presentity's domain.
  const [sipSrv, xmppSrv] = await Promise.all([srv(`_pres._sip.${domain}`), srv(`_pres._xmpp.${domain}`)]);
  if (!sipSrv.ok) return sipSrv;
  if (sipSrv.value === 'present') return ok({ uri: sip, via: 'pres-sip-srv' });
  if (!xmppSrv.ok) return xmppSrv;
  if (xmppSrv.value === 'present') {
    return err(
      'xmpp-unsupported',
      `${domain} serves ${uri} over XMPP only (_pres._xmpp SRV); XMPP presence is not supported yet.`,
    );
  }
  return ok({ uri: sip, via: 'pres-no-srv' });
}

/** An SrvLookup over the same DoH path as the ENUM lookup. */
export function srvLookupOverDoh(config: ResolverConfig): SrvLookup {
  return async (owner) => {
    const r = await query(config, owner, RRType.SRV);
    if (!r.ok) return r;
    const { status } = r.value;
    if (status === 'NXDOMAIN' || status === 'NODATA') return ok('absent');
    if (status !== 'NOERROR') return { ok: false, error: statusError(owner, r.value) satisfies CoreError };
    const targets = r.value.records.map((rec) => rec.data).filter((d): d is SrvData => d.kind === 'SRV');
    // RFC 2782: a single record with target "." means the service is decidedly not available at this domain.
    return ok(targets.some((t) => t.target !== '') ? 'present' : 'absent');
  };
}
