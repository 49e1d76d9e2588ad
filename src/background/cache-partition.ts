// Cached answers are kept apart per top-level site: a page must not learn, from how fast a lookup answers, which
// numbers the user looked up on another site (a cache hit answers in milliseconds, a query in hundreds). The
// partition is the requesting tab's top-level origin (an origin is never wider than its site, so this is at
// least as strict); extension pages (popup, options) share their own partition.
import type { SenderInfo } from '../platform/messaging.ts';

/** The partition of the extension's own pages. */
export const EXTENSION_PARTITION = '';

/** The cache partition for a lookup asked by `sender`. */
export function cachePartition(sender: Pick<SenderInfo, 'tabId' | 'frameId' | 'url' | 'tabUrl'>): string {
  if (sender.tabId === undefined) return EXTENSION_PARTITION;
  const top = originOf(sender.tabUrl) ?? (sender.frameId === 0 ? originOf(sender.url) : undefined);
  if (top) return top;
  // The top-level URL is unknown (a frame, without access to the tab's URL): the frame's own origin, which no
  // other site's frames share. Opaque origins (sandboxed frames, data: URLs) are kept per tab.
  const frame = originOf(sender.url);
  return `frame ${frame ?? `opaque ${sender.tabId}`}`;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
