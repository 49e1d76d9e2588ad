// The background's one PresenceManager, wired to the browser: storage.session, the browser's WebSocket (SIP over
// WebSocket, RFC 7118), the settings and the SIP password, the DoH path of the lookups for RFC 3861 SRV, and the
// push channel to the views that asked (audience.ts).
import { DEFAULT_TIMEOUT_MS } from '../../core/doh/index.ts';
import { ok } from '../../core/result.ts';
import { SipSession, testSipAccount, type SipAccount, type SipTestOutcome } from '../../core/presence/session.ts';
import type { WebSocketLike } from '../../core/presence/sip-transport.ts';
import { srvLookupOverDoh, subscribeTarget } from '../../core/presence/target.ts';
import { backgroundKeepAlive } from '../../platform/lifetime.ts';
import { postEvent } from '../../platform/messaging.ts';
import { loadSipPassword, sessionStore } from '../../platform/storage.ts';
import { presenceConfigured, sipUsernameOf } from '../../shared/settings.ts';
import { browserFetch } from '../lookups.ts';
import { currentSettings } from '../state.ts';
import { PresenceAudience } from './audience.ts';
import { PresenceManager } from './manager.ts';

/**
 * CRLF keep-alive on the SIP WebSocket: Chromium stops a service worker after ~30 s without events, and socket
 * traffic counts as one; 15 s leaves room for a late timer. Firefox's event page, for which socket traffic does
 * not count, makes an extension API call as often while work is pending (platform/lifetime.ts).
 */
export const KEEP_ALIVE_MS = 15_000;

const browserWebSocket = (url: string, protocol: string) => new WebSocket(url, protocol) as WebSocketLike;

/** The options page's Test: connect with `account`, check it, disconnect. */
export const testSip = (account: SipAccount): Promise<SipTestOutcome> =>
  testSipAccount({
    ...account,
    webSocket: browserWebSocket,
    now: () => performance.now(),
    languages: navigator.languages,
  });

/** Which view asked for which presence URI: each change goes to those views only. */
export const audience = new PresenceAudience();

export const presence = new PresenceManager({
  store: sessionStore(),
  now: Date.now,
  timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
  account: async () => {
    const { settings } = await currentSettings();
    if (!presenceConfigured(settings)) return undefined;
    const password = await loadSipPassword();
    if (!password) return undefined;
    return { server: settings.sipServer, address: settings.sipAddress, username: sipUsernameOf(settings), password };
  },
  openSession: (account, onDisconnect) =>
    new SipSession({
      ...account,
      webSocket: browserWebSocket,
      now: Date.now,
      languages: navigator.languages,
      keepAliveMs: KEEP_ALIVE_MS,
      onDisconnect,
    }),
  target: async (uri) => {
    const { settings } = await currentSettings();
    const srv = srvLookupOverDoh({
      dohUrl: settings.dohUrl,
      method: settings.dohMethod,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      fetch: browserFetch,
    });
    const target = await subscribeTarget(uri, srv);
    return target.ok ? ok(target.value.uri) : target;
  },
  publish: (entry) =>
    postEvent({ type: 'presenceChanged', payload: { entry } }, (view) => audience.hears(view, entry.uri)),
  keepAlive: backgroundKeepAlive(KEEP_ALIVE_MS),
});
