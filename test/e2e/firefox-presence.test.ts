// Live presence in Firefox's background (an event page), over WebDriver BiDi: the flow of
// test/e2e/presence.test.ts — a view says it looks at a number, the background SUBSCRIBEs through Kamailio over
// ws:// to loopback (which needs the manifest's own extension-page CSP: manifest.config.ts) and pushes busy,
// then offline, over the event port; with a number's card open on a page its `enum-status-<state>` highlight
// (README "Page annotations") follows; a restarted Kamailio is pushed as the loss and subscribed again; hostile
// bodies are refused for their presentity only; pending and blocked from Kamailio's RFC 5025 rules profile; the
// options page's Test.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { CROWD, crowdUsers } from '../world/crowd.ts';
import { deepBody, HOSTILE_CODES, hugeBody, xxeBody } from '../world/hostile-pidf.ts';
import { DEFAULT_SIP_USERS } from '../world/kamailio.ts';
import {
  ON_THE_PHONE,
  pidf,
  presenceAccount,
  startPresenceWorld,
  type PresenceWorld,
} from '../world/presence-world.ts';
import { startSipNotifier, type SipNotifier } from '../world/sip-notifier.ts';
import { launchFirefoxExtension, type FirefoxExtension } from './firefox/launch.ts';
import { startPageServer, type PageServer } from './firefox/page-server.ts';
import { byLabel, collectPushedEvents, hoverBox, textOf } from './firefox/helpers.ts';
import { readMarks, type PageMark } from './page-marks.ts';
import { inspectAndViewVia } from './presence-events.ts';

const world = inject('world');
let presence: PresenceWorld;
let ruled: PresenceWorld;
let notifier: SipNotifier;
let ext: FirefoxExtension;
let pages: PageServer;

const ALICE = { e164: '+4312345678', pres: 'pres:alice@example.test' };
const MARIA = { pres: 'pres:maria@example.test' };
const [XXE, DEEP, HUGE] = CROWD as [(typeof CROWD)[0], (typeof CROWD)[0], (typeof CROWD)[0]];

const useAccount = (items: ReturnType<typeof presenceAccount>) =>
  ext.inExtension((i) => browser.storage.local.set(i), items);

beforeAll(async () => {
  // maria: +43 664 1234567 publishes pres:maria@example.test (the Firefox numbers page).
  presence = await startPresenceWorld({ users: { ...DEFAULT_SIP_USERS, maria: 'maria-pw', ...crowdUsers() } });
  ruled = await startPresenceWorld({ rules: { alice: { bob: 'confirm', carol: 'block' } } });
  notifier = await startSipNotifier();
  pages = await startPageServer();
  ext = await launchFirefoxExtension();
  await useAccount(presenceAccount(presence.sip, 'bob', world.unboundDoh));
  await collectPushedEvents(ext);
});

afterAll(async () => {
  await ext?.close();
  await pages?.close();
  await notifier?.close();
  await presence?.stop();
  await ruled?.stop();
});

const send = (message: unknown) => ext.inExtension((m) => browser.runtime.sendMessage(m), message);
/** The latest pushed entry of each of `uris`: state and error code (null without one), subscribed. */
const states = (...uris: string[]) =>
  ext.inExtension((uris) => {
    const pushed = (
      window as unknown as {
        pushed: {
          type: string;
          payload: { entry: { uri: string; state: string; subscribed: boolean; error?: { code: string } } };
        }[];
      }
    ).pushed;
    const out: Record<string, { state: string; code: string | null; subscribed: boolean } | undefined> = {};
    for (const uri of uris) {
      const e = pushed.filter((p) => p.type === 'presenceChanged' && p.payload.entry.uri === uri).at(-1)?.payload.entry;
      out[uri] = e && { state: e.state, code: e.error?.code ?? null, subscribed: e.subscribed };
    }
    return out;
  }, uris);
const inspectAndView = (number: { e164: string; pres: string }) => inspectAndViewVia(send, number);

test('Firefox, ws:// to loopback: viewing a number subscribes to its presence; busy and then offline are pushed live', async () => {
  await presence.publish('alice', pidf('open', ON_THE_PHONE));
  await inspectAndView(ALICE);
  await expect
    .poll(() => states(ALICE.pres), { timeout: 10_000 })
    .toEqual({ [ALICE.pres]: { state: 'busy', code: null, subscribed: true } });
  await presence.publish('alice', pidf('closed'));
  await expect
    .poll(() => states(ALICE.pres), { timeout: 1000, interval: 50 })
    .toEqual({ [ALICE.pres]: { state: 'offline', code: null, subscribed: true } });
  // Over ws://, not upgraded to wss:// (Kamailio logs the transport of each request).
  expect(await presence.sip.log()).toMatch(/REQ SUBSCRIBE sip:alice@example\.test from \S+ proto=ws expires=600/);
});

test('Firefox: with its card open, the number is in enum-status-busy within 1 s of the PUBLISH; closed: offline', async () => {
  const page = await ext.browser.newPage();
  await page.goto(`${pages.origin}/numbers.html`);
  await expect.poll(async () => ((await page.evaluate(readMarks())) as PageMark[]).length, { timeout: 15_000 }).toBe(2);
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
  await presence.publish('maria', pidf('open', ON_THE_PHONE, 'maria'));
  await expect.poll(status, { timeout: 1000, interval: 50 }).toEqual(['busy']);
  await presence.publish('maria', pidf('closed', '', 'maria'));
  await expect.poll(status, { timeout: 1000, interval: 50 }).toEqual(['offline']);
  await page.close();
});

test('Firefox, Kamailio restarted: the loss is pushed, then the event page reconnects and subscribes again', async () => {
  const before = await ext.inExtension(() => (window as unknown as { pushed: unknown[] }).pushed.length, null);
  await presence.restart(); // Kamailio keeps subscriptions and published state in memory only: both are gone
  /** alice's entries pushed since the restart: subscribed, and the error code if any. */
  const sinceRestart = () =>
    ext.inExtension(
      ([from, uri]) =>
        (
          window as unknown as {
            pushed: {
              type: string;
              payload: { entry: { uri: string; subscribed: boolean; error?: { code: string } } };
            }[];
          }
        ).pushed
          .slice(from)
          .filter((p) => p.type === 'presenceChanged' && p.payload.entry.uri === uri)
          .map(
            (p) =>
              `${p.payload.entry.subscribed ? 'subscribed' : 'not subscribed'} ${p.payload.entry.error?.code ?? ''}`,
          ),
      [before, ALICE.pres] as const,
    );
  await expect.poll(sinceRestart, { timeout: 5000 }).toContain('not subscribed sip-disconnected');
  // Only a new SUBSCRIBE can bring this document to the event page.
  await expect
    .poll(
      async () => {
        await presence.publish('alice', pidf('open', ON_THE_PHONE));
        return states(ALICE.pres);
      },
      { timeout: 15_000, interval: 1000 },
    )
    .toEqual({ [ALICE.pres]: { state: 'busy', code: null, subscribed: true } });
});

test('Firefox, through Kamailio: an XXE document and one nested 100 deep are refused for their presentity only', async () => {
  for (const n of [XXE, DEEP]) await inspectAndView(n);
  await expect
    .poll(() => states(XXE.pres, DEEP.pres), { timeout: 15_000 })
    .toEqual({
      [XXE.pres]: { state: 'unknown', code: 'no-document', subscribed: true },
      [DEEP.pres]: { state: 'unknown', code: 'no-document', subscribed: true },
    });
  await presence.publish(XXE.user, xxeBody(XXE.user));
  await presence.publish(DEEP.user, deepBody(DEEP.user));
  await expect
    .poll(() => states(XXE.pres, DEEP.pres), { timeout: 5000 })
    .toEqual({
      [XXE.pres]: { state: 'unknown', code: HOSTILE_CODES.xxe, subscribed: true },
      [DEEP.pres]: { state: 'unknown', code: HOSTILE_CODES.deep, subscribed: true },
    });
  // The others live on: a change to alice published afterwards arrives.
  await presence.publish('alice', pidf('open'));
  await expect
    .poll(() => states(ALICE.pres), { timeout: 5000 })
    .toEqual({ [ALICE.pres]: { state: 'available', code: null, subscribed: true } });
});

test('Firefox, from a SIP server that sends it: a 1 MB document is refused for its presentity only', async () => {
  await useAccount(presenceAccount(presence.sip, 'bob', world.unboundDoh, { settings: { sipServer: notifier.url } }));
  await inspectAndView(HUGE);
  const sip = (n: { pres: string }) => n.pres.replace(/^pres:/, 'sip:');
  await expect
    .poll(() => notifier.subscribed().sort(), { timeout: 15_000 })
    .toEqual([ALICE, MARIA, XXE, DEEP, HUGE].map(sip).sort()); // all still wanted, maria's card too
  expect(notifier.notify(sip(HUGE), hugeBody(HUGE.user))).toBe(1);
  await expect
    .poll(() => states(HUGE.pres), { timeout: 5000 })
    .toEqual({ [HUGE.pres]: { state: 'unknown', code: HOSTILE_CODES.huge, subscribed: true } });
  expect(notifier.notify(sip(ALICE), pidf('open', ON_THE_PHONE))).toBe(1);
  await expect
    .poll(() => states(ALICE.pres), { timeout: 5000 })
    .toEqual({ [ALICE.pres]: { state: 'busy', code: null, subscribed: true } });
});

test('Firefox, RFC 5025 rules: pending while the presentity has not confirmed, blocked when it blocks', async () => {
  await useAccount(presenceAccount(ruled.sip, 'bob', world.unboundDoh)); // alice's rules: bob must be confirmed
  await send({ type: 'viewPresence', payload: { e164: ALICE.e164 } });
  await expect
    .poll(() => states(ALICE.pres), { timeout: 10_000 })
    .toMatchObject({ [ALICE.pres]: { state: 'pending', code: null } });
  await useAccount(presenceAccount(ruled.sip, 'carol', world.unboundDoh)); // carol is blocked
  await expect
    .poll(() => states(ALICE.pres), { timeout: 10_000 })
    .toMatchObject({ [ALICE.pres]: { state: 'blocked', code: 'subscription-rejected' } });
});

test('Firefox options page: Test says "connected as … in N ms" with the stored password (wss://), a clear error with a wrong one', async () => {
  await useAccount(presenceAccount(presence.sip, 'bob', world.unboundDoh, { server: 'wss' }));
  const page = await ext.openPage('src/options/index.html', '!!document.getElementById("test-sip")');
  expect(await (await byLabel(page, 'SIP WebSocket server')).evaluate((i) => i.value)).toBe(
    new URL(presence.sip.wss).href,
  );
  await (await page.$('#test-sip'))!.click();
  await expect
    .poll(() => textOf(page, '#sip-test-result'), { timeout: 15_000 })
    .toMatch(/^Connected as bob \(sip:bob@example\.test\) in \d{1,3}(?:,\d{3})* ms\.$/);
  await (await byLabel(page, 'Password')).type('not-bobs-password');
  await (await page.$('#test-sip'))!.click();
  await expect
    .poll(() => textOf(page, '#sip-test-result'), { timeout: 15_000 })
    .toMatch(/^Failed: The SIP server refused the username or password \(401\/407\)\. 407 [^()]* \(sip-auth-failed\)$/);
  await page.close();
});
