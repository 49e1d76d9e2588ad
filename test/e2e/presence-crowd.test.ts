// At most 50 subscriptions at once (README "Live presence"), in Chromium against Kamailio: 50 numbers with
// presence (the generated crowd, test/world/crowd.ts) inspected in the popup one after another are 50
// SUBSCRIBEs, each showing the state its presentity published. Viewing a 51st — typed into the popup — evicts
// the least recently viewed: SUBSCRIBE Expires: 0 for it at Kamailio, and it is pushed as no longer subscribed.
// (Inspected rather than listed from a page: a page of 50 numbers with resolveOn "visible" is resolved too, but
// 20 at once and then 2 a second (README "Settings", test/e2e/visible-many.test.ts), which only adds 15 s here.)
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { CROWD, crowdUsers } from '../world/crowd.ts';
import { DEFAULT_SIP_USERS } from '../world/kamailio.ts';
import { crowdState, crowdStates, crowdSubscribes, publishCrowd } from '../world/crowd-presence.ts';
import { presenceAccount, startPresenceWorld, type PresenceWorld } from '../world/presence-world.ts';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';
import { inspectAndView, latestEntries, listenForPresence } from './presence-events.ts';

const world = inject('world');
let presence: PresenceWorld;
let browser: ExtensionBrowser;
let popup: Page;

const SHOWN = CROWD.slice(0, 50);
const LAST = CROWD[50]!;

beforeAll(async () => {
  presence = await startPresenceWorld({ users: { ...DEFAULT_SIP_USERS, ...crowdUsers() } });
  await publishCrowd(presence);
  browser = await launchExtension({ spki: world.spki });
  const worker = await browser.worker();
  await worker.evaluate(
    (items) => chrome.storage.local.set(items),
    presenceAccount(presence.sip, 'bob', world.unboundDoh),
  );
  popup = await browser.openPage('src/popup/index.html');
  await listenForPresence(popup);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await presence?.stop();
});

const subscribesTo = (expires: number) => crowdSubscribes(presence.sip, expires);
const states = async () =>
  Object.fromEntries(
    [...(await latestEntries(popup)).values()].map((e) => [
      e.uri,
      `${e.state}${e.subscribed ? '' : ' (not subscribed)'}`,
    ]),
  );

test('50 numbers viewed: 50 subscriptions with their states; a 51st view evicts the least recently viewed', async () => {
  for (const m of SHOWN) await inspectAndView(popup, m);
  await expect.poll(states, { timeout: 60_000, interval: 500 }).toEqual(crowdStates(SHOWN.length));
  expect((await subscribesTo(600)).size).toBe(50);
  expect(await subscribesTo(0)).toEqual(new Set());

  // The background's order of views (storage.session, least recently viewed first): the first inspected goes.
  const worker = await browser.worker();
  const wanted = async () =>
    (
      (await worker.evaluate(() => chrome.storage.session.get('presenceWanted'))).presenceWanted as { uri: string }[]
    ).map((e) => e.uri);
  expect(await wanted()).toEqual(SHOWN.map((m) => m.pres));
  const oldest = SHOWN[0]!;

  await popup.fill('#inspect-input', LAST.written);
  await popup.click('form.inspect button[type=submit]');
  await expect
    .poll(() => popup.locator(`#inspect-result li.presence[data-uri="${LAST.pres}"]`).getAttribute('data-presence'), {
      timeout: 15_000,
    })
    .toBe(crowdState(50));
  await expect.poll(() => subscribesTo(0), { timeout: 10_000 }).toEqual(new Set([oldest.user]));
  expect(await wanted()).toEqual([...SHOWN.slice(1), LAST].map((m) => m.pres));
  // What was known of it stays (last known), no longer live; the other 49 are untouched.
  await expect
    .poll(states, { timeout: 5000 })
    .toEqual({ ...crowdStates(SHOWN.length, 1), [LAST.pres]: crowdState(50) });
});
