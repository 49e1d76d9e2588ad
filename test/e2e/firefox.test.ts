// The same extension in real Firefox: Debian's firefox-esr, puppeteer-core over WebDriver BiDi, dist/firefox
// installed as a temporary add-on, against the loopback DNS world. In order, in one browser: configure the
// provider through the options page, detection on a page, a real pointer hover to `pres`, the page annotations
// (no mutations, split numbers, closed and late shadow roots, the page as in Firefox without the extension but for
// the marks, rewritten text, switch-off), popup inspect, the card naming the resolver by origin only, and a revoked
// host permission explained (options notice, lookup error) and granted again.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import puppeteer, { type Page } from 'puppeteer-core';
import { FIREFOX, launchFirefoxExtension, type FirefoxExtension } from './firefox/launch.ts';
import { startPageServer, type PageServer } from './firefox/page-server.ts';
import { byLabel, hoverBox, textOf, timesQueried } from './firefox/helpers.ts';
import { COUNT_MARKS, readMarks, readMarksIn, type PageMark } from './page-marks.ts';
import { expectOnlyMarksDiffer } from './page-compare.ts';

const world = inject('world');
const MARIA = '7.6.5.4.3.2.1.4.6.6.3.4.e164.arpa'; // +43 664 1234567, pres:maria@example.test
const WORLD_ORIGINS = ['https://127.0.0.1/*', 'https://*/*', 'http://*/*']; // every grant that covers the world
let ext: FirefoxExtension;
let pages: PageServer;

/** The page's marks, read from CSS.highlights as a page would (README "Page annotations"). */
const annotated = async (page: Page, root?: string) =>
  ((await page.evaluate(readMarks(root))) as PageMark[]).map(({ where, text, state }) => ({ where, text, state }));
const boxOf = async (page: Page, where: string) =>
  ((await page.evaluate(readMarks())) as PageMark[]).find((m) => m.where === where)!.line;

beforeAll(async () => {
  pages = await startPageServer();
  ext = await launchFirefoxExtension();
});
afterAll(async () => {
  await ext?.close();
  await pages?.close();
});

test('options page: choose Custom, type the DoH server URL, Enter saves it, Test shows latency', async () => {
  const page = await ext.openPage('src/options/index.html', '!!document.getElementById("dohUrl")');
  await (await byLabel(page, 'Custom')).click();
  const url = await byLabel(page, 'DoH server URL');
  await url.type(world.unboundDoh);
  await url.press('Enter');
  await expect.poll(() => textOf(page, '#save-status')).toBe('Saved.');
  const stored = await ext.inExtension(
    async () => (await chrome.storage.local.get('settings')).settings as { dohUrl?: string },
    null,
  );
  expect(stored.dohUrl).toBe(world.unboundDoh);
  // Permission for the world's origin is already held (host_permissions), so no notice is shown.
  expect(await page.$eval('#host-access', (el) => (el as HTMLElement).hidden)).toBe(true);

  await (await page.$('#test-provider'))!.click();
  await expect
    .poll(() => textOf(page, '#test-result'), { timeout: 20_000 })
    .toMatch(/^Works: answered in \d{1,3}(?:,\d{3})* ms, DNSSEC validated\.$/);
  await page.close();
});

test('a page: numbers are annotated without any query; a real pointer hover turns one to pres', async () => {
  const before = await timesQueried(world, MARIA);
  const page = await ext.browser.newPage();
  await page.goto(`${pages.origin}/numbers.html`);
  await expect.poll(async () => (await annotated(page)).length, { timeout: 15_000 }).toBe(2);
  expect(await annotated(page)).toEqual([
    { where: 'maria', text: '+43 664 1234567', state: 'idle' },
    { where: 'sip-only', text: '+1 415 555 2671', state: 'idle' },
  ]);
  await new Promise((r) => setTimeout(r, 500));
  expect(await timesQueried(world, MARIA)).toBe(before); // resolveOn=hover: nothing asked yet

  // A real pointer movement onto the number's range (the hit test: no element is the number's).
  await hoverBox(page, await boxOf(page, 'maria'));
  await expect.poll(async () => (await annotated(page))[0]?.state, { timeout: 20_000 }).toBe('pres');
  expect(await timesQueried(world, MARIA)).toBeGreaterThan(before);
  expect((await annotated(page))[1]?.state).toBe('idle'); // the other number was not pointed at
  await page.close();
});

test('content: a page-installed MutationObserver records nothing; split numbers; closed and late shadow roots', async () => {
  const page = await ext.browser.newPage();
  await page.goto(`${pages.origin}/fixtures/observed.html`);
  await expect
    .poll(async () => (await annotated(page)).map((m) => m.text), { timeout: 15_000 })
    .toEqual(['030 1234567', '030 7654321', '030 111222']);
  await expect
    .poll(async () => (await annotated(page, '#open-host')).map((m) => m.text), { timeout: 10_000 })
    .toEqual(['030 2345678']);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await page.evaluate('window.mutations')).toEqual([]);
  await page.goto(`${pages.origin}/fixtures/split.html`);
  await expect
    .poll(async () => (await annotated(page)).map((m) => `${m.where}|${m.text}`), { timeout: 15_000 })
    .toEqual(['bold|(202) 555-0143', 'spans|+1 202 555 0144', 'wbr|+1 2025550145', 'shy|+1 202 555\u00ad0146']);
  await page.goto(`${pages.origin}/fixtures/shadow.html`);
  await expect
    .poll(async () => (await annotated(page)).map((m) => m.text), { timeout: 15_000 })
    .toEqual(['030 1112223']);
  await expect
    .poll(() => page.evaluate(readMarksIn('window.closedRoots.closed')), { timeout: 10_000 })
    .toEqual([{ text: '030 4445556', state: 'idle' }]);
  await expect
    .poll(() => page.evaluate(readMarksIn('window.closedRoots.inner')), { timeout: 10_000 })
    .toEqual([{ text: '030 7778889', state: 'idle' }]);
  await page.evaluate('window.attachLate()');
  const attached = Date.now();
  await expect
    .poll(async () => (await annotated(page, '#late')).map((m) => m.text), { timeout: 5_000, interval: 50 })
    .toEqual(['030 2223334']);
  expect(Date.now() - attached).toBeLessThan(1500);
  await page.close();
});

test('content: the same DOM, text and boxes as Firefox without the extension; pixels differ only around the numbers, light and dark', async () => {
  const viewport = { width: 1000, height: 1400 };
  const plain = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  try {
    const reference = await plain.newPage();
    const page = await ext.browser.newPage();
    for (const p of [reference, page]) {
      await p.setViewport(viewport);
      await p.goto(`${pages.origin}/fixtures/numbers.html`);
    }
    // Every number of the document and its shadow root (its frames are documents of their own).
    await expect.poll(() => page.evaluate(COUNT_MARKS), { timeout: 15_000 }).toBe(19);
    const numbers = [
      ...((await page.evaluate(readMarks())) as PageMark[]),
      ...((await page.evaluate(readMarks('#shadow-host'))) as PageMark[]),
    ].map((m) => m.box);
    await expectOnlyMarksDiffer(reference, page, numbers);
    await page.close();
  } finally {
    await plain.close();
  }
});

test('content: a rewritten number leaves no stale range; switching the site off deletes every highlight', async () => {
  const page = await ext.browser.newPage();
  await page.goto(`${pages.origin}/fixtures/dynamic.html`);
  await expect
    .poll(async () => (await annotated(page)).map((m) => m.text), { timeout: 15_000 })
    .toEqual(['030 1234567']);
  await page.evaluate(
    () => void ((document.getElementById('static')!.firstChild as Text).data = 'Zentrale neu: 030 9998887'),
  );
  await expect.poll(async () => (await annotated(page)).map((m) => m.text)).toEqual(['030 9998887']);
  await page.evaluate(
    () => void ((document.getElementById('static')!.firstChild as Text).data = 'Zentrale: bald wieder'),
  );
  await expect.poll(() => page.evaluate(COUNT_MARKS)).toBe(0);
  await page.evaluate(
    () => void ((document.getElementById('static')!.firstChild as Text).data = 'Zentrale: 030 1234567'),
  );
  await expect.poll(() => page.evaluate(COUNT_MARKS)).toBe(1);
  const settings = await ext.inExtension(
    async () => (await chrome.storage.local.get('settings')).settings as Record<string, unknown>,
    null,
  );
  await ext.inExtension(
    (s) => chrome.storage.local.set({ settings: { ...s, disabledSites: ['127.0.0.1'] } }),
    settings,
  );
  try {
    await expect.poll(() => page.evaluate(COUNT_MARKS), { timeout: 10_000 }).toBe(0);
    expect(
      await page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()]),
    ).toEqual([]);
  } finally {
    await ext.inExtension((s) => chrome.storage.local.set({ settings: s }), settings);
  }
  await expect.poll(() => page.evaluate(COUNT_MARKS), { timeout: 10_000 }).toBe(1);
  await page.close();
});

test('content: a number scrolled under a resting pointer, and invisible full-viewport numbers, are never looked up', async () => {
  // Numbers of this test only (+1 202 555 0171-0173; the Chromium tests use others): count their queries.
  const names = [
    '1.7.1.0.5.5.5.2.0.2.1.e164.arpa',
    '2.7.1.0.5.5.5.2.0.2.1.e164.arpa',
    '3.7.1.0.5.5.5.2.0.2.1.e164.arpa',
  ];
  const ours = async () => (await Promise.all(names.map((n) => timesQueried(world, n)))).reduce((a, b) => a + b, 0);
  const before = await ours();
  const page = await ext.browser.newPage();
  await page.setViewport({ width: 800, height: 600 });
  await page.goto(`${pages.origin}/fixtures/trap.html?under=${encodeURIComponent('+1 202 555 0171')}`);
  await expect.poll(async () => (await annotated(page)).length, { timeout: 15_000 }).toBe(1);
  await page.mouse.move(20, 120);
  await page.mouse.move(60, 150, { steps: 4 });
  const under = await boxOf(page, 'under');
  await page.evaluate((dy) => scrollBy(0, dy), under.y + under.height / 2 - 150);
  await new Promise((r) => setTimeout(r, 800));
  for (const [number, how] of [
    ['+1 202 555 0172', ''],
    ['+1 202 555 0173', 'transparent'],
  ] as const) {
    await page.evaluate(
      (n, h) => (window as unknown as { showTrap(n: string, h: string): void }).showTrap(n, h),
      number,
      how,
    );
    await expect
      .poll(async () => (await annotated(page)).some((m) => m.where === 'trap' && m.text === number), {
        timeout: 10_000,
      })
      .toBe(true);
    await page.evaluate(() => scrollBy(0, 1));
    await page.mouse.move(200, 200, { steps: 5 }); // real movement, over an invisible viewport-sized number
    await new Promise((r) => setTimeout(r, 600));
  }
  expect((await annotated(page)).map((m) => m.state)).toEqual(['idle', 'idle']);
  expect(await ours()).toBe(before);
  // Once the trap is gone, moving onto the visible number looks it up (the test can fail).
  await page.evaluate(() => (window as unknown as { removeTrap(): void }).removeTrap());
  await hoverBox(page, await boxOf(page, 'under'));
  await expect
    .poll(async () => (await annotated(page))[0]?.state, { timeout: 20_000 })
    .toMatch(/^(pres|no-pres|none|error)$/);
  await expect.poll(ours, { timeout: 10_000 }).toBeGreaterThan(before);
  await page.close();
});

test('popup: the first text field inspects a typed number on Enter', async () => {
  const page = await ext.openPage('src/popup/index.html', '!!document.querySelector("input[type=text]")');
  const first = (await page.$('input[type="text"]'))!;
  await first.focus();
  await first.type('+81 3 1234 5678'); // a number no other e2e file looks up (the query log is shared)
  await first.press('Enter');
  await page.waitForSelector('#inspect-result article', { timeout: 20_000 });
  expect(await page.$eval('#inspect-result article', (el) => el.getAttribute('data-state'))).toBe('pres');
  expect(await page.$$eval('#inspect-result article .pres a', (as) => as.map((a) => a.textContent))).toEqual([
    'pres:yuki@example.test',
  ]);
  expect(await textOf(page, '#inspect-result article .dnssec')).toBe('DNSSEC validated');
  await page.close();
});

test('the card names the resolver by origin only: window.find() (which crosses closed shadow roots) finds no path or token', async () => {
  const origin = new URL(world.hangingDoh).origin;
  await ext.inExtension(
    (dohUrl) => chrome.storage.local.set({ settings: { version: 1, dohUrl } }),
    `${origin}/SECRETtoken42/dns-query`,
  );
  const page = await ext.browser.newPage();
  await page.goto(`${pages.origin}/numbers.html`);
  await expect.poll(async () => (await annotated(page)).length, { timeout: 15_000 }).toBe(2);
  await hoverBox(page, await boxOf(page, 'sip-only'));
  const finds = (text: string) =>
    page.evaluate((t) => {
      getSelection()?.removeAllRanges();
      return (window as unknown as { find(s: string, c: boolean, b: boolean, w: boolean): boolean }).find(
        t,
        false,
        false,
        true,
      );
    }, text);
  await expect.poll(() => finds('within 5000 ms'), { timeout: 20_000 }).toBe(true);
  expect(await finds('SECRETtoken42')).toBe(false);
  expect(await finds('dns-query')).toBe(false);
  expect(await finds(`no answer from ${origin} within`)).toBe(true);
  await page.close();
  await ext.inExtension((dohUrl) => chrome.storage.local.set({ settings: { version: 1, dohUrl } }), world.unboundDoh);
});

test('a card link opens on a real click while the card is visible, and not once the page sets opacity 0 on its host', async () => {
  const page = await ext.browser.newPage();
  await page.goto(`${pages.origin}/numbers.html`);
  await expect.poll(async () => (await annotated(page)).length, { timeout: 15_000 }).toBe(2);
  await hoverBox(page, await boxOf(page, 'maria'));
  const href = 'https://at.example.test/maria';
  // The link's box, from the text window.find() selects inside the closed shadow root.
  const linkBox = () =>
    page.evaluate((t) => {
      getSelection()?.removeAllRanges();
      if (
        !(window as unknown as { find(s: string, c: boolean, b: boolean, w: boolean): boolean }).find(
          t,
          false,
          false,
          true,
        )
      )
        return undefined;
      const r = getSelection()!.getRangeAt(0).getBoundingClientRect();
      getSelection()?.removeAllRanges();
      return r.width > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : undefined;
    }, href);
  await expect.poll(linkBox, { timeout: 20_000 }).toBeDefined();
  const at = (await linkBox())!;
  const opensTab = async () => {
    const before = (await ext.browser.pages()).length;
    await page.mouse.move(at.x, at.y, { steps: 3 });
    await page.mouse.click(at.x, at.y);
    await new Promise((r) => setTimeout(r, 1500));
    const after = await ext.browser.pages();
    for (const p of after.slice(before)) await p.close();
    return after.length > before;
  };
  expect(await opensTab()).toBe(true);
  await page.bringToFront();
  await page.evaluate(() =>
    (document.documentElement.lastElementChild as HTMLElement).style.setProperty('opacity', '0', 'important'),
  );
  expect(await opensTab()).toBe(false);
  await page.close();
});

test('a revoked host permission is explained on the options page and can be granted again', async () => {
  const removed = await ext.inExtension((origins) => chrome.permissions.remove({ origins }), WORLD_ORIGINS);
  expect(removed).toBe(true);
  const page = await ext.openPage('src/options/index.html', '!!document.getElementById("dohUrl")');
  await page.waitForSelector('#host-access:not([hidden])', { timeout: 10_000 });
  expect(await textOf(page, '#host-access')).toContain('ENUM Presence may not contact 127.0.0.1');

  // A lookup now fails with an explanation the user sees, never silently: in the popup, either as the reply's
  // error (#inspect-error) or as a result in state "error". The code is no-host-permission once the background
  // checks src/platform/permissions.ts first; before that, Firefox's refusal surfaces as a network error.
  const popup = await ext.openPage('src/popup/index.html', '!!document.getElementById("inspect-input")');
  const input = (await popup.$('#inspect-input'))!;
  await input.type('+81 90 1234 5678');
  await input.press('Enter');
  const shown = () =>
    popup.evaluate(
      () =>
        document.querySelector('#inspect-error')?.textContent ||
        document.querySelector('#inspect-result .error')?.textContent ||
        '',
    );
  await expect.poll(shown, { timeout: 20_000 }).toMatch(/no-host-permission|127\.0\.0\.1|NetworkError/);
  console.log(`[firefox] popup lookup without host permission: ${await shown()}`);
  await popup.close();

  await (await page.$('#host-access-grant'))!.click(); // granted without a prompt (launch.ts prefs)
  await page.waitForSelector('#host-access[hidden]', { timeout: 10_000 });
  expect(await ext.inExtension((o) => chrome.permissions.contains({ origins: [o] }), 'https://127.0.0.1/*')).toBe(true);
  await page.close();

  // And lookups work again (+81 90 1234 5678 publishes sip only).
  const again = await ext.openPage('src/popup/index.html', '!!document.getElementById("inspect-input")');
  await (await again.$('#inspect-input'))!.type('+81 90 1234 5678');
  await (await again.$('#inspect-input'))!.press('Enter');
  await again.waitForSelector('#inspect-result article', { timeout: 20_000 });
  expect(await again.$eval('#inspect-result article', (el) => el.getAttribute('data-state'))).toBe('no-pres');
  await again.close();
});
