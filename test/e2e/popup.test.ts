// The popup inspects a typed number against the loopback DNS world and shows its pres URI.
// Numbers: the GB demo numbers of test/world/zones/e164.arpa.zone, so that other e2e files' query-log
// assertions about the +43 1 234567x test numbers are not disturbed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';
import { COUNT_MARKS, readMarks, type PageMark } from './page-marks.ts';

const world = inject('world');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension({ spki: world.spki });
  // The provider is configured through the options UI in options.test.ts; here it is simply stored.
  const worker = await browser.worker();
  await worker.evaluate(
    (dohUrl) => chrome.storage.local.set({ settings: { version: 1, dohUrl, defaultRegion: 'GB' } }),
    world.unboundDoh,
  );
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
  expect(await result.locator('.age').textContent()).toMatch(/^fetched (just now|\d+ seconds ago)$/);
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

test('a very long input: the field stops at the protocol limit, and a longer value is refused in words', async () => {
  const page = await browser.openPage('src/popup/index.html');
  const input = page.getByLabel('Look up a phone number');
  await input.pressSequentially('1'.repeat(150));
  expect((await input.inputValue()).length).toBe(100);
  await input.press('Enter');
  const error = page.locator('#inspect-error');
  await expect.poll(() => error.textContent()).toMatch(/^This is not a phone number\. .*\(bad-number\)$/);
  // A value set by script is not held to maxlength: the popup refuses it before sending.
  await input.evaluate((el: HTMLInputElement) => (el.value = '1'.repeat(500)));
  await input.press('Enter');
  await expect
    .poll(() => error.textContent())
    .toMatch(/^This is not a phone number\. .*too long.*500.*\(bad-number\)$/);
  expect(await error.textContent()).not.toContain('Invalid payload');
  expect(await input.getAttribute('aria-invalid')).toBe('true');
});

test('Clear cache answers', async () => {
  const page = await browser.openPage('src/popup/index.html');
  await page.getByRole('button', { name: 'Clear cache' }).click();
  await expect.poll(() => page.locator('#clear-status').textContent()).toBe('Cache cleared.');
});

// The popup's tab: a popup opened as a tab by a test is its own current tab, and without the activeTab or tabs
// permission Chromium hides tab URLs from the extension, so tabs.query is answered in the popup page with the web
// page's real tab id and URL. Everything else (content script, background, storage) is real.
test('lists the numbers of the current tab, and the site switch adds the site to disabledSites', async () => {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      '<!doctype html><html lang="en-GB"><title>site</title><p>London: +44 20 7946 0000. San Francisco: +1 415 555 2671.</p><p>Wien: +43 1 2345712</p></html>',
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const worker = await browser.worker();
  const settings = async () =>
    (await worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings)) as {
      disabledSites?: string[];
    };
  try {
    // Resolve numbers as they appear, so the tab has results without a hover.
    await worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings as object), resolveOn: 'visible' } });
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const web = await browser.context.newPage();
    await web.goto(url);
    await expect
      .poll(
        async () =>
          ((await web.evaluate(readMarks())) as PageMark[])
            .map((m) => m.state)
            .sort()
            .join(),
        { timeout: 20_000 },
      )
      .toBe('no-pres,pres,pres');
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

    const numbers = page.locator('#numbers article');
    await expect.poll(() => numbers.count(), { timeout: 10_000 }).toBe(3);
    const london = page.locator('#numbers article[data-e164="+442079460000"]');
    expect(await london.getAttribute('data-state')).toBe('pres');
    expect(await london.locator('.pres a').allTextContents()).toEqual(['pres:oliver@example.test']);
    expect(await london.locator('.dnssec').textContent()).toBe('DNSSEC validated');
    expect(await london.locator('.age').textContent()).toMatch(/^fetched /);
    const sf = page.locator('#numbers article[data-e164="+14155552671"]');
    expect(await sf.getAttribute('data-state')).toBe('no-pres');
    expect(await sf.locator('.uris li').allTextContents()).toEqual(['sip:14155552671@us.example.test sip']);

    // Its answer had TTL 0 (never cached): the popup still shows what the page was given.
    const wien = page.locator('#numbers article[data-e164="+4312345712"]');
    expect(await wien.getAttribute('data-state')).toBe('pres');
    expect(await wien.locator('.pres a').allTextContents()).toEqual(['pres:carol@example.test']);

    const toggle = page.getByRole('switch', { name: 'Find numbers on 127.0.0.1' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.press('Space');
    await expect.poll(() => page.locator('#numbers').textContent()).toBe('Switched off on this site.');
    expect((await settings()).disabledSites).toEqual(['127.0.0.1']);
    // The content script hears the change: the page's highlights go away without a reload.
    await expect.poll(() => web.evaluate(COUNT_MARKS), { timeout: 10_000 }).toBe(0);
    await toggle.press('Space');
    await expect.poll(async () => (await settings()).disabledSites).toBeUndefined();
  } finally {
    server.close();
  }
});

// The popup does not poll: a number looked up while it is open reaches it through the background's event
// (tabNumbersChanged over the events port), and only that way.
test('an open popup shows a lookup that finishes while it is open', async () => {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!doctype html><html lang="en-GB"><title>push</title><p>London: +44 20 7946 0000.</p></html>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const worker = await browser.worker();
  const setResolveOn = (resolveOn: string) =>
    worker.evaluate(async (resolveOn) => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings as object), resolveOn } });
    }, resolveOn);
  try {
    await setResolveOn('never');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const web = await browser.context.newPage();
    await web.goto(url);
    const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ active: true })).map((t) => t.id).pop());
    const page = await browser.context.newPage();
    await page.addInitScript(
      ({ id, url }) => {
        const tabs = chrome.tabs as unknown as { query: (...a: unknown[]) => unknown };
        tabs.query = () => Promise.resolve([{ id, url, active: true }]);
      },
      { id: tabId, url },
    );
    await page.goto(`${browser.origin}/src/popup/index.html`);
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'clearCache', payload: {} }));
    const london = page.locator('#numbers article[data-e164="+442079460000"]');
    await expect.poll(() => london.getAttribute('data-state'), { timeout: 10_000 }).toBe('idle');

    await setResolveOn('visible'); // the content script follows the settings and looks the number up
    await expect.poll(() => london.getAttribute('data-state'), { timeout: 10_000 }).toBe('pres');
    expect(await london.locator('.pres a').allTextContents()).toEqual(['pres:oliver@example.test']);
  } finally {
    await setResolveOn('hover');
    server.close();
  }
});
