// The hover card and the keyboard focus (Chromium, built extension, loopback DNS world): a card opened from the
// context menu (the keyboard path, README "Accessibility") takes the focus, Tab moves through its links, Escape
// closes it and gives the focus back; a card opened by hovering never takes the focus. The focus inside the card's
// closed shadow root shows to the page as its host (the element added to <html> while a card shows).
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';
import { startPageServer, type PageServer } from '../fixtures/pages/server.ts';

const world = inject('world');
let ext: ExtensionBrowser;
let server: PageServer;

beforeAll(async () => {
  server = await startPageServer();
  server.route(
    '/focus.html',
    '<!doctype html><html lang="de"><body style="margin:40px;font:16px sans-serif">' +
      '<p>Bob: <a id="tel" href="tel:+4312345679">+43 1 2345679</a></p>' +
      '<p>Alice: <span id="n">+43 1 2345678</span></p><button id="b">Weiter</button></body></html>',
  );
  ext = await launchExtension({ spki: world.spki });
  const worker = await ext.worker();
  await worker.evaluate((dohUrl) => chrome.storage.local.set({ settings: { version: 1, dohUrl } }), world.unboundDoh);
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

async function openPage(): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${server.origin}/focus.html`);
  const marks = () =>
    page.evaluate(() =>
      [...CSS.highlights].filter(([k]) => String(k).startsWith('enum-')).reduce((n, [, h]) => n + h.size, 0),
    );
  await expect.poll(marks, { timeout: 15_000 }).toBe(2);
  return page;
}

/** What has the focus, as the page sees it: an element's id, or `card` for the card's host. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (el && el.parentElement === document.documentElement && el !== document.body) return 'card';
    return el?.id || el?.localName || '';
  });

/** The focused node as assistive technology sees it (the accessibility tree crosses the closed shadow root). */
async function focusedInAccessibilityTree(page: Page): Promise<{ role: string; name: string } | undefined> {
  type AxNode = {
    role?: { value: string };
    name?: { value: string };
    properties?: { name: string; value: { value: unknown } }[];
  };
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    const node = [...nodes]
      .reverse()
      .find(
        (n) =>
          n.role?.value !== 'RootWebArea' && n.properties?.some((p) => p.name === 'focused' && p.value.value === true),
      );
    return node && { role: node.role?.value ?? '', name: node.name?.value ?? '' };
  } finally {
    await cdp.detach();
  }
}

const cardShown = (page: Page) => page.evaluate(() => document.documentElement.lastElementChild !== document.body);

test('a card opened from the context menu takes the focus; Tab reaches its link; Escape closes it and gives the focus back', async () => {
  const page = await openPage();
  await page.focus('#tel');
  expect(await focused(page)).toBe('tel');
  // A real right click on the link (trusted contextmenu), then the background's message for the menu item.
  await page.click('#tel', { button: 'right' });
  const worker = await ext.worker();
  await worker.evaluate(async (url) => {
    const tab =
      (await chrome.tabs.query({})).find((t) => t.url === url) ?? (await chrome.tabs.query({ active: true }))[0];
    await chrome.tabs.sendMessage(tab!.id!, { type: 'showCardForSelection', payload: { text: '' } }, { frameId: 0 });
  }, `${server.origin}/focus.html`);
  await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('card');
  expect(await focusedInAccessibilityTree(page)).toEqual({
    role: 'dialog',
    name: expect.stringContaining('+43 1 2345679'),
  });
  // The focus stays in the card while the lookup answers and the card is rebuilt (bob: ENUM records, no presence).
  const answered = () => page.evaluate(() => (CSS.highlights.get('enum-no-pres')?.size ?? 0) > 0);
  await expect.poll(answered, { timeout: 20_000 }).toBe(true);
  await page.waitForTimeout(300);
  expect(await focused(page)).toBe('card');
  // Tab reaches the card's link (bob: sip:bob@example.test), still inside the card.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('card');
  expect(await focusedInAccessibilityTree(page)).toEqual({ role: 'link', name: 'sip:bob@example.test' });
  expect(await cardShown(page)).toBe(true);
  await page.keyboard.press('Escape');
  expect(await cardShown(page)).toBe(false);
  expect(await focused(page)).toBe('tel');
  await page.close();
});

test('a card opened by hovering leaves the focus where it was', async () => {
  const page = await openPage();
  await page.focus('#b');
  const r = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('n')!);
    const b = range.getBoundingClientRect();
    return { x: b.x, y: b.y, width: b.width, height: b.height };
  });
  await page.mouse.move(r.x - 30, r.y + r.height / 2);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2, { steps: 6 });
  await expect.poll(() => cardShown(page), { timeout: 5_000 }).toBe(true);
  await page.waitForTimeout(1500);
  expect(await focused(page)).toBe('b');
  await page.keyboard.press('Escape');
  expect(await cardShown(page)).toBe(false);
  expect(await focused(page)).toBe('b');
  await page.close();
});
