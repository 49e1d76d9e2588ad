// Hostile NOTIFY bodies in Chromium's worker (README "Live presence", hostile data): an XXE document and one
// nested 100 deep, published through Kamailio, which forwards them as they are; a 1 MB document, which
// Kamailio cannot carry over WebSocket, from the test's own SIP server (test/world/sip-notifier.ts). Each is
// refused with `unknown` and the reader's code for that presentity only; the worker lives on, and a change
// to another presentity published afterwards still arrives. A document naming too many, or too long, activities
// still arrives, its activities bounded so that every view takes the entry.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { CROWD, crowdUsers } from '../world/crowd.ts';
import { deepBody, HOSTILE_CODES, hugeBody, manyActivitiesBody, xxeBody } from '../world/hostile-pidf.ts';
import { isPresenceEntry, MAX_ACTIVITIES, MAX_ACTIVITY_CHARS } from '../../src/core/presence/entry.ts';
import { DEFAULT_SIP_USERS } from '../world/kamailio.ts';
import {
  ON_THE_PHONE,
  pidf,
  presenceAccount,
  startPresenceWorld,
  type PresenceWorld,
} from '../world/presence-world.ts';
import { startSipNotifier, type SipNotifier } from '../world/sip-notifier.ts';
import { launchExtension, type ExtensionBrowser } from './chromium.ts';
import { inspectAndView, latestEntries, listenForPresence } from './presence-events.ts';

const world = inject('world');
let presence: PresenceWorld;
let notifier: SipNotifier;
let browser: ExtensionBrowser;
let page: Page;

const ALICE = { e164: '+4312345678', pres: 'pres:alice@example.test' };
const [XXE, DEEP, HUGE] = CROWD as [(typeof CROWD)[0], (typeof CROWD)[0], (typeof CROWD)[0]];

beforeAll(async () => {
  presence = await startPresenceWorld({ users: { ...DEFAULT_SIP_USERS, ...crowdUsers() } });
  notifier = await startSipNotifier();
  browser = await launchExtension({ spki: world.spki });
  const worker = await browser.worker();
  await worker.evaluate(
    (items) => chrome.storage.local.set(items),
    presenceAccount(presence.sip, 'bob', world.unboundDoh),
  );
  page = await browser.openPage('src/popup/index.html');
  await listenForPresence(page);
});

afterAll(async () => {
  await browser?.close();
  await notifier?.close();
  await presence?.stop();
});

const states = async (...uris: string[]) => {
  const latest = await latestEntries(page);
  return Object.fromEntries(
    uris.map((u) => [u, latest.get(u) && { state: latest.get(u)!.state, code: latest.get(u)!.error?.code ?? null }]),
  );
};

test('through Kamailio: an XXE document and one nested 100 deep are refused for their presentity only', async () => {
  for (const n of [ALICE, XXE, DEEP]) await inspectAndView(page, n);
  // Subscribed, nothing published yet: Kamailio's first NOTIFY has no body.
  await expect
    .poll(() => states(ALICE.pres, XXE.pres, DEEP.pres), { timeout: 15_000 })
    .toEqual({
      [ALICE.pres]: { state: 'unknown', code: 'no-document' },
      [XXE.pres]: { state: 'unknown', code: 'no-document' },
      [DEEP.pres]: { state: 'unknown', code: 'no-document' },
    });
  await presence.publish(XXE.user, xxeBody(XXE.user));
  await presence.publish(DEEP.user, deepBody(DEEP.user));
  await expect
    .poll(() => states(XXE.pres, DEEP.pres), { timeout: 5000 })
    .toEqual({
      [XXE.pres]: { state: 'unknown', code: HOSTILE_CODES.xxe },
      [DEEP.pres]: { state: 'unknown', code: HOSTILE_CODES.deep },
    });
  const latest = await latestEntries(page);
  expect(latest.get(XXE.pres)?.error?.message).toMatch(/DOCTYPE/);
  expect(latest.get(DEEP.pres)?.error?.message).toMatch(/nested deeper than 32/);
  expect(JSON.stringify([...latest.values()])).not.toContain('root:'); // nothing of /etc/passwd
  // The other subscriptions live on: a change published afterwards arrives, and so does a good document
  // from the presentity that sent the bad one.
  await presence.publish('alice', pidf('open', ON_THE_PHONE));
  await presence.publish(XXE.user, pidf('closed', '', XXE.user));
  await expect
    .poll(() => states(ALICE.pres, XXE.pres, DEEP.pres), { timeout: 5000 })
    .toEqual({
      [ALICE.pres]: { state: 'busy', code: null },
      [XXE.pres]: { state: 'offline', code: null },
      [DEEP.pres]: { state: 'unknown', code: HOSTILE_CODES.deep },
    });
});

test('from a SIP server that sends it: a 1 MB document is refused for its presentity only', async () => {
  const worker = await browser.worker();
  // The account moves to the test's SIP server; the worker reconnects and subscribes what is wanted there.
  await worker.evaluate(
    (items) => chrome.storage.local.set(items),
    presenceAccount(presence.sip, 'bob', world.unboundDoh, { settings: { sipServer: notifier.url } }),
  );
  await inspectAndView(page, HUGE);
  const targets = [ALICE, XXE, DEEP, HUGE].map((n) => n.pres.replace(/^pres:/, 'sip:')).sort();
  await expect.poll(() => notifier.subscribed().sort(), { timeout: 15_000 }).toEqual(targets);
  expect(notifier.notify(HUGE.pres.replace(/^pres:/, 'sip:'), hugeBody(HUGE.user))).toBe(1);
  await expect
    .poll(() => states(HUGE.pres), { timeout: 5000 })
    .toEqual({ [HUGE.pres]: { state: 'unknown', code: HOSTILE_CODES.huge } });
  expect((await latestEntries(page)).get(HUGE.pres)?.error?.message).toMatch(/at most 65536 are accepted/);
  expect(notifier.notify('sip:alice@example.test', pidf('closed'))).toBe(1);
  await expect
    .poll(() => states(ALICE.pres, HUGE.pres), { timeout: 5000 })
    .toEqual({
      [ALICE.pres]: { state: 'offline', code: null },
      [HUGE.pres]: { state: 'unknown', code: HOSTILE_CODES.huge },
    });
});

test('a document with 101 activities, one of 200 characters, arrives as busy in an entry every view accepts', async () => {
  // The account is on the test's SIP server since the previous test, subscribed to alice among others.
  expect(notifier.notify('sip:alice@example.test', manyActivitiesBody('alice'))).toBe(1);
  await expect
    .poll(() => states(ALICE.pres), { timeout: 5000 })
    .toEqual({ [ALICE.pres]: { state: 'busy', code: null } });
  const entry = (await latestEntries(page)).get(ALICE.pres)!;
  expect(entry.activities).toHaveLength(MAX_ACTIVITIES);
  expect(entry.activities[0]).toBe(`${'a'.repeat(MAX_ACTIVITY_CHARS - 1)}…`);
  expect(entry.activities[1]).toBe('new-0');
  // What the card and the popup check before they show a pushed entry (shared/events.ts).
  expect(isPresenceEntry(entry)).toBe(true);
});
