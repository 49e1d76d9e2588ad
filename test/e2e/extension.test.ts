// The whole extension as a user meets it (README "Using it"), in Debian's Chromium against the loopback DNS world:
// configure the provider in the options page, open a page (nothing is queried), hover a number (pres), see the
// badge count it, and find it in the popup with its pres URI.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { startPageServer, type PageServer } from '../fixtures/pages/server.ts';
import { readQueryLog } from '../world/query-log.ts';
import { readMarks, type PageMark } from './page-marks.ts';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';

const world = inject('world');
let browser: ExtensionBrowser;
let server: PageServer;

// Demo numbers (test/world/zones/README.md). The world is shared by the e2e files, so queries are counted
// before and after, never assumed absent.
const PAGE = `<!doctype html><html lang="fr-FR"><head><meta charset="utf-8"><title>Contacts</title></head>
<body><p id="camille">Camille : 01 23 45 67 89</p><p id="hugo">Hugo : 06 12 34 56 78</p></body></html>`;
const CAMILLE = '9.8.7.6.5.4.3.2.1.3.3.e164.arpa';
const HUGO = '8.7.6.5.4.3.2.1.6.3.3.e164.arpa';

beforeAll(async () => {
  server = await startPageServer();
  server.route('/contacts.html', PAGE);
  browser = await launchExtension({ spki: world.spki });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const count = async (name: string) => (await readQueryLog(world)).filter((n) => n === name).length;

test('options → page → hover → badge → popup', async () => {
  // 1. The provider is configured through the options page itself.
  const options = await browser.openPage('src/options/index.html');
  await options.getByLabel('Custom').check();
  await options.getByLabel('DoH server URL').fill(world.unboundDoh);
  await options.getByLabel('DoH server URL').press('Enter');
  await expect.poll(() => options.locator('#save-status').textContent()).toBe('Saved.');

  // 2. A page with two numbers: both annotated idle, and the resolver saw no query for either.
  const [camille0, hugo0] = [await count(CAMILLE), await count(HUGO)];
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/contacts.html`);
  const marks = () => page.evaluate(readMarks()) as Promise<PageMark[]>;
  const stateIn = async (where: string) => (await marks()).find((m) => m.where === where)?.state;
  await expect.poll(async () => (await marks()).length, { timeout: 15_000 }).toBe(2);
  expect((await marks()).map((m) => [m.where, m.state])).toEqual([
    ['camille', 'idle'],
    ['hugo', 'idle'],
  ]);
  await page.waitForTimeout(1000); // give a misbehaving extension time to query
  expect([await count(CAMILLE), await count(HUGO)]).toEqual([camille0, hugo0]);

  // 3. A real hover resolves that number only.
  const { box } = (await marks()).find((m) => m.where === 'camille')!;
  await page.mouse.move(Math.max(1, box.x - 30), box.y + box.height / 2);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await expect.poll(() => stateIn('camille'), { timeout: 15_000 }).toBe('pres');
  expect([await count(CAMILLE), await count(HUGO)]).toEqual([camille0 + 1, hugo0]);
  expect(await stateIn('hugo')).toBe('idle');

  // 4. The badge of that tab counts one number with presence.
  const worker = await browser.worker();
  // The page is the active tab (ids need no "tabs" permission; URLs would).
  await page.bringToFront();
  const tabId = await worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  expect(tabId).toBeDefined();
  await expect.poll(() => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId!)).toBe('1');

  // 5. The background knows the tab's numbers with their results (what the popup lists).
  const popup = await browser.openPage('src/popup/index.html');
  const reply = (await popup.evaluate(
    (id) => chrome.runtime.sendMessage({ type: 'getTabNumbers', payload: { tabId: id } }),
    tabId!,
  )) as {
    ok: boolean;
    value: { numbers: { e164: string; state: string; result?: { pres: string[] } }[] };
  };
  expect(reply.ok).toBe(true);
  expect(reply.value.numbers.map((n) => [n.e164, n.state, n.result?.pres])).toEqual([
    ['+33123456789', 'pres', ['pres:camille@example.test']],
    ['+33612345678', 'idle', undefined],
  ]);
});
