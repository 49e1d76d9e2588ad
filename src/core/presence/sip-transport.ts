// SIP over WebSocket (RFC 7118) for SIP.js, over a WebSocket that the caller supplies: the service worker passes
// the browser's, the CLI the `ws` package. SIP.js's own web transport uses the global WebSocket, which core
// must not touch and which Node 20 does not have. Each SIP message is one text frame (RFC 7118 §5.2; the
// subprotocol is "sip", §4.1). A CRLF ping every `keepAliveMs` (the double CRLF of RFC 5626 §4.4.1, as SIP.js
// sends it) keeps both NATs and a browser's service worker alive: Chromium stops a worker after ~30 s without
// extension-API or socket activity.
import { EmitterImpl, TransportState, type Transport } from 'sip.js';

/** The part of the WebSocket API (WHATWG, and the `ws` package) this transport uses. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (ev: never) => void): void;
}
export type WebSocketFactory = (url: string, protocol: string) => WebSocketLike;

export interface SipTransportOptions {
  server: string;
  webSocket: WebSocketFactory;
  /** CRLF keep-alive interval; 0 turns it off. */
  keepAliveMs?: number;
  connectTimeoutMs?: number;
}

const OPEN = 1;
const KEEP_ALIVE = '\r\n\r\n';

/** Why a connection failed or ended, in words: the `ws` package says the socket error, a browser says nothing. */
function socketError(server: string, ev: unknown): Error {
  const said =
    typeof ev === 'object' && ev && 'message' in ev && typeof ev.message === 'string' && ev.message
      ? `: ${ev.message}`
      : '';
  return new Error(`WebSocket connection to ${server} failed${said}`);
}

export class SipWebSocketTransport implements Transport {
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  readonly protocol: string;
  /** The last socket error, kept for the close that follows it. */
  lastError: Error | undefined;
  private readonly emitter = new EmitterImpl<TransportState>();
  private _state = TransportState.Disconnected;
  private ws: WebSocketLike | undefined;
  private connecting: Promise<void> | undefined;
  private keepAlive: ReturnType<typeof setInterval> | undefined;

  constructor(
    _logger: unknown,
    private readonly options: SipTransportOptions,
  ) {
    const scheme = /^(wss?):\/\//i.exec(options.server)?.[1];
    if (!scheme) throw new Error(`Not a WebSocket URL: ${options.server}`);
    this.protocol = scheme.toUpperCase();
  }

  get state(): TransportState {
    return this._state;
  }
  get stateChange(): EmitterImpl<TransportState> {
    return this.emitter;
  }
  isConnected(): boolean {
    return this._state === TransportState.Connected;
  }

  connect(): Promise<void> {
    if (this._state === TransportState.Connected) return Promise.resolve();
    if (this.connecting) return this.connecting;
    this.lastError = undefined;
    this.connecting = new Promise<void>((resolve, reject) => {
      const { server } = this.options;
      let ws: WebSocketLike;
      try {
        ws = this.options.webSocket(server, 'sip');
      } catch (e) {
        this.connecting = undefined;
        reject(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      this.ws = ws;
      this.transition(TransportState.Connecting);
      const timer = setTimeout(() => {
        this.lastError = new Error(`WebSocket connection to ${server} timed out`);
        ws.close(1000);
        fail(this.lastError);
      }, this.options.connectTimeoutMs ?? 10_000);
      const fail = (error: Error) => {
        clearTimeout(timer);
        if (this.connecting === undefined) return;
        this.connecting = undefined;
        if (this.ws === ws) this.ws = undefined;
        this.transition(TransportState.Disconnected);
        reject(error);
      };
      ws.addEventListener('open', () => {
        clearTimeout(timer);
        if (this.ws !== ws) return;
        this.connecting = undefined;
        this.transition(TransportState.Connected);
        this.startKeepAlive();
        this.onConnect?.();
        resolve();
      });
      ws.addEventListener('error', (ev: unknown) => {
        this.lastError = socketError(server, ev);
      });
      ws.addEventListener('close', (ev: { code?: number }) => {
        if (this.ws !== ws) return;
        const error = this.lastError ?? new Error(`WebSocket ${server} closed (code ${ev.code ?? 'none'})`);
        if (this._state === TransportState.Connecting) return fail(error);
        this.dropped(error);
      });
      ws.addEventListener('message', (ev: { data: unknown }) => {
        if (this.ws !== ws) return;
        const text =
          typeof ev.data === 'string'
            ? ev.data
            : ev.data instanceof ArrayBuffer
              ? new TextDecoder().decode(ev.data)
              : String(ev.data);
        if (/^(\r\n)+$/.test(text) || !text) return; // the keep-alive's pong (RFC 5626 §4.4.1)
        this.onMessage?.(text);
      });
    });
    return this.connecting;
  }

  async disconnect(): Promise<void> {
    const ws = this.ws;
    this.ws = undefined;
    this.stopKeepAlive();
    if (!ws) return;
    const wasConnected = this._state === TransportState.Connected;
    if (this._state !== TransportState.Disconnected) this.transition(TransportState.Disconnected);
    ws.close(1000);
    // A deliberate disconnect: no error, so SIP.js does not try to reconnect.
    if (wasConnected) this.onDisconnect?.();
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  send(message: string): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN || this._state !== TransportState.Connected)
      return Promise.reject(new Error('WebSocket is not connected.'));
    try {
      ws.send(message);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** The server or network closed a connected socket. */
  private dropped(error: Error): void {
    this.ws = undefined;
    this.stopKeepAlive();
    this.transition(TransportState.Disconnected);
    this.onDisconnect?.(error);
  }

  private transition(state: TransportState): void {
    if (this._state === state) return;
    this._state = state;
    this.emitter.emit(state);
  }

  private startKeepAlive(): void {
    const every = this.options.keepAliveMs ?? 0;
    if (every <= 0) return;
    this.keepAlive = setInterval(() => {
      if (this.ws?.readyState === OPEN) this.ws.send(KEEP_ALIVE);
    }, every);
  }

  private stopKeepAlive(): void {
    if (this.keepAlive !== undefined) clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }
}
