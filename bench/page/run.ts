// Page benchmark: `npm run bench:page` (builds dist/chrome, then `npx tsx bench/page/run.ts`).
// In Debian's Chromium with dist/chrome loaded, on a generated page of ~1 MB of text holding 5,000 numbers, it
// prints in one run: the time until every number is highlighted vs the raw libphonenumber-js matcher (max, the
// same text, the same page, the same main thread) as a ratio; the longest main-thread task while marking
// (PerformanceObserver longtask), next to the same window without the extension; the mutations a page-installed
// MutationObserver saw (README "Page annotations": none); the content script's memory (JS heap and DOM nodes,
// with vs without the extension after GC); and the cold start: in a freshly started browser with a fresh
// profile, the time from the first page's load event until its numbers are highlighted; and what a page edit
// costs once the page is marked (PAGE_EDITS), with vs without the extension. The page lays itself out
// before DOMContentLoaded (generate.ts): the window holds the extension's work and the rendering of its marks, not
// the page's own first layout (100–200 ms of it fell into the window before, with or without the extension).
// Wall-clock times swing with the machine's load; bench/page/trace.ts gives the same ratio in main-thread CPU time.
// Beside the ratio, its floor (minimalHighlighter): the least a highlighter can do, against the raw matcher in the same
// browser without the extension. Targets: ratio ≤ 1.5, no task ≥ 50 ms, zero mutations, cold start ≤ 500 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startPageServer } from '../../test/fixtures/pages/server.ts';
import { generatePage } from './generate.ts';

const DIST = process.env.EXTENSION_DIST ?? new URL('../../dist/chrome', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Pairs of fresh pages for the floor (minimalHighlighter, then rawMatcher). */
const FLOOR_RUNS = Number(process.env.BENCH_FLOOR_RUNS ?? 3);
const LPN = new URL('../../node_modules/libphonenumber-js/', import.meta.url).pathname;
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--js-flags=--expose-gc',
];

/** Marks on the page: ranges in the enum-* highlights (README "Page annotations"). */
const MARKS = `['idle','pending','pres','no-pres','none','error'].reduce((n, s) => n + (CSS.highlights.get('enum-' + s)?.size ?? 0), 0)`;

/** Runs in the page before its scripts: records every mutation of its DOM from the end of parsing. */
const RECORD_MUTATIONS = `document.addEventListener('DOMContentLoaded', () => {
  window.__mutations = 0;
  new MutationObserver((r) => (window.__mutations += r.length)).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
});`;

/**
 * Runs in the page once it is marked: the page edits one text node (a ticking clock) 20 times, 100 ms apart, and
 * resolves with the median time from each edit until the frame that shows it has been produced. Chromium rebuilds
 * the markers of every highlight range after any DOM or style change (HighlightRegistry::ValidateHighlightMarkers),
 * so on a page with many numbers each edit costs a pass over all of them: measured here, with and without the
 * extension (the issue sets no target for it).
 */
const PAGE_EDITS = `(async () => {
  const clock = document.createElement('p');
  clock.textContent = 'tick';
  document.body.prepend(clock);
  await new Promise((r) => setTimeout(r, 500));
  const times = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    clock.textContent = 'tick ' + i;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return times.sort((a, b) => a - b)[times.length >> 1];
})()`;

async function launch(withExtension: boolean): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'enum-presence-bench-'));
  const args = withExtension ? [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, ...FLAGS] : FLAGS;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    viewport: { width: 1280, height: 900 },
  });
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
  page.evaluate(
    ([a, b]) =>
      Math.max(
        0,
        ...(window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
          .filter((t) => t.start + t.duration >= a && t.start <= b)
          .map((t) => t.duration),
      ),
    [from, to] as const,
  );

/**
 * The bare matcher: the very build the content script ships (libphonenumber-js/core/es6 with max metadata), over
 * each section's text in the region its lang names — the text and regions the content script reads, one call per
 * section (no per-block overhead). Cold (a fresh import in the page), like the content script's own matcher.
 */
const rawMatcher = (page: Page, regions: Record<string, string>) =>
  page.evaluate(async (regions) => {
    const lpn = await import(`${location.origin}/lpn/max/es6/index.js`);
    const sections = [...document.querySelectorAll('section')].map((s) => ({
      text: s.textContent ?? '',
      region: regions[s.lang]!,
    }));
    const t0 = performance.now();
    let found = 0;
    for (const { text, region } of sections)
      found += lpn.findPhoneNumbersInText(text, { defaultCountry: region }).length as number;
    return { ms: performance.now() - t0, found };
  }, regions);

/**
 * The floor under the ratio: the least a highlighter can do, in the page's own world of a browser without the
 * extension. Text node by text node (no inline text across elements, so split numbers are missed), the bare
 * matcher in the section's region (no grouping, trunk-prefix or named-region rules), one StaticRange per match in
 * one highlight styled like the extension's idle mark, in one task (no yielding, so one long task), until the next
 * frame. Its time over the raw matcher's is about the least the ratio can be for a highlighter that matches on the
 * page's own thread, before any of README "Page annotations"' rules (split numbers, the form a region writes, a
 * task under 50 ms) cost anything.
 */
const minimalHighlighter = (page: Page, regions: Record<string, string>) =>
  page.evaluate(async (regions) => {
    const lpn = await import(`${location.origin}/lpn/max/es6/index.js`);
    const style = document.createElement('style');
    style.textContent = '::highlight(floor){text-decoration:underline dotted 1px}';
    document.head.append(style);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const t0 = performance.now();
    const highlight = new Highlight();
    for (const section of document.querySelectorAll('section')) {
      const region = regions[section.lang]!;
      const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        if (!/[0-9]/.test(node.data)) continue;
        for (const m of lpn.findPhoneNumbersInText(node.data, { defaultCountry: region }))
          highlight.add(
            new StaticRange({ startContainer: node, startOffset: m.startsAt, endContainer: node, endOffset: m.endsAt }),
          );
      }
    }
    CSS.highlights.set('floor', highlight);
    await new Promise((resolve) =>
      requestAnimationFrame(() => {
        const afterFrame = new MessageChannel();
        afterFrame.port1.onmessage = resolve;
        afterFrame.port2.postMessage(null);
      }),
    );
    return { ms: performance.now() - t0, found: highlight.size };
  }, regions);

/** FLOOR_RUNS times in fresh pages of `context`: the minimal highlighter and the raw matcher, ratio of each pair. */
async function floorRatios(context: BrowserContext, url: string, regions: Record<string, string>) {
  const runs: { floor: number; raw: number; found: number }[] = [];
  for (let i = 0; i < FLOOR_RUNS; i++) {
    const results: number[] = [];
    let found = 0;
    for (const measure of [minimalHighlighter, rawMatcher]) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      const r = await measure(page, regions);
      results.push(r.ms);
      if (measure === minimalHighlighter) found = r.found;
      await page.close();
    }
    runs.push({ floor: results[0]!, raw: results[1]!, found });
  }
  return runs;
}

async function main(): Promise<void> {
  const bench = generatePage();
  const server = await startPageServer({ '/lpn/': LPN });
  server.route('/bench.html', bench.html);
  const url = `${server.origin}/bench.html`;
  console.log(
    `page: ${(Buffer.byteLength(bench.html) / 1e6).toFixed(2)} MB HTML, ${(bench.textBytes / 1e6).toFixed(2)} MB text, ${bench.expected} numbers`,
  );

  // Without the extension: the page's own long tasks and memory, for reference.
  const plain = await launch(false);
  const plainPage = await plain.context.newPage();
  await plainPage.goto(url, { waitUntil: 'domcontentloaded' });
  await plainPage.waitForTimeout(4000);
  const plainDcl = await plainPage.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
  );
  const plainLongest = await longestIn(plainPage, plainDcl, plainDcl + 4000);
  const plainMem = await heap(plainPage);
  const plainEditMs = (await plainPage.evaluate(PAGE_EDITS)) as number;
  await plainPage.close();
  const floors = await floorRatios(plain.context, url, bench.regions);
  await plain.close();

  const ext = await launch(true);
  // Warm up: a freshly installed extension's first storage read takes seconds; a user's browser is warm.
  const warm = await ext.context.newPage();
  server.route('/warm.html', '<!doctype html><p>Tel. +49 30 1234567</p>');
  await warm.goto(`${server.origin}/warm.html`);
  await warm.waitForFunction(`${MARKS} > 0`, undefined, { timeout: 30_000 });
  await warm.close();
  const page = await ext.context.newPage();
  await page.addInitScript(RECORD_MUTATIONS);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  // Polled every 10 ms from the page's own world (a highlight is visible to the page's scripts). Highlighted means
  // painted: the time is taken after the next frame once every range is registered (its rendering included).
  // Also noted: when the first numbers are in a highlight (the top of the page, where the user is).
  const [firstSeen, done] = await page.evaluate(
    ([expected, marks]) =>
      new Promise<[number, number]>((resolve, reject) => {
        const started = performance.now();
        let first = 0;
        // No named function in here: tsx's keepNames would wrap it in a helper the page does not have.
        const poll = setInterval(() => {
          const count = (0, eval)(marks) as number;
          if (count > 0 && !first) first = performance.now();
          if (count >= expected) {
            clearInterval(poll);
            requestAnimationFrame(() => {
              const afterFrame = new MessageChannel();
              afterFrame.port1.onmessage = () => resolve([first, performance.now()]);
              afterFrame.port2.postMessage(null);
            });
          } else if (performance.now() - started > 120_000) reject(new Error(`only ${count} highlighted`));
        }, 10);
      }),
    [bench.expected, MARKS] as const,
  );
  const dcl = await page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
  );
  const annotated = (await page.evaluate(MARKS)) as number;
  await page.waitForTimeout(2000); // shadow-root polls and reports after marking: still no mutation
  const mutations = (await page.evaluate('window.__mutations')) as number;
  const longest = await longestIn(page, dcl, done);
  const mem = await heap(page);
  const editMs = (await page.evaluate(PAGE_EDITS)) as number;
  const raw = await rawMatcher(page, bench.regions);
  await ext.close();

  // Cold start: a fresh profile, the extension just installed, the first page a user opens.
  const cold = await launch(true);
  const first = await cold.context.newPage();
  await first.goto(`${server.origin}/warm.html`, { waitUntil: 'load' });
  const coldMs = (await first.evaluate(
    (marks) =>
      new Promise<number>((resolve, reject) => {
        const load = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd;
        const poll = setInterval(() => {
          if (((0, eval)(marks) as number) > 0) {
            clearInterval(poll);
            resolve(performance.now() - load);
          } else if (performance.now() - load > 30_000) reject(new Error('nothing highlighted in 30 s'));
        }, 5);
      }),
    MARKS,
  )) as number;
  await cold.close();
  await server.close();

  const annotateMs = done - dcl;
  const ratio = annotateMs / raw.ms;
  const mb = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
  console.log(
    `highlighted: ${annotated} of ${bench.expected} numbers in ${annotateMs.toFixed(0)} ms after DOMContentLoaded (the first ones after ${(firstSeen - dcl).toFixed(0)} ms)`,
  );
  console.log(
    `raw libphonenumber-js (core/es6 + max, VALID) over the same ${(bench.textBytes / 1e6).toFixed(2)} MB text: ${raw.ms.toFixed(0)} ms (${raw.found} matches, each section in its lang's region)`,
  );
  console.log(`ratio: ${ratio.toFixed(2)} (target ≤ 1.5) ${ratio <= 1.5 ? 'OK' : 'OVER'}`);
  const floorRatio = floors.map((f) => f.floor / f.raw).sort((a, b) => a - b);
  console.log(
    `floor: a minimal highlighter (text nodes one by one, the bare matcher, one StaticRange per match, one highlight, one task, the next frame; ${floors[0]!.found} ranges) in the same browser without the extension: ${floors.map((f) => `${f.floor.toFixed(0)} ms vs raw ${f.raw.toFixed(0)} ms`).join(', ')}; ratio ${floorRatio.map((r) => r.toFixed(2)).join(' / ')} (median ${floorRatio[floorRatio.length >> 1]!.toFixed(2)})`,
  );
  // The Long Tasks API reports only tasks of 50 ms or more: none reported means every task was shorter.
  const task = (ms: number) => (ms > 0 ? `${ms.toFixed(0)} ms` : 'none ≥ 50 ms');
  console.log(
    `longest main-thread task while marking: ${task(longest)} (target < 50 ms; same window without the extension: ${task(plainLongest)}) ${longest < 50 ? 'OK' : 'OVER'}`,
  );
  console.log(
    `page mutations seen by a page-installed MutationObserver: ${mutations} (target 0) ${mutations === 0 ? 'OK' : 'OVER'}`,
  );
  console.log(
    `cold start: first page's number highlighted ${coldMs.toFixed(0)} ms after its load event in a freshly started browser (target ≤ 500 ms) ${coldMs <= 500 ? 'OK' : 'OVER'}`,
  );
  console.log(
    `a page edit after marking (one text node, 20 times): its frame ready in ${editMs.toFixed(1)} ms median vs ${plainEditMs.toFixed(1)} ms without the extension (ratio ${(editMs / plainEditMs).toFixed(1)}; no target: Chromium rebuilds every highlight range's markers after any DOM or style change)`,
  );
  console.log(
    `content script memory: JS heap +${mb(mem.jsHeap - plainMem.jsHeap)} (${mb(mem.jsHeap)} vs ${mb(plainMem.jsHeap)} without), DOM nodes +${mem.nodes - plainMem.nodes}`,
  );
}

await main();
