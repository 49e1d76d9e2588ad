// Every shadow root, closed ones included: content scripts may reach a closed root through
// `chrome.dom.openOrClosedShadowRoot` (Chromium) or `Element.openOrClosedShadowRoot` (Firefox); pages may not.
// Attaching a shadow root causes no mutation record, so roots attached after their host was scanned are found
// by looking at the possible hosts again now and then (session.ts, SHADOW_POLL_MS).

import { isOwnHost } from './own-hosts.ts';

type ChromeDom = { dom?: { openOrClosedShadowRoot?: (el: HTMLElement) => ShadowRoot | null } };
const chromeDom = (globalThis as { chrome?: ChromeDom }).chrome?.dom?.openOrClosedShadowRoot;

/** Elements that may host a shadow root (DOM Standard, attachShadow): these and custom elements (a `-`). */
const HOSTS = /^(article|aside|blockquote|body|div|footer|h[1-6]|header|main|nav|p|section|span)$|-/;

export function mayHostShadow(el: Element): boolean {
  return HOSTS.test(el.localName);
}

/** The element's shadow root, open or closed, or null (always for the extension's own card host). */
export function shadowRootOf(el: Element): ShadowRoot | null {
  if (isOwnHost(el)) return null;
  const open = el.shadowRoot;
  if (open) return open;
  if (!mayHostShadow(el)) return null;
  if ('openOrClosedShadowRoot' in el)
    return (el as Element & { openOrClosedShadowRoot: ShadowRoot | null }).openOrClosedShadowRoot;
  try {
    return chromeDom?.(el as HTMLElement) ?? null;
  } catch {
    return null;
  }
}
