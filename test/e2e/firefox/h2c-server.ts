// A genuine DNS-over-HTTPS endpoint over HTTP/2 cleartext (h2c, prior knowledge only) on 127.0.0.1, like BIND's
// or unbound's `tls none` listeners: it forwards each RFC 8484 GET/POST to the world's validating resolver
// and answers `application/dns-message`. No browser speaks h2c; Firefox reads the server's HTTP/2 SETTINGS
// frame as an HTTP/0.9 response (status 200, garbage body) — what the e2e test proves the client rejects.
import http2 from 'node:http2';
import { readFileSync } from 'node:fs';
import { createNodeFetch } from '../../../src/cli/transport.ts';
import type { FetchLike } from '../../../src/core/doh/types.ts';

export interface H2cDoh {
  url: string;
  close(): Promise<void>;
}

export async function startH2cDoh(upstream: string, certFile: string): Promise<H2cDoh> {
  const transport = createNodeFetch({ ca: readFileSync(certFile, 'utf8') });
  const server = http2.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://h2c');
      if (url.pathname !== '/dns-query') return void res.writeHead(404).end();
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = req.method === 'POST' ? new Uint8Array(Buffer.concat(chunks)) : undefined;
      const r = await transport.fetch(`${upstream}${url.search}`, {
        method: req.method === 'POST' ? 'POST' : 'GET',
        headers: { accept: 'application/dns-message', ...(body ? { 'content-type': 'application/dns-message' } : {}) },
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(5000),
      });
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(Buffer.from(await r.arrayBuffer()));
    } catch (e) {
      res.writeHead(502).end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/dns-query`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await transport.close();
    },
  };
}

/** A FetchLike over HTTP/2 prior knowledge (what dig +http-plain does): proves the endpoint itself is sound. */
export function h2cFetch(): { fetch: FetchLike; close(): void } {
  const sessions = new Map<string, http2.ClientHttp2Session>();
  const fetch: FetchLike = (url, init) => {
    const u = new URL(url);
    let session = sessions.get(u.origin);
    if (!session) sessions.set(u.origin, (session = http2.connect(u.origin)));
    return new Promise((resolve, reject) => {
      const req = session.request(
        { ':method': init.method, ':path': `${u.pathname}${u.search}`, ...init.headers },
        { signal: init.signal },
      );
      const chunks: Buffer[] = [];
      let headers: http2.IncomingHttpHeaders = {};
      req.on('response', (h) => (headers = h));
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('error', reject);
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: Number(headers[':status']),
          headers: { get: (name) => (headers[name.toLowerCase()] as string | undefined) ?? null },
          arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
        });
      });
      req.end(init.body ? Buffer.from(init.body) : undefined);
    });
  };
  return { fetch, close: () => sessions.forEach((s) => s.close()) };
}
