// Live presence in Firefox's background (an event page): the same flow as test/e2e/presence.test.ts in
// firefox-esr over WebDriver BiDi — a view says it looks at a number, the background SUBSCRIBEs through Kamailio
// over WebSocket and pushes busy, then offline, over the event port; and on a page, with the number's card open,
// its `enum-status-<state>` highlight (README "Page annotations") follows.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Publisher, UserAgent } from 'sip.js';
import { installWebSocket, presencePublisher, startUserAgent } from '../world/kamailio-client.ts';
import { DEFAULT_SIP_USERS, startKamailio, type Kamailio } from '../world/kamailio.ts';
import { launchFirefoxExtension, type FirefoxExtension } from './firefox/launch.ts';
import { startPageServer, type PageServer } from './firefox/page-server.ts';
import { hoverBox } from './firefox/helpers.ts';
import { readMarks, type PageMark } from './page-marks.ts';

const world = inject('world');
let sip: Kamailio;
let alice: UserAgent;
let publisher: Publisher;
let ext: FirefoxExtension;
let pages: PageServer;

const pidf = (basic: 'open' | 'closed', person = '', who = 'alice') => `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:${who}@example.test">
  <tuple id="t1"><status><basic>${basic}</basic></status></tuple>${person}
</presence>`;

beforeAll(async () => {
  // maria: +43 664 1234567 publishes pres:maria@example.test (the Firefox numbers page).
  sip = await startKamailio({ users: { ...DEFAULT_SIP_USERS, maria: 'maria-pw' } });
  pages = await startPageServer();
  installWebSocket(sip.certFile);
  alice = await startUserAgent(sip.ws, sip.aor('alice'), sip.users.alice!);
  publisher = presencePublisher(alice);
  ext = await launchFirefoxExtension();
  await ext.inExtension(
    async ({ dohUrl, sipServer, password }) => {
      await browser.storage.local.set({
        settings: {
          version: 1,
          dohUrl,
          dohMethod: 'post',
          presence: 'sip',
          sipServer,
          sipAddress: 'sip:bob@example.test',
        },
        sipPassword: password,
      });
      // Collect pushed events as a view does (shared/events.ts EVENTS_PORT).
      const w = window as unknown as { pushed: unknown[] };
      w.pushed = [];
      browser.runtime
        .connect({ name: 'enum-presence-events' })
        .onMessage.addListener((m: unknown) => void w.pushed.push(m));
      // wss://: a ws:// connection to Kamailio's plain port was seen to time out from Firefox's extension pages
      // (docs/presence.md "What remains"). acceptInsecureCerts (launch.ts) trusts the world's certificate.
    },
    { dohUrl: world.unboundDoh, sipServer: sip.wss, password: sip.users.bob! },
  );
});

afterAll(async () => {
  await ext?.close();
  await pages?.close();
  await alice?.stop().catch(() => undefined);
  await sip?.stop();
});

const send = (message: unknown) => ext.inExtension((m) => browser.runtime.sendMessage(m), message);
const latest = () =>
  ext.inExtension(
    () =>
      (window as unknown as { pushed: { type: string; payload: { entry: { uri: string } } }[] }).pushed
        .filter((e) => e.type === 'presenceChanged' && e.payload.entry.uri === 'pres:alice@example.test')
        .at(-1)?.payload.entry,
    null,
  );

test('Firefox: viewing a number subscribes to its presence; busy and then offline are pushed live', async () => {
  await publisher.publish(
    pidf('open', '<dm:person id="p"><rpid:activities><rpid:on-the-phone/></rpid:activities></dm:person>'),
  );
  expect(await send({ type: 'inspectNumber', payload: { input: '+4312345678', region: '' } })).toMatchObject({
    ok: true,
    value: { pres: ['pres:alice@example.test'] },
  });
  expect(await send({ type: 'viewPresence', payload: { e164: '+4312345678' } })).toMatchObject({
    ok: true,
    value: { enabled: true, presence: [{ uri: 'pres:alice@example.test' }] },
  });
  await expect
    .poll(latest, { timeout: 10_000 })
    .toMatchObject({ state: 'busy', subscribed: true, activities: ['on-the-phone'] });
  await publisher.publish(pidf('closed'));
  await expect.poll(latest, { timeout: 1000, interval: 50 }).toMatchObject({ state: 'offline', subscribed: true });
});

test('Firefox: with its card open, the number is in enum-status-busy within 1 s of the PUBLISH; closed: offline', async () => {
  const maria = await startUserAgent(sip.ws, sip.aor('maria'), sip.users.maria!);
  try {
    const publish = presencePublisher(maria);
    const page = await ext.browser.newPage();
    await page.goto(`${pages.origin}/numbers.html`);
    await expect
      .poll(async () => ((await page.evaluate(readMarks())) as PageMark[]).length, { timeout: 15_000 })
      .toBe(2);
    const mark = ((await page.evaluate(readMarks())) as PageMark[]).find((m) => m.where === 'maria')!;
    await hoverBox(page, mark.line);
    const status = () =>
      page.evaluate(() =>
        ['available', 'busy', 'offline', 'unknown'].filter(
          (s) => (CSS.highlights.get(`enum-status-${s}`)?.size ?? 0) > 0,
        ),
      );
    // Subscribed before anything is published: Kamailio's first NOTIFY has no body.
    await expect.poll(status, { timeout: 20_000 }).toEqual(['unknown']);
    await publish.publish(
      pidf('open', '<dm:person id="p"><rpid:activities><rpid:on-the-phone/></rpid:activities></dm:person>', 'maria'),
    );
    await expect.poll(status, { timeout: 1000, interval: 50 }).toEqual(['busy']);
    await publish.publish(pidf('closed', '', 'maria'));
    await expect.poll(status, { timeout: 1000, interval: 50 }).toEqual(['offline']);
    await page.close();
  } finally {
    await maria.stop().catch(() => undefined);
  }
});
