// Page benchmark (issue 3): `npx tsx bench/page/run.ts` after `npx vite build` (proposed script: bench:page).
// In Debian's Chromium with dist/chrome loaded, on a generated page of ~1 MB of text holding 5,000 numbers, it
// prints in one run: the time until every number is annotated vs the raw libphonenumber-js matcher (max, the
// same text, the same page, the same main thread) as a ratio; the longest main-thread task while annotating
// (PerformanceObserver longtask), next to the same window without the extension; and the content script's
// memory (JS heap and DOM nodes, with vs without the extension after GC). Targets: ratio ≤ 1.5, no task > 50 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startPageServer } from '../../test/fixtures/pages/server.ts';
import { generatePage } from './generate.ts';

const DIST = process.env.EXTENSION_DIST ?? new URL('../../dist/chrome', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const LPN = new URL('../../node_modules/libphonenumber-js/', import.meta.url).pathname;
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc'];

async function launch(withExtension: boolean): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'enum-presence-bench-'));
  const args = withExtension ? [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, ...FLAGS] : FLAGS;
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args, viewport: { width: 1280, height: 900 } });
  return { context, close: async () => (await context.close(), rmSync(profile, { recursive: true, force: true })) };
}

async function heap(page: Page): Promise<{ jsHeap: number; nodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const { nodes } = (await cdp.send('Memory.getDOMCounters')) as { nodes: number };
  await cdp.detach();
  return { jsHeap: usedSize, nodes };
}

const longestIn = (page: Page, from: number, to: number) =>
  page.evaluate(([a, b]) => Math.max(0, ...(window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start + t.duration >= a && t.start <= b).map((t) => t.duration)), [from, to] as const);

async function main(): Promise<void> {
  const bench = generatePage();
  const server = await startPageServer({ '/lpn/': LPN });
  server.route('/bench.html', bench.html);
  const url = `${server.origin}/bench.html`;
  console.log(`page: ${(Buffer.byteLength(bench.html) / 1e6).toFixed(2)} MB HTML, ${(bench.textBytes / 1e6).toFixed(2)} MB text, ${bench.expected} numbers`);

  // Without the extension: the page's own long tasks and memory, for reference.
  const plain = await launch(false);
  const plainPage = await plain.context.newPage();
  await plainPage.goto(url, { waitUntil: 'domcontentloaded' });
  await plainPage.waitForTimeout(4000);
  const plainDcl = await plainPage.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  const plainLongest = await longestIn(plainPage, plainDcl, plainDcl + 4000);
  const plainMem = await heap(plainPage);
  await plain.close();

  const ext = await launch(true);
  // Warm up: a freshly installed extension's first storage read takes seconds; a user's browser is warm.
  const warm = await ext.context.newPage();
  server.route('/warm.html', '<!doctype html><p>Tel. +49 30 1234567</p>');
  await warm.goto(`${server.origin}/warm.html`);
  await warm.waitForSelector('[data-enum-e164]', { state: 'attached', timeout: 30_000 });
  await warm.close();
  const page = await ext.context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const done = await page.evaluate(
    (expected) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const poll = setInterval(() => {
          if (document.querySelectorAll('[data-enum-e164]').length >= expected) {
            clearInterval(poll);
            resolve(performance.now());
          } else if (performance.now() - started > 120_000) reject(new Error(`only ${document.querySelectorAll('[data-enum-e164]').length} annotated`));
        }, 100);
      }),
    bench.expected,
  );
  const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  const annotated = await page.evaluate(() => document.querySelectorAll('[data-enum-e164]').length);
  const longest = await longestIn(page, dcl, done);
  const mem = await heap(page);
  const raw = await page.evaluate(async () => {
    const lpn = await import(`${location.origin}/lpn/max/index.js`);
    const text = document.body.textContent ?? '';
    const t0 = performance.now();
    const found = lpn.findPhoneNumbersInText(text, { defaultCountry: 'DE' });
    return { ms: performance.now() - t0, found: found.length };
  });
  await ext.close();
  await server.close();

  const annotateMs = done - dcl;
  const ratio = annotateMs / raw.ms;
  const mb = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
  console.log(`annotated: ${annotated} of ${bench.expected} numbers in ${annotateMs.toFixed(0)} ms after DOMContentLoaded`);
  console.log(`raw libphonenumber-js (max, VALID) over the same ${(await Promise.resolve(bench.textBytes / 1e6)).toFixed(2)} MB text: ${raw.ms.toFixed(0)} ms (${raw.found} matches, region DE)`);
  console.log(`ratio: ${ratio.toFixed(2)} (target ≤ 1.5) ${ratio <= 1.5 ? 'OK' : 'OVER'}`);
  // The Long Tasks API reports only tasks of 50 ms or more: none reported means every task was shorter.
  const task = (ms: number) => (ms > 0 ? `${ms.toFixed(0)} ms` : 'none ≥ 50 ms');
  console.log(`longest main-thread task while annotating: ${task(longest)} (target ≤ 50 ms; same window without the extension: ${task(plainLongest)}) ${longest <= 50 ? 'OK' : 'OVER'}`);
  console.log(`content script memory: JS heap +${mb(mem.jsHeap - plainMem.jsHeap)} (${mb(mem.jsHeap)} vs ${mb(plainMem.jsHeap)} without), DOM nodes +${mem.nodes - plainMem.nodes}`);
}

await main();
