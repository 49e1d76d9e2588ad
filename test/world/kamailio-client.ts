// SIP clients for tests against the Kamailio world, on SIP.js 0.21 over WebSocket (RFC 7118):
//   - a publisher (SIP.js Publisher: PUBLISH, RFC 3903) that changes a presentity's state;
//   - a watcher that SUBSCRIBEs (RFC 6665, Event: presence, RFC 3856) through SIP.js's core API rather than
//     its Subscriber class, because Subscriber drops the final response of a failed SUBSCRIBE and a test (like
//     the extension) needs its status code: 407 for a wrong password, 403, 489, …
// Node 20 has no global WebSocket (both SIP libraries use the global): installWebSocket() puts the `ws`
// package there, trusting the world's self-signed certificates for wss://.
import { readFileSync } from 'node:fs';
import { Publisher, UserAgent, type Core } from 'sip.js';
import WebSocket from 'ws';

const trusted: string[] = [];

/** Make `globalThis.WebSocket` the `ws` package, trusting `certFiles` (PEM) in addition to the system CAs. */
export function installWebSocket(...certFiles: string[]): void {
  trusted.push(...certFiles.map((f) => readFileSync(f, 'utf8')));
  class LoopbackWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { ca: trusted.length ? trusted : undefined });
    }
  }
  (globalThis as { WebSocket?: unknown }).WebSocket = LoopbackWebSocket;
}

export async function startUserAgent(server: string, aor: string, password: string): Promise<UserAgent> {
  const uri = UserAgent.makeURI(aor);
  if (!uri) throw new Error(`not a SIP URI: ${aor}`);
  const ua = new UserAgent({
    uri,
    transportOptions: { server },
    logLevel: 'error',
    authorizationUsername: uri.user ?? '',
    authorizationPassword: password,
  });
  await ua.start();
  return ua;
}

export function presencePublisher(ua: UserAgent): Publisher {
  // contentType: the default is text/plain, which the presence module refuses.
  return new Publisher(ua, ua.configuration.uri, 'presence', { contentType: 'application/pidf+xml', expires: 600 });
}

export class SipRejection extends Error {
  constructor(
    readonly status: number,
    readonly reasonPhrase: string,
    method: string,
  ) {
    super(`${method} rejected: ${status} ${reasonPhrase}`);
  }
}

export interface Notification {
  /** The Subscription-State header, e.g. "active;expires=300". */
  subscriptionState: string;
  contentType: string;
  body: string;
}

export interface Watch {
  /** Every NOTIFY so far, in order. */
  notifications: Notification[];
  /** Resolves with the first NOTIFY after `after` notifications that satisfies `test`. */
  next(test: (n: Notification) => boolean, after?: number, timeoutMs?: number): Promise<Notification>;
  unsubscribe(): void;
}

/** SUBSCRIBE to `target`'s presence; resolves at the first NOTIFY, rejects with SipRejection on a failure response. */
export function watchPresence(ua: UserAgent, target: string, expires = 300): Promise<Watch> {
  const core = ua.userAgentCore;
  const uri = UserAgent.makeURI(target);
  if (!uri) return Promise.reject(new Error(`not a SIP URI: ${target}`));
  const notifications: Notification[] = [];
  const waiters = new Set<() => void>();
  let subscription: Core.Subscription | undefined;
  const onNotify = (request: Core.IncomingNotifyRequest) => {
    request.accept();
    const m = request.message;
    notifications.push({
      subscriptionState: m.getHeader('Subscription-State') ?? '',
      contentType: m.getHeader('Content-Type') ?? '',
      body: m.body,
    });
    for (const w of waiters) w();
  };
  const watch: Watch = {
    notifications,
    unsubscribe: () => subscription?.unsubscribe(),
    next: (test, after = 0, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = notifications.slice(after).find(test);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no matching NOTIFY within ${timeoutMs} ms; got ${JSON.stringify(notifications.slice(after))}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
  const headers = [
    'Event: presence',
    `Expires: ${expires}`,
    'Accept: application/pidf+xml',
    `Contact: ${core.configuration.contact.toString()}`,
  ];
  const message = core.makeOutgoingRequestMessage('SUBSCRIBE', uri, core.configuration.aor, uri, {}, headers);
  return new Promise((resolve, reject) => {
    core.subscribe(message, {
      onReject: (r) => reject(new SipRejection(r.message.statusCode ?? 0, r.message.reasonPhrase ?? '', 'SUBSCRIBE')),
      onRedirect: (r) => reject(new SipRejection(r.message.statusCode ?? 0, r.message.reasonPhrase ?? '', 'SUBSCRIBE')),
      onNotifyTimeout: () => reject(new Error('SUBSCRIBE accepted but no NOTIFY came (RFC 6665 Timer N)')),
      onNotify: ({ request, subscription: s }) => {
        if (s) {
          subscription = s;
          s.autoRefresh = true;
          s.delegate = { onNotify };
        }
        onNotify(request);
        resolve(watch);
      },
    });
  });
}
