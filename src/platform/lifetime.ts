// Keeping the background alive while it has work pending (live presence: a SIP WebSocket with subscriptions).
//
// Chromium's MV3 background is a service worker, stopped after 30 s without events; since Chrome 116 WebSocket
// messages count as activity (developer.chrome.com, "Use WebSockets in service workers"), so the SIP CRLF
// keep-alive (core/presence/sip-transport.ts) is enough there. Firefox's MV3 background is an event page,
// suspended after `extensions.background.idle.timeout` (default 30 s) without activity, and socket traffic is not
// activity: Firefox 153 ESR suspended it about 30 s after the last view with a CRLF sent every 15 s
// (docs/presence.md "Firefox event page"). What resets its idle timer is an extension event, or an extension API
// call from the background that is answered in the parent process (Firefox source: `recvAPICall` in
// ExtensionParent.sys.mjs emits "background-script-reset-idle" with reason "parentapicall"; the timer is in
// ext-backgroundPage.js). runtime.getPlatformInfo is such a call, needs no permission and has no effect; Chromium
// resets its worker's timer on extension API calls too (since Chrome 110), but has no need for them here.
import browser from './browser.ts';

/** The background is an event page (Firefox), not a service worker: only a page has a document. */
const isEventPage = (): boolean => typeof document !== 'undefined';

/**
 * A switch for "work is pending": while on, an extension API call every `everyMs` (≤ 20 s, under Firefox's 30 s)
 * keeps an event page from being suspended; off lets it suspend again. Does nothing in a service worker.
 */
export function backgroundKeepAlive(everyMs: number): (pending: boolean) => void {
  if (!isEventPage() || everyMs <= 0) return () => undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  return (pending) => {
    if (pending && timer === undefined) {
      timer = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), everyMs);
    } else if (!pending && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
