// A loopback HTTP/1.1 server for the Firefox e2e pages: one page with phone numbers from the test world's zones
// (test/world/zones/README.md, demo numbers): +43 664 1234567 publishes pres (maria), +1 415 555 2671 does not;
// and the content-script pages the Chromium tests use (test/fixtures/pages/*.html).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';

const FIXTURES = new URL('../../fixtures/pages/', import.meta.url).pathname;

export const NUMBERS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Firefox numbers</title>
<style>body { font: 18px/1.6 sans-serif; margin: 2rem; } p { margin: 1.5rem 0; }</style></head>
<body>
<h1>Contacts</h1>
<p id="maria">Maria (Vienna): +43 664 1234567</p>
<p id="sip-only">Front desk (San Francisco): +1 415 555 2671</p>
<p id="not-a-number">Order 12345, since 1999.</p>
</body></html>`;

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    const fixture = /^\/fixtures\/([a-z-]+\.html)$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1];
    if (req.url === '/numbers.html') res.writeHead(200, headers).end(NUMBERS_PAGE);
    else if (fixture) {
      try {
        res.writeHead(200, headers).end(readFileSync(FIXTURES + fixture));
      } catch {
        res.writeHead(404).end();
      }
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
