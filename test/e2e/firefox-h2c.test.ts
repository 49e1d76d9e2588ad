// Firefox and an HTTP/2-cleartext DoH endpoint (BIND serves DoH over HTTP/2 only): the endpoint is sound (an h2c client
// gets a DNS answer), Firefox's fetch turns it into status 200 with the server's SETTINGS frame as the body, and
// the extension's own DoH client (src/core/doh, bundled as-is) running on Firefox's fetch rejects that with
// `bad-content-type` instead of decoding garbage. Runs in an extension page of the installed dist/firefox,
// whose host access to http://127.0.0.1 comes from the content script's match patterns.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { build, type Rolldown } from 'vite';
import { dohQuery } from '../../src/core/doh/index.ts';
import { RRType } from '../../src/core/dns/types.ts';
import { launchFirefoxExtension, type FirefoxExtension } from './firefox/launch.ts';
import { h2cFetch, startH2cDoh, type H2cDoh } from './firefox/h2c-server.ts';

const world = inject('world');
const CAMILLE = '9.8.7.6.5.4.3.2.1.3.3.e164.arpa'; // +33 1 23 45 67 89: pres, sip, xmpp (no other e2e file asks)
let ext: FirefoxExtension;
let h2c: H2cDoh;

/** src/core/doh bundled as an IIFE defining `EnumDoh`, exactly the code the extension ships. */
async function bundleDohClient(): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: new URL('../../src/core/doh/index.ts', import.meta.url).pathname,
        formats: ['iife'],
        name: 'EnumDoh',
      },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunk = (Array.isArray(out) ? out[0]! : out).output[0];
  return chunk.code;
}

beforeAll(async () => {
  h2c = await startH2cDoh(world.unboundDoh, world.certFile);
  ext = await launchFirefoxExtension();
});
afterAll(async () => {
  await ext?.close();
  await h2c?.close();
});

test('the h2c endpoint is a working DoH server for an HTTP/2 prior-knowledge client', async () => {
  const t = h2cFetch();
  try {
    const r = await dohQuery(
      { url: h2c.url, method: 'get', name: CAMILLE, type: RRType.NAPTR, timeoutMs: 5000 },
      t.fetch,
    );
    expect(r.ok && r.value.status).toBe('NOERROR');
    expect(r.ok && r.value.records.length).toBe(3);
  } finally {
    t.close();
  }
});

test('Firefox answers the h2c endpoint with 200 and garbage; the extension DoH client says bad-content-type', async () => {
  const page = await ext.openPage('src/options/index.html', '!!document.getElementById("dohUrl")');
  const raw = await page.evaluate(async (url) => {
    const r = await fetch(`${url}?dns=AAABAAABAAAAAAAAB2V4YW1wbGUEdGVzdAAAAQAB`, {
      headers: { accept: 'application/dns-message' },
      cache: 'no-store',
    });
    const body = new Uint8Array(await r.arrayBuffer());
    return {
      status: r.status,
      contentType: r.headers.get('content-type'),
      hex: [...body].map((b) => b.toString(16).padStart(2, '0')).join(' '),
    };
  }, h2c.url);
  console.log(`[firefox h2c] status ${raw.status}, content-type ${raw.contentType}, body ${raw.hex}`);
  expect(raw.status).toBe(200);
  expect(raw.contentType).toBeNull();
  // An HTTP/2 frame header: 3-octet length, type 0x04 (SETTINGS), flags 0, stream 0.
  expect(raw.hex).toMatch(/^[0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} 04 00 00 00 00 00/);

  await page.evaluate(`${await bundleDohClient()}\n;globalThis.EnumDoh = EnumDoh; undefined`);
  for (const method of ['get', 'post'] as const) {
    const r = await page.evaluate(
      (q) =>
        (globalThis as unknown as { EnumDoh: { dohQuery: typeof dohQuery } }).EnumDoh.dohQuery(q, (u, init) =>
          fetch(u, init as RequestInit),
        ),
      { url: h2c.url, method, name: CAMILLE, type: RRType.NAPTR, timeoutMs: 5000 },
    );
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'bad-content-type',
        message: `${new URL(h2c.url).origin} answered "no content type", expected application/dns-message`,
      },
    });
  }
  // The same bundled client on Firefox's fetch over DoH with TLS (h2 by ALPN) gets the real answer.
  const good = await page.evaluate(
    (q) =>
      (globalThis as unknown as { EnumDoh: { dohQuery: typeof dohQuery } }).EnumDoh.dohQuery(q, (u, init) =>
        fetch(u, init as RequestInit),
      ),
    { url: world.unboundDoh, method: 'get' as const, name: CAMILLE, type: RRType.NAPTR, timeoutMs: 5000 },
  );
  expect(good.ok && good.value.records.length).toBe(3);
  expect(good.ok && good.value.authenticData).toBe(true);
  await page.close();
});
