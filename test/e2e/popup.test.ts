// The popup inspects a typed number against the loopback DNS world and shows its pres URI.
// Numbers: the GB demo numbers of test/world/zones/e164.arpa.zone, so that other e2e files' query-log
// assertions about the +43 1 234567x test numbers are not disturbed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';

const world = inject('world');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension({ spki: world.spki });
  // The provider is configured through the options UI in options.test.ts; here it is simply stored.
  const worker = await browser.worker();
  await worker.evaluate((dohUrl) => chrome.storage.local.set({ settings: { version: 1, dohUrl, defaultRegion: 'GB' } }), world.unboundDoh);
});
afterAll(async () => {
  await browser?.close();
});

test('inspect a typed national number (default region from settings): Enter shows state, pres URI, other URIs, DNSSEC', async () => {
  const page = await browser.openPage('src/popup/index.html');
  // The first text field of the popup is the inspect field, and it has focus.
  const first = page.locator('input[type="text"]').first();
  expect(await first.getAttribute('id')).toBe('inspect-input');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inspect-input');
  expect(await page.locator('#inspect-hint').textContent()).toBe('Numbers without + are read as in region GB.');
  await page.keyboard.type('020 7946 0000');
  await page.keyboard.press('Enter');

  const result = page.locator('#inspect-result article');
  await result.waitFor({ timeout: 20_000 });
  expect(await result.getAttribute('data-state')).toBe('pres');
  expect(await result.locator('.e164').textContent()).toBe('+442079460000');
  expect(await result.locator('.pres a').allTextContents()).toEqual(['pres:oliver@example.test']);
  expect(await result.locator('.pres a').getAttribute('rel')).toBe('noopener noreferrer');
  const others = await result.locator('.uris li').allTextContents();
  expect(others).toEqual(['sip:oliver@uk.example.test sip', 'mailto:oliver@uk.example.test email:mailto']);
  expect(await result.locator('.dnssec').textContent()).toBe('DNSSEC validated');
  expect(await result.locator('.age').textContent()).toMatch(/^fetched (just now|\d+ s ago)$/);
});

test('a number with no records and bad input are shown as such', async () => {
  const page = await browser.openPage('src/popup/index.html');
  const input = page.getByLabel('Look up a phone number');
  await input.fill('+44 20 7946 0999');
  await input.press('Enter');
  const result = page.locator('#inspect-result article');
  await result.waitFor({ timeout: 20_000 });
  expect(await result.getAttribute('data-state')).toBe('none');

  await input.fill('not a number');
  await input.press('Enter');
  await expect.poll(() => page.locator('#inspect-error').textContent()).not.toBe('');
  expect(await input.getAttribute('aria-invalid')).toBe('true');
});

test('Clear cache answers', async () => {
  const page = await browser.openPage('src/popup/index.html');
  await page.getByRole('button', { name: 'Clear cache' }).click();
  await expect.poll(() => page.locator('#clear-status').textContent()).toBe('Cache cleared.');
});

// The site switch needs the popup's tab. A popup opened as a tab by a test is its own current tab, and without the
// activeTab or tabs permission Chromium hides tab URLs from the extension, so here tabs.query is answered in the page
// with the web page's real tab id and URL. Everything else (saving, storage, the list message) is real.
test('the site switch adds the current site to disabledSites', async () => {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!doctype html><title>site</title><p>No numbers here.</p>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const web = await browser.context.newPage();
    await web.goto(url);
    const worker = await browser.worker();
    const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ active: true })).map((t) => t.id).pop());
    const page = await browser.context.newPage();
    await page.addInitScript(
      ({ id, url }) => {
        const tabs = chrome.tabs as unknown as { query: (...a: unknown[]) => unknown };
        tabs.query = (...args: unknown[]) => {
          const cb = args.find((a) => typeof a === 'function') as ((v: unknown) => void) | undefined;
          const answer = [{ id, url, active: true }];
          if (cb) return void setTimeout(() => cb(answer));
          return Promise.resolve(answer);
        };
      },
      { id: tabId, url },
    );
    await page.goto(`${browser.origin}/src/popup/index.html`);
    const toggle = page.getByRole('switch', { name: 'Find numbers on 127.0.0.1' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.press('Space');
    await expect.poll(() => page.locator('#numbers').textContent()).toBe('Switched off on this site.');
    const stored = await worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings as { disabledSites?: string[] });
    expect(stored.disabledSites).toEqual(['127.0.0.1']);
    await toggle.press('Space');
    await expect.poll(async () => (await worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings as { disabledSites?: string[] })).disabledSites).toBeUndefined();
  } finally {
    server.close();
  }
});
