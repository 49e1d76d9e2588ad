// The NAPTR SERVICES field of an ENUM record (RFC 6116 §3.4.3):
//
//   service-field = "E2U" 1*(servicespec)        servicespec = "+" enumservice
//   enumservice   = type 0*(subtypespec)         subtypespec = ":" subtype
//   type          = 1*32(ALPHA / DIGIT / "-")    subtype     = 1*32(ALPHA / DIGIT / "-")
//
// e.g. "E2U+sip", "E2U+email:mailto", "E2U+voice:tel+sms:tel" (compound: one NAPTR per enumservice,
// read left to right, RFC 6116 §3.4.3.2). Clients SHOULD also accept the obsolete RFC 2916 order
// "sip+E2U" (RFC 6116 §5.2); RFC 5483 §6.1 suggests tokenising on "+" and expecting exactly one "E2U".
import { err, ok, type Result } from '../result.ts';

/** RFC 6116 §3.4.3 ABNF, with "-" added to RFC 3761's rule (RFC 6116 §9). */
const ENUMSERVICE = /^[A-Za-z0-9-]{1,32}(:[A-Za-z0-9-]{1,32})*$/;

/**
 * Returns the record's enumservices, lower-cased ("type" or "type:subtype"), in the order written.
 * Types and subtypes are case-insensitive (RFC 6116 §3.6, RFC 6117 §3.2).
 * A record with a private "P-" type is discarded whole: RFC 6116 §3.4.3.1 says a client "MUST discard any NAPTR
 * with an Enumservice type that starts with the 'P-' facet" (outside the private network that defines it).
 * A field that is not for the E2U application is an error too
 * (RFC 6116 §5.2: such NAPTRs must be skipped "without failure").
 */
export function parseEnumServices(services: string): Result<string[]> {
  if (services === '') return err('bad-services', 'the services field is empty');
  const tokens = services.split('+');
  const e2u = tokens.flatMap((t, i) => (t.toUpperCase() === 'E2U' ? [i] : []));
  if (e2u.length === 0) return err('bad-services', `"${services}" is not an ENUM (E2U) service field`);
  if (e2u.length > 1) return err('bad-services', `"${services}" names the E2U application more than once`);
  const at = e2u[0] as number;
  // "E2U+type…" (RFC 6116 §3.4.3) or the obsolete RFC 2916 "type…+E2U" (RFC 6116 §5.2, RFC 5483 §6.1).
  if (at !== 0 && at !== tokens.length - 1) {
    return err('bad-services', `"${services}": E2U must be the first or the last token`);
  }
  const types = at === 0 ? tokens.slice(1) : tokens.slice(0, -1);
  if (types.length === 0) return err('bad-services', `"${services}" names no enumservice`);
  const out: string[] = [];
  for (const t of types) {
    if (!ENUMSERVICE.test(t)) return err('bad-services', `"${t}" is not a valid enumservice (RFC 6116 §3.4.3)`);
    const lower = t.toLowerCase();
    if (lower.startsWith('p-'))
      return err('bad-services', `"${services}" has a private "P-" enumservice (RFC 6116 §3.4.3.1: discarded)`);
    out.push(lower);
  }
  return ok(out);
}

/**
 * Whether an enumservice (as parseEnumServices returns it) announces presence: the "pres" type of RFC 3953 §4,
 * with or without a subtype ("pres", "pres:sip"). Every view and the lookup itself ask this one rule.
 */
export const isPresenceService = (enumservice: string): boolean =>
  enumservice === 'pres' || enumservice.startsWith('pres:');
