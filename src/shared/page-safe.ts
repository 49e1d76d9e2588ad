// What a lookup result may say in a page's context. The hover card lives in the page (a closed shadow root is
// no confidentiality boundary: `window.find()` matches its text in Chromium and Firefox), and a DoH URL's path
// or query may hold a per-user token (`/dns-query?profile=…`). So the content script only ever receives a
// resolver's origin; the extension's own pages (popup, options) show the full message.
import type { LookupResult } from '../core/enum/types.ts';

const ABSOLUTE_URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/** `text` with every absolute URL in it reduced to its origin (`https://dns.example/u/SECRET` → `https://dns.example`). */
export function originsOnly(text: string): string {
  return text.replace(ABSOLUTE_URL, (url) => {
    try {
      const origin = new URL(url).origin;
      return origin === 'null' ? '[URL]' : origin;
    } catch {
      return '[URL]';
    }
  });
}

/** A lookup result as a content script receives it: its error message names resolvers by origin only. */
export function resultForPage(result: LookupResult): LookupResult {
  return result.error ? { ...result, error: { ...result.error, message: originsOnly(result.error.message) } } : result;
}
