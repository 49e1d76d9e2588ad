// The popup inspects a typed number against the loopback DNS world and shows its pres URI.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';

const world = inject('world');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension({ spki: world.spki });
  // The provider is configured through the options UI in options.test.ts; here it is simply stored.
  const worker = await browser.worker();
  await worker.evaluate((dohUrl) => chrome.storage.local.set({ settings: { version: 1, dohUrl } }), world.unboundDoh);
});
afterAll(async () => {
  await browser?.close();
});

test('inspect a typed number: Enter shows its state, pres URI, other URIs and DNSSEC', async () => {
  const page = await browser.openPage('src/popup/index.html');
  // The first text field of the popup is the inspect field, and it has focus.
  const first = page.locator('input[type="text"]').first();
  expect(await first.getAttribute('id')).toBe('inspect-input');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inspect-input');
  await page.keyboard.type('+43 1 2345678');
  await page.keyboard.press('Enter');

  const result = page.locator('#inspect-result article');
  await result.waitFor({ timeout: 20_000 });
  expect(await result.getAttribute('data-state')).toBe('pres');
  expect(await result.locator('.pres a').allTextContents()).toEqual(['pres:alice@example.test']);
  expect(await result.locator('.pres a').getAttribute('rel')).toBe('noopener noreferrer');
  const others = await result.locator('.uris li').allTextContents();
  expect(others).toContain('sip:alice@example.test sip');
  expect(others).toContain('mailto:alice@example.test email:mailto');
  expect(await result.locator('.dnssec').textContent()).toBe('DNSSEC validated');
  expect(await result.locator('.age').textContent()).toMatch(/^fetched (just now|\d+ s ago)$/);
});

test('a number with no records and bad input are shown as such', async () => {
  const page = await browser.openPage('src/popup/index.html');
  const input = page.getByLabel('Look up a phone number');
  await input.fill('+43 1 2345676');
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
