// tel: links: the href is the number (RFC 3966), and a link whose text is the same number is marked once,
// over the link's text, not twice.
import { parsePhoneNumberFromString, isSupportedCountry } from '../detect/phone-lib.ts';

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
  const parsed = parsePhoneNumberFromString(body.trim(), country ? { defaultCountry: country } : {});
  // A tel: link says outright that it is a phone number, so "possible" is enough (no range validation).
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** The tel: link enclosing `node`, if any (same tree only: links do not cross shadow boundaries). */
export function enclosingTelLink(node: Node): Element | null {
  return node.parentElement?.closest(TEL_LINK) ?? null;
}
