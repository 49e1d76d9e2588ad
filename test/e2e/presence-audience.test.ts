// Presence events reach only the views that asked (README "Privacy"): two tabs of the same site in Debian's
// Chromium, each with the extension's content script, look at different numbers; a PUBLISH for the number tab A
// looks at is pushed to tab A's event port and never to tab B's, nor to an extension page that asked nothing.
// The ports are opened from each tab's content-script world (test/e2e/content-world.ts), so the background sees
// the same sender as for the real content script.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Publisher, UserAgent } from 'sip.js';
import { installWebSocket, presencePublisher, startUserAgent } from '../world/kamailio-client.ts';
import { startKamailio, type Kamailio } from '../world/kamailio.ts';
import { startPageServer, type PageServer } from '../fixtures/pages/server.ts';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';
import { contentWorld, type ContentWorld } from './content-world.ts';
import { EVENTS_PORT } from '../../src/shared/events.ts';

const world = inject('world');
let sip: Kamailio;
let alice: UserAgent;
let publisher: Publisher;
let browser: ExtensionBrowser;
let server: PageServer;
const worlds: ContentWorld[] = [];

// test/world/zones/README.md: +43 1 2345678 publishes pres:alice@example.test, +43 1 2345673 pres:erin@example.test.
const ALICE = '+4312345678';
const ERIN = '+4312345673';
const pidf = (basic: 'open' | 'closed', activity = '') => `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:alice@example.test">
  <tuple id="t1"><status><basic>${basic}</basic></status></tuple>${
    activity ? `<dm:person id="p"><rpid:activities><rpid:${activity}/></rpid:activities></dm:person>` : ''
  }
</presence>`;

interface Heard {
  type: string;
  payload: { entry?: { uri: string; state: string }; tabId?: number };
}

/** Connect an event port as the view does and keep what it hears in `globalThis.heard` of that world. */
const LISTEN = `(() => {
  globalThis.heard = [];
  chrome.runtime.connect({ name: ${JSON.stringify(EVENTS_PORT)} }).onMessage.addListener((m) => globalThis.heard.push(m));
  return true;
})()`;
const HEARD = 'globalThis.heard';
const send = (type: string, payload: unknown) => `chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`;
/** As the card does: look the number up, then say it is being looked at. */
const view = async (w: ContentWorld, e164: string) => {
  expect(await w.evaluate(send('resolveNumber', { e164 }))).toMatchObject({ ok: true });
  return w.evaluate<{ ok: boolean; value: { presence: { uri: string }[] } }>(send('viewPresence', { e164 }));
};
const presenceOf = (heard: Heard[], uri: string) =>
  heard.filter((e) => e.type === 'presenceChanged' && e.payload.entry?.uri === uri).map((e) => e.payload.entry!.state);

beforeAll(async () => {
  sip = await startKamailio();
  installWebSocket(sip.certFile);
  alice = await startUserAgent(sip.ws, sip.aor('alice'), sip.users.alice!);
  publisher = presencePublisher(alice);
  server = await startPageServer();
  browser = await launchExtension({ spki: world.spki });
  await (
    await browser.worker()
  ).evaluate(
    ({ dohUrl, sipServer, password }) =>
      chrome.storage.local.set({
        settings: {
          version: 1,
          dohUrl,
          dohMethod: 'post',
          presence: 'sip',
          sipServer,
          sipAddress: 'sip:bob@example.test',
        },
        sipPassword: password,
      }),
    { dohUrl: world.unboundDoh, sipServer: sip.ws, password: sip.users.bob! },
  );
});

afterAll(async () => {
  for (const w of worlds) await w.detach().catch(() => undefined);
  await browser?.close();
  await server?.close();
  await alice?.stop().catch(() => undefined);
  await sip?.stop();
});

async function openTab(): Promise<{ page: Page; world: ContentWorld }> {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/numbers.html`);
  const w = await contentWorld(page, browser.origin);
  worlds.push(w);
  expect(await w.evaluate(LISTEN)).toBe(true);
  return { page, world: w };
}

test("tab B hears its own number's presence and never tab A's; an extension page that asked nothing hears none", async () => {
  const popup = await browser.openPage('src/popup/index.html');
  await popup.evaluate(LISTEN);
  const a = await openTab();
  const b = await openTab();

  expect(await view(a.world, ALICE)).toMatchObject({
    ok: true,
    value: { presence: [{ uri: 'pres:alice@example.test' }] },
  });
  expect(await view(b.world, ERIN)).toMatchObject({
    ok: true,
    value: { presence: [{ uri: 'pres:erin@example.test' }] },
  });
  // Each subscription's first NOTIFY reaches the view that asked for it.
  await expect
    .poll(async () => presenceOf(await a.world.evaluate(HEARD), 'pres:alice@example.test').length, { timeout: 10_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(async () => presenceOf(await b.world.evaluate(HEARD), 'pres:erin@example.test').length, { timeout: 10_000 })
    .toBeGreaterThan(0);

  await publisher.publish(pidf('open', 'on-the-phone'));
  await expect
    .poll(async () => presenceOf(await a.world.evaluate(HEARD), 'pres:alice@example.test').at(-1), { timeout: 5000 })
    .toBe('busy');
  await publisher.publish(pidf('closed'));
  await expect
    .poll(async () => presenceOf(await a.world.evaluate(HEARD), 'pres:alice@example.test').at(-1), { timeout: 5000 })
    .toBe('offline');

  // Every event of alice was posted in one pass over the ports, before tab A heard the last one.
  const heardByB = await b.world.evaluate<Heard[]>(HEARD);
  expect(presenceOf(heardByB, 'pres:alice@example.test')).toEqual([]);
  expect(presenceOf(heardByB, 'pres:erin@example.test').length).toBeGreaterThan(0);
  const heardByPopup = (await popup.evaluate(HEARD)) as Heard[];
  expect(heardByPopup.filter((e) => e.type === 'presenceChanged')).toEqual([]);
  // Tab events are the extension pages' only: the popup heard tab A's numbers change, the tabs heard no tab's.
  expect(heardByPopup.some((e) => e.type === 'tabNumbersChanged')).toBe(true);
  expect(heardByB.filter((e) => e.type === 'tabNumbersChanged')).toEqual([]);
});

test('the popup hears a number once it asks for it, as every view does', async () => {
  const popup = await browser.openPage('src/popup/index.html');
  await popup.evaluate(LISTEN);
  const asked = (await popup.evaluate(
    ([e164]) =>
      chrome.runtime
        .sendMessage({ type: 'inspectNumber', payload: { input: e164, region: '' } })
        .then(() => chrome.runtime.sendMessage({ type: 'viewPresence', payload: { e164 } })),
    [ALICE] as const,
  )) as { ok: boolean };
  expect(asked).toMatchObject({ ok: true });
  await publisher.publish(pidf('open'));
  await expect
    .poll(async () => presenceOf((await popup.evaluate(HEARD)) as Heard[], 'pres:alice@example.test').at(-1), {
      timeout: 5000,
    })
    .toBe('available');
});
