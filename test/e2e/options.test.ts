// The options page configures the provider through its own UI: choose Custom, type the world's DoH URL,
// see it saved (and read it back from the service worker), and Test shows the latency.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';

const world = inject('world');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension({ spki: world.spki });
});
afterAll(async () => {
  await browser?.close();
});

test('configure a custom DoH provider through the options page and test it', async () => {
  const page = await browser.openPage('src/options/index.html');
  await page.getByLabel('Custom').check();
  const url = page.getByLabel('DoH server URL');
  await url.fill(world.unboundDoh);
  await url.press('Enter');
  await expect.poll(() => page.locator('#save-status').textContent()).toBe('Saved.');

  const worker = await browser.worker();
  const stored = await worker.evaluate(
    async () => (await chrome.storage.local.get('settings')).settings as { dohUrl?: string },
  );
  expect(stored.dohUrl).toBe(world.unboundDoh);

  await page.getByRole('button', { name: 'Test', exact: true }).click();
  await expect
    .poll(() => page.locator('#test-result').textContent(), { timeout: 20_000 })
    .toMatch(/^Works: answered in \d{1,3}(?:,\d{3})* ms, DNSSEC validated\.$/);

  // A reload shows the saved custom provider.
  await page.reload();
  expect(await page.getByLabel('Custom').isChecked()).toBe(true);
  expect(await page.getByLabel('DoH server URL').inputValue()).toBe(world.unboundDoh);
});

test('an invalid URL is shown next to the field and not saved', async () => {
  const page = await browser.openPage('src/options/index.html');
  await page.getByLabel('Custom').check();
  const url = page.getByLabel('DoH server URL');
  await url.fill('http://127.0.0.1/dns-query');
  await url.press('Enter');
  const describedBy = (await url.getAttribute('aria-describedby')) ?? '';
  expect(describedBy).toContain('dohUrl-error');
  await expect.poll(() => page.locator('#dohUrl-error').textContent()).toContain('must start with https://');
  expect(await url.getAttribute('aria-invalid')).toBe('true');
});

// A real administrator policy: launchExtension writes Chromium's "3rdparty" policy file for this extension's
// id (/etc/chromium/policies/managed; the tests run as root, as CI does), and storage.managed serves it.
test('managed settings lock their fields (a real Chromium policy)', async () => {
  const managed = await launchExtension({
    spki: world.spki,
    managed: { dohUrl: 'https://dns.quad9.net/dns-query', resolveOn: 'never' },
  });
  const page = await managed.context.newPage();
  await page.goto(`${managed.origin}/src/options/index.html`);
  const quad9 = page.getByLabel('Quad9 (dns.quad9.net)');
  await quad9.waitFor();
  // The form shows storage.local at once; the policy applies when storage.managed answers (seconds, cold).
  await expect.poll(() => quad9.isChecked(), { timeout: 10_000 }).toBe(true);
  expect(await quad9.isDisabled()).toBe(true);
  expect(await page.getByLabel('Custom').isDisabled()).toBe(true);
  expect(await page.locator('#dohUrl-locked').textContent()).toBe(
    'Set by your administrator; it cannot be changed here.',
  );
  expect(await page.locator('#resolveOn-never').isChecked()).toBe(true);
  expect(await page.locator('#resolveOn-hover').isDisabled()).toBe(true);
  expect(await page.getByLabel('Query method').isDisabled()).toBe(false);
  // The background resolves with the managed provider too (unreachable from this offline machine: the error names it).
  const reply = (await page.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'inspectNumber', payload: { input: '+43 1 2345678', region: '' } }),
  )) as {
    ok: boolean;
    value?: { status: string; error?: { message: string } };
  };
  expect(reply.value?.status).toBe('error');
  expect(reply.value?.error?.message).toContain('https://dns.quad9.net/dns-query');
  await managed.close();
});

// An invalid SIP value shows its error when the field loses focus, which a click on "Test SIP account" does between
// press and release: the error's line is kept free (options.css), and an error that takes more lines waits for the
// release (fields.ts), so the button stays under the pointer, the click lands and the result says why it failed.
test.each([
  ['SIP address', 'sipAddress', 'you@example.test', 800],
  ['SIP WebSocket server', 'sipServer', 'http://x', 800],
  ['Username', 'sipUsername', 'a\u0001', 800],
  // 360 px wide, where the error takes two lines
  ['SIP address', 'sipAddress', 'you@example.test', 360],
  ['SIP WebSocket server', 'sipServer', 'http://x', 360],
])(
  'Test SIP account right after an invalid %s (%s = %j, %i px wide) says why it failed',
  async (label, key, value, width) => {
    const page = await browser.openPage('src/options/index.html');
    await page.setViewportSize({ width, height: 640 });
    const testButton = page.getByRole('button', { name: 'Test SIP account' });
    // Where the button is on the page (not in the viewport, which the click scrolls).
    const top = () => testButton.evaluate((b) => b.getBoundingClientRect().top + window.scrollY);
    const before = await top();
    await page.getByLabel(label, { exact: true }).fill(value);
    await page.click('#test-sip'); // a real mouse press and release on the button
    await expect.poll(() => page.locator(`#${key}-error`).textContent()).not.toBe('');
    const error = (await page.locator(`#${key}-error`).textContent()) ?? '';
    await expect.poll(() => page.locator('#sip-test-result').textContent()).toMatch(/^Failed: /);
    expect(await page.locator('#sip-test-result').textContent()).toContain(error);
    // A one-line error moves nothing, not even after the click (a longer one moves what is below it then).
    const moved = Math.abs((await top()) - before);
    expect(width === 800 ? moved : 0).toBeLessThan(1);
    await page.close();
  },
);

test('the "Show live presence" checkbox sits on its label\'s line; the password field looks like the other text fields', async () => {
  const page = await browser.openPage('src/options/index.html');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const box = async (sel: string) => (await page.locator(sel).boundingBox())!;
    const [checkbox, label] = [await box('#presence'), await box('label[for="presence"]')];
    // One line: the checkbox's middle within the label's line, and the label to its right.
    expect(checkbox.y + checkbox.height / 2).toBeGreaterThan(label.y);
    expect(checkbox.y + checkbox.height / 2).toBeLessThan(label.y + label.height);
    expect(label.x).toBeGreaterThan(checkbox.x + checkbox.width);
    const look = (sel: string) =>
      page
        .locator(sel)
        .evaluate((el) =>
          ['background-color', 'border-top-color', 'border-top-width', 'border-radius', 'padding-left', 'color'].map(
            (p) => getComputedStyle(el).getPropertyValue(p),
          ),
        );
    expect(await look('#sipPassword'), scheme).toEqual(await look('#sipUsername'));
  }
  await page.close();
});

test('"Saved." covers no control, even 360 px wide', async () => {
  const page = await browser.openPage('src/options/index.html');
  await page.setViewportSize({ width: 360, height: 640 });
  await page.locator('#suffixes').fill('e164.test');
  await page.locator('#suffixes').press('Enter');
  await expect.poll(() => page.locator('#save-status').textContent()).toBe('Saved.');
  // An Add button (at the right edge) 30 px above the bottom of the window, where a fixed status box would sit.
  const add = page.locator('[data-key="disabledSites"] .row button');
  const hit = await add.evaluate((button) => {
    const r = button.getBoundingClientRect();
    window.scrollBy(0, r.top + r.height / 2 - (innerHeight - 30));
    const after = button.getBoundingClientRect();
    return document.elementFromPoint(after.left + after.width / 2, after.top + after.height / 2) === button;
  });
  expect(hit).toBe(true);
  await page.close();
});

test('a setting changed elsewhere leaves what is being typed, its focus and a refused value in place', async () => {
  const page = await browser.openPage('src/options/index.html');
  await page.locator('#defaultRegion').fill('1');
  await page.locator('#defaultRegion').press('Tab');
  await expect.poll(() => page.locator('#defaultRegion-error').textContent()).not.toBe('');
  const site = page.locator('#disabledSites');
  await site.fill('my-typed-site.example');
  const worker = await browser.worker();
  await worker.evaluate(async () => {
    const { settings } = (await chrome.storage.local.get('settings')) as { settings?: Record<string, unknown> };
    await chrome.storage.local.set({ settings: { ...settings, version: 1, resolveOn: 'visible' } });
  });
  await expect.poll(() => page.locator('#resolveOn-visible').isChecked()).toBe(true);
  expect(await site.inputValue()).toBe('my-typed-site.example');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('disabledSites');
  expect(await page.locator('#defaultRegion').inputValue()).toBe('1');
  expect(await page.locator('#defaultRegion-error').textContent()).not.toBe('');
  await worker.evaluate(async () => {
    const { settings } = (await chrome.storage.local.get('settings')) as { settings?: Record<string, unknown> };
    await chrome.storage.local.set({ settings: { ...settings, resolveOn: 'hover' } });
  });
  await page.close();
});
