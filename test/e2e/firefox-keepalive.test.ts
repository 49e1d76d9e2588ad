// Firefox's event page stays alive while a presence subscription is wanted (README "Live presence";
// docs/presence.md "Firefox event page"). Firefox suspends an idle event page after
// `extensions.background.idle.timeout` (default 30 s) and SIP traffic on its WebSocket does not count as activity,
// so the background makes an extension API call every KEEP_ALIVE_MS while work is pending (platform/lifetime.ts).
// Two Firefox ESR instances with the real default idle timeout, each with a SIP account against its own Kamailio:
// in A a view subscribes to alice and closes; in B (the control) a view subscribes too, then live presence is
// switched off, so nothing is wanted. Then nothing happens for 45 s. A's event page must still be the one marked
// before (same global, same TCP connection to Kamailio) and store the next NOTIFY; B's was suspended meanwhile
// (so this harness lets event pages be suspended). Without the keep-alive A's event page is suspended 30–36 s after
// the view closed and this test fails.
// Meanwhile a third instance, C, whose idle timeout is lowered to 10 s so that its event page is suspended while a
// subscription is wanted (as Firefox may still do, e.g. after a crash of the extension process): a change published
// while it is suspended is there as soon as the page wakes, re-subscribed from storage.session.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, inject, test, type ExpectStatic } from 'vitest';
import { ENTRIES_KEY } from '../../src/background/presence/manager.ts';
import {
  ON_THE_PHONE,
  pidf,
  presenceAccount,
  startPresenceWorld,
  type PresenceWorld,
} from '../world/presence-world.ts';
import { launchFirefoxExtension, type FirefoxExtension } from './firefox/launch.ts';

const world = inject('world');
const IDLE_MS = 45_000;
/** Firefox's own default (ext-backgroundPage.js), set here so no harness default can change it. */
const FIREFOX_IDLE_TIMEOUT_MS = 30_000;
// test/world/zones/README.md: +43 1 2345678 publishes pres:alice@example.test.
const ALICE = { e164: '+4312345678', pres: 'pres:alice@example.test' };
let sipA: PresenceWorld;
let sipB: PresenceWorld;
let sipC: PresenceWorld;
let a: FirefoxExtension;
let b: FirefoxExtension;
let c: FirefoxExtension;

beforeAll(async () => {
  [sipA, sipB, sipC] = await Promise.all([startPresenceWorld(), startPresenceWorld(), startPresenceWorld()]);
  const idle = (ms: number) => ({ 'extensions.background.idle.timeout': ms });
  [a, b, c] = await Promise.all([
    launchFirefoxExtension(undefined, idle(FIREFOX_IDLE_TIMEOUT_MS)),
    launchFirefoxExtension(undefined, idle(FIREFOX_IDLE_TIMEOUT_MS)),
    launchFirefoxExtension(undefined, idle(10_000)),
  ]);
});

afterAll(async () => {
  for (const ext of [a, b, c]) await ext?.close();
  for (const sip of [sipA, sipB, sipC]) await sip?.stop();
});

/** Local ports of Firefox's established TCP connections to `sip`'s WebSocket port. */
const sipSockets = (sip: PresenceWorld) =>
  execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${new URL(sip.sip.ws).port} )`], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((l) => l.includes('"firefox-esr"'))
    .map((l) => l.trim().split(/\s+/)[2]);

/** Run `fn` in a new extension page (a view), then close it: afterwards no view of the extension is open. */
async function inView<A, R>(ext: FirefoxExtension, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  const page = await ext.openPage('src/popup/index.html', 'typeof browser === "object"');
  try {
    return (await page.evaluate(fn as (a: unknown) => unknown, arg)) as R;
  } finally {
    await page.close();
  }
}

/** Mark the event page's global (waking it if it is suspended); returns the mark, or the previous one. */
const markBackground = (ext: FirefoxExtension, mark?: number) =>
  inView(
    ext,
    async (m) => {
      const bg = (await browser.runtime.getBackgroundPage()) as unknown as { keepAliveMark?: number };
      if (m !== null) bg.keepAliveMark = m;
      return bg.keepAliveMark ?? null;
    },
    mark ?? null,
  );

const storedAlice = (ext: FirefoxExtension) =>
  inView(
    ext,
    async ([key, uri]) => {
      const entries = (await browser.storage.session.get(key))[key] as { uri: string }[] | undefined;
      return entries?.find((e) => e.uri === uri) ?? null;
    },
    [ENTRIES_KEY, ALICE.pres] as const,
  );

/** Switch live presence on for bob at `sip` and view alice's number in a view that then closes. */
async function viewAlice(ext: FirefoxExtension, sip: PresenceWorld, expect: ExpectStatic): Promise<void> {
  const viewed = await inView(
    ext,
    async ({ items, e164 }) => {
      await browser.storage.local.set(items);
      await browser.runtime.sendMessage({ type: 'inspectNumber', payload: { input: e164, region: '' } });
      return browser.runtime.sendMessage({ type: 'viewPresence', payload: { e164 } });
    },
    { items: presenceAccount(sip.sip, 'bob', world.unboundDoh), e164: ALICE.e164 },
  );
  expect(viewed).toMatchObject({ ok: true, value: { enabled: true } });
  // Subscribed (Kamailio's first NOTIFY, no document yet) over one WebSocket.
  await expect.poll(() => storedAlice(ext), { timeout: 10_000 }).toMatchObject({ subscribed: true });
  await expect.poll(() => sipSockets(sip), { timeout: 10_000 }).toHaveLength(1);
}

test.concurrent(
  'Firefox: a wanted subscription keeps the event page alive for 45 s without other activity; nothing wanted: it is suspended',
  async ({ expect }) => {
    await viewAlice(a, sipA, expect);
    await viewAlice(b, sipB, expect);
    // B, the control: live presence off, nothing wanted any more; its WebSocket closes.
    await inView(b, (items) => browser.storage.local.set(items), {
      settings: { ...presenceAccount(sipB.sip, 'bob', world.unboundDoh).settings, presence: 'off' },
    });
    await expect.poll(() => sipSockets(sipB), { timeout: 5000 }).toEqual([]);
    const [markA, markB] = [Date.now(), Date.now() + 1];
    expect(await markBackground(a, markA)).toBe(markA);
    expect(await markBackground(b, markB)).toBe(markB);
    const socketA = sipSockets(sipA);

    await new Promise((r) => setTimeout(r, IDLE_MS));

    // A: the same event page (its mark) and the same connection, still subscribed.
    expect(sipSockets(sipA)).toEqual(socketA);
    expect(await markBackground(a)).toBe(markA);
    await sipA.publish('alice', pidf('open', ON_THE_PHONE));
    await expect.poll(() => storedAlice(a), { timeout: 5000 }).toMatchObject({ state: 'busy', subscribed: true });
    expect(sipSockets(sipA)).toEqual(socketA);
    expect(await markBackground(a)).toBe(markA);
    // B: suspended for being idle (asking for its page started a new one, without the mark).
    expect(await markBackground(b)).toBeNull();
  },
  110_000,
);

test.concurrent(
  'Firefox: an event page suspended while a subscription is wanted re-subscribes when it wakes, and has the current state',
  async ({ expect }) => {
    await viewAlice(c, sipC, expect);
    const mark = Date.now();
    expect(await markBackground(c, mark)).toBe(mark);
    // Suspended after C's 10 s: its WebSocket closes with the page.
    await expect.poll(() => sipSockets(sipC), { timeout: 30_000, interval: 500 }).toEqual([]);
    await sipC.publish('alice', pidf('open', ON_THE_PHONE));
    // Only woken (no view asks for alice): the wanted set in storage.session is subscribed again.
    expect(await markBackground(c)).toBeNull();
    await expect.poll(() => storedAlice(c), { timeout: 10_000 }).toMatchObject({ state: 'busy', subscribed: true });
  },
  60_000,
);
