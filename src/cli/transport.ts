// The CLI's DoH transport: undici's fetch on an agent that negotiates HTTP/2 by ALPN and falls back to
// HTTP/1.1 (BIND and unbound serve DoH over HTTP/2 only; many public providers speak both). TLS trust is
// Node's default store, which includes the certificates in NODE_EXTRA_CA_CERTS.
import tls from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import type { FetchLike } from '../core/doh/types.ts';

export interface NodeFetchOptions {
  /** Extra trusted CA certificates (PEM), for in-process use where NODE_EXTRA_CA_CERTS is too late. */
  ca?: string;
}

const contexts = new Map<string, tls.SecureContext>();
function contextFor(ca: string): tls.SecureContext {
  let ctx = contexts.get(ca);
  if (!ctx) contexts.set(ca, (ctx = tls.createSecureContext({ ca: [...tls.rootCertificates, ca] })));
  return ctx;
}

export function createNodeFetch(opts: NodeFetchOptions = {}): { fetch: FetchLike; close: () => Promise<void> } {
  // One secure context per CA set: building one parses every root certificate (tens of milliseconds).
  const connect = opts.ca ? { secureContext: contextFor(opts.ca) } : {};
  const agent = new Agent({ allowH2: true, connections: 4, keepAliveTimeout: 2_000, connect });
  const fetch: FetchLike = async (url, init) => {
    try {
      return await undiciFetch(url, {
        method: init.method,
        headers: init.headers,
        ...(init.body ? { body: init.body } : {}),
        signal: init.signal,
        redirect: init.redirect ?? 'error',
        dispatcher: agent,
      });
    } catch (e) {
      // undici says only "fetch failed"; the cause says why (ECONNREFUSED, a certificate error, …).
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause : undefined;
      if (cause) throw new Error(`${(cause as NodeJS.ErrnoException).code ?? cause.name}: ${cause.message}`, { cause: e });
      throw e;
    }
  };
  return { fetch, close: () => agent.close() };
}
