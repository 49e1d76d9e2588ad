// One SIP account's presence watcher: a SIP.js user agent over WebSocket (RFC 7118) to the user's own SIP
// server, SUBSCRIBEs (RFC 6665, Event: presence, RFC 3856) and their NOTIFYs as PresenceViews. Shared by the
// CLI and the background; the WebSocket, the clock and the reader's languages are passed in (src/core is pure).
// It subscribes through SIP.js's core API, not its Subscriber class: Subscriber drops the final response of a
// failed SUBSCRIBE, and the status code is what tells a wrong password (401/407) from a refusal (403/603).
import { UserAgent, type Core } from 'sip.js';
import { err, ok, type Result } from '../result.ts';
import { SipWebSocketTransport, type WebSocketFactory } from './sip-transport.ts';
import { rejectedSubscription } from './subscription.ts';
import type { PresenceView } from './entry.ts';
import { nextView, viewFromNotify, viewFromStatus } from './view.ts';

export interface SipAccount {
  /** ws:// or wss:// URL of the SIP WebSocket server. */
  server: string;
  /** The user's address of record, sip:user@domain. */
  address: string;
  username: string;
  password: string;
}

export interface SipSessionOptions extends SipAccount {
  webSocket: WebSocketFactory;
  now: () => number;
  /** The reader's languages, most preferred first, for choosing a note. */
  languages: readonly string[];
  /** CRLF keep-alive interval in ms (≤ 20 s in a service worker); 0 for none. */
  keepAliveMs?: number;
  connectTimeoutMs?: number;
  /** The socket closed under a started session (server restart, network): the owner decides when to reconnect. */
  onDisconnect?: (error: Error) => void;
}

/** Requested subscription duration (RFC 6665 §4.1.2.1: the server may shorten it; SIP.js refreshes before expiry). */
export const SUBSCRIBE_EXPIRES_S = 600;
/** How long to wait for the answer to an unsubscribe (SUBSCRIBE Expires: 0) before giving up on it. */
const UNSUBSCRIBE_WAIT_MS = 2000;

export interface PresenceWatch {
  readonly uri: string;
  /** The latest view; undefined until the first NOTIFY or failure. */
  readonly view: PresenceView | undefined;
  /** Whether the server accepted the subscription (a NOTIFY came; not refused, not terminated since). */
  readonly subscribed: boolean;
  /** SUBSCRIBE with Expires: 0 (RFC 6665 §4.1.2.3); resolves when answered, or after a short wait. */
  unsubscribe(): Promise<void>;
}

export class SipSession {
  private readonly ua: UserAgent;
  private readonly transport: () => SipWebSocketTransport;
  private started = false;

  constructor(private readonly options: SipSessionOptions) {
    const uri = UserAgent.makeURI(options.address);
    if (!uri) throw new Error(`Not a SIP URI: ${options.address}`);
    this.ua = new UserAgent({
      uri,
      authorizationUsername: options.username,
      authorizationPassword: options.password,
      logBuiltinEnabled: false,
      logLevel: 'error',
      // The owner reconnects (with back-off, re-subscribing): SIP.js's own reconnection would race it.
      reconnectionAttempts: 0,
      transportConstructor: SipWebSocketTransport,
      transportOptions: {
        server: options.server,
        webSocket: options.webSocket,
        keepAliveMs: options.keepAliveMs ?? 0,
        connectTimeoutMs: options.connectTimeoutMs,
      },
      delegate: {
        onDisconnect: (error?: Error) => {
          if (error) options.onDisconnect?.(error);
        },
      },
    });
    this.transport = () => this.ua.transport as SipWebSocketTransport;
  }

  get connected(): boolean {
    return this.started && this.ua.isConnected();
  }

  /** Open the WebSocket. The credentials are first tried by the SUBSCRIBEs (digest challenge, RFC 3261 §22). */
  async start(): Promise<Result<void>> {
    try {
      if (this.started) await this.ua.reconnect();
      else await this.ua.start();
      this.started = true;
      return ok(undefined);
    } catch (e) {
      const said = this.transport().lastError?.message ?? (e instanceof Error ? e.message : String(e));
      return err('sip-connect-failed', `Could not connect to the SIP server ${this.options.server}: ${said}`);
    }
  }

  /** SUBSCRIBE to `target` (a sip: URI); `onChange` gets every new view. */
  subscribe(target: string, onChange: (view: PresenceView) => void, expires = SUBSCRIBE_EXPIRES_S): PresenceWatch {
    const { now, languages } = this.options;
    let view: PresenceView | undefined;
    let subscribed = false;
    let dialog: Core.Subscription | undefined;
    const update = (v: PresenceView) => {
      view = nextView(view, v, now());
      onChange(view);
    };
    const onNotify = (request: Core.IncomingNotifyRequest) => {
      // The change is passed on first and the NOTIFY answered (200, RFC 6665 §4.1.3) right after: sending the
      // answer takes about a millisecond in a service worker, and the user waits for the change (bench/presence).
      try {
        const m = request.message;
        const v = viewFromNotify(m.getHeader('Subscription-State') ?? '', m.body ?? '', languages, now());
        subscribed = !m.getHeader('Subscription-State')?.trim().toLowerCase().startsWith('terminated');
        update(v);
      } finally {
        request.accept();
      }
    };
    const refused = (r: Core.IncomingResponse) => {
      subscribed = false;
      update(viewFromStatus(rejectedSubscription(r.message.statusCode ?? 0, r.message.reasonPhrase ?? ''), now()));
    };
    const uri = UserAgent.makeURI(target);
    const core = this.ua.userAgentCore;
    if (!uri) {
      queueMicrotask(() =>
        update(
          viewFromStatus(
            { state: 'unknown', reason: { code: 'bad-sip-uri', message: `"${target}" is not a SIP URI.` } },
            now(),
          ),
        ),
      );
    } else {
      const headers = [
        'Event: presence',
        `Expires: ${expires}`,
        'Accept: application/pidf+xml',
        `Contact: ${core.configuration.contact.toString()}`,
      ];
      const message = core.makeOutgoingRequestMessage('SUBSCRIBE', uri, core.configuration.aor, uri, {}, headers);
      core.subscribe(message, {
        onReject: refused,
        onRedirect: refused,
        onNotifyTimeout: () =>
          update(
            viewFromStatus(
              {
                state: 'unknown',
                reason: {
                  code: 'sip-no-notify',
                  message: 'The SIP server accepted the SUBSCRIBE but sent no NOTIFY (RFC 6665 Timer N).',
                },
              },
              now(),
            ),
          ),
        onNotify: ({ request, subscription }) => {
          if (subscription) {
            dialog = subscription;
            subscription.autoRefresh = true;
            subscription.delegate = {
              onNotify,
              onTerminated: () => {
                subscribed = false;
              },
            };
          }
          onNotify(request);
        },
      });
    }
    return {
      uri: target,
      get view() {
        return view;
      },
      get subscribed() {
        return subscribed;
      },
      unsubscribe: () =>
        new Promise<void>((resolve) => {
          const d = dialog;
          dialog = undefined;
          if (!d || d.subscriptionState === 'Terminated' || !this.connected) return resolve();
          const timer = setTimeout(resolve, UNSUBSCRIBE_WAIT_MS);
          const done = () => {
            clearTimeout(timer);
            resolve();
          };
          const request = d.unsubscribe();
          request.delegate = { onAccept: done, onReject: done, onRedirect: done };
        }),
    };
  }

  /**
   * Whether the server accepts this account: a fetch of the user's own presence (SUBSCRIBE with Expires: 0,
   * RFC 6665 §4.4.3), which a server authenticates like any SUBSCRIBE but keeps no subscription for.
   * Resolves ok on a 2xx or the NOTIFY, else with the refusal as the SUBSCRIBE's status says it (401/407 → sip-auth-failed).
   */
  probe(timeoutMs = 10_000): Promise<Result<void>> {
    const core = this.ua.userAgentCore;
    const self = this.ua.configuration.uri;
    const headers = [
      'Event: presence',
      'Expires: 0',
      'Accept: application/pidf+xml',
      `Contact: ${core.configuration.contact.toString()}`,
    ];
    const message = core.makeOutgoingRequestMessage('SUBSCRIBE', self, core.configuration.aor, self, {}, headers);
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve(err('timeout', `The SIP server did not answer within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      const done = (r: Result<void>) => {
        clearTimeout(timer);
        resolve(r);
      };
      const refused = (r: Core.IncomingResponse) => {
        const status = rejectedSubscription(r.message.statusCode ?? 0, r.message.reasonPhrase ?? '');
        done({ ok: false, error: 'reason' in status ? status.reason : { code: 'sip-status', message: 'Refused.' } });
      };
      core.subscribe(message, {
        onAccept: () => done(ok(undefined)),
        onNotify: ({ request }) => {
          request.accept();
          done(ok(undefined));
        },
        onReject: refused,
        onRedirect: refused,
        onNotifyTimeout: () => done(ok(undefined)),
      });
    });
  }

  /** Close the WebSocket; unsubscribe first to tell the server. */
  async stop(): Promise<void> {
    this.started = false;
    await this.ua.stop().catch(() => undefined);
  }
}

/** What the options page's Test reports: "connected as … in N ms", or the exact failure. */
export type SipTestOutcome =
  | { connected: true; as: string; latencyMs: number }
  | { connected: false; latencyMs: number; error: { code: string; message: string } };

/** Connect with `options`, check the credentials with probe(), disconnect; `latencyMs` from start to answer. */
export async function testSipAccount(options: SipSessionOptions): Promise<SipTestOutcome> {
  const started = options.now();
  const session = new SipSession(options);
  try {
    const connected = await session.start();
    const checked = connected.ok ? await session.probe(options.connectTimeoutMs) : connected;
    const latencyMs = Math.round(options.now() - started);
    return checked.ok
      ? { connected: true, as: `${options.username} (${options.address})`, latencyMs }
      : { connected: false, latencyMs, error: checked.error };
  } finally {
    await session.stop();
  }
}
