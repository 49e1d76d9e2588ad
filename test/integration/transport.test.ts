// The CLI's transport against real servers: HTTP/2 to unbound (one session reused for many queries) and the
// HTTP/1.1 fallback, against a loopback DoH/1.1 front end that passes each query to unbound over DNS-over-TCP.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNodeFetch } from '../../src/cli/transport.ts';
import { lookupE164 } from '../../src/core/enum/lookup.ts';
import { makeCert } from '../world/certs.ts';

const world = inject('world');
let server: https.Server;
let h1Url = '';
let h1Ca = '';
let h1Key: Buffer;
let h1Requests = 0;
const dir = mkdtempSync(join(tmpdir(), 'enum-presence-h1-'));

/** RFC 7766 §8: DNS over TCP is the message with a two-octet length prefix. */
async function askUnboundOverTcp(query: Buffer): Promise<Buffer> {
  const socket = net.connect(world.unboundDns.port, world.unboundDns.host);
  await once(socket, 'connect');
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(query.length);
  socket.end(Buffer.concat([prefix, query]));
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const all = Buffer.concat(chunks);
  return all.subarray(2, 2 + all.readUInt16BE(0));
}

beforeAll(async () => {
  const cert = await makeCert(dir);
  h1Ca = readFileSync(cert.certFile, 'utf8');
  h1Key = readFileSync(cert.keyFile);
  server = https.createServer({ cert: h1Ca, key: h1Key, ALPNProtocols: ['http/1.1'] }, async (req, res) => {
    h1Requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const query =
      req.method === 'POST'
        ? Buffer.concat(chunks)
        : Buffer.from(new URL(req.url ?? '', 'https://x').searchParams.get('dns') ?? '', 'base64url');
    const answer = await askUnboundOverTcp(query);
    res.writeHead(200, { 'content-type': 'application/dns-message', 'content-length': answer.length }).end(answer);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  h1Url = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}/dns-query`;
});
afterAll(async () => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = (dohUrl: string, fetch: ReturnType<typeof createNodeFetch>['fetch'], method: 'get' | 'post') => ({
  dohUrl,
  method,
  suffixes: ['e164.arpa'],
  timeoutMs: 5000,
  fetch,
  now: Date.now,
});

describe('createNodeFetch', () => {
  it.each(['get', 'post'] as const)('falls back to HTTP/1.1 when the server offers no h2 (%s)', async (method) => {
    const t = createNodeFetch({ ca: h1Ca });
    const before = h1Requests;
    const r = await lookupE164('+4312345678', config(h1Url, t.fetch, method));
    await t.close();
    expect(h1Requests - before).toBe(1);
    expect(r.pres).toEqual(['pres:alice@example.test']);
    expect(r.dnssec).toBe(true);
  });

  it('reuses one HTTP/2 session for many queries to unbound', async () => {
    const t = createNodeFetch({ ca: readFileSync(world.certFile, 'utf8') });
    const connects: string[] = [];
    const original = net.Socket.prototype.connect;
    // Count TCP connections the transport opens (node:tls builds on net.Socket#connect).
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      connects.push(String((args[0] as { port?: number })?.port ?? args[0]));
      return (original as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof original;
    try {
      const results = await Promise.all(
        ['+4312345678', '+4312345679', '+4312345670', '+4312345677'].map((n) =>
          lookupE164(n, config(world.unboundDoh, t.fetch, 'post')),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(['found', 'found', 'found', 'found']);
    } finally {
      net.Socket.prototype.connect = original;
      await t.close();
    }
    expect(connects).toHaveLength(1);
  });

  it('refuses plain http and names refused connections', async () => {
    const t = createNodeFetch();
    await expect(
      t.fetch('http://127.0.0.1/dns-query', { method: 'GET', headers: {}, signal: new AbortController().signal }),
    ).rejects.toThrow(/https/);
    await expect(
      t.fetch('https://127.0.0.1:1/dns-query', { method: 'GET', headers: {}, signal: new AbortController().signal }),
    ).rejects.toThrow(/ECONNREFUSED/);
    await t.close();
  });
});

describe('createNodeFetch and the process lifetime', () => {
  it('keeps the process alive while a request is in flight, and lets it end when idle (no close needed)', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    // Nothing but the request keeps this process alive: an unref'd session would let it exit before the answer.
    const script = `
      import { createNodeFetch } from ${JSON.stringify(new URL('../../src/cli/transport.ts', import.meta.url).pathname)};
      const t = createNodeFetch();
      const r = await t.fetch(${JSON.stringify(world.unboundDoh)} + '?dns=AAABAAABAAAAAAAAATgBNwE2ATUBNAEzATIBMQEzATQEZTE2NARhcnBhAAAjAAE', { method: 'GET', headers: { accept: 'application/dns-message' }, signal: new AbortController().signal });
      console.log(r.status, (await r.arrayBuffer()).byteLength > 12);`;
    const started = Date.now();
    const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: world.certFile },
    });
    expect(stdout.trim()).toBe('200 true');
    expect(Date.now() - started).toBeLessThan(20_000); // and it ended without t.close()
  });
});

describe('createNodeFetch against a server that accepts TCP and never answers the TLS handshake', () => {
  let silent: net.Server;
  let silentUrl = '';
  const held = new Set<net.Socket>();
  beforeAll(async () => {
    silent = net.createServer((s) => (held.add(s), s.on('close', () => held.delete(s))));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    silentUrl = `https://127.0.0.1:${(silent.address() as net.AddressInfo).port}/dns-query`;
  });
  afterAll(() => {
    for (const s of held) s.destroy();
    silent?.close();
  });

  it('the lookup times out, the pending connection is dropped and close() resolves at once', async () => {
    const t = createNodeFetch();
    const r = await lookupE164('+4312345678', { ...config(silentUrl, t.fetch, 'get'), timeoutMs: 300 });
    expect(r.status).toBe('error');
    expect(r.error?.code).toBe('timeout');
    const started = Date.now();
    await Promise.race([
      t.close(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('close() hangs')), 2000)),
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('close() drops a connection still waiting for its handshake', async () => {
    const t = createNodeFetch();
    const request = t.fetch(silentUrl, { method: 'GET', headers: {}, signal: new AbortController().signal });
    request.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.race([
      t.close(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('close() hangs')), 2000)),
    ]);
    await expect(request).rejects.toThrow();
  });
});

describe('createNodeFetch leaves the body size rule to the core (README "Hostile zones")', () => {
  // Servers whose path says how many octets to send: /bytes/<n>/dns-query; one HTTP/2, one HTTP/1.1 only.
  const sized = (
    req: http2.Http2ServerRequest | http.IncomingMessage,
    res: http2.Http2ServerResponse | http.ServerResponse,
  ) => {
    const size = Number(/^\/bytes\/(\d+)\//.exec(req.url ?? '')?.[1] ?? 0);
    res.on('error', () => undefined); // the client may reset the stream once it has seen enough
    const json = (req.url ?? '').includes('name=');
    res.writeHead(200, { 'content-type': json ? 'application/dns-json' : 'application/dns-message' });
    res.end(Buffer.alloc(size, 0x41));
  };
  const servers: Record<'HTTP/2' | 'HTTP/1.1', { server?: net.Server; origin: string }> = {
    'HTTP/2': { origin: '' },
    'HTTP/1.1': { origin: '' },
  };
  beforeAll(async () => {
    const h2 = http2.createSecureServer({ cert: h1Ca, key: h1Key }, sized);
    h2.on('sessionError', () => undefined);
    servers['HTTP/2'].server = h2;
    servers['HTTP/1.1'].server = https.createServer({ cert: h1Ca, key: h1Key, ALPNProtocols: ['http/1.1'] }, sized);
    for (const s of Object.values(servers)) {
      s.server!.listen(0, '127.0.0.1');
      await once(s.server!, 'listening');
      s.origin = `https://127.0.0.1:${(s.server!.address() as net.AddressInfo).port}`;
    }
  });
  afterAll(() => Object.values(servers).forEach((s) => s.server?.close()));

  it.each([
    ['HTTP/2', 'get', 70_000],
    ['HTTP/2', 'post', 2 << 20],
    ['HTTP/2', 'json', (1 << 20) + 1],
    ['HTTP/1.1', 'post', 70_000],
    ['HTTP/1.1', 'json', 2 << 20],
  ] as const)('%s, %s: a body of %s octets is dropped with code too-large', async (version, method, size) => {
    const t = createNodeFetch({ ca: h1Ca });
    const url = `${servers[version].origin}/bytes/${size}/dns-query`;
    const r = await lookupE164('+4312345678', { ...config(url, t.fetch, 'get'), method });
    await t.close();
    expect(r.error?.code).toBe('too-large');
  });
});
