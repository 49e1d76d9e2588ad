// The same extension in real Firefox: Debian's firefox-esr, puppeteer-core over WebDriver BiDi,
// dist/firefox installed as a temporary add-on, against the loopback DNS world. In order, in one browser:
// configure the provider through the options page, detection on a page, a real pointer hover to `pres`,
// popup inspect, the card naming the resolver by origin only, and a revoked host permission explained (options notice, lookup error) and granted again.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefoxExtension, type FirefoxExtension } from './firefox/launch.ts';
import { startPageServer, type PageServer } from './firefox/page-server.ts';
import { byLabel, hover, textOf, timesQueried } from './firefox/helpers.ts';

const world = inject('world');
const MARIA = '7.6.5.4.3.2.1.4.6.6.3.4.e164.arpa'; // +43 664 1234567, pres:maria@example.test
const WORLD_ORIGINS = ['https://127.0.0.1/*', 'https://*/*', 'http://*/*']; // every grant that covers the world
let ext: FirefoxExtension;
let pages: PageServer;

type Annotated = { text: string; e164: string; state: string };
const annotated = (page: Page) =>
  page.$$eval('[data-enum-e164]', (els) =>
    els.map((el) => ({ text: el.textContent ?? '', e164: el.getAttribute('data-enum-e164') ?? '', state: el.getAttribute('data-enum-state') ?? '' })),
  ) as Promise<Annotated[]>;

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
  const stored = await ext.inExtension(async () => (await chrome.storage.local.get('settings')).settings as { dohUrl?: string }, null);
  expect(stored.dohUrl).toBe(world.unboundDoh);
  // Permission for the world's origin is already held (host_permissions), so no notice is shown.
  expect(await page.$eval('#host-access', (el) => (el as HTMLElement).hidden)).toBe(true);

  await (await page.$('#test-provider'))!.click();
  await expect.poll(() => textOf(page, '#test-result'), { timeout: 20_000 }).toMatch(/^Works: answered in \d+ ms, DNSSEC validated\.$/);
  await page.close();
});

test('a page: numbers are annotated without any query; a real pointer hover turns one to pres', async () => {
  const before = await timesQueried(world, MARIA);
  const page = await ext.browser.newPage();
  await page.goto(`${pages.origin}/numbers.html`);
  await expect.poll(async () => (await annotated(page)).length, { timeout: 15_000 }).toBe(2);
  expect(await annotated(page)).toEqual([
    { text: '+43 664 1234567', e164: '+436641234567', state: 'idle' },
    { text: '+1 415 555 2671', e164: '+14155552671', state: 'idle' },
  ]);
  await new Promise((r) => setTimeout(r, 500));
  expect(await timesQueried(world, MARIA)).toBe(before); // resolveOn=hover: nothing asked yet

  const maria = (await page.$('[data-enum-e164="+436641234567"]'))!;
  await hover(page, maria);
  await expect
    .poll(() => maria.evaluate((el) => el.getAttribute('data-enum-state')), { timeout: 20_000 })
    .toBe('pres');
  expect(await timesQueried(world, MARIA)).toBeGreaterThan(before);
  expect((await annotated(page))[1]?.state).toBe('idle'); // the other number was not pointed at
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
  expect(await page.$$eval('#inspect-result article .pres a', (as) => as.map((a) => a.textContent))).toEqual(['pres:yuki@example.test']);
  expect(await textOf(page, '#inspect-result article .dnssec')).toBe('DNSSEC validated');
  await page.close();
});

test("the card names the resolver by origin only: window.find() (which crosses closed shadow roots) finds no path or token", async () => {
  const origin = new URL(world.hangingDoh).origin;
  await ext.inExtension((dohUrl) => chrome.storage.local.set({ settings: { version: 1, dohUrl } }), `${origin}/SECRETtoken42/dns-query`);
  const page = await ext.browser.newPage();
  await page.goto(`${pages.origin}/numbers.html`);
  await expect.poll(async () => (await annotated(page)).length, { timeout: 15_000 }).toBe(2);
  await hover(page, (await page.$('[data-enum-e164="+14155552671"]'))!);
  const finds = (text: string) =>
    page.evaluate((t) => {
      getSelection()?.removeAllRanges();
      return (window as unknown as { find(s: string, c: boolean, b: boolean, w: boolean): boolean }).find(t, false, false, true);
    }, text);
  await expect.poll(() => finds('within 5000 ms'), { timeout: 20_000 }).toBe(true);
  expect(await finds('SECRETtoken42')).toBe(false);
  expect(await finds('dns-query')).toBe(false);
  expect(await finds(`no answer from ${origin} within`)).toBe(true);
  await page.close();
  await ext.inExtension((dohUrl) => chrome.storage.local.set({ settings: { version: 1, dohUrl } }), world.unboundDoh);
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
  const shown = () => popup.evaluate(() => document.querySelector('#inspect-error')?.textContent || document.querySelector('#inspect-result .error')?.textContent || '');
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
