// At most 50 subscriptions at once (README "Live presence"), in Firefox's event page against Kamailio: the flow
// of test/e2e/presence-crowd.test.ts over WebDriver BiDi. 50 numbers with presence (the generated crowd,
// test/world/crowd.ts) inspected from an extension page one after another are 50 SUBSCRIBEs, each pushed over
// the event port with the state its presentity published, and the background's order of views in
// storage.session is the order they were inspected in. Viewing a 51st — typed into the popup — evicts the least
// recently viewed: SUBSCRIBE Expires: 0 for it alone at Kamailio, pushed as no longer subscribed with its last
// known state; the other 49 stay subscribed, unchanged.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { WANTED_KEY } from '../../src/background/presence/manager.ts';
import { CROWD, crowdUsers } from '../world/crowd.ts';
import { DEFAULT_SIP_USERS } from '../world/kamailio.ts';
import { crowdState, crowdStates, crowdSubscribes, publishCrowd } from '../world/crowd-presence.ts';
import { presenceAccount, startPresenceWorld, type PresenceWorld } from '../world/presence-world.ts';
import { collectPushedEvents } from './firefox/helpers.ts';
import { launchFirefoxExtension, type FirefoxExtension } from './firefox/launch.ts';
import { inspectAndViewVia } from './presence-events.ts';

const world = inject('world');
let presence: PresenceWorld;
let ext: FirefoxExtension;

const SHOWN = CROWD.slice(0, 50);
const LAST = CROWD[50]!;

beforeAll(async () => {
  presence = await startPresenceWorld({ users: { ...DEFAULT_SIP_USERS, ...crowdUsers() } });
  await publishCrowd(presence);
  ext = await launchFirefoxExtension();
  await ext.inExtension((i) => browser.storage.local.set(i), presenceAccount(presence.sip, 'bob', world.unboundDoh));
  await collectPushedEvents(ext);
}, 120_000);

afterAll(async () => {
  await ext?.close();
  await presence?.stop();
});

const send = (message: unknown) => ext.inExtension((m) => browser.runtime.sendMessage(m), message);
const inspectAndView = (number: { e164: string; pres: string }) => inspectAndViewVia(send, number);

const subscribesTo = (expires: number) => crowdSubscribes(presence.sip, expires);
/** The latest pushed state of each URI, "(not subscribed)" added when it is no longer live. */
const states = () =>
  ext.inExtension(() => {
    const pushed = (
      window as unknown as {
        pushed: { type: string; payload: { entry: { uri: string; state: string; subscribed: boolean } } }[];
      }
    ).pushed;
    const out: Record<string, string> = {};
    for (const { type, payload } of pushed)
      if (type === 'presenceChanged')
        out[payload.entry.uri] = `${payload.entry.state}${payload.entry.subscribed ? '' : ' (not subscribed)'}`;
    return out;
  }, null);
/** The background's order of views (storage.session, least recently viewed first). */
const wanted = () =>
  ext.inExtension(
    async (key) => ((await browser.storage.session.get(key))[key] as { uri: string }[]).map((e) => e.uri),
    WANTED_KEY,
  );

test('Firefox: 50 numbers viewed, 50 subscriptions with their states; a 51st view evicts the least recently viewed', async () => {
  for (const m of SHOWN) await inspectAndView(m);
  await expect.poll(states, { timeout: 60_000, interval: 500 }).toEqual(crowdStates(SHOWN.length));
  expect((await subscribesTo(600)).size).toBe(50);
  expect(await subscribesTo(0)).toEqual(new Set());
  expect(await wanted()).toEqual(SHOWN.map((m) => m.pres));
  const oldest = SHOWN[0]!;

  // The 51st, typed into the popup (a second view; the first keeps hearing about the 50 it asked for).
  const popup = await ext.openPage('src/popup/index.html', '!!document.getElementById("inspect-input")');
  await popup.type('#inspect-input', LAST.written);
  await (await popup.$('form.inspect button[type=submit]'))!.click();
  const shown = `#inspect-result li.presence[data-uri="${LAST.pres}"]`;
  await expect
    .poll(() => popup.evaluate((s) => document.querySelector(s)?.getAttribute('data-presence') ?? null, shown), {
      timeout: 15_000,
    })
    .toBe(crowdState(50));
  await expect.poll(() => subscribesTo(0), { timeout: 10_000 }).toEqual(new Set([oldest.user]));
  expect(await wanted()).toEqual([...SHOWN.slice(1), LAST].map((m) => m.pres));
  // What was known of it stays (last known), no longer live; the other 49 are untouched. (The 51st is pushed
  // only to the popup, the view that asked for it.)
  await expect.poll(states, { timeout: 5000 }).toEqual(crowdStates(SHOWN.length, 1));
  expect((await subscribesTo(600)).size).toBe(51);
  await popup.close();
});
