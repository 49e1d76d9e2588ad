// The hover card in a hostile page (Chromium, built extension, loopback DNS world): the page cannot read a DoH
// URL's path or query out of the card with window.find(), and it cannot hide the card and still have the user's
// click on a link open it. Numbers are hovered by real pointer movement over their text (no wrapper needed).
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';
import { startPageServer, type PageServer } from '../fixtures/pages/server.ts';

const world = inject('world');
let ext: ExtensionBrowser;
let server: PageServer;

async function setSettings(settings: Record<string, unknown>): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate((s) => chrome.storage.local.set({ settings: { version: 1, ...s } }), settings);
}

beforeAll(async () => {
  server = await startPageServer();
  server.route(
    '/one-number.html',
    '<!doctype html><html lang="de"><body style="margin:40px;font:16px sans-serif"><p>Telefon: <span id="n">+43 1 2345678</span></p></body></html>',
  );
  ext = await launchExtension({ spki: world.spki });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

/** Open the page and move the pointer across the number's text, as a user would. */
async function hoverNumber(): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${server.origin}/one-number.html`);
  // Wait until the number is marked (a range in the enum-* CSS highlights, README "Page annotations").
  const marked = () =>
    page.evaluate(() => [...(CSS.highlights?.keys() ?? [])].some((k) => String(k).startsWith('enum-')));
  await expect.poll(marked, { timeout: 15_000 }).toBe(true);
  const r = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('n')!);
    const b = range.getBoundingClientRect();
    return { x: b.x, y: b.y, width: b.width, height: b.height };
  });
  const y = r.y + r.height / 2;
  await page.mouse.move(r.x - 30, y);
  await page.mouse.move(r.x + 4, y, { steps: 4 });
  await page.mouse.move(r.x + r.width / 2, y, { steps: 6 });
  return page;
}

/** What a page script can find in the document with window.find() (which also searches closed shadow roots). */
const pageFinds = (page: Page, text: string) =>
  page.evaluate((t) => {
    getSelection()?.removeAllRanges();
    return (window as unknown as { find(s: string, c: boolean, b: boolean, w: boolean): boolean }).find(
      t,
      false,
      false,
      true,
    );
  }, text);

test("a page cannot find a DoH URL's path or token in the card with window.find()", async () => {
  const origin = new URL(world.hangingDoh).origin;
  await setSettings({ dohUrl: `${origin}/SECRETtoken42/dns-query` });
  const page = await hoverNumber();
  // The card shows the timeout (the page finds the card's text: window.find searches closed shadow roots)…
  await expect.poll(() => pageFinds(page, 'within 5000 ms'), { timeout: 15_000 }).toBe(true);
  // …but neither the token nor the path of the resolver's URL: only its origin.
  expect(await pageFinds(page, 'SECRETtoken42')).toBe(false);
  expect(await pageFinds(page, 'dns-query')).toBe(false);
  expect(await pageFinds(page, `no answer from ${origin} within`)).toBe(true);
  // The exact message follows what its code (timeout) means in the user's language, as in the popup.
  expect(await pageFinds(page, 'The DNS-over-HTTPS server did not answer in time. no answer from')).toBe(true);
  await page.close();
});

type CdpNode = {
  nodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
};

/** The box of the card's link to `href`, read through CDP (the shadow root is closed to the page). */
async function linkBox(page: Page, href: string): Promise<{ x: number; y: number } | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    let link: CdpNode | undefined;
    const walk = (n: CdpNode) => {
      if (n.nodeName === 'A' && n.attributes?.[n.attributes.indexOf('href') + 1] === href) link = n;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c);
    };
    walk(root);
    if (!link) return undefined;
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: link.nodeId })) as { model: { content: number[] } };
    const q = model.content;
    return { x: (q[0]! + q[4]!) / 2, y: (q[1]! + q[5]!) / 2 };
  } finally {
    await cdp.detach();
  }
}

/** Click at `at` and report whether a new tab was opened within a second. */
async function clickOpensTab(page: Page, at: { x: number; y: number }): Promise<boolean> {
  const opened = ext.context.waitForEvent('page', { timeout: 1500 }).then(
    async (p) => (await p.close(), true),
    () => false,
  );
  await page.mouse.move(at.x, at.y, { steps: 3 });
  await page.mouse.click(at.x, at.y);
  return opened;
}

test('a link in the card acts only while the card is really visible: not once the page sets opacity 0 on its host', async () => {
  await setSettings({ dohUrl: world.unboundDoh });
  const page = await hoverNumber();
  const href = 'https://example.test/alice';
  await expect.poll(() => linkBox(page, href), { timeout: 15_000 }).toBeDefined();
  const at = (await linkBox(page, href))!;
  await page.waitForTimeout(300); // the visibility observer reports after its 100 ms delay
  // Visible: the user's click opens the link.
  expect(await clickOpensTab(page, at)).toBe(true);
  // The page hides the card's host (the element added to <html> while the card shows) and waits for a click.
  await page.bringToFront();
  expect(await linkBox(page, href)).toEqual(at);
  await page.evaluate(() =>
    (document.documentElement.lastElementChild as HTMLElement).style.setProperty('opacity', '0', 'important'),
  );
  expect(await page.evaluate(() => getComputedStyle(document.documentElement.lastElementChild!).opacity)).toBe('0');
  expect(await clickOpensTab(page, at)).toBe(false);
  // Also with the card itself left alone but the whole page faded out by a filter.
  await page.evaluate(() => {
    (document.documentElement.lastElementChild as HTMLElement).style.removeProperty('opacity');
    document.documentElement.style.filter = 'opacity(0)';
  });
  expect(await clickOpensTab(page, at)).toBe(false);
  await page.close();
});

/** Every range of every enum-* highlight as the page reads it: its text, and whether both ends lie in the document's own tree. */
const pageRanges = (page: Page) =>
  page.evaluate(() => {
    const out: { text: string; inDocument: boolean }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!String(name).startsWith('enum-')) continue;
      for (const r of highlight as Highlight) {
        const range = document.createRange();
        const inDocument = r.startContainer.getRootNode() === document && r.endContainer.getRootNode() === document;
        if (inDocument) {
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
        }
        out.push({ text: inDocument ? range.toString() : '', inDocument });
      }
    }
    return out;
  });

test("the card's own text is never marked: no highlight range reaches into its closed shadow root", async () => {
  await setSettings({ dohUrl: world.unboundDoh });
  const page = await hoverNumber();
  await expect.poll(() => linkBox(page, 'https://example.test/alice'), { timeout: 15_000 }).toBeDefined();
  // The card shows the number too (+43 1 2345678); give the scanner's idle slices and shadow-root poll time to find it.
  await page.waitForTimeout(2000);
  expect(await linkBox(page, 'https://example.test/alice')).toBeDefined();
  expect(await pageRanges(page)).toEqual([{ text: '+43 1 2345678', inDocument: true }]);
  await page.close();
});
