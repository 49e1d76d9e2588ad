// tel: links: the href is the number (RFC 3966), and a link whose text is the same number is marked once,
// over the link's text, not twice.
import { parsePhoneNumberFromString, isSupportedCountry } from '../detect/phone-lib.ts';
import { internationalPrefixAsPlus } from '../../core/enum/international-prefix.ts';

export const TEL_LINK = 'a[href^="tel:" i]';

/** The E.164 number of a tel: URI, or undefined. `region` reads local numbers without a `+`. */
export function telNumber(href: string, region: string): string | undefined {
  let body: string;
  try {
    body = decodeURIComponent(href.replace(/^tel:/i, '').split(/[;?#]/)[0] ?? '');
  } catch {
    return undefined;
  }
  const country = region && isSupportedCountry(region) ? region : undefined;
  // A tel: link says outright that it is a phone number, so "possible" is enough (no range validation).
  const read = (text: string) => {
    const parsed = parsePhoneNumberFromString(text, country ? { defaultCountry: country } : {});
    return parsed?.isPossible() ? parsed.number : undefined;
  };
  // The region's reading first (its own international prefix, e.g. 011 in US); then a leading 00 as +, as toE164.
  const international = internationalPrefixAsPlus(body.trim());
  return read(body.trim()) ?? (international === undefined ? undefined : read(international));
}

/** The tel: link enclosing `node`, if any (same tree only: links do not cross shadow boundaries). */
export function enclosingTelLink(node: Node): Element | null {
  return node.parentElement?.closest(TEL_LINK) ?? null;
}
