// The URI schemes an ENUM record may produce (its own module: the views derive their link schemes from it
// without taking the URI checks along).

/**
 * Schemes used by the IANA-registered enumservices (registry "Enumservices", RFC 6117):
 *   sip, sips    — E2U+sip (RFC 3764), pstn:sip (RFC 4769), vmsg/voicemsg:sip(s) (RFC 5278)
 *   h323         — E2U+h323 (RFC 3762)
 *   pres         — E2U+pres (RFC 3953)
 *   im           — E2U+im (RFC 5028)
 *   xmpp         — E2U+xmpp (RFC 4979)
 *   tel          — voice:tel (RFC 4415), fax/sms/mms:tel (RFC 4355), pstn:tel (RFC 4769)
 *   mailto       — email/sms/mms/ems:mailto (RFC 4355), vpim:mailto (RFC 4238)
 *   http, https  — web:http(s) (RFC 4002), vcard (RFC 4969), information (RFC 5333)
 *   ftp          — ft:ftp (RFC 4002)
 * Left out: ldap (vpim:ldap — not something to open from a page), iax, and fax:/modem: (RFC 3966
 * dropped them).
 */
export const USABLE_SCHEMES: ReadonlySet<string> = new Set([
  'sip',
  'sips',
  'h323',
  'pres',
  'im',
  'xmpp',
  'tel',
  'mailto',
  'http',
  'https',
  'ftp',
]);

/** Schemes a presence (E2U+pres) record may point to: pres (RFC 3953 §4) and the presence protocols
 *  a pres: URI resolves to (RFC 3861: _pres._sip / _pres._xmpp) or a client can watch directly. */
export const PRESENCE_SCHEMES: ReadonlySet<string> = new Set(['pres', 'sip', 'sips', 'xmpp', 'im']);
