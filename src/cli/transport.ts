// The CLI's DoH transport, on Node's own TLS, HTTP/2 and HTTPS clients. BIND and unbound serve DoH over
// HTTP/2 only; some providers speak HTTP/1.1 only: TLS ALPN offers both (h2 first) and the answer decides.
// One HTTP/2 session per origin is kept for the life of the transport (RFC 8484 §5.2 recommends HTTP/2
// connection reuse). Node's built-in clients replaced undici here: `npm run bench` measured undici's fetch at
// about twice the latency per lookup (fresh connection and kept-alive alike) on the same resolver.
// TLS trust is Node's default store, which includes NODE_EXTRA_CA_CERTS; `ca` adds more for in-process use.
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import { Readable } from 'node:stream';
import tls from 'node:tls';
import type { FetchLike, ResponseLike } from '../core/doh/types.ts';

export interface NodeFetchOptions {
  /** Extra trusted CA certificates (PEM), for in-process use where NODE_EXTRA_CA_CERTS is too late. */
  ca?: string;
}

type Init = Parameters<FetchLike>[1];

// One secure context per CA set: building one parses every root certificate (tens of milliseconds).
const contexts = new Map<string, tls.SecureContext>();
function contextFor(ca: string): tls.SecureContext {
  let ctx = contexts.get(ca);
  if (!ctx) contexts.set(ca, (ctx = tls.createSecureContext({ ca: [...tls.rootCertificates, ca] })));
  return ctx;
}

/**
 * A response whose body is a stream (WHATWG `body`): the core reads it chunk by chunk and stops at its size limit
 * (src/core/doh/client.ts, README "Hostile zones"), so the one rule applies here too; cancelling the stream
 * destroys the HTTP/2 stream or the HTTP/1.1 response.
 */
function response(status: number, headers: Record<string, unknown>, stream: Readable): ResponseLike {
  const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  return {
    status,
    headers: {
      get: (name) => (headers[name.toLowerCase()] === undefined ? null : String(headers[name.toLowerCase()])),
    },
    body,
    arrayBuffer: () => new Response(body).arrayBuffer(),
  };
}

/** How a connection to an origin turned out: an HTTP/2 session, or HTTP/1.1 through the keep-alive agent. */
type Connection = { kind: 'h2'; session: http2.ClientHttp2Session } | { kind: 'h1' };

/**
 * One TLS connection per origin, kept for the life of the transport; ALPN decides between HTTP/2 (a session
 * reused by every request) and HTTP/1.1. An idle session does not keep the process alive, a busy one does.
 */
class H2Sessions {
  readonly #connections = new Map<string, Promise<Connection>>();
  /** Connections still in their TCP or TLS handshake, with how many requests wait for each. */
  readonly #pending = new Map<string, { socket: tls.TLSSocket; waiters: number }>();
  readonly #active = new Map<http2.ClientHttp2Session, number>();

  constructor(private readonly secureContext: tls.SecureContext | undefined) {}

  /**
   * The origin's connection, for a request whose `signal` may abort the wait: a handshake that never completes
   * (a server that accepts TCP and stays silent) must not outlive the lookup's timeout. The handshake itself is
   * dropped once no request waits for it any more.
   */
  connect(url: URL, signal: AbortSignal): Promise<Connection> {
    signal.throwIfAborted();
    const attempt = this.#connections.get(url.origin) ?? this.#open(url);
    const pending = this.#pending.get(url.origin);
    if (!pending) return attempt;
    pending.waiters++;
    return new Promise<Connection>((resolve, reject) => {
      const abort = () => {
        reject(signal.reason as Error);
        if (--pending.waiters === 0) pending.socket.destroy(new Error('connection abandoned during its handshake'));
      };
      signal.addEventListener('abort', abort, { once: true });
      attempt.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
    });
  }

  #open(url: URL): Promise<Connection> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = tls.connect({
      host,
      port: Number(url.port || 443),
      ALPNProtocols: ['h2', 'http/1.1'],
      ...(net.isIP(host) ? {} : { servername: host }),
      ...(this.secureContext ? { secureContext: this.secureContext } : {}),
    });
    // Small DNS messages must not wait for Nagle's algorithm (measured: about 0.9 ms per query on loopback).
    socket.setNoDelay(true);
    this.#pending.set(url.origin, { socket, waiters: 0 });
    const attempt = new Promise<Connection>((resolve, reject) => {
      socket.once('error', reject);
      // Destroyed without an error (close() below): the promise must settle all the same.
      socket.once('close', () => reject(new Error('connection closed before its TLS handshake completed')));
      socket.once('secureConnect', () => {
        socket.off('error', reject);
        if (socket.alpnProtocol !== 'h2') {
          socket.destroy(); // HTTP/1.1 goes through the keep-alive agent from now on
          resolve({ kind: 'h1' });
          return;
        }
        const session = http2.connect(url.origin, { createConnection: () => socket });
        session.on('error', forget);
        session.on('goaway', forget);
        session.on('close', forget);
        session.unref(); // idle until a request comes (track)
        resolve({ kind: 'h2', session });
      });
    });
    this.#connections.set(url.origin, attempt);
    const settled = () => this.#pending.get(url.origin)?.socket === socket && this.#pending.delete(url.origin);
    const forget = () => this.#connections.get(url.origin) === attempt && this.#connections.delete(url.origin);
    attempt.then(settled, () => (settled(), forget()));
    return attempt;
  }

  /** Count a request in (+1) or out (-1): a session is ref'd while it has one in flight. */
  track(session: http2.ClientHttp2Session, delta: 1 | -1): void {
    const n = (this.#active.get(session) ?? 0) + delta;
    this.#active.set(session, n);
    if (n === 0) session.unref();
    else if (delta === 1 && n === 1) session.ref();
  }

  /** Ends every session; a connection still in its handshake is destroyed, not waited for. */
  async close(): Promise<void> {
    for (const { socket } of this.#pending.values()) socket.destroy();
    const all = await Promise.allSettled(this.#connections.values());
    this.#connections.clear();
    for (const c of all) if (c.status === 'fulfilled' && c.value.kind === 'h2') c.value.session.close();
  }
}

function requestH2(
  sessions: H2Sessions,
  session: http2.ClientHttp2Session,
  url: URL,
  init: Init,
): Promise<ResponseLike> {
  sessions.track(session, 1);
  return new Promise<ResponseLike>((resolve, reject) => {
    const stream = session.request(
      { ':method': init.method, ':path': `${url.pathname}${url.search}`, ...init.headers },
      { signal: init.signal, endStream: !init.body },
    );
    // In flight until the body is read, cancelled or aborted.
    stream.once('close', () => sessions.track(session, -1));
    stream.once('error', reject);
    stream.once('response', (h) => resolve(response(Number(h[':status']), h, stream)));
    if (init.body) stream.end(Buffer.from(init.body.buffer, init.body.byteOffset, init.body.byteLength));
  });
}

function requestH1(agent: https.Agent, url: URL, init: Init): Promise<ResponseLike> {
  return new Promise((resolve, reject) => {
    const body = init.body ? Buffer.from(init.body.buffer, init.body.byteOffset, init.body.byteLength) : undefined;
    const req = https.request(url, {
      method: init.method,
      headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      agent,
      signal: init.signal,
    });
    req.once('response', (res) => resolve(response(res.statusCode ?? 0, res.headers, res)));
    req.once('error', reject);
    req.end(body);
  });
}

export function createNodeFetch(opts: NodeFetchOptions = {}): { fetch: FetchLike; close: () => Promise<void> } {
  const secureContext = opts.ca ? contextFor(opts.ca) : undefined;
  const sessions = new H2Sessions(secureContext);
  const agent = new https.Agent({ keepAlive: true, maxSockets: 4, ...(secureContext ? { secureContext } : {}) });

  const fetch: FetchLike = async (href, init) => {
    const url = new URL(href);
    if (url.protocol !== 'https:') throw new Error(`${url.protocol} is not supported: DoH needs https`);
    try {
      const connection = await sessions.connect(url, init.signal);
      return connection.kind === 'h2'
        ? await requestH2(sessions, connection.session, url, init)
        : await requestH1(agent, url, init);
    } catch (e) {
      const error = e as NodeJS.ErrnoException;
      // Name the cause the way a person debugging it needs it: ECONNREFUSED, a certificate error, …
      throw new Error(error.code ? `${error.code}: ${error.message}` : error.message, { cause: e });
    }
  };

  const close = async () => {
    await sessions.close();
    agent.destroy();
  };
  return { fetch, close };
}
