// Live presence in the background worker of Debian's Chromium, against Kamailio on loopback: a view says it is
// looking at a number (viewPresence), the worker SUBSCRIBEs through the user's SIP server over the browser's
// WebSocket and pushes each change over the event port (presenceChanged); a SIP.js publisher in Node changes the
// presentity. Also: a wrong password, and a stopped worker re-subscribing from storage.session.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ON_THE_PHONE,
  pidf,
  presenceAccount,
  startPresenceWorld,
  type PresenceWorld,
} from '../world/presence-world.ts';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';
import { latestEntry, listenForPresence, sendFrom, type PushedEntry } from './presence-events.ts';

const world = inject('world');
let presence: PresenceWorld;
let browser: ExtensionBrowser;
let page: Page;

// +43 1 2345678 publishes pres:alice@example.test; example.test has _pres._sip SRV (test/world/zones/README.md).
const ALICE = '+4312345678';
// +43 1 2345712 publishes pres:carol@example.test with TTL 0: resolvers answer it, nobody caches it.
const CAROL = '+4312345712';

beforeAll(async () => {
  presence = await startPresenceWorld();
  browser = await launchExtension({ spki: world.spki });
  const worker = await browser.worker();
  await worker.evaluate(
    (items) => chrome.storage.local.set(items),
    presenceAccount(presence.sip, 'bob', world.unboundDoh),
  );
  page = await browser.openPage('src/popup/index.html');
  await listen();
});

afterAll(async () => {
  await browser?.close();
  await presence?.stop();
});

const listen = () => listenForPresence(page);
const latest = () => latestEntry(page, 'pres:alice@example.test');
const send = (message: unknown) => sendFrom(page, message);
const subscribes = async () =>
  ((await presence.sip.log()).match(/REQ SUBSCRIBE sip:alice@example\.test .* expires=600/g) ?? []).length;

test('viewing a number subscribes to its presence; busy and then offline are pushed live', async () => {
  await presence.publish('alice', pidf('open', ON_THE_PHONE));
  // The card resolves the number first; viewPresence watches only the presence URIs of an answer it was given.
  expect(await send({ type: 'viewPresence', payload: { e164: ALICE } })).toEqual({
    ok: true,
    value: { enabled: true, presence: [] },
  });
  expect(await send({ type: 'inspectNumber', payload: { input: ALICE, region: '' } })).toMatchObject({
    ok: true,
    value: { pres: ['pres:alice@example.test'] },
  });
  const viewed = (await send({ type: 'viewPresence', payload: { e164: ALICE } })) as {
    ok: boolean;
    value: { enabled: boolean; presence: PushedEntry[] };
  };
  expect(viewed).toMatchObject({ ok: true, value: { enabled: true, presence: [{ uri: 'pres:alice@example.test' }] } });
  await expect
    .poll(latest, { timeout: 5000 })
    .toMatchObject({ state: 'busy', subscribed: true, activities: ['on-the-phone'], note: 'Call me later' });

  await presence.publish('alice', pidf('closed'));
  // Kamailio notified within tens of ms in the library measurement (docs/presence.md): 1 s is plenty.
  await expect.poll(latest, { timeout: 1000, interval: 50 }).toMatchObject({ state: 'offline', subscribed: true });
  // Viewing it again answers from what is known, without a new SUBSCRIBE.
  const before = await subscribes();
  expect(await send({ type: 'viewPresence', payload: { e164: ALICE } })).toMatchObject({
    value: { presence: [{ state: 'offline' }] },
  });
  expect(await subscribes()).toBe(before);
});

test('a number whose answer has TTL 0 (never cached) is watched all the same, and its changes are pushed', async () => {
  await presence.publish('carol', pidf('open', ON_THE_PHONE, 'carol'));
  expect(await send({ type: 'inspectNumber', payload: { input: CAROL, region: '' } })).toMatchObject({
    ok: true,
    value: { status: 'found', ttl: 0, pres: ['pres:carol@example.test'] },
  });
  expect(await send({ type: 'viewPresence', payload: { e164: CAROL } })).toMatchObject({
    ok: true,
    value: { enabled: true, presence: [{ uri: 'pres:carol@example.test' }] },
  });
  const carol = () => latestEntry(page, 'pres:carol@example.test');
  await expect.poll(carol, { timeout: 5000 }).toMatchObject({ state: 'busy', subscribed: true });
  await presence.publish('carol', pidf('closed', '', 'carol'));
  await expect.poll(carol, { timeout: 5000 }).toMatchObject({ state: 'offline', subscribed: true });
});

test('a stopped worker re-subscribes what is still wanted (storage.session) and pushes again', async () => {
  const before = await subscribes();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  // The next message starts a new worker; at start it restores the wanted set and subscribes again.
  await expect
    .poll(() => send({ type: 'viewPresence', payload: { e164: ALICE } }).catch(() => undefined), { timeout: 10_000 })
    .toMatchObject({ ok: true });
  await expect.poll(subscribes, { timeout: 5000 }).toBeGreaterThan(before);
  await listen(); // the old worker's port closed with it
  await presence.publish('alice', pidf('open'));
  await expect.poll(latest, { timeout: 5000 }).toMatchObject({ state: 'available', subscribed: true });
});

test('a restarted SIP server: the loss is pushed, then the worker reconnects and subscribes again', async () => {
  await presence.restart(); // Kamailio keeps subscriptions and published state in memory only: both are gone
  await expect
    .poll(latest, { timeout: 5000 })
    .toMatchObject({ subscribed: false, error: { code: 'sip-disconnected' } });
  // Only a new SUBSCRIBE can bring this document to the worker.
  await expect
    .poll(
      async () => {
        await presence.publish('alice', pidf('open', ON_THE_PHONE.replace('Call me later', 'Back after the restart')));
        return latest();
      },
      { timeout: 15_000, interval: 1000 },
    )
    .toMatchObject({ state: 'busy', subscribed: true, note: 'Back after the restart' });
});

test("the options page's Test: connected as the user with the stored password; a typed wrong one is refused (407)", async () => {
  const account = { sipServer: presence.sip.ws, sipAddress: 'sip:bob@example.test', sipUsername: '' };
  expect(await send({ type: 'testSip', payload: { ...account, password: '' } })).toEqual({
    ok: true,
    value: { connected: true, as: 'bob (sip:bob@example.test)', latencyMs: expect.any(Number) },
  });
  expect(await send({ type: 'testSip', payload: { ...account, password: 'wrong' } })).toMatchObject({
    ok: true,
    value: { connected: false, error: { code: 'sip-auth-failed' } },
  });
  expect(
    await send({ type: 'testSip', payload: { ...account, sipServer: 'ws://sip.example.test/', password: '' } }),
  ).toMatchObject({ ok: false, error: { code: 'invalid-setting' } });
});

test('a wrong password is pushed as a clear error', async () => {
  const worker = await browser.worker();
  await worker.evaluate(() => chrome.storage.local.set({ sipPassword: 'not-bobs-password' }));
  await expect
    .poll(latest, { timeout: 5000 })
    .toMatchObject({ state: 'unknown', subscribed: false, error: { code: 'sip-auth-failed' } });
  expect((await latest())?.error?.message).toMatch(/^407 /);
});
